"""The adverse event a lab result's grade proposes (issue 36), answered by the investigator:
accepted, it becomes an AE of the log (the CTCAE term, the grade, onset on the sample's
day), or the grade change of the AE already open for that term, through the AE log's own
save (app/services/adverse_events.save_ae: coded, checked, audited, in the TEAE summary);
dismissed, the reason is kept on the result. Either is answered once, in one transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.rules import lab_review as rv
from app.rules.dates import fmt_date
from app.rules.entry.adverse_events import AeForm
from app.rules.protocol import Protocol
from app.rules.safety import GradeSpell
from app.services.adverse_events import _load_ae, _stored_form, save_ae
from app.services.attempts import attempt
from app.services.changes import delegated, set_changed
from app.services.labs import LabRow, result_of, rows_of
from app.services.site_time import zone_in
from db import Database


@attempt("answer the adverse event a lab result of {subject} proposes")
@delegated("ae_assessment")
def decide_proposal(db: Database, protocol: Protocol, patient_id: int, result_id: int,
                    accept: bool, today: date, reason: str | None = None) -> int | None:
    """Accept (the AE's id is returned) or dismiss (with `reason`) the proposed AE."""
    with db.batch(reason=reason or "proposed by a lab result's grade", purpose="sign"):
        with db.reading() as session:
            row = next((r for r in rows_of(session, patient_id, today) if r.id == result_id),
                       None)
            stored = result_of(session, patient_id, result_id)
            proposal = row.proposal if row else None
            rv.check_ae_decision(stored.ae_decision, proposal is not None, accept, reason)
        ae_id = None
        if accept and proposal is not None and row is not None:
            ae_id = _save_ae(db, protocol, patient_id, proposal, today, row_words(row))
        with db.unit_of_work(reason=reason or "the proposed adverse event accepted") as session:
            set_changed(result_of(session, patient_id, result_id), {
                "ae_decision": rv.ACCEPTED if accept else rv.DISMISSED,
                "ae_reason": (reason or "").strip() or None, "ae_id": ae_id})
        return ae_id


def row_words(row: LabRow) -> str:
    return f"{row.name} {row.value} {row.unit} of {fmt_date(row.sample_date)}"


def _save_ae(db: Database, protocol: Protocol, patient_id: int, proposal: rv.Proposal,
             today: date, words: str) -> int:
    why = f"grade {proposal.grade} from the lab result {words}"
    if proposal.ae_id is None:
        form = AeForm(verbatim=proposal.term, meddra_code=proposal.meddra_code,
                      onset_date=proposal.onset,
                      grades=[GradeSpell(proposal.grade, proposal.onset)])
        return save_ae(db, protocol, patient_id, form, today, reason=why).ae_id
    with db.reading() as session:
        ae, spells = _load_ae(session, patient_id, proposal.ae_id)
        form = _stored_form(ae, spells, zone_in(session))
        version = ae.version
    changed = replace(form, grades=[*form.grades, GradeSpell(proposal.grade, proposal.onset)])
    return save_ae(db, protocol, patient_id, changed, today, proposal.ae_id, why,
                   base=form, version=version).ae_id
