"""The migrations build exactly the schema the models describe, on both backends."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from db.base import Base
from db.tables import load_every_table

load_every_table()


def test_migrated_schema_equals_the_models(db):
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
    assert diff == []


def test_every_foreign_key_is_indexed():
    """A foreign key without an index turns a 0.1 ms look-up into 30 ms (performance.md)."""
    for table in Base.metadata.tables.values():
        indexed = {next(c.name for c in ix.columns) for ix in table.indexes}
        indexed |= {next(iter(c.columns)).name for c in table.constraints
                    if c.__class__.__name__ in ("UniqueConstraint", "PrimaryKeyConstraint")}
        for fk in table.foreign_keys:
            assert fk.parent.name in indexed, f"{table.name}.{fk.parent.name} has no index"


def test_file_names_agree_with_alembic():
    """The quick list of revisions (no alembic import at start-up) is alembic's own chain."""
    from alembic.script import ScriptDirectory

    from db.migrate import alembic_config, head, revisions

    scripts = ScriptDirectory.from_config(alembic_config())
    chain = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert list(revisions()) == chain
    assert head() == scripts.get_current_head()


def test_wall_clock_times_become_utc_instants_in_the_site_zone(db_url):
    """0009: a dose typed 10:00 in New York on 28-MAR-2026 (EDT, UTC-4) is 14:00 UTC; the SAE
    awareness on a winter day (EST, UTC-5) 14:00 UTC as well; the zone is kept as the
    setting and nothing else moves."""
    from datetime import UTC, datetime

    from sqlalchemy import text

    from db.engine import create
    from db.migrate import upgrade

    engine = create(db_url)
    upgrade(engine, "0008")
    with engine.begin() as c:
        c.execute(text("INSERT INTO site_setting (key, value) VALUES ('time_zone', "
                       "'America/New_York')"))
        c.execute(text("INSERT INTO patient (id, subject_id, initials, part, status, version) "
                       "VALUES (1, '101-001', 'AB', 1, 'screening', 1)"))
        c.execute(text("INSERT INTO visit_record (patient_id, code, unscheduled, dose_at, "
                       "version) VALUES (1, 'LI', false, :t, 1)"),
                  {"t": datetime(2026, 3, 28, 10, 0)})
        c.execute(text("INSERT INTO adverse_event (patient_id, verbatim, onset_date, "
                       "pre_existing, serious, dlt, aware_at, version) VALUES (1, 'x', "
                       "'2026-01-10', false, true, false, :t, 1)"),
                  {"t": datetime(2026, 1, 11, 9, 0)})
    upgrade(engine)
    with engine.connect() as c:
        dose = c.execute(text("SELECT dose_at FROM visit_record")).scalar()
        aware = c.execute(text("SELECT aware_at FROM adverse_event")).scalar()
    engine.dispose()

    def as_utc(value):
        when = datetime.fromisoformat(value) if isinstance(value, str) else value
        return when.replace(tzinfo=UTC)

    assert as_utc(dose) == datetime(2026, 3, 28, 14, 0, tzinfo=UTC)
    assert as_utc(aware) == datetime(2026, 1, 11, 14, 0, tzinfo=UTC)


def test_patients_on_record_join_the_shipped_study(db_url):
    """0013: a site's patients before many studies are in study 1, IMP7068-101, whose
    protocol is kept whole; subject IDs are unique per study; the trail still replays."""
    from sqlalchemy import text

    from app.rules.protocol import default_protocol
    from app.services.database import open_site_database, verify_audit_trail
    from db.engine import create
    from db.migrate import upgrade

    engine = create(db_url)
    if engine.dialect.name == "sqlite":
        from db.sqlite_file import APPLICATION_ID

        with engine.begin() as c:
            c.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    upgrade(engine, "0012")
    with engine.begin() as c:
        c.execute(text("INSERT INTO patient (id, subject_id, initials, part, status, version) "
                       "VALUES (7, '101-007', 'AB', 1, 'screening', 1)"))
    upgrade(engine)
    with engine.connect() as c:
        assert c.execute(text("SELECT study_id FROM patient WHERE id = 7")).scalar() == 1
        code, label, content = c.execute(text(
            "SELECT s.code, v.label, v.content FROM study s JOIN protocol_version v "
            "ON v.study_id = s.id")).one()
    engine.dispose()
    assert (code, label) == ("IMP7068-101", "Original protocol 1.0")
    assert content == default_protocol().path.read_text(encoding="utf-8")
    db = open_site_database(db_url)
    report = verify_audit_trail(db)
    db.close()
    # the hand-made row of this test is named; the upgrade's own rows are not
    assert "patient record 7" in report.message and "study" not in report.message
