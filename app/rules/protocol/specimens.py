"""The lab manual's rules for the study's specimens, read from `[specimens]`: how each sample
type is processed at the bench (spin and freeze limits counted from the draw), how it is
aliquoted, stored and shipped, where to, and the central lab's manifest and receipt columns.

Optional: a study without the section records its PK tubes' draw times only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app.rules.protocol.reader import Reader

MATRICES = ("plasma", "serum", "whole blood")
#: how often stored aliquots go to the lab: each patient's cycle once it is over, or monthly
FREQUENCIES = ("per_patient_cycle", "monthly")
#: what a manifest column may hold (the lab's heading maps to one of these)
MANIFEST_FIELDS = ("aliquot_id", "tube_id", "study", "subject", "visit", "timepoint",
                   "matrix", "volume_ml", "drawn", "spun", "frozen", "box", "position",
                   "shipment", "condition")


@dataclass(frozen=True, slots=True)
class SampleType:
    """One sample type of the lab manual: its matrix and tube, the spin (as the manual says
    it, with its start limit and duration), the aliquots and the freeze limit."""

    code: str
    name: str
    matrix: str
    tube: str
    spin: str  # speed and temperature, as text ("1500 g, 4 C")
    spin_within_min: int | None  # None: not centrifuged (whole blood)
    spin_duration_min: int
    aliquot_labels: tuple[str, ...]  # one per aliquot ("primary", "back-up")
    aliquot_volume_ml: float
    freeze_within_min: int
    freeze_temperature: str
    storage_temperature: str

    @property
    def aliquots(self) -> int:
        return len(self.aliquot_labels)


@dataclass(frozen=True, slots=True)
class ManifestColumn:
    heading: str  # the lab's own heading
    field: str  # one of MANIFEST_FIELDS


@dataclass(frozen=True, slots=True)
class Specimens:
    """The study's specimen handling: its sample types (the PK tubes are `pk_type`), when a
    limit's clock turns amber, the storage box, shipping and the central lab."""

    types: tuple[SampleType, ...]
    pk_type: str
    amber_min: int
    box_rows: int
    box_columns: int
    shipping_conditions: str
    frequency: str
    lab_name: str
    lab_address: tuple[str, ...]
    manifest: tuple[ManifestColumn, ...]
    receipt_id_column: str
    receipt_condition_column: str

    def type_of(self, code: str | None = None) -> SampleType:
        """A sample type by its code; the PK tubes' type without one."""
        wanted = code or self.pk_type
        return next(t for t in self.types if t.code == wanted)


def _sample_type(r: Reader, t: Any, i: int) -> SampleType:
    key = f"specimens.types[{i}]"
    matrix = r.get(t, key, "matrix", str) or ""
    if matrix and matrix not in MATRICES:
        r.fail(f"{key}.matrix", f"must be one of {', '.join(MATRICES)}, not '{matrix}'")
    labels = r.strings(t, key, "aliquot_labels")
    if not labels:
        r.fail(f"{key}.aliquot_labels", "give one label per aliquot")
    volume = r.get(t, key, "aliquot_volume_ml", (int, float))
    spin_within = r.get(t, key, "spin_within_min", int, None, minimum=1)
    freeze_within = r.get(t, key, "freeze_within_min", int, minimum=1)
    if spin_within and freeze_within and freeze_within < spin_within:
        r.fail(f"{key}.freeze_within_min", f"{freeze_within} min is before the spin's limit "
               f"({spin_within} min)")
    return SampleType(
        code=r.get(t, key, "code", str) or "?", name=r.get(t, key, "name", str) or "",
        matrix=matrix, tube=r.get(t, key, "tube", str) or "",
        spin=r.get(t, key, "spin", str, "") or "", spin_within_min=spin_within,
        spin_duration_min=r.get(t, key, "spin_duration_min", int, 0, minimum=0) or 0,
        aliquot_labels=labels, aliquot_volume_ml=float(volume or 0),
        freeze_within_min=freeze_within or 1,
        freeze_temperature=r.get(t, key, "freeze_temperature", str) or "",
        storage_temperature=r.get(t, key, "storage_temperature", str) or "")


def _manifest(r: Reader, s: dict[str, Any]) -> tuple[ManifestColumn, ...]:
    columns = []
    for i, c in enumerate(r.array(s, "specimens", "manifest", required=True)):
        key = f"specimens.manifest[{i}]"
        name = r.get(c, key, "field", str) or ""
        if name and name not in MANIFEST_FIELDS:
            r.fail(f"{key}.field", f"unknown field '{name}' (known: "
                   f"{', '.join(MANIFEST_FIELDS)})")
        columns.append(ManifestColumn(r.get(c, key, "heading", str) or name, name))
    if columns and not any(c.field == "aliquot_id" for c in columns):
        r.fail("specimens.manifest", "must have a column for the aliquot_id")
    return tuple(columns)


def parse_specimens(r: Reader, data: dict[str, Any]) -> Specimens | None:
    """`[specimens]`, or None where the file has none."""
    s = r.table(data, "", "specimens", required=False)
    if not s:
        return None
    types = [_sample_type(r, t, i) for i, t in enumerate(r.array(s, "specimens", "types"))]
    codes = [t.code for t in types]
    if len(set(codes)) != len(codes):
        r.fail("specimens.types", "names a sample type twice")
    pk_type = r.get(s, "specimens", "pk_type", str, codes[0] if codes else "") or ""
    if codes and pk_type not in codes:
        r.fail("specimens.pk_type", f"unknown sample type '{pk_type}'")
    box = r.table(s, "specimens", "box")
    shipping = r.table(s, "specimens", "shipping")
    frequency = r.get(shipping, "specimens.shipping", "frequency", str) or ""
    if frequency and frequency not in FREQUENCIES:
        r.fail("specimens.shipping.frequency", f"must be one of {', '.join(FREQUENCIES)}, "
               f"not '{frequency}'")
    lab = r.table(s, "specimens", "lab")
    receipt = r.table(s, "specimens", "receipt")
    rows = r.get(box, "specimens.box", "rows", int, minimum=1) or 9
    columns = r.get(box, "specimens.box", "columns", int, minimum=1) or 9
    if rows > 26:
        r.fail("specimens.box.rows", f"at most 26 (rows are lettered), not {rows}")
    return Specimens(
        types=tuple(types), pk_type=pk_type,
        amber_min=r.get(s, "specimens", "amber_min", int, 10, minimum=0) or 0,
        box_rows=min(rows, 26), box_columns=columns,
        shipping_conditions=r.get(shipping, "specimens.shipping", "conditions", str) or "",
        frequency=frequency,
        lab_name=r.get(lab, "specimens.lab", "name", str) or "",
        lab_address=r.strings(lab, "specimens.lab", "address"),
        manifest=_manifest(r, s),
        receipt_id_column=r.get(receipt, "specimens.receipt", "id_column", str) or "",
        receipt_condition_column=r.get(receipt, "specimens.receipt", "condition_column",
                                       str) or "")


__all__ = ["FREQUENCIES", "MANIFEST_FIELDS", "MATRICES", "ManifestColumn", "SampleType",
           "Specimens", "parse_specimens"]
