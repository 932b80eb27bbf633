"""Every sub-command of `sitetrack`, by name: its group's module in cli/ and its help, in the
order `sitetrack --help` lists them.

The window's start reads no command's module: `sitetrack --help` lists them from here, and
only the group of a command named on the command line is imported to read its options
(tests/cli/test_lazy_commands.py holds this table to what the modules themselves
register).
"""

from __future__ import annotations

#: (command, module of its group, help)
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("init", "accounts", "a new database with its first administrator"),
    ("users", "accounts", "accounts: add, list, deactivate, reset, role (administrators)"),
    ("password", "accounts", "change your own password (needs --user)"),
    ("audit", "database", "check the audit trail"),
    ("demo", "database", "fill the demo database with fictional patients"),
    ("rebuild-calendars", "database", "recompute every patient's calendar from the protocol file"),
    ("backup", "database", "a verified copy of the database, with a manifest"),
    ("restore", "database", "restore a backup into a NEW file (never over the live database)"),
    ("pg-roles", "database", "PostgreSQL: give the app role its rights (run as the owner role)"),
    ("time-zone", "database", "show or set the site's time zone"),
    ("schedule", "schedule", "print a patient's calendar of visits from the protocol"),
    ("upcoming", "worklist", "print the worklist: who is due"),
    ("deviations", "worklist",
     "every deviation: visits out of window or missed, doses and scans outside their "
     "windows, PK samples, late SAEs"),
    ("pk-times", "pk", "a visit's PK samples with their clock times"),
    ("pk-listing", "pk", "every PK sample recorded, with deviations"),
    ("pk-labels", "pk", "a PDF of a visit's PK tube labels (Code128)"),
    ("ctcae", "ctcae", "the NCI CTCAE dictionary: import it, read a term"),
    ("recist", "recist", "RECIST 1.1: evaluate one patient's scans"),
    ("endpoints", "results", "ORR, DCR, PFS, DOR and OS for the site, or by group"),
    ("check-data", "results", "list stored data that breaks a study rule, with what to correct"),
    ("worksheets", "worksheets", "the worksheets of a clinic day, in one PDF"),
    ("worksheet", "worksheets", "the worksheet of one visit"),
    ("protocol", "protocol", "protocol files: check one"),
    ("study", "studies", "the studies of the site: list, add, amend"),
    ("ical", "exchange", "write the visits due and booked as an iCalendar (.ics) file"),
    ("export", "exchange", "export the site's data for a sponsor"),
    ("import", "exchange", "bring data in from a spreadsheet"),
    ("escalation", "escalation",
     "the dose-escalation summary: per dose level, patients enrolled, DLT-evaluable and "
     "with a DLT; the SMC's decisions"),
    ("sign", "signatures", "what waits for your e-signature (`sign list`), or sign one item"),
    ("site", "site", "the site's number, name and country (set them as an administrator)"),
    ("queries", "queries", "list, open, answer, close or re-open queries"),
    ("sdv", "monitoring", "source-data verification: mark, list, the plan"),
    ("monitor-report", "monitoring", "a monitoring visit report, signed (PDF)"),
    ("delegation", "delegation", "the delegation of authority log of each study"),
    ("labs", "labs", "lab results: list, import for review, ranges"),
    ("book", "booking", "book a visit at a time, in a chair, with a nurse"),
    ("cancel-booking", "booking", "cancel a visit's booking, with the reason"),
    ("book-cycle", "booking", "propose (and book) every visit of a cycle at once"),
    ("planner", "booking", "chairs x hours of a day or a week, with nurse load"),
    ("rebook", "booking", "bookings now outside their window or not expected"),
    ("resources", "booking", "the site's chairs, rooms, closures, hours, staff"),
    ("specimens", "specimens", "PK tubes and aliquots by state"),
    ("shipments", "specimens", "create, list and receive shipments"),
    ("vitals", "findings",
     "a patient's vital signs and ECG readings, each QTcF with its CTCAE grade"),
    ("conmeds", "findings", "a patient's concomitant medications, prohibited ones flagged"),
    ("history", "findings", "a patient's medical history (CTCAE terms, baseline grades)"),
    ("self-test", "self_test", "check this installation on a temporary database"),
)
