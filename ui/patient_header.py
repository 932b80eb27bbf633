"""The patient page's heading: who (initials, born, sex), the study and protocol version,
the arm and dose, the status in its colour, the first dose and the study day."""

from __future__ import annotations

from app.rules.dates import fmt_date
from app.rules.protocol import Protocol
from app.services.patients import PatientPage
from ui.i18n import tr
from ui.style import patient_colour


def patient_header(page: PatientPage, protocol: Protocol) -> str:
    """In the user's language, but the record as recorded (IDs, codes, dates)."""
    f = page.form
    word, colour = tr(page.status_text), patient_colour(page.status)
    dose = protocol.dose_text(f.dose_level)
    arm = tr("Part {part} · ").format(part=f.part) + (
        tr("cohort {cohort} at {dose}").format(cohort=f.cohort, dose=dose) if f.cohort
        else tr("dose level {dose}").format(dose=dose))
    if page.days_on_study is None:
        days = ""
    elif page.left_study is not None:  # off study: the day they left, not a running count
        days = tr(" · left on Study Day {days_on_study} ({left_study})").format(
                days_on_study=page.days_on_study, left_study=fmt_date(page.left_study))
    else:
        days = tr(" · Study Day {days_on_study}").format(days_on_study=page.days_on_study)
    if page.first_dose:
        first = tr(" · first dose {first_dose}").format(first_dose=fmt_date(page.first_dose))
    elif f.planned_first_dose:
        first = tr(" · planned first dose {planned_first_dose}").format(
            planned_first_dose=fmt_date(f.planned_first_dose))
    else:
        first = ""
    born = tr("born {year_of_birth}").format(year_of_birth=f.year_of_birth or "?")
    return (
        f"<span style='font-size:16pt; font-weight:bold'>{f.subject_id}</span>"
        f"&nbsp;&nbsp;{f.initials} · {born} · {f.sex or '?'}"
        f"&nbsp;&nbsp;<b>{page.study}</b> ({page.protocol_version})"
        f"<br>{arm} · <b style='color:{colour}'>{word}</b>{first}{days}"
        + (tr("<br>Screen failure on {screen_fail_date}: {screen_fail_reason}").format(
            screen_fail_date=fmt_date(page.screen_fail_date),
            screen_fail_reason=page.screen_fail_reason) if page.screen_fail_date else ""))
