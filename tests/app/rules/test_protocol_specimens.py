"""The lab manual in the protocol file: processing limits, aliquots, boxes, shipping and the
lab's columns are data, different in each file; a broken section names its keys."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.rules.protocol import ProtocolError, default_protocol, load_protocol, parse_protocol

ALT = Path(__file__).parents[1] / "protocols" / "alt28.toml"


def test_the_shipped_study_s_pk_plasma_rules():
    s = default_protocol().specimens
    assert s is not None
    pk = s.type_of()
    assert (pk.matrix, pk.tube, pk.spin) == ("plasma", "2 mL K2EDTA", "1500 g, 4 C")
    assert (pk.spin_within_min, pk.spin_duration_min, pk.freeze_within_min) == (30, 10, 60)
    assert (pk.aliquots, pk.aliquot_volume_ml) == (2, 0.5)
    assert (s.box_rows, s.box_columns, s.frequency) == (9, 9, "monthly")
    assert s.manifest[0].field == "aliquot_id" and s.lab_address


def test_the_alternative_protocol_has_other_values():
    s = load_protocol(ALT).specimens
    assert s is not None
    pk = s.type_of()
    assert (pk.spin_within_min, pk.freeze_within_min, pk.aliquots) == (20, 40, 4)
    assert s.type_of("WB").spin_within_min is None  # whole blood is not spun
    assert (s.box_rows, s.box_columns, s.frequency) == (10, 10, "per_patient_cycle")
    assert [c.heading for c in s.manifest] == ["ID"]
    assert (s.receipt_id_column, s.receipt_condition_column) == ("ID", "STATE")


def test_a_study_without_the_section_has_no_specimen_rules():
    data = tomllib.loads(ALT.read_text())
    del data["specimens"]
    assert parse_protocol(data, ALT).specimens is None


def test_a_broken_section_names_every_key():
    data = tomllib.loads(ALT.read_text())
    s = data["specimens"]
    s["types"][0]["matrix"] = "urine"
    s["types"][0]["freeze_within_min"] = 10
    s["shipping"]["frequency"] = "weekly"
    s["manifest"] = [{"heading": "X", "field": "colour"}]
    s["pk_type"] = "NOPE"
    with pytest.raises(ProtocolError) as info:
        parse_protocol(data, ALT)
    text = str(info.value)
    for key in ("specimens.types[0].matrix", "specimens.types[0].freeze_within_min",
                "specimens.shipping.frequency", "specimens.manifest[0].field",
                "specimens.manifest: must have a column for the aliquot_id",
                "specimens.pk_type"):
        assert key in text
