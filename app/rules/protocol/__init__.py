"""The study protocol as data: load and validate a study definition (TOML).

Nothing of IMP7068 lives in code: visits, windows, anchors, repeats, stopping rules, PK
timepoints, dose levels and cohorts all come from the file, so an amendment or the next
study is a new file. A broken file is reported with the file, the key and what is wrong.

`model` holds the typed dataclasses, `parse` builds them section by section (every problem
collected, named by its key), `load` reads files and caches the shipped study.
"""

from app.rules.protocol.load import (
    SHIPPED,
    default_protocol,
    default_protocol_path,
    load_protocol,
    read_protocol_file,
    shipped_protocol_path,
)
from app.rules.protocol.model import (
    CANCELS,
    DATE_ANCHORS,
    DEVIATION_CATEGORIES,
    EVENTS,
    FIRST_DOSE,
    LAST_DOSE,
    PROJECTION,
    Cohort,
    CycleDayDef,
    CyclesDef,
    DltPeriod,
    DoseLevel,
    Part,
    PkTimepoint,
    PkVisit,
    Protocol,
    ProtocolError,
    Response,
    Safety,
    SeriesDef,
    Step,
    StoppingRule,
    VisitDef,
    Window,
)
from app.rules.protocol.parse import parse_protocol

__all__ = [
    "CANCELS",
    "DATE_ANCHORS",
    "DEVIATION_CATEGORIES",
    "EVENTS",
    "FIRST_DOSE",
    "LAST_DOSE",
    "PROJECTION",
    "SHIPPED",
    "Cohort",
    "CycleDayDef",
    "CyclesDef",
    "DltPeriod",
    "DoseLevel",
    "Part",
    "PkTimepoint",
    "PkVisit",
    "Protocol",
    "ProtocolError",
    "Response",
    "Safety",
    "SeriesDef",
    "Step",
    "StoppingRule",
    "VisitDef",
    "Window",
    "default_protocol",
    "default_protocol_path",
    "load_protocol",
    "parse_protocol",
    "read_protocol_file",
    "shipped_protocol_path",
]
