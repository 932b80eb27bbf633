"""The patient header's Study Day (Day 1 = C1D1, no Day 0): a running count on study, the
day they left once off study."""

from __future__ import annotations

from datetime import date

from app.rules.protocol import default_protocol
from app.services.disposition import DispositionForm, set_disposition
from app.services.patients import patient_page
from tests.ui.conftest import TODAY
from ui.context import Context
from ui.main_window import MainWindow
from ui.patient_header import patient_header

C1D1 = date(2026, 1, 12)


def _header(ctx, pid, today: date) -> str:  # type: ignore[no-untyped-def]
    page = patient_page(ctx.db, ctx.protocol, pid, today)
    return patient_header(page, ctx.protocol)


def test_the_study_day_counts_from_c1d1_and_stops_the_day_they_left(qtbot, ctx, dosed):
    assert "Study Day 1<" in _header(ctx, dosed, C1D1) + "<"
    assert "Study Day -1<" in _header(ctx, dosed, date(2026, 1, 11)) + "<"   # no Day 0
    assert "Study Day 50<" in _header(ctx, dosed, TODAY) + "<"            # 02-MAR-2026
    withdrew = date(2026, 2, 20)                                          # Study Day 40
    set_disposition(ctx.db, ctx.protocol, dosed, DispositionForm(
        last_dose_date=date(2026, 2, 19), end_of_treatment_reason="withdrawal",
        withdrawal_date=withdrew), TODAY)
    for today in (withdrew, withdrew.replace(day=21), TODAY, date(2026, 9, 1)):
        page = patient_page(ctx.db, ctx.protocol, dosed, today)
        assert (page.left_study, page.days_on_study) == (withdrew, 40)
    assert "left on Study Day 40 (20-FEB-2026)" in _header(ctx, dosed, TODAY)
    # on the patient's page, as the nurse sees it
    window = MainWindow(Context(ctx.db, default_protocol(), clock=lambda: date(2026, 9, 1)))
    qtbot.addWidget(window)
    window.open_patient(dosed)
    text = window.patient_view.header.text()
    assert "left on Study Day 40 (20-FEB-2026)" in text and "Study Day 2" not in text
