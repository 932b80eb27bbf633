"""Every table of the site database, for what must see them all.

A table's module is imported by the code that reads or writes it, so that starting the
window declares and configures only the tables it reads (declaring all 47 classes and
configuring their mappers took 85 ms of the start). Each table module imports the modules
of the tables its foreign keys name (a flush sorts every mapped table by them: one missing
stops every save). The schema's users that walk every table (the migrations' comparison,
the trail's full replay, the clinical tables' review, the bulk writer's parent-first
order) call `load_every_table` first.
"""

from __future__ import annotations


def load_every_table() -> None:
    """Import every module that declares tables (each once: later calls cost nothing)."""
    import db.accounts
    import db.anchors
    import db.booking
    import db.delegation
    import db.deviations
    import db.dosing
    import db.findings
    import db.labs
    import db.models
    import db.monitoring
    import db.queries
    import db.specimens
    import db.studies  # noqa: F401
