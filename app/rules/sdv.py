"""Source-data verification, pure: the state of one target from the monitor's marks and
its values now, what the sponsor's monitoring plan asks to verify, and the monitor's input
(a target named on the command line, the fields to verify).

A target is a visit, an AE, a scan or a PK panel (a visit's samples). Its values are a flat
mapping field -> text (the record's columns, then its grades, lesions or samples); a mark
keeps the values it verified, so a later change shows as field: old -> new.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from app.errors import InvalidEntry, Phrase
from app.wording.records import field_word, value_words

KINDS = ("visit", "ae", "scan", "pk")
KIND_WORDS = {"visit": "Visit", "ae": "AE", "scan": "Scan", "pk": "PK panel"}


class SdvState(StrEnum):
    NOT_VERIFIED = "not-verified"
    PARTLY = "partly-verified"  # some fields verified, unchanged since
    VERIFIED = "verified"
    CHANGED = "changed-since"  # a verified value changed since (or a field was added)


STATE_WORDS = {SdvState.NOT_VERIFIED: "not yet verified",
               SdvState.PARTLY: "partly verified",
               SdvState.VERIFIED: "verified",
               SdvState.CHANGED: "changed since verified"}


@dataclass(frozen=True)
class Mark:
    """One verification, oldest first: `fields` None verified the whole record."""

    fields: tuple[str, ...] | None
    values: Mapping[str, str | None]


@dataclass(frozen=True)
class Change:
    field: str
    old: str | None
    new: str | None

    @property
    def text(self) -> str:
        """In the screen's words: "Actual date: 12-JAN-2026 -> 13-JAN-2026"."""
        return changed_words(self.field, self.old, self.new)


def target_field_word(name: str) -> str:
    """A target's field in the screen's words: "actual_date" -> "Actual date", "grade 2.
    end_date" -> "grade 2: End", "1h.collected_at" -> "1h: Collected at"."""
    head, dot, tail = name.rpartition(".")
    return f"{head}: {field_word(tail)}" if dot else field_word(name)


def changed_words(name: str, old: str | None, new: str | None) -> str:
    column = name.rpartition(".")[2]
    return (f"{target_field_word(name)}: {value_words(column, old) or '(blank)'} -> "
            f"{value_words(column, new) or '(blank)'}")


@dataclass(frozen=True)
class TargetSdv:
    state: SdvState
    changes: tuple[Change, ...] = ()
    verified_fields: tuple[str, ...] = ()

    @property
    def what_changed(self) -> str:
        return "; ".join(c.text for c in self.changes)


def target_state(marks: Sequence[Mark], current: Mapping[str, str | None]) -> TargetSdv:
    """The target's state now: a whole-record mark covers every field it saw (and a field
    filled in since counts as a change); a later mark of some fields re-verifies those."""
    if not marks:
        return TargetSdv(SdvState.NOT_VERIFIED)
    verified: dict[str, str | None] = {}
    whole = False
    for mark in marks:
        if mark.fields is None:
            verified, whole = dict(mark.values), True
        else:
            for name in mark.fields:
                verified[name] = mark.values.get(name)
    changes = [Change(k, old, current.get(k)) for k, old in verified.items()
               if current.get(k) != old]
    if whole:
        changes += [Change(k, None, v) for k, v in current.items()
                    if k not in verified and v is not None]
    fields = tuple(verified)
    if changes:
        return TargetSdv(SdvState.CHANGED, tuple(changes), fields)
    if whole or all(k in verified for k, v in current.items() if v is not None):
        return TargetSdv(SdvState.VERIFIED, (), fields)
    return TargetSdv(SdvState.PARTLY, (), fields)


def fields_to_verify(requested: Sequence[str] | None, available: Collection[str],
                     target: str) -> tuple[str, ...] | None:
    """The fields a mark verifies (None: the whole record); a field the record does not
    have is refused, naming it and what there is."""
    if requested is None:
        return None
    wanted = tuple(dict.fromkeys(f.strip() for f in requested if f.strip()))
    if not wanted:
        raise InvalidEntry("fields", "Fields: name at least one field of {target}, or verify "
                                     "the whole record", target=target)
    for name in wanted:
        if name not in available:
            raise InvalidEntry("fields", "{field_name} is not a field of {target} (its "
                                         "fields: {fields})",
                               field_name=name, target=target, fields=", ".join(sorted(available)))
    return wanted


def parse_target(text: str) -> tuple[str, str]:
    """(kind, reference) of a target as typed: `C1D1` (a visit), `AE:ID`, `SCAN:ID`,
    `PK:VISIT`."""
    typed = text.strip()
    head, colon, rest = typed.partition(":")
    kind = {"AE": "ae", "SCAN": "scan", "PK": "pk"}.get(head.strip().upper()) if colon else None
    if colon and kind is None:
        raise InvalidEntry("target", "Target '{target}' is not a visit (C1D1), AE:ID, SCAN:ID "
                                     "or PK:VISIT", target=typed)
    ref = rest.strip() if colon else typed
    if not ref or (kind in ("ae", "scan") and not ref.isdigit()):
        raise InvalidEntry("target", "Target '{target}' is not a visit (C1D1), AE:ID, SCAN:ID "
                                     "or PK:VISIT", target=typed)
    return kind or "visit", ref.upper() if kind in (None, "pk") else ref


@dataclass(frozen=True)
class SdvPlan:
    """The sponsor's monitoring plan for one study: every target of screening and the first
    `full_cycles` cycles, `share_percent` % of the others (chosen reproducibly), and every
    SAE when `every_sae`."""

    full_cycles: int = 1
    share_percent: int = 20
    every_sae: bool = True

    @property
    def text(self) -> str:
        sae = ", every SAE" if self.every_sae else ""
        return (f"100 % of screening and cycles 1 to {self.full_cycles}, "
                f"{self.share_percent} % of the rest{sae}") if self.full_cycles else \
            f"100 % of screening, {self.share_percent} % of the rest{sae}"


def check_plan(full_cycles: int, share_percent: int) -> None:
    if not 0 <= full_cycles <= 99:
        raise InvalidEntry("full_cycles", "Cycles verified in full: 0 to 99, not {value}",
                           value=full_cycles)
    if not 0 <= share_percent <= 100:
        raise InvalidEntry("share_percent", "Share of the rest: 0 to 100 %, not {value}",
                           value=share_percent)


def sampled(share_percent: int, key: str) -> bool:
    """Whether the reproducible draw for `key` (study, subject, target) falls within the
    share: the same target is chosen on every workstation and every day."""
    draw = int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:4], "big") % 100
    return draw < share_percent


def required(plan: SdvPlan, cycle: int | None, serious: bool, key: str) -> Phrase | None:
    """Why the plan asks for this target (None: it does not). `cycle`: 0 for screening and
    the visits before cycle 1, the cycle's number, or None outside the cycles (scans,
    follow-up); `serious`: an SAE."""
    if serious and plan.every_sae:
        return _EVERY_SAE
    if cycle is not None and cycle <= plan.full_cycles:
        return _SCREENING if cycle == 0 else _cycle_words(cycle)
    if sampled(plan.share_percent, key):
        return _share_words(plan.share_percent)
    return None


# one phrase for each reason: a study's list says a few reasons thousands of times
_EVERY_SAE = Phrase("every SAE")
_SCREENING = Phrase("screening")


@cache
def _cycle_words(cycle: int) -> Phrase:
    return Phrase("cycle {cycle}", cycle=cycle)


@cache
def _share_words(share_percent: int) -> Phrase:
    return Phrase("{share_percent} % sample", share_percent=share_percent)
