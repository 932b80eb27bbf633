"""The part of a CDISC USDM v4 file this app reads, as its own small typed model.

Read tolerantly: a missing or malformed element is noted as a problem (its id and what is
wrong) and reading goes on; only a file that is not USDM v4 at all is refused (UsdmError).
Names follow the USDM classes: Study, StudyVersion, StudyDesign, Encounter, StudyEpoch,
StudyArm, Activity, BiomedicalConcept, ScheduleTimeline, ScheduledActivityInstance,
ScheduledDecisionInstance, Timing, Condition, Administration.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

ACTIVITY = "ScheduledActivityInstance"
DECISION = "ScheduledDecisionInstance"


class UsdmError(ValueError):
    """A file this import cannot read at all: one sentence saying why."""


@dataclass(frozen=True, slots=True)
class Problem:
    """Something of the file that is wrong or left open, named by its USDM element id."""

    element: str
    what: str


@dataclass(frozen=True, slots=True)
class Named:
    """Any USDM element with an id and its names (encounter, epoch, arm, condition...)."""

    id: str
    name: str
    label: str = ""
    description: str = ""
    type: str = ""  # the decode of its type code ("Treatment Epoch", "Visit")
    text: str = ""  # a Condition's text
    applies_to: tuple[str, ...] = ()
    context: tuple[str, ...] = ()

    @property
    def words(self) -> str:
        return " ".join(x for x in (self.name, self.label, self.description) if x)


@dataclass(frozen=True, slots=True)
class Activity:
    id: str
    name: str
    label: str
    description: str
    concept_ids: tuple[str, ...] = ()
    child_ids: tuple[str, ...] = ()
    timeline_id: str | None = None

    @property
    def words(self) -> str:
        return " ".join(x for x in (self.name, self.label, self.description) if x)


@dataclass(frozen=True, slots=True)
class Timing:
    id: str
    name: str
    label: str
    type: str  # "Before", "After", "Fixed Reference"
    value: str
    value_label: str
    relative_to_from: str  # "Start to Start", "End to Start", ...
    from_id: str  # relativeFromScheduledInstanceId: the instance this timing places
    to_id: str  # relativeToScheduledInstanceId: the instance it is counted from
    window_lower: str | None
    window_upper: str | None
    window_label: str


@dataclass(frozen=True, slots=True)
class Instance:
    """A ScheduledActivityInstance or a ScheduledDecisionInstance of a timeline."""

    id: str
    name: str
    label: str
    description: str
    kind: str  # ACTIVITY or DECISION
    timeline_id: str
    next_id: str | None = None  # defaultConditionId
    epoch_id: str | None = None
    encounter_id: str | None = None
    activity_ids: tuple[str, ...] = ()
    sub_timeline_id: str | None = None
    exit_id: str | None = None
    branches: tuple[tuple[str, str], ...] = ()  # (condition text, target instance id)

    @property
    def words(self) -> str:
        return " ".join(x for x in (self.name, self.label, self.description) if x)


@dataclass(frozen=True, slots=True)
class Timeline:
    id: str
    name: str
    label: str
    main: bool
    entry_id: str | None
    timings: tuple[Timing, ...]
    instances: tuple[Instance, ...]
    #: plannedDuration as (value, unit decode, reason it will vary), when given
    planned: tuple[float, str, str] | None = None


@dataclass(frozen=True, slots=True)
class Administration:
    id: str
    name: str
    description: str
    dose_value: float | None
    dose_unit: str


@dataclass(frozen=True, slots=True)
class StudyDesign:
    id: str
    name: str
    label: str
    encounters: tuple[Named, ...]
    epochs: tuple[Named, ...]
    arms: tuple[Named, ...]
    activities: tuple[Activity, ...]
    timelines: tuple[Timeline, ...]


@dataclass(frozen=True, slots=True)
class StudyVersion:
    id: str
    identifier: str  # versionIdentifier ("amendment 5")
    title: str
    sponsor_code: str
    designs: tuple[StudyDesign, ...]
    concepts: tuple[Named, ...]
    conditions: tuple[Named, ...]
    administrations: tuple[Administration, ...]


@dataclass(frozen=True)
class UsdmStudy:
    name: str
    usdm_version: str
    versions: tuple[StudyVersion, ...]
    problems: list[Problem] = field(default_factory=list)

    def version(self, version_id: str | None) -> StudyVersion:
        """The version asked for (by id or versionIdentifier), else the only or last one."""
        if version_id is None:
            return self.versions[-1]
        for v in self.versions:
            if version_id in (v.id, v.identifier):
                return v
        known = ", ".join(f"{v.id} ({v.identifier})" if v.identifier else v.id
                          for v in self.versions)
        raise UsdmError(f"the file has no study version '{version_id}' (it has: {known})")


def text(obj: Any, key: str) -> str:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value.strip() if isinstance(value, str) else ""


def items(obj: Any, key: str) -> list[dict[str, Any]]:
    value = obj.get(key) if isinstance(obj, dict) else None
    return [x for x in value if isinstance(x, dict)] if isinstance(value, list) else []


def ids(obj: Any, key: str) -> tuple[str, ...]:
    value = obj.get(key) if isinstance(obj, dict) else None
    return tuple(x for x in value if isinstance(x, str)) if isinstance(value, list) else ()


def decode(obj: Any, key: str) -> str:
    """The decode of a Code (or of an AliasCode's standard code) under `key`."""
    code = obj.get(key) if isinstance(obj, dict) else None
    if isinstance(code, dict) and isinstance(code.get("standardCode"), dict):
        code = code["standardCode"]
    return text(code, "decode")
