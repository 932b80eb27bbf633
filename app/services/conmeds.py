"""One patient's concomitant medications and medical history: added, corrected (with a
reason), entered in error through app.services.corrections; each con-med checked against
the protocol's prohibited drugs, each history item coded to a CTCAE term, whose grade the
AE rules take as the baseline of an AE of that term."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.errors import NotFound
from app.rules.conmeds import (
    FREQUENCIES,
    ROUTES,
    ConMedForm,
    HistoryForm,
    HistoryItem,
    check_conmed,
    check_history,
    prohibited_match,
)
from app.rules.partial_dates import as_text
from app.rules.protocol import Protocol
from app.services import calendar as cal
from app.services.attempts import attempt
from app.services.changes import delegated, reason_needed, set_changed
from app.services.conflicts import refuse_newer
from app.services.dictionary import _entry
from app.services.patient_rows import patient_rows
from db import Database
from db.findings import ConMed, MedicalHistory
from db.models import AdverseEvent, CtcaeTerm

R = TypeVar("R", ConMed, MedicalHistory)
EDITED_MEANWHILE = ("Changed by someone else while you were editing: close the window and "
                    "open it again")


@dataclass(frozen=True)
class ConMedRow:
    id: int
    drug: str
    dose: float | None
    unit: str | None
    route: str | None
    frequency: str | None
    indication: str
    start: str  # as entered: DD-MMM-YYYY or partial
    end: str
    ongoing: bool
    prohibited: str  # why the protocol forbids it ("" when it does not)
    version: int

    def form(self) -> ConMedForm:
        return ConMedForm(self.drug, f"{self.dose:g}" if self.dose is not None else "",
                          self.unit or "", self.route or "", self.frequency or "",
                          self.indication, self.start, self.end, self.ongoing)

    @property
    def dose_text(self) -> str:
        return f"{self.dose:g} {self.unit or ''}".strip() if self.dose is not None else ""


@dataclass(frozen=True)
class HistoryRow:
    id: int
    term: str
    grade: int | None
    start: str
    end: str
    ongoing: bool
    comment: str | None
    version: int

    def form(self) -> HistoryForm:
        return HistoryForm(self.term, self.grade, self.start, self.end, self.ongoing,
                           self.comment or "")


def conmeds_of(db: Database, patient_id: int) -> list[ConMedRow]:
    """The patient's con-meds, oldest start first, each flagged where prohibited."""
    with db.reading() as session:
        return conmeds_in(session, patient_id, cal.load(session, patient_id).protocol)


def conmeds_in(session: Session, patient_id: int, protocol: Protocol) -> list[ConMedRow]:
    """The same, in the caller's transaction, by the protocol the patient follows."""
    rows = patient_rows(session, "con_med", patient_id, lambda ids: select(ConMed).where(
        ConMed.patient_id.in_(ids), cal.live(ConMed)).order_by(ConMed.start_date, ConMed.id))
    return [ConMedRow(r.id, r.drug, r.dose, r.unit, r.route, r.frequency, r.indication,
                      as_text(r.start_date, r.start_partial),
                      as_text(r.end_date, r.end_partial), r.ongoing,
                      str(prohibited_match(r.drug, protocol.prohibited) or ""), r.version)
            for r in rows]


def history_of(db: Database, patient_id: int) -> list[HistoryRow]:
    with db.reading() as session:
        cal.load(session, patient_id)
        return [HistoryRow(r.id, r.term, r.grade, as_text(r.start_date, r.start_partial),
                           as_text(r.end_date, r.end_partial), r.ongoing, r.comment, r.version)
                for r in session.scalars(select(MedicalHistory).where(
                    MedicalHistory.patient_id == patient_id, cal.live(MedicalHistory))
                    .order_by(MedicalHistory.start_date, MedicalHistory.id))]


def drug_names(db: Database) -> list[str]:
    """The drug names the site has entered before, for completion (any patient, A to Z)."""
    with db.reading(purpose=None) as session:
        names = session.scalars(select(ConMed.drug).where(cal.live(ConMed)).distinct())
        return sorted(set(names), key=str.lower)


def _stored(session: Session, model: type[R], patient_id: int, row_id: int,
            version: int | None) -> R:
    found = session.get(model, row_id)
    if found is None or found.patient_id != patient_id or found.deleted_at is not None:
        raise NotFound("record", "This con-med is no longer on record" if model is ConMed
                       else "This history item is no longer on record")
    refuse_newer(found, version, "reason", EDITED_MEANWHILE)
    return found


