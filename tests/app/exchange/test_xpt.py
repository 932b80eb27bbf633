"""SAS XPORT v5 written by hand, read back by pandas (SAS's own layout, TS-140)."""

from __future__ import annotations

import math
from datetime import datetime

import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from app.exchange.xpt import MISSING, Column, ibm_float, xport

AT = datetime(2026, 11, 25, 12, 0)


def _ibm_to_float(b: bytes) -> float:
    sign = -1 if b[0] & 0x80 else 1
    return sign * int.from_bytes(b[1:], "big") / 2**56 * 16.0 ** ((b[0] & 0x7F) - 64)


@given(st.floats(min_value=-1e70, max_value=1e70, allow_nan=False).filter(
    lambda x: x == 0 or abs(x) > 1e-70))
def test_ibm_floats_keep_the_value(value):
    back = _ibm_to_float(ibm_float(value))
    assert math.isclose(back, value, rel_tol=1e-15, abs_tol=0)


def test_known_ibm_bytes():
    assert ibm_float(1.0) == bytes([0x41, 0x10, 0, 0, 0, 0, 0, 0])
    assert ibm_float(-118.625) == bytes.fromhex("C276A00000000000")
    assert ibm_float(0.0) == bytes(8) and ibm_float(math.nan) == MISSING


def test_pandas_reads_back_names_values_and_missing_numbers(tmp_path):
    columns = [Column("USUBJID", "Unique Subject Identifier", False),
               Column("AESEQ", "Sequence Number", True), Column("AETERM", "Term", False),
               Column("VISITNUM", "Visit Number", True)]
    rows = [["S-001", 1, "Nausea", 201.0], ["S-002", 2, "Fièvre", None],
            ["S-003", 3, None, 10003.0]]
    path = tmp_path / "ae.xpt"
    data = xport("AE", "Adverse Events", columns, rows, AT)
    assert len(data) % 80 == 0 and data.startswith(b"HEADER RECORD*******LIBRARY HEADER")
    path.write_bytes(data)
    frame = pd.read_sas(path, format="xport", encoding="utf-8")
    assert list(frame.columns) == ["USUBJID", "AESEQ", "AETERM", "VISITNUM"]
    assert list(frame["USUBJID"]) == ["S-001", "S-002", "S-003"]
    assert list(frame["AESEQ"]) == [1, 2, 3]
    assert frame["AETERM"][1] == "Fièvre" and frame["AETERM"][2] in ("", None)
    assert frame["VISITNUM"][0] == 201.0 and math.isnan(frame["VISITNUM"][1])


def test_an_empty_dataset_is_still_a_dataset(tmp_path):
    path = tmp_path / "dv.xpt"
    path.write_bytes(xport("DV", "Protocol Deviations", [Column("STUDYID", "Study", False)],
                           [], AT))
    with pd.read_sas(path, format="xport", encoding="utf-8", iterator=True) as reader:
        assert [c.decode() if isinstance(c, bytes) else c for c in reader.columns] == \
            ["STUDYID"]
        assert reader.nobs == 0  # pandas reads no row of it (it raises StopIteration)
