"""`check-data` on a freshly built demo lists nothing (the demo obeys its own rules: subject
IDs in the study's format, a dose escalation its patients follow, AEs coded against the
shipped CTCAE terms); each defect injected into it is listed, alone."""

from __future__ import annotations

import json
import shutil
from datetime import date, timedelta

import pytest
from sqlalchemy import select

import main
from app.services.database import open_site_database
from db.dosing import SmcDecision
from db.models import AdverseEvent, CtcaeTerm, Patient, TumourAssessment, VisitRecord
from tests.conftest import login, reference_file

TODAY = date(2026, 12, 6)
D = timedelta(days=1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.sqlite"
    assert main.main(["--db", f"sqlite:///{path}", "demo", "--today", TODAY.isoformat()]) == 0
    return path


def check(url: str, capsys) -> tuple[int, list[dict[str, str]]]:
    code = main.main([*login(url, "monitor"), "check-data", "--json",
                      "--today", TODAY.isoformat()])
    return code, json.loads(capsys.readouterr().out)["findings"]


def test_check_data_on_a_fresh_demo_lists_nothing(demo, tmp_path, capsys):
    url = f"sqlite:///{shutil.copy(demo, tmp_path / 'demo.sqlite')}"
    assert main.main([*login(url, "monitor"), "check-data",
                      "--today", TODAY.isoformat()]) == 0
    assert capsys.readouterr().out == "check-data: nothing to correct\n"


def _subject_id(session) -> str:
    p = session.scalars(select(Patient).where(Patient.subject_id == "101-040")).one()
    p.subject_id = "101-40"
    return "101-40"


def _rp2d(session) -> str:
    rp2d = session.scalars(select(SmcDecision).where(
        SmcDecision.decision == "RP2D declared", SmcDecision.study_id == 1)).one()
    p = session.scalars(select(Patient).where(
        Patient.study_id == 1, Patient.part == 1, Patient.dose_level != rp2d.dose_level)
        .order_by(Patient.subject_id)).first()
    p.consent_date = rp2d.decided_on + D
    return p.subject_id


def _coding(session) -> str:
    ae = session.scalars(select(AdverseEvent).order_by(AdverseEvent.id)).first()
    ae.meddra_code = "10099999"
    return session.get(Patient, ae.patient_id).subject_id


def _late(session, code: str) -> str:
    li = session.scalars(select(VisitRecord).where(VisitRecord.code == "LI",
                                                   VisitRecord.outcome == "done")
                         .order_by(VisitRecord.patient_id)).first()
    if code == "SCR":
        scr = session.scalars(select(VisitRecord).where(
            VisitRecord.patient_id == li.patient_id, VisitRecord.code == "SCR")).one()
        scr.actual_date = li.actual_date + D
    else:
        scan = session.scalars(select(TumourAssessment).where(
            TumourAssessment.patient_id == li.patient_id, TumourAssessment.baseline)).one()
        scan.scan_date = li.actual_date + D
    return session.get(Patient, li.patient_id).subject_id


@pytest.mark.parametrize("defect, inject, words", [
    ("subject ID", _subject_id, "not in this study's format (for example 101-001)"),
    ("RP2D", _rp2d, "patient enrolled at DL"),
    ("screening", lambda s: _late(s, "SCR"), "a screening visit done after the first dose"),
    ("baseline", lambda s: _late(s, "scan"), "A baseline scan must be on or before"),
    ("AE coding", _coding, "coded to MedDRA code 10099999, which the CTCAE dictionary does "
                           "not hold"),
])
def test_each_defect_injected_into_the_demo_is_listed_alone(demo, tmp_path, capsys, defect,
                                                            inject, words):
    url = f"sqlite:///{shutil.copy(demo, tmp_path / 'demo.sqlite')}"
    db = open_site_database(url)
    with db.unit_of_work(reason=f"injected: {defect}", actor="test", purpose=None) as session:
        subject = inject(session)
    db.close()
    code, findings = check(url, capsys)
    assert code == 1
    assert [f["subject_id"] for f in findings] == [subject]
    assert words in findings[0]["problem"]


def test_every_demo_ae_is_coded_to_a_term_of_its_dictionary_as_nci_wrote_it(demo):
    from app.rules.ctcae import read_ctcae

    nci = {e.meddra_code: e for e in read_ctcae(reference_file("ctcae", "CTCAE_v5.0.csv"))}
    db = open_site_database(f"sqlite:///{demo}")
    with db.reading(purpose=None) as session:
        terms = {t.meddra_code: t for t in session.scalars(select(CtcaeTerm))}
        aes = list(session.scalars(select(AdverseEvent)))
        assert aes and terms
        for ae in aes:
            assert ae.meddra_code in terms, ae.verbatim
            assert (ae.term, ae.soc) == (terms[ae.meddra_code].term, terms[ae.meddra_code].soc)
            assert (ae.term, ae.soc) == (nci[ae.meddra_code].term, nci[ae.meddra_code].soc)
        for code, t in terms.items():  # the demo's dictionary is NCI's rows, word for word
            assert nci[code].grades == {g: getattr(t, f"grade_{g}") for g in range(1, 6)
                                        if getattr(t, f"grade_{g}") is not None}
    db.close()
