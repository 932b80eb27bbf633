"""Per-study access in the database layer: an account assigned to some studies reads and
writes only their patients. Every ORM statement of a session that carries the account's
studies gets the criterion on the patient table, wherever the patient appears (SQLAlchemy's
with_loader_criteria, the documented way to scope every query)."""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from db.models import Patient

#: session.info key: the study ids the signed-in account may see (absent: every study)
STUDIES = "studies"
#: execution option that looks past the scope (to say a record is out of reach, not absent)
ALL_STUDIES = "all_studies"


@event.listens_for(Session, "do_orm_execute")
def _only_assigned_studies(state: ORMExecuteState) -> None:
    ids = state.session.info.get(STUDIES)
    if ids is None or not state.is_select or state.is_column_load \
            or state.is_relationship_load or state.execution_options.get(ALL_STUDIES):
        return
    allowed = tuple(ids)
    state.statement = state.statement.options(with_loader_criteria(
        Patient, lambda cls: cls.study_id.in_(allowed), include_aliases=True))
