"""Verify some fields of one record: its fields listed, each ticked with Space, Ctrl+S
verifies those ticked (the others stay as they were)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from app.rules.sdv import target_field_word
from app.services.sdv import SdvRow, target_fields, verify
from ui.context import Context
from ui.forms import FormDialog
from ui.i18n import said, tr


class FieldsDialog(FormDialog):
    ask_before_discard = False  # ticks only: nothing typed to lose
    help_page = "monitoring"

    def __init__(self, ctx: Context, row: SdvRow, parent: QWidget | None = None) -> None:
        super().__init__(tr("Verify fields"), parent)
        self.ctx, self.row = ctx, row
        self.intro.setText(tr("{subject_id} · {what}: tick the fields verified against the "
                              "source (Space), then Ctrl+S").format(subject_id=row.subject_id,
                                                                  what=said(row.what)))
        self.intro.show()
        self.list = QListWidget()
        self.list.setAccessibleName(tr("Fields"))
        for name in target_fields(ctx.db, row.key):
            item = QListWidgetItem(tr(target_field_word(name)), self.list)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.list.setCurrentRow(0)
        self.add("fields", tr("Fields"), self.list)
        self.buttons.button(self.buttons.StandardButton.Save).setText(tr("Verify"))

    def ticked(self) -> list[str]:
        return [str(self.list.item(i).data(Qt.ItemDataRole.UserRole))
                for i in range(self.list.count())
                if self.list.item(i).checkState() == Qt.CheckState.Checked]

    def save(self) -> None:
        def act() -> None:
            verify(self.ctx.db, [self.row.key], self.ctx.now(), fields=self.ticked())

        if self.attempt(act):
            self.accept()
