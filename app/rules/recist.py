"""RECIST 1.1, pure: lesions to timepoint responses, timepoints to the best overall response.

Measurements are exact decimals (tenths of a millimetre), never binary floating point:
23.1 mm against a baseline of 33.0 mm is exactly -30 %, a partial response.
The confirmation conventions are the study protocol's; the day counts come from
the protocol file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from app.rules.dates import fmt_date
from app.rules.efficacy import EfficacyWindow


class Response(StrEnum):
    """RECIST 1.1 responses: complete, partial, stable, progressive, not evaluable."""

    CR = "CR"
    PR = "PR"
    SD = "SD"
    PD = "PD"
    NE = "NE"


class NonTargetStatus(StrEnum):
    PRESENT = "present"
    ABSENT = "absent"
    PROGRESSION = "progression"
    NOT_ASSESSED = "not_assessed"


CR, PR, SD, PD, NE = Response.CR, Response.PR, Response.SD, Response.PD, Response.NE
NON_CR_NON_PD, NA = "NON_CR_NON_PD", "NA"
RESPONSES = tuple(Response)
NON_TARGET_STATUSES = tuple(NonTargetStatus)

MAX_TARGETS, MAX_PER_ORGAN = 5, 2
MIN_NON_NODAL_MM, MIN_NODAL_MM, NORMAL_NODE_MM = Decimal(10), Decimal(15), Decimal(10)
TOO_SMALL_MM = Decimal(5)
PR_CHANGE, PD_CHANGE, PD_ABSOLUTE_MM = Decimal("-0.30"), Decimal("0.20"), Decimal(5)


class RecistError(ValueError):
    """Scans that break the rules; the message names the lesion or the date."""


def mm(value: object) -> Decimal:
    """A measurement as an exact decimal (a float is read by its shortest repr: 23.1)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(str(value))


@dataclass(frozen=True)
class TargetLesion:
    id: str
    organ: str = ""
    nodal: bool = False
    mm: Decimal | None = None  # None with not_assessed
    too_small: bool = False
    not_assessed: bool = False

    def size(self) -> Decimal | None:
        if self.not_assessed:
            return None
        if self.too_small:
            return TOO_SMALL_MM
        return self.mm if self.mm is not None else None


@dataclass(frozen=True)
class NonTargetLesion:
    id: str
    organ: str = ""
    nodal: bool = False
    status: str = "present"
    mm: Decimal | None = None  # a node's short axis, instead of a status

    def state(self) -> str:
        if self.mm is not None:
            return "absent" if self.mm < NORMAL_NODE_MM else "present"
        return self.status


@dataclass(frozen=True)
class Assessment:
    date: date
    baseline: bool = False
    targets: tuple[TargetLesion, ...] = ()
    non_targets: tuple[NonTargetLesion, ...] = ()
    new_lesion: bool = False
    overall: str | None = None  # the investigator's response, when no lesions are recorded
    modality: str | None = None


@dataclass(frozen=True)
class Timepoint:
    date: date
    sum_mm: Decimal | None
    change_from_baseline_pct: Decimal | None
    change_from_nadir_pct: Decimal | None
    target: str | None
    non_target: str | None
    overall: str
    counts: bool = True  # inside the efficacy window
    note: str = ""  # why it does not count, or where its confirmation stands


@dataclass(frozen=True)
class Evaluation:
    timepoints: tuple[Timepoint, ...]
    best_overall_response: str
    first_progression_date: date | None
    confirmed_on: date | None = None  # the confirming assessment of a CR/PR
    response_start: date | None = None  # the first CR/PR of the confirmed response (DOR)
    notes: tuple[str, ...] = field(default=())


# --- checks -----------------------------------------------------------------------------

