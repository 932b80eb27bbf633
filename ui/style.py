"""Status words and colours: always a word and a colour together, never colour alone."""

from __future__ import annotations

from PySide6.QtGui import QColor

# status -> (word, text colour, background)
STATUS = {
    "planned": ("Planned", "#4b5563", "#f3f4f6"),
    "open": ("Open", "#1d4ed8", "#dbeafe"),
    "overdue": ("Overdue", "#b91c1c", "#fee2e2"),
    "done": ("Done", "#15803d", "#dcfce7"),
    "done_out_of_window": ("Done out of window", "#92400e", "#fef3c7"),
    "missed": ("Missed", "#7f1d1d", "#fecaca"),
    "cancelled": ("Cancelled", "#6b7280", "#ffffff"),
}

PATIENT_STATUS = {
    "screening": ("Screening", "#4b5563"),
    "screen_failed": ("Screen failure", "#6b7280"),
    "on_treatment": ("On treatment", "#1d4ed8"),
    "follow_up": ("Follow-up", "#7c3aed"),
    "off_study": ("Off study", "#374151"),
}


def status_word(status: str) -> str:
    return STATUS.get(status, (status.replace("_", " ").capitalize(),))[0]


def status_colours(status: str) -> tuple[QColor, QColor] | None:
    style = STATUS.get(status)
    if style is None:
        return None
    return QColor(style[1]), QColor(style[2])
