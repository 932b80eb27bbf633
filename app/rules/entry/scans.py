"""A scan as entered: its date, the investigator's response or its lesions, each once."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from app.errors import InvalidEntry
from app.rules.dates import fmt_date
from app.rules.recist import NON_TARGET_STATUSES, RESPONSES


class LesionKind(StrEnum):
    TARGET = "target"
    NON_TARGET = "non_target"


LESION_KINDS = tuple(LesionKind)


@dataclass
class LesionEntry:
    lesion_id: str
    kind: str  # target | non_target
    organ: str = ""
    nodal: bool = False
    mm: Decimal | None = None
    too_small: bool = False
    not_assessed: bool = False
    status: str | None = None  # non-targets: present | absent | progression | not_assessed


@dataclass(kw_only=True)
class ScanForm:
    scan_date: date | None = None
    modality: str | None = None
    baseline: bool = False
    new_lesion: bool = False
    overall: str | None = None  # the investigator's response, for sites without lesions
    lesions: list[LesionEntry] = field(default_factory=list)
    comment: str | None = None


def check_lesions(lesions: list[LesionEntry], baseline: bool = False) -> None:
    """Each lesion once, of a known kind; a non-target's status from RECIST's list, given
    at every follow-up (not assessed, NE, when it was not looked at; at the baseline a
    non-target is there by definition)."""
    seen: set[str] = set()
    for lesion in lesions:
        if lesion.kind not in LESION_KINDS:
            raise InvalidEntry("lesions", "Lesion {lesion_id}: a lesion is a target or a "
                                          "non-target",
                                          lesion_id=lesion.lesion_id)
        if lesion.lesion_id in seen:
            raise InvalidEntry("lesions", "Lesion {lesion_id} is entered twice",
                                          lesion_id=lesion.lesion_id)
        seen.add(lesion.lesion_id)
        if lesion.kind == "non_target" and not lesion.status and not baseline:
            raise InvalidEntry("lesions", "Non-target lesion {lesion_id}: choose its status "
                                          "(present, absent, progression) or not assessed "
                                          "(NE)", lesion_id=lesion.lesion_id)
        if lesion.kind == "non_target" and (lesion.status or "present") not in \
                NON_TARGET_STATUSES:
            raise InvalidEntry("lesions", "{lesion_id}: status one of {NON_TARGET_STATUSES}",
                                          lesion_id=lesion.lesion_id,
                                          NON_TARGET_STATUSES=', '.join(NON_TARGET_STATUSES))


def check_scan(form: ScanForm, today: date) -> date:
    """A dated scan, not in the future, with lesions or an overall response; its date."""
    if form.scan_date is None:
        raise InvalidEntry("scan_date", "Give the date of the scan")
    if form.scan_date > today:
        raise InvalidEntry("scan_date", "The scan date {scan_date} is in the future",
                                        scan_date=fmt_date(form.scan_date))
    if form.overall is not None and form.overall not in RESPONSES:
        raise InvalidEntry("overall", "Overall response: one of {RESPONSES}",
                                      RESPONSES=', '.join(RESPONSES))
    if not form.lesions and form.overall is None and not form.baseline:
        raise InvalidEntry("lesions", "Record the lesions, or the investigator's overall "
                           "response")
    check_lesions(form.lesions, form.baseline)
    return form.scan_date
