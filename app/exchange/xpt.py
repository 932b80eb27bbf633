"""SAS XPORT version 5 (the "transport" format FDA takes SDTM in), written by hand: the
format is small and documented (SAS TS-140, "The record layout of a data set in SAS
transport (XPORT) format"), and a library for it would weigh more than this module.

A file holds one dataset: 80-byte header records (library, member, descriptor, the
variables as 140-byte NAMESTR records), then the observations, each variable at its fixed
width: text padded with blanks, numbers as 8-byte IBM System/360 floating point (a missing
number is '.' followed by zeros). Names of at most 8 characters, labels of at most 40, text
of at most 200 bytes: the conformance check refuses longer before this is reached.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

MISSING = b"." + bytes(7)
ENCODING = "utf-8"
_HEAD = "HEADER RECORD*******{0:<8}HEADER RECORD!!!!!!!{1}"


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    label: str
    numeric: bool


def ibm_float(value: float) -> bytes:
    """An IEEE double as IBM's 8-byte hexadecimal floating point (sign, excess-64 power of
    16, 56-bit fraction)."""
    if value == 0 or math.isnan(value):
        return bytes(8) if value == 0 else MISSING
    sign = 0x80 if value < 0 else 0
    fraction, exponent2 = math.frexp(abs(value))  # value = fraction * 2**exponent2
    exponent16 = -((-exponent2) // 4)  # ceil: the fraction below becomes 1/16 <= f < 1
    mantissa = round(fraction * 2.0 ** (exponent2 - 4 * exponent16) * 2**56)
    if mantissa >= 2**56:
        mantissa >>= 4
        exponent16 += 1
    if not -64 <= exponent16 <= 63:
        raise ValueError(f"{value} does not fit an IBM float")
    return bytes([sign | (exponent16 + 64)]) + mantissa.to_bytes(7, "big")


def _record(text: str) -> bytes:
    return text.ljust(80).encode("ascii")


def _stamp(at: datetime) -> str:
    return at.strftime("%d%b%y:%H:%M:%S").upper()


def _field(text: str, width: int) -> str:
    return text[:width].ljust(width)


def _width(values: Sequence[object]) -> int:
    return max([1, *(len(str(v).encode(ENCODING)) for v in values if v is not None)])


def _namestr(i: int, col: Column, width: int, position: int) -> bytes:
    return struct.pack(">hhhh8s40s8shhh2s8shhi52s", 1 if col.numeric else 2, 0, width, i,
                       _field(col.name, 8).encode("ascii"),
                       _field(col.label, 40).encode("ascii", "replace"), b" " * 8, 0, 0, 0,
                       b"  ", b" " * 8, 0, 0, position, bytes(52))


def _padded(data: bytes, fill: bytes = b" ") -> bytes:
    return data + fill * (-len(data) % 80)


def xport(name: str, label: str, columns: Sequence[Column],
          rows: Sequence[Sequence[object]], at: datetime) -> bytes:
    """The XPORT v5 bytes of one dataset."""
    stamp = _stamp(at)
    widths = [8 if c.numeric else _width([r[i] for r in rows]) for i, c in enumerate(columns)]
    out = [_record(_HEAD.format("LIBRARY", "0" * 30)),
           _record(f"{'SAS':<8}{'SAS':<8}{'SASLIB':<8}{'9.4':<8}{'X64_SRV':<8}{'':24}{stamp}"),
           _record(stamp),
           _record(_HEAD.format("MEMBER", "000000000000000001600000000140")),
           _record(_HEAD.format("DSCRPTR", "0" * 30)),
           _record(f"{'SAS':<8}{_field(name, 8)}{'SASDATA':<8}{'9.4':<8}{'X64_SRV':<8}"
                   f"{'':24}{stamp}"),
           _record(f"{stamp}{'':16}{_field(label, 40)}{'':8}"),
           _record(_HEAD.format("NAMESTR", f"000000{len(columns):04d}" + "0" * 20))]
    header = b"".join(out)
    position, names = 0, b""
    for i, (col, width) in enumerate(zip(columns, widths, strict=True), start=1):
        names += _namestr(i, col, width, position)
        position += width
    body = b"".join(_observation(row, columns, widths) for row in rows)
    return (header + _padded(names) + _record(_HEAD.format("OBS", "0" * 30))
            + _padded(body))


def _observation(row: Sequence[object], columns: Sequence[Column], widths: Sequence[int]
                 ) -> bytes:
    parts = []
    for value, col, width in zip(row, columns, widths, strict=True):
        if col.numeric:
            parts.append(MISSING if value is None or value == "" else ibm_float(float(
                value if isinstance(value, int | float) else str(value))))
        else:
            text = "" if value is None else str(value)
            parts.append(text.encode(ENCODING).ljust(width))
    return b"".join(parts)


__all__ = ["Column", "ibm_float", "xport"]
