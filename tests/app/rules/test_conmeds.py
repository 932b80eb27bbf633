"""Con-meds and medical history: what a form must hold, partial dates, prohibited drugs,
and the history's grade as the baseline of an AE of the same term (the TEAE rule)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.errors import InvalidEntry
from app.rules.conmeds import (
    ConMedForm,
    HistoryForm,
    HistoryItem,
    check_conmed,
    check_history,
    check_span,
    history_baseline,
    prohibited_match,
)
from app.rules.ctcae import CtcaeEntry
from app.rules.dates import fmt_date
from app.rules.protocol import default_protocol
from app.rules.safety import GradeSpell, emergence

TODAY = date(2026, 6, 15)
NAUSEA = CtcaeEntry("10028813", "Nausea", "Gastrointestinal disorders", "Loss of appetite",
                    "Oral intake decreased", "Inadequate oral intake", None, None, None, None)


def form(**kw: object) -> ConMedForm:
    base = {"drug": "Ondansetron", "dose": "8", "unit": "mg", "route": "oral",
            "frequency": "BID", "indication": "Nausea", "start": "UN-MAR-2026",
            "ongoing": True}
    return ConMedForm(**{**base, **kw})  # type: ignore[arg-type]


def test_a_con_med_with_a_partial_start_is_kept_as_entered():
    c = check_conmed(form(), TODAY)
    assert (c.drug, c.dose, c.unit) == ("Ondansetron", 8.0, "mg")
    assert c.span.start == date(2026, 3, 1) and c.span.start_partial == "UN-MAR-2026"
    assert c.span.ongoing and c.span.end is None


@pytest.mark.parametrize(("kw", "field"), [
    ({"drug": "  "}, "drug"), ({"dose": "eight"}, "dose"), ({"dose": "0"}, "dose"),
    ({"unit": ""}, "unit"), ({"indication": ""}, "indication"), ({"start": ""}, "start"),
    ({"start": "32-JAN-2026"}, "start"), ({"start": "UN-JUL-2026"}, "start"),
    ({"ongoing": False}, "end"), ({"end": "01-APR-2026"}, "end"),
    ({"ongoing": False, "end": "28-FEB-2026"}, "end"),
    ({"ongoing": False, "end": "16-JUN-2026"}, "end"),
])
def test_bad_con_med_entries_name_their_field(kw, field):
    with pytest.raises(InvalidEntry) as err:
        check_conmed(form(**kw), TODAY)
    assert err.value.field == field


def test_an_end_in_the_start_month_is_allowed_when_the_day_is_unknown():
    c = check_conmed(form(ongoing=False, end="01-MAR-2026"), TODAY)
    assert c.span.end == date(2026, 3, 1)


@given(st.dates(date(2000, 1, 1), TODAY), st.integers(0, 400))
def test_an_end_is_never_before_its_start(start, days):
    end = start + timedelta(days=days)
    if end > TODAY:
        with pytest.raises(InvalidEntry):
            check_span(fmt_date(start), fmt_date(end), False, TODAY)
        return
    span = check_span(fmt_date(start), fmt_date(end), False, TODAY)
    assert span.start == start and span.end == end
    if days:
        with pytest.raises(InvalidEntry) as err:
            check_span(fmt_date(end), fmt_date(start), False, TODAY)
        assert err.value.field == "end"


@pytest.mark.parametrize(("drug", "flag"), [
    ("Ketoconazole", "strong CYP3A inhibitor"), ("clarithromycin 500 mg", "strong CYP3A "
                                                 "inhibitor"),
    ("RIFAMPICIN", "strong CYP3A inducer"), ("Paracetamol", None),
    ("ketoconazoles", None),
])
def test_prohibited_drugs_of_the_protocol_are_flagged(drug, flag):
    found = prohibited_match(drug, default_protocol().prohibited)
    if flag is None:
        assert found is None
    else:
        assert found is not None and flag in found


def test_a_history_item_takes_a_ctcae_term_and_a_grade_it_has():
    h = check_history(HistoryForm("Nausea", 1, "UN-UNK-2025"), NAUSEA, TODAY)
    assert (h.term, h.grade, h.span.start_partial) == ("Nausea", 1, "UN-UNK-2025")
    for f, entry, field in [(HistoryForm("", 1), NAUSEA, "term"),
                            (HistoryForm("Nausia", 1), None, "term"),
                            (HistoryForm("Nausea", 4), NAUSEA, "grade"),
                            (HistoryForm("Nausea", 5), NAUSEA, "grade"),
                            (HistoryForm("Nausea", None), NAUSEA, "grade")]:
        with pytest.raises(InvalidEntry) as err:
            check_history(f, entry, TODAY)
        assert err.value.field == field
    # a past condition needs no grade, but its end
    assert check_history(HistoryForm("Nausea", None, "", "UN-UNK-2020", False), NAUSEA,
                         TODAY).grade is None


FIRST = date(2026, 3, 10)


def test_the_baseline_is_an_ongoing_history_item_of_the_same_term():
    items = [HistoryItem("Nausea", 1, True, None), HistoryItem("Fatigue", 2, False,
                                                                date(2025, 1, 1)),
             HistoryItem("Anemia", 2, False, date(2026, 3, 20))]
    assert history_baseline("Nausea", items, FIRST) == 1
    assert history_baseline("Fatigue", items, FIRST) is None  # over before the first dose
    assert history_baseline("Anemia", items, FIRST) == 2  # still there at the first dose
    assert history_baseline(None, items, FIRST) is None


@pytest.mark.parametrize(("grades", "teae"), [((1,), False), ((1, 2), True), ((2,), True)])
def test_an_ae_of_a_history_term_is_emergent_only_when_worse(grades, teae):
    spells = [GradeSpell(g, FIRST + timedelta(days=5 + 3 * i)) for i, g in enumerate(grades)]
    e = emergence(spells[0].start, spells, FIRST, None, 30, history_grade=1)
    assert e.teae is teae
    assert e.baseline_grade == 1
    if teae:
        assert e.worsened_on == next(s.start for s in spells if s.grade > 1)
    # without history, the same AE is emergent from its onset
    assert emergence(spells[0].start, spells, FIRST, None, 30).teae


def test_an_ae_of_a_history_term_after_the_teae_window_is_not_emergent():
    late = FIRST + timedelta(days=100)
    e = emergence(late, [GradeSpell(3, late)], FIRST, FIRST + timedelta(days=10), 30,
                  history_grade=1)
    assert not e.teae
