"""Shipments to the central lab, pure: which stored aliquots are due to go, what may be
shipped (once), when a shipment may still be cancelled, the lab's receipt file read and
reconciled against what was shipped (matched, missing, unexpected, thawed or damaged)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from app.errors import InvalidEntry
from app.rules.specimens import AliquotState


class ShipmentState(StrEnum):
    """Packed (the aliquots are shipped, the box not yet gone: it may be cancelled),
    dispatched (left with the courier), closed (every aliquot accounted for on receipt),
    cancelled (the aliquots back in storage)."""

    PACKED = "packed"
    DISPATCHED = "dispatched"
    RECEIVED = "received"  # the receipt has discrepancies whose reason is not recorded
    CLOSED = "closed"
    CANCELLED = "cancelled"


def shipment_state(cancelled: bool, dispatched: bool, received: bool, unexplained: int
                   ) -> ShipmentState:
    """A shipment is closed once the lab's receipt accounts for every aliquot and each
    discrepancy has its reason recorded."""
    if cancelled:
        return ShipmentState.CANCELLED
    if received:
        return ShipmentState.RECEIVED if unexplained else ShipmentState.CLOSED
    return ShipmentState.DISPATCHED if dispatched else ShipmentState.PACKED


def due_to_ship(frequency: str, drawn: date, today: date, tube_cycle: int | None,
                current_cycle: int | None) -> bool:
    """Whether a stored aliquot is due: monthly, drawn before this calendar month; per
    patient per cycle, its cycle over (the patient is in a later one)."""
    if frequency == "monthly":
        return (drawn.year, drawn.month) < (today.year, today.month)
    if tube_cycle is None or current_cycle is None:
        return False
    return tube_cycle < current_cycle


def check_shippable(picked: Sequence[tuple[str, AliquotState, int | None]]) -> None:
    """(aliquot ID, state, shipment it is in) for each picked: at least one, each stored
    and in no other shipment."""
    if not picked:
        raise InvalidEntry("aliquots", "No stored aliquot to ship: pick at least one")
    seen: set[str] = set()
    for aliquot, state, shipment in picked:
        if aliquot in seen:
            raise InvalidEntry("aliquots", "{aliquot} is picked twice", aliquot=aliquot)
        seen.add(aliquot)
        if shipment is not None or state in (AliquotState.SHIPPED, AliquotState.RECEIVED):
            raise InvalidEntry("aliquots", "{aliquot} is already shipped (shipment {n})",
                               aliquot=aliquot, n=shipment if shipment is not None else "?")
        if state is not AliquotState.STORED:
            raise InvalidEntry("aliquots", "{aliquot} is {state}: only stored aliquots are "
                               "shipped", aliquot=aliquot, state=str(state))


def check_courier(courier: str, tracking: str) -> tuple[str, str]:
    courier, tracking = (courier or "").strip(), (tracking or "").strip()
    if not courier:
        raise InvalidEntry("courier", "Give the courier")
    if not tracking:
        raise InvalidEntry("tracking", "Give the courier's tracking number")
    return courier, tracking


def check_cancel(number: int, state: ShipmentState) -> None:
    if state is not ShipmentState.PACKED:
        raise InvalidEntry("shipment", "Shipment {n} is {state}: only a shipment that has not "
                           "left can be cancelled", n=number, state=str(state))


def check_dispatch(number: int, state: ShipmentState) -> None:
    if state is not ShipmentState.PACKED:
        raise InvalidEntry("shipment", "Shipment {n} is {state}, not packed", n=number,
                           state=str(state))


class Condition(StrEnum):
    """An aliquot as the lab found it."""

    GOOD = "received"
    THAWED = "received thawed"
    DAMAGED = "received damaged"
    MISSING = "missing"


def condition_of(text: str) -> Condition:
    """The lab's word for a sample's condition: thawed, damaged (broken, leaking), else good."""
    t = (text or "").strip().lower()
    if "thaw" in t:
        return Condition.THAWED
    if any(w in t for w in ("damag", "broken", "leak", "crack")):
        return Condition.DAMAGED
    return Condition.GOOD


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    row: int  # the file's row number (the header is row 1)
    aliquot: str
    condition: Condition
    said: str  # the lab's own words


def read_receipt(header: Sequence[str], rows: Iterable[Sequence[str]], id_column: str,
                 condition_column: str) -> list[ReceiptLine]:
    """The lab's receipt file as lines, or one refusal naming the row and the problem: a
    column missing, a row without an ID, an ID listed twice."""
    names = [str(h or "").strip() for h in header]
    lowered = [n.lower() for n in names]
    for column in (id_column, condition_column):
        if column.lower() not in lowered:
            raise InvalidEntry("file", "The receipt file has no column '{column}' (its "
                               "columns: {columns})", column=column,
                               columns=", ".join(n for n in names if n) or "none")
    id_at, condition_at = lowered.index(id_column.lower()), lowered.index(
        condition_column.lower())
    lines: list[ReceiptLine] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        cells = [str(c or "").strip() for c in row]
        if not any(cells):
            continue
        aliquot = cells[id_at].upper() if id_at < len(cells) else ""
        if not aliquot:
            raise InvalidEntry("file", "Row {row}: no {column}", row=number, column=id_column)
        if aliquot in seen:
            raise InvalidEntry("file", "Row {row}: {aliquot} is listed twice (row {first})",
                               row=number, aliquot=aliquot, first=seen[aliquot])
        seen[aliquot] = number
        said = cells[condition_at] if condition_at < len(cells) else ""
        lines.append(ReceiptLine(number, aliquot, condition_of(said), said))
    if not lines:
        raise InvalidEntry("file", "The receipt file lists no sample")
    return lines


@dataclass(frozen=True)
class Reconciliation:
    """What the lab received against what was shipped."""

    matched: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    unexpected: list[str] = field(default_factory=list)
    thawed: list[str] = field(default_factory=list)
    damaged: list[str] = field(default_factory=list)

    @property
    def discrepancies(self) -> int:
        return len(self.missing) + len(self.unexpected) + len(self.thawed) + len(
            self.damaged)

    def condition(self, aliquot: str) -> Condition:
        if aliquot in self.missing:
            return Condition.MISSING
        if aliquot in self.thawed:
            return Condition.THAWED
        return Condition.DAMAGED if aliquot in self.damaged else Condition.GOOD


def reconcile(shipped: Sequence[str], lines: Sequence[ReceiptLine]) -> Reconciliation:
    """Every shipped aliquot accounted for: received (matched, thawed or damaged) or
    missing; what the lab lists but was not shipped is unexpected."""
    by_id = {line.aliquot: line for line in lines}
    wanted = {a.upper() for a in shipped}
    result = Reconciliation(unexpected=[line.aliquot for line in lines
                                        if line.aliquot not in wanted])
    for aliquot in shipped:
        line = by_id.get(aliquot.upper())
        if line is None:
            result.missing.append(aliquot)
        elif line.condition is Condition.THAWED:
            result.thawed.append(aliquot)
        elif line.condition is Condition.DAMAGED:
            result.damaged.append(aliquot)
        else:
            result.matched.append(aliquot)
    return result


def check_receivable(number: int, state: ShipmentState) -> None:
    if state in (ShipmentState.CANCELLED, ShipmentState.CLOSED, ShipmentState.RECEIVED):
        raise InvalidEntry("shipment", "Shipment {n} is {state}: its receipt cannot be "
                           "recorded", n=number, state=str(state))


def check_discrepancy_reason(aliquot: str, condition: str | None, reason: str) -> str:
    """The why of a discrepancy the lab reported (missing, thawed, damaged)."""
    if condition in (None, Condition.GOOD):
        raise InvalidEntry("aliquot", "{aliquot} has no discrepancy to explain",
                           aliquot=aliquot)
    text = (reason or "").strip()
    if not text:
        raise InvalidEntry("reason", "Say why {aliquot} was {condition}", aliquot=aliquot,
                           condition=str(condition))
    return text


__all__ = [
    "Condition",
    "ReceiptLine",
    "Reconciliation",
    "ShipmentState",
    "check_cancel",
    "check_courier",
    "check_discrepancy_reason",
    "check_dispatch",
    "check_receivable",
    "check_shippable",
    "condition_of",
    "due_to_ship",
    "read_receipt",
    "reconcile",
    "shipment_state",
]