def check_baseline(baseline: Assessment) -> None:
    """RECIST 1.1's rules for choosing target lesions, naming the lesion that breaks them."""
    targets = baseline.targets
    if len(targets) > MAX_TARGETS:
        raise RecistError(f"{len(targets)} target lesions at baseline "
                          f"({', '.join(t.id for t in targets)}): at most {MAX_TARGETS}")
    ids = Counter(t.id for t in targets) + Counter(n.id for n in baseline.non_targets)
    twice = [i for i, n in ids.items() if n > 1]
    if twice:
        raise RecistError(f"lesion {twice[0]} is listed twice at baseline")
    by_organ: dict[str, list[str]] = {}
    for t in targets:
        by_organ.setdefault(t.organ.strip().lower(), []).append(t.id)
        size = t.size()
        if size is None or t.too_small:
            raise RecistError(f"target lesion {t.id} must be measured at baseline")
        if t.nodal and size < MIN_NODAL_MM:
            raise RecistError(f"target lesion {t.id} is a lymph node of {size:.1f} mm short axis: "
                              f"a nodal target needs at least {MIN_NODAL_MM} mm")
        if not t.nodal and size < MIN_NON_NODAL_MM:
            raise RecistError(f"target lesion {t.id} is {size:.1f} mm: a non-nodal target needs "
                              f"at least {MIN_NON_NODAL_MM} mm")
    for organ, ids_in in by_organ.items():
        if len(ids_in) > MAX_PER_ORGAN:
            raise RecistError(f"{len(ids_in)} target lesions in {organ or 'one organ'} "
                              f"({', '.join(ids_in)}): at most {MAX_PER_ORGAN} per organ")


def _order(assessments: list[Assessment]) -> list[Assessment]:
    seen: set[date] = set()
    for a in assessments:
        if a.date in seen:
            raise RecistError(f"two scans on {fmt_date(a.date)}: one assessment per date")
        seen.add(a.date)
    return sorted(assessments, key=lambda a: a.date)


# --- one timepoint ------------------------------------------------------------------------

def target_response(lesions: dict[str, TargetLesion], baseline: dict[str, TargetLesion],
                    baseline_sum: Decimal, nadir: Decimal) -> tuple[str, Decimal | None]:
    """(response, sum) of the target lesions at one timepoint."""
    sizes = {i: (lesions[i].size() if i in lesions else None) for i in baseline}
    known = [s for s in sizes.values() if s is not None]
    partial = sum(known, Decimal(0))
    measured = {i: s for i, s in sizes.items() if s is not None}
    if len(measured) < len(sizes):
        # not all measured: PD may still be certain from what was measured
        if partial - nadir >= PD_ABSOLUTE_MM and nadir and (partial - nadir) / nadir >= PD_CHANGE:
            return PD, None
        return NE, None
    total = partial
    if all((s < NORMAL_NODE_MM) if baseline[i].nodal else (s == 0)
           for i, s in measured.items()):
        return CR, total
    growth = total - nadir
    if growth >= PD_ABSOLUTE_MM and (nadir == 0 or growth / nadir >= PD_CHANGE):
        return PD, total
    if baseline_sum and (total - baseline_sum) / baseline_sum <= PR_CHANGE:
        return PR, total
    return SD, total


def non_target_response(lesions: tuple[NonTargetLesion, ...],
                        baseline_ids: Collection[str]) -> str:
    """Every baseline non-target is assessed at each follow-up: one left out (or not
    assessed) makes the response NE, unless another shows unequivocal progression."""
    if not baseline_ids and not lesions:
        return NA
    states = [n.state() for n in lesions]
    if "progression" in states:
        return PD
    seen = {n.id for n in lesions}
    if not states or "not_assessed" in states or any(i not in seen for i in baseline_ids):
        return NE
    if all(s == "absent" for s in states):
        return CR
    return NON_CR_NON_PD


def overall_response(target: str | None, non_target: str, new_lesion: bool) -> str:
    """RECIST 1.1 tables 1 and 2: targets with non-targets, or non-targets alone."""
    if new_lesion or target == PD or non_target == PD:
        return PD
    if target is None:  # no target lesions at baseline
        return {CR: CR, NON_CR_NON_PD: SD, NE: NE, NA: NE}[non_target]
    if target == CR:
        return CR if non_target in (CR, NA) else PR
    if target == PR:
        return PR
    if target == SD:
        return SD
    return NE