@attempt("record a con-med of {subject}")
@delegated("data_entry")
def save_conmed(db: Database, patient_id: int, form: ConMedForm, today: date,
                conmed_id: int | None = None, reason: str | None = None,
                version: int | None = None) -> int:
    """Add a con-med, or correct one (a changed saved value needs a reason)."""
    checked = check_conmed(form, today)
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        cal.load(session, patient_id)
        if conmed_id is None:
            row: ConMed | MedicalHistory = ConMed(patient_id=patient_id)
            session.add(row)
        else:
            row = _stored(session, ConMed, patient_id, conmed_id, version)
        s = checked.span
        set_changed(row, {"drug": checked.drug, "dose": checked.dose, "unit": checked.unit,
                          "route": checked.route, "frequency": checked.frequency,
                          "indication": checked.indication, "start_date": s.start,
                          "start_partial": s.start_partial, "end_date": s.end,
                          "end_partial": s.end_partial, "ongoing": s.ongoing})
        session.flush()
        return row.id


def _term(session: Session, text: str) -> CtcaeTerm | None:
    t = text.strip()
    if not t:
        return None
    return session.scalars(select(CtcaeTerm).where(or_(
        func.lower(CtcaeTerm.term) == t.lower(), CtcaeTerm.meddra_code == t))
        .order_by(CtcaeTerm.retired_by.is_not(None))).first()


@attempt("record medical history of {subject}")
@delegated("data_entry")
def save_history(db: Database, patient_id: int, form: HistoryForm, today: date,
                 history_id: int | None = None, reason: str | None = None,
                 version: int | None = None) -> int:
    """Add a medical history item coded to a CTCAE term, or correct one (with a reason)."""
    with reason_needed(), db.unit_of_work(reason=reason) as session:
        cal.load(session, patient_id)
        term = _term(session, form.term)
        checked = check_history(form, _entry(term) if term else None, today)
        if history_id is None:
            row: ConMed | MedicalHistory = MedicalHistory(patient_id=patient_id)
            session.add(row)
        else:
            row = _stored(session, MedicalHistory, patient_id, history_id, version)
        s = checked.span
        set_changed(row, {"term": checked.term, "meddra_code": term.meddra_code if term else None,
                          "grade": checked.grade, "start_date": s.start,
                          "start_partial": s.start_partial, "end_date": s.end,
                          "end_partial": s.end_partial, "ongoing": s.ongoing,
                          "comment": checked.comment})
        session.flush()
        return row.id


def history_items(session: Session, patient_ids: Collection[int]
                  ) -> dict[int, list[HistoryItem]]:
    """Each patient's history items as the AE rules read them (app.rules.conmeds)."""
    out: dict[int, list[HistoryItem]] = {}
    if not patient_ids:
        return out
    for r in session.scalars(select(MedicalHistory).where(
            MedicalHistory.patient_id.in_(list(patient_ids)), cal.live(MedicalHistory))):
        out.setdefault(r.patient_id, []).append(HistoryItem(r.term, r.grade, r.ongoing,
                                                            r.end_date))
    return out




def prohibited_reason(protocol: Protocol, drug: str) -> str:
    """Why the protocol forbids this drug ("" when it does not): the dialog says it as
    the name is typed."""
    return str(prohibited_match(drug, protocol.prohibited) or "")


def term_names(db: Database) -> list[str]:
    """The CTCAE terms loaded (not retired), for a history item's completion."""
    with db.reading(purpose=None) as session:
        return sorted(session.scalars(select(CtcaeTerm.term).where(
            CtcaeTerm.retired_by.is_(None))), key=str.lower)


def indications(db: Database, patient_id: int) -> list[str]:
    """What a con-med of the patient may be for: their AEs' terms and history items."""
    with db.reading() as session:
        cal.load(session, patient_id)
        aes = session.scalars(select(func.coalesce(AdverseEvent.term, AdverseEvent.verbatim))
                              .where(AdverseEvent.patient_id == patient_id,
                                     cal.live(AdverseEvent)))
        items = session.scalars(select(MedicalHistory.term).where(
            MedicalHistory.patient_id == patient_id, cal.live(MedicalHistory)))
        return sorted({*aes, *items, "Prophylaxis"}, key=str.lower)


__all__ = ["FREQUENCIES", "ROUTES", "ConMedForm", "ConMedRow", "HistoryForm", "HistoryRow",
           "conmeds_of", "drug_names", "history_items", "history_of", "indications",
           "prohibited_reason", "save_conmed", "save_history", "term_names"]
