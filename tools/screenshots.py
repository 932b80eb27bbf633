"""Render the main screens on a fresh demo database into docs/screenshots/ (offscreen).

`make screenshots` runs this; the README shows the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app.rules.protocol import default_protocol  # noqa: E402
from app.services.database import open_site_database  # noqa: E402
from app.services.demo import seed_demo  # noqa: E402
from app.services.patients import find_patient  # noqa: E402

TODAY = date(2026, 11, 25)


def main(out: Path = ROOT / "docs" / "screenshots") -> None:
    from PySide6.QtWidgets import QApplication

    from ui.context import Context
    from ui.main_window import MainWindow
    from ui.places.numbers import ADVERSE_EVENTS, DEVIATIONS, ESCALATION, RESPONSE, WORKLIST

    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_site_database(f"sqlite:///{Path(tmp) / 'demo.sqlite'}")
        protocol = default_protocol()
        seed_demo(db, protocol, TODAY, patients=40)
        app = QApplication.instance() or QApplication(sys.argv)
        app.setStyle("Fusion")
        from datetime import datetime

        from app.services.accounts import sign_in

        signed = sign_in(db, "nurse", "demo", datetime.now().astimezone())  # the demo's
        window = MainWindow(Context(db, protocol, clock=lambda: TODAY, demo=True,
                                    signed=signed))
        window.resize(1400, 820)
        window.show()
        window.today.refresh()
        app.processEvents()
        window.grab().save(str(out / "today.png"))
        window.go(WORKLIST)
        app.processEvents()
        window.grab().save(str(out / "worklist.png"))
        subject = next(r for r in window.worklist.model.rows if r.status == "open")
        window.open_patient(subject.patient_id)
        view = window.patient_view
        app.processEvents()
        window.grab().save(str(out / "patient.png"))
        row = next(r for r in view.page.calendar if r.status == "open")
        dialog = view.visit_dialog(row.code)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(out / "visit-dialog.png"))
        dialog.reject()
        # a patient in the cycle 1 PK days: the lead-in's tubes
        pk_patient = find_patient(db, "101-003")
        window.open_patient(pk_patient)
        pk_dialog = window.patient_view.pk_dialog("LI")
        pk_dialog.show()
        app.processEvents()
        pk_dialog.grab().save(str(out / "pk-dialog.png"))
        pk_dialog.reject()
        # the AE dialog, with NCI's dictionary where this machine has it
        reference = ROOT.parent / "shared" / "reference" / "ctcae" / "CTCAE_v5.0.xlsx"
        if reference.exists():
            from app.services.dictionary import import_dictionary

            import_dictionary(db, reference)
        ae_dialog = window.patient_view.ae_dialog(None)
        ae_dialog.search.setText("neutro")
        ae_dialog._search("neutro")
        ae_dialog.show()
        app.processEvents()
        ae_dialog.grab().save(str(out / "ae-dialog.png"))
        ae_dialog.reject()
        window.go(ADVERSE_EVENTS)
        app.processEvents()
        window.grab().save(str(out / "adverse-events.png"))
        window.go(RESPONSE)
        response = window.place(RESPONSE)
        while getattr(response, "reading", None) is not None:  # results and pictures off
            app.processEvents()                                # the GUI thread: shown
            time.sleep(0.02)
        app.processEvents()
        window.grab().save(str(out / "response.png"))
        # a PK day's worksheet, first page, as printed
        from app.services.worksheets import worksheet_data
        from reports.worksheet import write_worksheets
        from ui.worksheet_preview import render_pages

        pdf = Path(tmp) / "worksheet.pdf"
        write_worksheets([worksheet_data(db, protocol, pk_patient, "C1D15", TODAY)], pdf)
        next(iter(render_pages(pdf, scale=1.2))).save(str(out / "worksheet.png"))
        window.go(DEVIATIONS)
        app.processEvents()
        window.grab().save(str(out / "deviations.png"))
        window.go(ESCALATION)
        app.processEvents()
        window.grab().save(str(out / "escalation.png"))
        held = next((pid for pid in range(1, 41) if patient_has_dosing(db, pid)), None)
        if held is not None:
            window.open_patient(held)
            view = window.patient_view
            view.tabs.setCurrentWidget(view.dosing_tab)
            app.processEvents()
            window.grab().save(str(out / "dosing.png"))
        window.close()
        # the same site in Simplified Chinese: the words change, the record does not
        from ui import i18n

        i18n.install("zh_CN")
        try:
            chinese = MainWindow(Context(db, protocol, clock=lambda: TODAY, demo=True,
                                         signed=signed))
            chinese.resize(1400, 820)
            chinese.show()
            chinese.open_patient(subject.patient_id)
            app.processEvents()
            chinese.grab().save(str(out / "patient-zh_CN.png"))
            chinese.close()
        finally:
            i18n.install("en")
        db.close()
    print(f"screenshots written to {out}")


def patient_has_dosing(db, patient_id: int) -> bool:  # type: ignore[no-untyped-def]
    """A demo patient with a hold and study drug dispensed: the Dosing tab's picture."""
    from app.services.dosing import dosing_page

    page = dosing_page(db, patient_id, TODAY)
    return bool(page.modifications and page.supplies)


if __name__ == "__main__":
    main()