# --- the whole course ------------------------------------------------------------------------

def evaluate(assessments: list[Assessment], c1d1: date, confirm_min_days: int,
             sd_min_days: int, window: EfficacyWindow | None = None) -> Evaluation:
    """Every timepoint's response, then the best overall response with confirmation, from
    the timepoints inside the efficacy window (all of them without one)."""
    if not assessments:
        return Evaluation((), NE, None)
    ordered = _order(assessments)
    baselines = [a for a in ordered if a.baseline]
    if baselines:
        if len(baselines) > 1:
            raise RecistError(f"two baseline scans ({fmt_date(baselines[0].date)} and "
                              f"{fmt_date(baselines[1].date)})")
        baseline = baselines[0]
        if ordered[0] is not baseline:
            raise RecistError(f"the scan of {fmt_date(ordered[0].date)} is before the "
                              f"baseline of {fmt_date(baseline.date)}")
        check_baseline(baseline)
        timepoints = _lesion_timepoints(baseline, ordered[1:])
    else:
        timepoints = []
        for a in ordered:
            if a.overall not in RESPONSES:
                raise RecistError(f"the scan of {fmt_date(a.date)} has neither a baseline "
                                  "with lesions nor an overall response (CR, PR, SD, PD, NE)")
            timepoints.append(Timepoint(a.date, None, None, None, None, None, a.overall))
    if window is not None:
        timepoints = [replace(t, counts=False, note=why) if (why := window.why_not(t.date))
                      else t for t in timepoints]
    counted = [(t.date, t.overall) for t in timepoints if t.counts]
    best = best_overall_response(counted, c1d1, confirm_min_days, sd_min_days)
    notes = confirmation_notes(counted, confirm_min_days, best,
                               window.closes if window else None)
    timepoints = [replace(t, note=notes[t.date]) if t.date in notes and t.counts else t
                  for t in timepoints]
    return Evaluation(tuple(timepoints), best.response, best.first_progression,
                      best.confirmed_on, best.start)


def _baseline_size(t: TargetLesion) -> Decimal:
    """A baseline target's size (baselines are checked measured before evaluation)."""
    size = t.size()
    if size is None:
        raise RecistError(f"target lesion {t.id} has no size at baseline")
    return size


def _lesion_timepoints(baseline: Assessment, later: list[Assessment]) -> list[Timepoint]:
    base_targets = {t.id: t for t in baseline.targets}
    base_sum = sum((_baseline_size(t) for t in baseline.targets), Decimal(0))
    base_non_targets = {n.id for n in baseline.non_targets}
    nadir = base_sum
    out = []
    for a in later:
        if a.overall and not a.targets and not a.non_targets:
            out.append(Timepoint(a.date, None, None, None, None, None, a.overall))
            continue
        strangers = [t.id for t in a.targets if t.id not in base_targets]
        if strangers:
            raise RecistError(f"lesion {strangers[0]} on {fmt_date(a.date)} was not a target "
                              "lesion at baseline: record it as a new lesion")
        strangers = [n.id for n in a.non_targets if n.id not in base_non_targets]
        if strangers:
            raise RecistError(f"lesion {strangers[0]} on {fmt_date(a.date)} was not a "
                              "non-target lesion at baseline: a lesion that was not there at "
                              "baseline is a new lesion (progression)")
        lesions = {t.id: t for t in a.targets}
        target: str | None = None
        total: Decimal | None = None
        if base_targets:
            target, total = target_response(lesions, base_targets, base_sum, nadir)
        non_target = non_target_response(a.non_targets, base_non_targets)
        overall = overall_response(target, non_target, a.new_lesion)
        change_base = change_nadir = None
        if total is not None:
            change_base = (total - base_sum) / base_sum * 100 if base_sum else None
            change_nadir = (total - nadir) / nadir * 100 if nadir else None
        out.append(Timepoint(a.date, total, change_base, change_nadir, target, non_target,
                             overall))
        if total is not None:
            nadir = min(nadir, total)
    return out


