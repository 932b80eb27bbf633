"""A visit's worksheet data is read in one transaction, the patient loaded once (a clinic
day's 30 worksheets loaded each patient's calendar three times)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import event

from app.rules.safety import GradeSpell
from app.services.adverse_events import AeForm, save_ae
from app.services.conmeds import ConMedForm, save_conmed
from app.services.visits import VisitEntry, record_visit
from app.services.worksheets import worksheet_data

from .conftest import C1D1, TODAY


def test_a_worksheet_is_read_in_one_transaction_loading_the_patient_once(db, protocol,
                                                                          dosed):
    record_visit(db, protocol, dosed, "C1D1", VisitEntry(outcome="done", actual_date=C1D1),
                 TODAY, readings={"WEIGHT": "68.5"}, reason="readings added")
    save_conmed(db, dosed, ConMedForm("Paracetamol", "1", "g", "oral", "PRN", "Headache",
                                      "02-JAN-2026", "", True), TODAY)
    save_ae(db, protocol, dosed, AeForm(verbatim="tiredness", onset_date=date(2026, 1, 14),
                                        grades=[GradeSpell(2, date(2026, 1, 14))]), TODAY)
    begun: list[object] = []
    statements: list[str] = []
    event.listen(db.engine, "begin", lambda conn: begun.append(conn))
    event.listen(db.engine, "before_cursor_execute",
                 lambda _c, _cur, sql, *_a: statements.append(" ".join(sql.split())))
    sheet = worksheet_data(db, protocol, dosed, "C1D8", TODAY)
    assert len(begun) == 1  # one transaction (the visit is not signed: no signature read)
    assert sum(s.startswith("SELECT patient.id, patient.study_id") for s in statements) == 1
    assert sum("FROM survival_contact WHERE" in s for s in statements) == 1
    assert [a.name for a in sheet.open_aes] == ["tiredness (not coded)"]
    assert any(line.startswith("Weight 68.5 kg") for line in sheet.last_vitals)
    assert [m.split(" since")[0] for m in sheet.conmeds] == ["Paracetamol 1 g oral PRN"]
