"""A USDM v4 study version as a draft of the app's protocol file: the calendar from the
file (schedule.py, pk.py), the sections USDM does not carry written as the app's usual
values, and a [review] item for every decision the import could not make from the file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.exchange.usdm.context import Context, ReviewItem
from app.exchange.usdm.model import UsdmError, UsdmStudy
from app.exchange.usdm.pk import map_pk
from app.exchange.usdm.schedule import Schedule, main_timeline, map_schedule
from app.rules.protocol import Protocol

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_ALL_KINDS = ("screening", "treatment", "tumour_assessment", "end_of_treatment",
              "safety_follow_up", "survival")


@dataclass(frozen=True, slots=True)
class SoaRow:
    """One column of the USDM's own schedule of activities: a visit and what is done."""

    instance: str
    visit: str
    encounter: str
    epoch: str
    activities: tuple[str, ...]


@dataclass
class Draft:
    tree: dict[str, Any]
    review: list[ReviewItem] = field(default_factory=list)
    soa: list[SoaRow] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def draft_protocol(study: UsdmStudy, version_id: str | None = None) -> Draft:
    """The draft of one study version (the last one unless `version_id` names another)."""
    version = study.version(version_id)
    if not version.designs:
        raise UsdmError(f"the study version {version.id} has no study design")
    design = version.designs[0]
    if not design.timelines:
        raise UsdmError(f"the study design {design.id} has no schedule timeline")
    ctx = Context(version, design)
    for p in study.problems:
        ctx.ask(p.element, p.what, "left out")
    if len(version.designs) > 1:
        ctx.ask(version.id, f"{len(version.designs)} study designs", f"{design.id} read")
    _check_references(ctx)
    sched = map_schedule(ctx)
    timepoints, pk_visits = map_pk(ctx, sched)
    _check_doses(ctx)
    tree = _tree(ctx, study, sched, _projection(ctx, sched))
    if timepoints:
        tree["pk"] = {"timepoints": timepoints, "visits": pk_visits}
    ctx.ask(version.id, "stopping rules, [safety] and [response] are not in a USDM file",
            "the app's usual values written: check them against the protocol")
    return Draft(tree, ctx.review, _soa(ctx, sched))


def _projection(ctx: Context, sched: Schedule) -> dict[str, Any]:
    anchor = (sched.cycles or {}).get("first_visit") or sched.first_dose_visit
    tl = main_timeline(ctx)
    if tl.planned is None:
        ctx.ask(tl.id, "how far ahead to project the cycles and scans (the timeline's "
                "plannedDuration) is not given", "24 months written")
        return {"anchor": anchor, "months": 24}
    value, unit, _ = tl.planned
    per_month = {"month": 1.0, "year": 12.0, "week": 7 / 30.4375, "day": 1 / 30.4375}
    scale = next((v for k, v in per_month.items() if unit.lower().startswith(k)), None)
    if scale is None or value * scale != int(value * scale):
        months = max(1, round(value * (scale or 1)))
        ctx.ask(tl.id, f"its planned duration {value:g} {unit} is not whole months",
                f"{months} months written")
        return {"anchor": anchor, "months": months}
    return {"anchor": anchor, "months": int(value * scale)}


def _check_references(ctx: Context) -> None:
    """A timing of any timeline that names an instance no timeline has: a broken chain
    (the main timeline's are asked where its visits are placed)."""
    main = main_timeline(ctx)
    for tl in ctx.design.timelines:
        for t in tl.timings if tl is not main else ():
            for end in (t.from_id, t.to_id):
                if end and end not in ctx.instances:
                    ctx.ask(t.id, f"broken chain: it names {end}, which no timeline of "
                            f"the file has (in {tl.id}, {tl.name})", "left out")


def _check_doses(ctx: Context) -> None:
    for a in ctx.version.administrations:
        said = [float(x) for x in _NUMBER.findall(f"{a.name} {a.description}".replace(
            "_", " "))]
        if a.dose_value is not None and said and a.dose_value not in said:
            ctx.ask(a.id, f"its name '{a.name}' ({a.description}) and its dose value "
                    f"{a.dose_value:g} {a.dose_unit} disagree",
                    "no dose level written from it")


