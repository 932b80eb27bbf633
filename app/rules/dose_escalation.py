"""Part 1's dose escalation as the site records it: the slots the sponsor opened, the SMC's
decisions, where a new patient is placed, and when the investigator may review the DLTs.
Pure: the service loads the counts and dates, these decide."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from app.errors import InvalidEntry
from app.rules.dates import fmt_date
from app.rules.future import not_in_future
from app.rules.protocol import Protocol
from app.rules.protocol.dosing import Escalation
from app.wording.words import count


class Decision(StrEnum):
    ESCALATE = "escalate"
    STAY = "stay"
    DE_ESCALATE = "de-escalate"
    MTD = "MTD declared"
    RP2D = "RP2D declared"


DECISIONS = tuple(Decision)


def escalation_of(protocol: Protocol) -> Escalation:
    """The protocol's escalation; InvalidEntry where it has none."""
    if protocol.escalation is None:
        raise InvalidEntry("dose_level", "The protocol of {code} has no dose escalation "
                                         "([escalation] section)",
                                         code=protocol.code)
    return protocol.escalation


def _on_ladder(protocol: Protocol, dose_level: str) -> str:
    ladder = protocol.dosing.ladder if protocol.dosing is not None else ()
    if dose_level not in ladder:
        raise InvalidEntry("dose_level", "{code} has no dose level '{dose_level}' (levels: "
                                         "{ladder})",
                                         code=protocol.code, dose_level=dose_level,
                                         ladder=', '.join(ladder))
    return dose_level


def check_slots(protocol: Protocol, dose_level: str | None, slots: int | None,
                opened_on: date | None, today: date) -> tuple[str, int, date]:
    """Slots the sponsor opened: a ladder's level, 1 to 50 slots, a date not in the future;
    (level, slots, date) as recorded."""
    esc = escalation_of(protocol)
    if not dose_level:
        raise InvalidEntry("dose_level", "Choose the dose level the slots are for")
    level = _on_ladder(protocol, dose_level)
    if slots is None or not 1 <= slots <= 50:
        raise InvalidEntry("slots", "Give how many slots were opened (1 to 50; a {design} cohort "
                                    "has {cohort_size})",
                                    design=esc.design, cohort_size=esc.cohort_size)
    if opened_on is None:
        raise InvalidEntry("opened_on", "Give the date the sponsor opened the slots")
    not_in_future("opened_on", opened_on, today, "{opened_on} is in the future",
                  opened_on=fmt_date(opened_on))
    return level, slots, opened_on


def check_decision(protocol: Protocol, decided_on: date | None, decision: str,
                   dose_level: str | None, today: date) -> tuple[date, str]:
    """An SMC decision: dated, not in the future, one of DECISIONS, about a ladder's level;
    (date, level) as recorded."""
    escalation_of(protocol)
    if decided_on is None:
        raise InvalidEntry("decided_on", "Give the date of the SMC's decision")
    not_in_future("decided_on", decided_on, today, "{decided_on} is in the future",
                  decided_on=fmt_date(decided_on))
    if decision not in DECISIONS:
        raise InvalidEntry("decision", "Choose the decision: " + ", ".join(DECISIONS))
    if not dose_level:
        raise InvalidEntry("dose_level", "Choose the dose level the decision is about")
    return decided_on, _on_ladder(protocol, dose_level)


def part2_level(rp2d: str | None) -> str:
    """Part 2's cohorts open at the RP2D the SMC declared; refused before it is declared."""
    if rp2d is None:
        raise InvalidEntry("cohort", "Part 2 opens at the RP2D, which the SMC has not "
                           "declared yet: record the SMC's decision under Escalation first")
    return rp2d


def check_part1_level(dose_level: str, declared: tuple[date, str] | None,
                      opened_filled: tuple[int, int] | None, own_slot: bool) -> None:
    """A Part 1 patient's level: the RP2D's once the SMC declared it (`declared`: when, which
    level), and, where the site records slots (`opened_filled` at this level, None where it
    records none), an open one; `own_slot` when the patient already fills one there."""
    if declared is not None and declared[1] != dose_level:
        raise InvalidEntry("dose_level", "The SMC declared the RP2D at {rp2d} on "
                                         "{decided_on}: a patient enrolled since then is "
                                         "treated at {rp2d}, not {dose_level}",
                                         rp2d=declared[1],
                                         decided_on=fmt_date(declared[0]),
                                         dose_level=dose_level)
    if opened_filled is None:
        return
    opened, filled = opened_filled
    if own_slot:
        filled -= 1  # the patient's own slot, when re-assigned
    if filled >= opened:
        raise InvalidEntry("dose_level", "{dose_level} has no open slot ({filled} of "
                                         "{slots} filled): enrol once the sponsor opens "
                                         "one, recorded under Escalation",
                                         dose_level=dose_level, filled=filled,
                                         slots=count(opened, 'slot'))


def check_dlt_review(protocol: Protocol, part: int, period: tuple[date, date] | None,
                     evaluable: bool, dlt: bool, today: date) -> None:
    """The investigator reviews a patient's DLTs in a DLT part, after the DLT period ended
    (`period`: first dose to its end; None before any dose); a DLT makes one evaluable."""
    escalation_of(protocol)
    if part not in protocol.safety.dlt.parts:
        raise InvalidEntry("evaluable", "DLTs are reviewed in Part {parts} only",
                                        parts=', '.join(map(str, protocol.safety.dlt.parts)))
    if period is None:
        raise InvalidEntry("evaluable", "This patient has not been dosed: the DLT period "
                           "has not started")
    if today <= period[1]:
        raise InvalidEntry("evaluable", "The DLT period ends {period_end}: review it after "
                                        "that day",
                                        period_end=fmt_date(period[1]))
    if dlt and not evaluable:
        raise InvalidEntry("evaluable", "A patient with a DLT is DLT-evaluable")


__all__ = ["DECISIONS", "Decision", "check_decision", "check_dlt_review", "check_part1_level",
           "check_slots", "escalation_of", "part2_level"]