_RANK: dict[str, int] = {CR: 4, PR: 3, SD: 2, PD: 1, NE: 0}
CONFIRMED, AWAITING, BROKEN = "confirmed", "awaiting", "broken"


@dataclass(frozen=True, slots=True)
class BestResponse:
    response: str
    first_progression: date | None
    start: date | None = None  # the first CR/PR of the confirmed response
    confirmed_on: date | None = None


def best_overall_response(timepoints: list[tuple[date, str]], c1d1: date,
                          confirm_min_days: int, sd_min_days: int) -> BestResponse:
    """The best overall response of the timepoints given (those that count).

    Only timepoints up to and including the first PD count. A CR is confirmed by a later CR,
    a PR by a later PR or CR, at least `confirm_min_days` later, with only CR, PR or at most
    one NE between. Unconfirmed CR/PR fall back to SD when some CR, PR or SD is at least
    `sd_min_days` after C1D1, else to PD if a PD follows, else NE.
    """
    counted = _up_to_progression(timepoints)
    first_pd = next((d for d, r in counted if r == PD), None)
    for level, accept in ((CR, (CR,)), (PR, (CR, PR))):
        for i, (start, r) in enumerate(counted):
            if _RANK[r] >= _RANK[level]:
                state, when = _confirmation(counted, i, accept, confirm_min_days)
                if state == CONFIRMED:
                    return BestResponse(level, first_pd, start, when)
    if any(r in (CR, PR, SD) and (d - c1d1).days >= sd_min_days for d, r in counted):
        return BestResponse(SD, first_pd)
    return BestResponse(PD if first_pd is not None else NE, first_pd)


def _up_to_progression(timepoints: list[tuple[date, str]]) -> list[tuple[date, str]]:
    ordered = sorted(timepoints)
    first_pd = next((d for d, r in ordered if r == PD), None)
    return [(d, r) for d, r in ordered if first_pd is None or d <= first_pd]


def _confirmation(counted: list[tuple[date, str]], i: int, accept: tuple[str, ...],
                  confirm_min_days: int) -> tuple[str, date | None]:
    """Where timepoint `i`'s confirmation stands: (confirmed, by the scan of that date),
    (awaiting, from the earliest date a confirming scan counts) or (broken, None). Between
    the two only CR, PR or at most one NE may stand."""
    start, _ = counted[i]
    nes = 0
    for d, r in counted[i + 1:]:
        if r in accept and (d - start).days >= confirm_min_days:
            return CONFIRMED, d
        if r == NE:
            nes += 1
            if nes > 1:
                return BROKEN, None
        elif r not in (CR, PR):
            return BROKEN, None
    return AWAITING, start + timedelta(days=confirm_min_days)


def confirmation_notes(timepoints: list[tuple[date, str]], confirm_min_days: int,
                       best: BestResponse, closes: date | None) -> dict[date, str]:
    """What the screen says of each CR/PR that counts: confirmed (by which scan), the
    confirming scan, awaiting confirmation (from when a confirming scan counts) or not
    confirmed."""
    counted = _up_to_progression(timepoints)
    notes: dict[date, str] = {}
    for i, (day, r) in enumerate(counted):
        if r not in (CR, PR):
            continue
        state, when = _confirmation(counted, i, (CR,) if r == CR else (CR, PR),
                                    confirm_min_days)
        if state == CONFIRMED and when is not None:
            notes[day] = f"{r} confirmed by the scan of {fmt_date(when)}"
        elif day == best.confirmed_on:
            notes[day] = f"confirms the {best.response} of {fmt_date(best.start)}" \
                if best.start else ""
        elif state == AWAITING and when is not None and closes is None:
            notes[day] = (f"{r} awaiting confirmation: a confirming scan counts from "
                          f"{fmt_date(when)}")
        elif state == AWAITING and closes is not None:
            notes[day] = (f"{r} not confirmed: no confirming scan inside the efficacy window "
                          f"(it closes on {fmt_date(closes)})")
        else:
            notes[day] = f"{r} not confirmed"
    return notes
