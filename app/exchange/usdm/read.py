"""From the parsed JSON of a USDM v4 file to the app's model of it (model.py).

Refuses only what is not USDM v4 (not a Study, a USDM v3 file, no timeline at all); every
other defect is a Problem and reading goes on.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.exchange.usdm.model import (
    ACTIVITY,
    DECISION,
    Activity,
    Administration,
    Instance,
    Named,
    Problem,
    StudyDesign,
    StudyVersion,
    Timeline,
    Timing,
    UsdmError,
    UsdmStudy,
    decode,
    ids,
    items,
    text,
)


def read_usdm_file(path: Path | str) -> UsdmStudy:
    """A USDM v4 JSON file, read; UsdmError (one sentence) when it cannot be."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsdmError(f"{path.name} cannot be read ({exc.strerror or exc})") from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UsdmError(f"{path.name} is not JSON ({exc})") from exc
    return read_usdm(data, path.name)


def read_usdm(data: Any, name: str = "the file") -> UsdmStudy:
    if not isinstance(data, dict) or not isinstance(data.get("study"), dict):
        raise UsdmError(f"{name} is JSON but not a USDM file (no 'study' object at its top)")
    version = text(data, "usdmVersion")
    if not version:
        raise UsdmError(f"{name} is not a USDM file (it gives no 'usdmVersion')")
    if version.split(".")[0] != "4":
        raise UsdmError(f"{name} is USDM {version}: this import reads USDM v4 files only "
                        "(ask the sponsor for the v4 export)")
    study = data["study"]
    problems: list[Problem] = []
    versions = tuple(_version(v, problems) for v in items(study, "versions"))
    if not versions:
        raise UsdmError(f"{name} has no study version")
    if not any(d.timelines for v in versions for d in v.designs):
        raise UsdmError(f"{name} has no schedule timeline: there is no calendar to import")
    return UsdmStudy(text(study, "name") or text(study, "label"), version, versions, problems)


def _named(obj: dict[str, Any], problems: list[Problem], what: str) -> Named:
    ident = text(obj, "id")
    if not ident:
        problems.append(Problem(text(obj, "name") or what, f"a {what} without an id"))
    return Named(ident, text(obj, "name"), text(obj, "label"), text(obj, "description"),
                 decode(obj, "type"), text(obj, "text"), ids(obj, "appliesToIds"),
                 ids(obj, "contextIds"))


def _version(v: dict[str, Any], problems: list[Problem]) -> StudyVersion:
    titles = items(v, "titles")
    official = next((t for t in titles if "official" in decode(t, "type").lower()), None)
    title = text(official or (titles[0] if titles else {}), "text")
    identifiers = items(v, "studyIdentifiers")
    admins = [_administration(a) for si in items(v, "studyInterventions")
              for a in items(si, "administrations")]
    return StudyVersion(
        id=text(v, "id"), identifier=text(v, "versionIdentifier"), title=title,
        sponsor_code=text(identifiers[0], "text") if identifiers else "",
        designs=tuple(_design(d, problems) for d in items(v, "studyDesigns")),
        concepts=tuple(_named(b, problems, "biomedical concept")
                       for b in items(v, "biomedicalConcepts")),
        conditions=tuple(_named(c, problems, "condition") for c in items(v, "conditions")),
        administrations=tuple(admins),
    )


def _administration(a: dict[str, Any]) -> Administration:
    dose = a.get("dose") if isinstance(a.get("dose"), dict) else {}
    value = dose.get("value") if isinstance(dose, dict) else None
    return Administration(text(a, "id"), text(a, "name"), text(a, "description"),
                          float(value) if isinstance(value, int | float) else None,
                          decode(dose, "unit"))


def _design(d: dict[str, Any], problems: list[Problem]) -> StudyDesign:
    return StudyDesign(
        id=text(d, "id"), name=text(d, "name"), label=text(d, "label"),
        encounters=tuple(_named(e, problems, "encounter") for e in items(d, "encounters")),
        epochs=tuple(_named(e, problems, "epoch") for e in items(d, "epochs")),
        arms=tuple(_named(a, problems, "arm") for a in items(d, "arms")),
        activities=tuple(Activity(text(a, "id"), text(a, "name"), text(a, "label"),
                                  text(a, "description"), ids(a, "biomedicalConceptIds"),
                                  ids(a, "childIds"), text(a, "timelineId") or None)
                         for a in items(d, "activities")),
        timelines=tuple(_timeline(t, problems) for t in items(d, "scheduleTimelines")),
    )


def _timeline(t: dict[str, Any], problems: list[Problem]) -> Timeline:
    tid = text(t, "id")
    return Timeline(
        id=tid, name=text(t, "name"), label=text(t, "label"),
        main=t.get("mainTimeline") is True, entry_id=text(t, "entryId") or None,
        timings=tuple(_timing(x, problems) for x in items(t, "timings")),
        instances=tuple(_instance(x, tid, problems, n)
                        for n, x in enumerate(items(t, "instances"))),
        planned=_planned(t.get("plannedDuration")),
    )


def _planned(d: Any) -> tuple[float, str, str] | None:
    quantity = d.get("quantity") if isinstance(d, dict) else None
    value = quantity.get("value") if isinstance(quantity, dict) else None
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    return float(value), decode(quantity, "unit"), text(d, "reasonDurationWillVary")


def _timing(t: dict[str, Any], problems: list[Problem]) -> Timing:
    timing = Timing(
        id=text(t, "id"), name=text(t, "name"), label=text(t, "label"),
        type=decode(t, "type"), value=text(t, "value"), value_label=text(t, "valueLabel"),
        relative_to_from=decode(t, "relativeToFrom"),
        from_id=text(t, "relativeFromScheduledInstanceId"),
        to_id=text(t, "relativeToScheduledInstanceId"),
        window_lower=text(t, "windowLower") or None,
        window_upper=text(t, "windowUpper") or None, window_label=text(t, "windowLabel"))
    if not timing.from_id:
        problems.append(Problem(timing.id or "a timing", "places no instance "
                                "(relativeFromScheduledInstanceId is empty)"))
    return timing


def _instance(i: dict[str, Any], timeline_id: str, problems: list[Problem], n: int
              ) -> Instance:
    iid = text(i, "id")
    if not iid:
        iid = f"{timeline_id}.instances[{n}]"
        problems.append(Problem(iid, "an instance without an id (named here by its place)"))
    kind = text(i, "instanceType")
    if kind not in (ACTIVITY, DECISION):
        problems.append(Problem(iid, f"unknown instance type '{kind}', read as an activity"))
        kind = ACTIVITY
    branches = tuple((text(c, "condition"), text(c, "conditionTargetId"))
                     for c in items(i, "conditionAssignments"))
    return Instance(
        id=iid, name=text(i, "name"), label=text(i, "label"),
        description=text(i, "description"), kind=kind, timeline_id=timeline_id,
        next_id=text(i, "defaultConditionId") or None, epoch_id=text(i, "epochId") or None,
        encounter_id=text(i, "encounterId") or None, activity_ids=ids(i, "activityIds"),
        sub_timeline_id=text(i, "timelineId") or None,
        exit_id=text(i, "timelineExitId") or None, branches=branches)
