"""The delegation of authority log on SQLite and PostgreSQL: an undelegated nurse is refused
with the task named (and the refusal audited), allowed once delegated, trained and approved
by the PI; a delegation ended yesterday refuses today; bad input saves nothing."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.errors import InvalidEntry, NotAllowed
from app.rules.safety import GradeSpell
from app.services import accounts as acc
from app.services.adverse_events import AeForm, save_ae
from app.services.delegation import (
    add_delegation,
    approve_delegations,
    delegation_list,
    end_delegation,
    set_study_rules,
)
from app.services.training import add_training, training_warnings
from db.accounts import AccessEvent, UserAccount
from db.delegation import Delegation, TrainingRecord
from tests.app.services.conftest import TODAY
from tests.conftest import SITE_ZONE, light_hash

STUDY = "IMP7068-101"
PASSWORD = "a long pass phrase"
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=SITE_ZONE)


def _accounts(db, *accounts: tuple[str, str, bool]) -> None:
    hashed = light_hash(PASSWORD)
    with db.unit_of_work(reason="test accounts", purpose=None, actor="test setup") as s:
        for name, role, active in accounts:
            s.add(UserAccount(name=name, printed_name=f"{name.title()} Person", role=role,
                              password_hash=hashed, active=active, must_change=False,
                              failed_logins=0))


def _as(db, name: str) -> None:
    acc.sign_in(db, name, PASSWORD, NOW)


@pytest.fixture
def site(db, patient):
    """A patient enrolled before the log was enforced; an admin, the PI, a nurse, a
    deactivated nurse; the study enforces its log."""
    _accounts(db, ("boss", "admin", True), ("pi", "investigator", True),
              ("nina", "nurse", True), ("gone", "nurse", False))
    _as(db, "boss")
    set_study_rules(db, STUDY, principal="pi", enforced=True, training_rule="warn")
    return db


def _ae() -> AeForm:
    return AeForm(verbatim="felt sick", onset_date=date(2026, 2, 20), relationship="possible",
                  action="none", outcome="recovering",
                  grades=[GradeSpell(2, date(2026, 2, 20))])


def _trained(db, name: str) -> None:
    add_training(db, name, "gcp", date(2025, 1, 10), date(2028, 1, 10))
    add_training(db, name, "protocol", date(2025, 6, 1), None, STUDY,
                 "Original protocol 1.0")


def _count(db, table) -> int:
    with db.reading(purpose=None) as s:
        return s.scalar(select(func.count()).select_from(table))


def test_an_undelegated_nurse_is_refused_the_ae_assessment_then_allowed(site, patient, protocol):
    _as(site, "nina")
    with pytest.raises(NotAllowed, match="Not delegated: AE assessment on IMP7068-101"):
        save_ae(site, protocol, patient, _ae(), TODAY)
    with site.reading(purpose=None) as s:
        refused = s.scalars(select(AccessEvent.detail).where(
            AccessEvent.account == "nina", AccessEvent.event == "refused")).all()
    assert any("AE assessment" in r for r in refused)  # audited

    _as(site, "boss")
    add_delegation(site, "nina", STUDY, "ae_assessment", TODAY - timedelta(days=10))
    _trained(site, "nina")
    _as(site, "nina")
    with pytest.raises(NotAllowed, match="not yet approved by the principal investigator"):
        save_ae(site, protocol, patient, _ae(), TODAY)
    _as(site, "pi")
    assert approve_delegations(site, "nina", STUDY, PASSWORD, NOW) == 1
    _as(site, "nina")
    assert save_ae(site, protocol, patient, _ae(), TODAY).ae_id
    row = next(r for r in delegation_list(site, STUDY) if r.account == "nina")
    assert (row.task_word, row.approved_name) == ("AE assessment", "Pi Person")
    # the nurse may assess AEs, not measure tumours: that is another task
    from app.services.response import ScanForm, save_scan

    with pytest.raises(NotAllowed, match="Tumour measurement"):
        save_scan(site, protocol, patient, ScanForm(scan_date=TODAY, modality="CT",
                                                overall="SD"), TODAY)


def test_a_delegation_that_ended_yesterday_refuses_today(site, patient, protocol):
    add_delegation(site, "nina", STUDY, "ae_assessment,data_entry", TODAY - timedelta(days=30))
    _trained(site, "nina")
    _as(site, "pi")
    approve_delegations(site, "nina", STUDY, PASSWORD, NOW)
    assert end_delegation(site, "nina", STUDY, "ae_assessment", TODAY - timedelta(days=1),
                          "moved to another ward") == 1
    _as(site, "nina")
    with pytest.raises(NotAllowed, match="ended on 01-MAR-2026"):
        save_ae(site, protocol, patient, _ae(), TODAY)
    # yesterday it was still hers
    assert save_ae(site, protocol, patient, _ae(), TODAY - timedelta(days=1)).ae_id


def test_missing_protocol_training_warns_or_blocks_as_the_study_says(site, patient, protocol):
    add_delegation(site, "nina", STUDY, "ae_assessment", TODAY - timedelta(days=30))
    add_training(site, "nina", "gcp", date(2025, 1, 10), date(2028, 1, 10))
    _as(site, "pi")
    approve_delegations(site, "nina", STUDY, PASSWORD, NOW)
    _as(site, "nina")
    assert save_ae(site, protocol, patient, _ae(), TODAY).ae_id  # "warn": allowed
    _as(site, "boss")
    set_study_rules(site, STUDY, training_rule="block")
    _as(site, "nina")
    with pytest.raises(NotAllowed, match=r"no protocol training on Original protocol 1\.0"):
        save_ae(site, protocol, patient, _ae(), TODAY)


def test_bad_input_says_one_thing_and_saves_nothing(site):
    before = _count(site, Delegation)
    with pytest.raises(InvalidEntry, match="gone is deactivated"):
        add_delegation(site, "gone", STUDY, "consent", TODAY)
    with pytest.raises(InvalidEntry, match="The study has no task 'cooking'"):
        add_delegation(site, "nina", STUDY, "consent,cooking", TODAY)
    with pytest.raises(InvalidEntry, match=r"The end \(01-MAR-2026\) is before the start"):
        add_delegation(site, "nina", STUDY, "consent", TODAY, TODAY - timedelta(days=1))
    assert _count(site, Delegation) == before
    add_delegation(site, "nina", STUDY, "consent", TODAY)
    with pytest.raises(InvalidEntry, match="before the start"):
        end_delegation(site, "nina", STUDY, "consent", TODAY - timedelta(days=3), "error")
    _as(site, "nina")
    with pytest.raises(InvalidEntry, match=r"Only the principal investigator of IMP7068-101 \(pi\)"):
        approve_delegations(site, "nina", STUDY, PASSWORD, NOW)
    with pytest.raises(NotAllowed, match="Only an administrator or the principal"):
        add_delegation(site, "nina", STUDY, "signing", TODAY)
    with site.reading(purpose=None) as s:
        rows = s.scalars(select(Delegation)).all()
    assert [(d.task, d.end_date, d.approved_at) for d in rows] == [("consent", None, None)]


def test_today_warns_a_month_before_training_expires(site):
    add_training(site, "nina", "gcp", date(2024, 3, 1), TODAY + timedelta(days=20))
    add_training(site, "pi", "gcp", date(2024, 3, 1), TODAY + timedelta(days=90))
    assert [(w.account, w.kind) for w in training_warnings(site, TODAY)] == [("nina", "gcp")]
    add_training(site, "nina", "gcp", TODAY, TODAY + timedelta(days=730))  # renewed
    assert training_warnings(site, TODAY) == []
    assert _count(site, TrainingRecord) == 3


def test_the_log_names_people_by_account_and_a_log_is_enforced_only_with_a_pi(site, patient,
                                                                             protocol):
    """An actor that is no account (the app's own demo fill or upgrade, a harness) has no
    one to delegate to; a study without a PI cannot enforce its log."""
    site.actor, site.guard = "a harness", None
    assert save_ae(site, protocol, patient, _ae(), TODAY).ae_id
    _as(site, "boss")
    from app.rules.protocol import shipped_protocol_path
    from app.services.studies import add_study

    add_study(site, shipped_protocol_path("abc2201.toml"))
    with pytest.raises(InvalidEntry, match="Name the principal investigator of ABC-2201"):
        set_study_rules(site, "ABC-2201", enforced=True)


def test_signing_and_answering_queries_are_delegated_tasks_too(site, patient, protocol):
    """The PI delegates signing and query answers as any other task: an investigator not
    delegated to sign is refused naming the task; a nurse not delegated to answer queries
    is refused too; both are allowed once delegated and approved."""
    from app.services.queries import answer_query, open_query
    from app.services.signatures import Meaning, write_signature

    _accounts(site, ("sub", "investigator", True), ("mona", "monitor", True))
    add_delegation(site, "nina", STUDY, "ae_assessment", TODAY - timedelta(days=30))
    for name in ("nina", "sub"):
        _trained(site, name)
    _as(site, "pi")
    approve_delegations(site, "nina", STUDY, PASSWORD, NOW)
    _as(site, "nina")
    ae = save_ae(site, protocol, patient, _ae(), TODAY).ae_id
    _as(site, "sub")
    with pytest.raises(NotAllowed, match="Not delegated: Signing on IMP7068-101"):
        write_signature(site, "ae", ae, Meaning.ASSESSED, "Sub Person", NOW)
    _as(site, "mona")
    query = open_query(site, "101-001", f"AE:{ae}", "Onset before consent?", NOW)
    _as(site, "nina")
    with pytest.raises(NotAllowed, match="Query answers"):
        answer_query(site, query, "Checked: onset is right", NOW)
    _as(site, "boss")
    add_delegation(site, "sub", STUDY, "signing", TODAY - timedelta(days=1))
    add_delegation(site, "nina", STUDY, "query_answers", TODAY - timedelta(days=1))
    _as(site, "pi")
    approve_delegations(site, "sub", STUDY, PASSWORD, NOW)
    approve_delegations(site, "nina", STUDY, PASSWORD, NOW)
    _as(site, "sub")
    assert write_signature(site, "ae", ae, Meaning.ASSESSED, "Sub Person", NOW)
    _as(site, "nina")
    answer_query(site, query, "Checked: onset is right", NOW)


def test_lab_results_are_data_entry_typed_or_imported_row_by_row(site, patient, protocol,
                                                                 tmp_path):
    from decimal import Decimal

    from app.rules.lab_entry import LabEntry, RangeRow
    from app.services.lab_import import import_labs
    from app.services.lab_ranges import add_range
    from app.services.labs import enter_result

    _as(site, "pi")                                 # ranges are the site's data, no task
    add_range(site, RangeRow("Lab", "NEUT", None, Decimal(2), Decimal(7), "10^9/L",
                             date(2025, 1, 1)), protocol.labs)
    _as(site, "nina")
    with pytest.raises(NotAllowed, match="Not delegated: Data entry on IMP7068-101"):
        enter_result(site, patient, LabEntry("NEUT", "Lab", TODAY, "1.0", "10^9/L"), TODAY)
    labs = tmp_path / "labs.csv"
    labs.write_text("Subject ID,Analyte,Value,Unit,Sample date,Lab\n"
                    f"101-001,NEUT,1.0,10^9/L,{TODAY.isoformat()},Lab\n", "utf-8")
    report = import_labs(site, labs, TODAY, NOW)
    assert not report.landed and "Not delegated: Data entry" in str(report.problems[0])