def _tree(ctx: Context, study: UsdmStudy, sched: Schedule,
          projection: dict[str, Any]) -> dict[str, Any]:
    v = ctx.version
    code = v.sponsor_code or study.name or v.id
    kinds = {x["kind"] for x in sched.visits} | {s["kind"] for s in sched.series}
    if sched.cycles:
        kinds.add("treatment")
    arms = [a for a in ctx.design.arms if a.name]
    ctx.ask(ctx.design.id, "the study's parts, dose levels and cohorts (its arms: "
            f"{', '.join(a.name for a in arms) or 'none'})",
            "one part, the arms as its cohorts")
    tree: dict[str, Any] = {
        "study": {"code": code, "protocol_number": code, "title": v.title or study.name,
                  "sponsor": "", "version": v.identifier or v.id,
                  "first_dose_visit": sched.first_dose_visit,
                  "subject_id_pattern": ".+", "subject_id_example": ""},
        "projection": projection,
        "parts": [{"number": 1, "label": "Part 1", "uses": "cohorts"}],
        "cohorts": [{"code": a.name, "label": a.label or a.name} for a in arms],
        "visits": sched.visits,
    }
    if sched.cycles:
        tree["cycles"] = sched.cycles
    if sched.series:
        tree["series"] = sched.series
    tree["stopping"] = _stopping([k for k in _ALL_KINDS if k in kinds])
    tree["safety"] = {"ctcae_version": "5.0", "teae_days_after_last_dose": 30,
                      "sae_report_hours": 24,
                      "dlt": {"parts": [1], "start": "first_dose",
                              "end_anchor": projection["anchor"] or "first_dose",
                              "end_offset_days": 20}}
    tree["response"] = {"criteria": "RECIST 1.1", "confirm_min_days": 28,
                        "sd_min_days": 42, "sd_anchor": projection["anchor"]}
    return tree


def _stopping(kinds: list[str]) -> list[dict[str, Any]]:
    rules = []
    for event, only, cancels in (
            ("last_dose", ("treatment", "tumour_assessment"), "after"),
            ("progression", ("tumour_assessment",), "after"),
            ("new_anticancer_therapy", ("tumour_assessment",), "after"),
            ("lost_to_follow_up", None, "after"), ("end_of_study", None, "after"),
            ("death", None, "window_open"), ("withdrawal", None, "window_open")):
        chosen = [k for k in kinds if only is None or k in only]
        if chosen:
            rules.append({"event": event, "kinds": chosen, "cancels": cancels})
    return rules


def _soa(ctx: Context, sched: Schedule) -> list[SoaRow]:
    rows = []
    for inst in main_timeline(ctx).instances:
        if inst.id not in sched.codes:
            continue
        enc = ctx.encounters.get(inst.encounter_id or "")
        epoch = ctx.epochs.get(inst.epoch_id or "")
        rows.append(SoaRow(inst.id, sched.codes[inst.id],
                           (enc.label or enc.name) if enc else "",
                           (epoch.label or epoch.name) if epoch else "",
                           tuple(a.label or a.name for a in ctx.activities_of(inst))))
    return rows


@dataclass
class Imported:
    """A USDM file read into a draft: its TOML text, what it holds, and what the app's own
    loader says of it once its review items are decided (nothing, for a sound file)."""

    text: str
    draft: Draft
    version: str
    problems: list[str]
    #: the draft as a protocol, its review items taken as decided (None: it is not one)
    protocol: Protocol | None = None

    def decided(self, items: set[int]) -> str:
        """The draft's text with the review items `items` (by position) decided."""
        from app.exchange.usdm.toml_out import to_toml

        return to_toml(self.draft.tree, self.draft.review, self.source, self.label,
                       decided=items)

    source: str = ""
    label: str = ""


def import_usdm_file(path: str, version_id: str | None = None) -> Imported:
    """Read, map and write as text; UsdmError (one sentence) for a file that is no USDM v4
    or a study version it does not have. Nothing is written here."""
    import tomllib
    from pathlib import Path

    from app.exchange.usdm.read import read_usdm_file
    from app.exchange.usdm.toml_out import to_toml
    from app.rules.protocol import ProtocolError, parse_protocol

    study = read_usdm_file(path)
    draft = draft_protocol(study, version_id)
    version = study.version(version_id)
    label = f"{version.id} ({version.identifier})" if version.identifier else version.id
    text = to_toml(draft.tree, draft.review, Path(path).name, label)
    tree = tomllib.loads(text)
    tree.pop("review", None)
    protocol = None
    try:
        protocol = parse_protocol(tree, path)
        problems: list[str] = []
    except ProtocolError as exc:
        problems = list(exc.problems)
    return Imported(text, draft, version.id, problems, protocol, Path(path).name, label)
