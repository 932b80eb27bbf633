"""An AE as the lists show it: coded, graded over time, with what is derived from it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.rules.dates import fmt_date
from app.rules.entry.adverse_events import AeForm
from app.rules.partial_dates import as_text
from app.rules.safety import Emergence, GradeSpell, SaeClock, current_spell


@dataclass(frozen=True, kw_only=True)
class AeRow:
    id: int
    patient_id: int
    subject_id: str
    part: int
    dose_level: str | None
    cohort: str | None
    verbatim: str
    meddra_code: str | None
    term: str | None
    soc: str | None
    other_specify: str | None
    onset_date: date
    end_date: date | None
    worst_grade: int | None
    current_grade: int | None
    emergence: Emergence  # derived from the grade history and the first dose
    serious: bool
    sae_criteria: tuple[str, ...]
    clock: SaeClock | None
    relationship: str | None
    action: str | None
    outcome: str | None
    dlt: bool
    pre_existing: bool
    grades: tuple[GradeSpell, ...]
    version: int = 0  # when read: a save from an older copy is refused
    onset_partial: str | None = None  # as entered when partial ("UN-JAN-2026")
    end_partial: str | None = None
    study: str = ""  # the study's code
    removed_reason: str | None = None  # entered in error: why (shown struck through)

    @property
    def teae(self) -> bool:
        return self.emergence.teae

    @property
    def worsened_on(self) -> date | None:
        """The day a condition there before the first dose got worse on treatment."""
        return self.emergence.worsened_on

    @property
    def current(self) -> GradeSpell | None:
        """The grade it is at now (the latest change of grade), with the day it began."""
        return current_spell(self.grades)

    @property
    def current_since_text(self) -> str:
        """The day the current grade began, as screens show it (the onset as entered when
        the AE never changed grade)."""
        spell = self.current
        if spell is None:
            return ""
        first = min(s.start for s in self.grades)
        return self.onset_text if spell.start == first and spell.start == self.onset_date \
            else fmt_date(spell.start)

    @property
    def coded(self) -> bool:
        return self.meddra_code is not None

    @property
    def ongoing(self) -> bool:
        return self.end_date is None

    @property
    def name(self) -> str:
        """What lists show: the CTCAE term (with the specified text), else the verbatim."""
        if not self.term:
            return f"{self.verbatim} (not coded)"
        return f"{self.term}: {self.other_specify}" if self.other_specify else self.term

    @property
    def onset_text(self) -> str:
        """The onset as screens show it: partial as entered, else DD-MMM-YYYY."""
        return as_text(self.onset_date, self.onset_partial)

    @property
    def end_text(self) -> str:
        return as_text(self.end_date, self.end_partial)

    def form(self) -> AeForm:
        return AeForm(
            verbatim=self.verbatim, meddra_code=self.meddra_code,
            other_specify=self.other_specify, onset_date=self.onset_date,
            end_date=self.end_date, onset_partial=self.onset_partial,
            end_partial=self.end_partial, pre_existing=self.pre_existing,
            serious=self.serious, sae_criteria=self.sae_criteria,
            aware_at=self.clock.aware_at if self.clock else None,
            reported_at=self.clock.reported_at if self.clock else None,
            relationship=self.relationship, action=self.action, outcome=self.outcome,
            dlt=self.dlt, grades=list(self.grades))
