"""The audit trail in the words of the screen: what a record is called, what a field is
called, and a stored value as the screen shows it. Pure: the trail keeps its own stable text
forms (ISO dates, "true"); only what people read is turned into words here."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from app.rules.dates import fmt_date

RECORDS = {
    "patient": "Patient", "visit_record": "Visit", "survival_contact": "Survival contact",
    "pk_sample": "PK sample", "adverse_event": "Adverse event", "ae_grade": "AE grade",
    "tumour_assessment": "Scan", "lesion_measurement": "Lesion",
    "user_account": "Account", "access_event": "Sign-in", "signature": "Signature",
    "site_setting": "Site setting", "study": "Study", "protocol_version": "Protocol version",
    "reconsent": "Re-consent", "study_member": "Study access", "ctcae_term": "CTCAE term",
    "deviation_review": "Deviation review", "data_query": "Query",
    "lab_result": "Lab result", "lab_reference_range": "Lab reference range",
    "lab_import": "Lab file imported", "lab_mapping": "Lab column mapping",
    "storage_box": "Freezer box", "aliquot": "Aliquot", "shipment": "Shipment",
    "vital_sign": "Vital sign", "con_med": "Con-med", "medical_history": "Medical history",
}

ACTIONS = {"insert": "Recorded", "update": "Changed", "delete": "Entered in error"}

#: field names whose words are not their name's (the rest: "actual_date" -> "Actual date")
FIELDS = {
    "subject_id": "Subject ID", "year_of_birth": "Year of birth", "dose_level": "Dose level",
    "consent_date": "Consent", "screening_date": "Screening",
    "planned_first_dose": "Planned first dose", "screen_fail_date": "Screen failure",
    "screen_fail_reason": "Screen failure reason", "last_dose_date": "Last dose",
    "end_of_treatment_reason": "Why treatment ended", "progression_date": "Progression",
    "death_date": "Death", "death_cause": "Cause of death",
    "withdrawal_date": "Withdrawal of consent", "lost_to_follow_up_date": "Lost to follow-up",
    "new_therapy_date": "New anticancer therapy started", "new_therapy": "New therapy",
    "booked_date": "Booked date", "booked_time": "Booked time",
    "booking_reason": "Why outside the window", "actual_date": "Actual date",
    "actual_time": "Actual time", "missed_reason": "Why not done",
    "delay_days": "Cycle delayed by (days)", "delay_reason": "Delay reason",
    "dose_action": "Dose", "unscheduled_reason": "Reason for the unscheduled visit",
    "code": "Visit", "visit_code": "Visit", "contact_date": "Date of contact",
    "method": "How", "result": "Result", "subsequent_therapy": "Subsequent anticancer therapy",
    "meddra_code": "MedDRA code", "term": "CTCAE term", "soc": "System organ class",
    "verbatim": "Event (verbatim)",
    "other_specify": "Specify", "onset_date": "Onset", "end_date": "End",
    "onset_partial": "Onset (partial)", "end_partial": "End (partial)",
    "death_partial": "Date of death (partial)",
    "pre_existing": "Pre-existing", "serious": "Serious (SAE)", "sae_criteria": "SAE criteria",
    "aware_at": "Site aware at", "reported_at": "Reported to sponsor at",
    "relationship": "Related to the study drug", "action": "Action taken with the study drug",
    "outcome": "Outcome", "dlt": "Dose-limiting toxicity", "grade": "Grade",
    "start": "From", "end": "To", "ae_id": "Adverse event",
    "scan_date": "Scan date", "modality": "Modality", "baseline": "Baseline scan",
    "new_lesion": "New lesion(s)", "overall": "Investigator's overall response",
    "lesion_id": "Lesion", "kind": "Kind", "organ": "Organ", "nodal": "Lymph node",
    "tenths_mm": "Size (mm)", "too_small": "Too small to measure",
    "not_assessed": "Not assessed", "status": "Status", "timepoint": "Timepoint",
    "sample_id": "Sample ID", "collected_at": "Collected at", "dose_at": "Dose given at",
    "not_collected_reason": "Not collected: why", "deleted_at": "Entered in error on",
    "deleted_by": "Entered in error by", "delete_reason": "Why entered in error",
    "patient_id": "Patient", "study_id": "Study", "printed_name": "Full name",
    "must_change": "Must change the password", "active": "Active",
    "important": "Important", "category": "Category", "comment": "Comment",
    "spun_at": "Spin started at", "frozen_at": "Frozen at", "box_id": "Box",
    "position": "Position", "shipment_id": "Shipment", "aliquot_id": "Aliquot ID",
    "condition": "Condition at the lab", "receipt_note": "Discrepancy: why",
    "volume_ml": "Volume (mL)", "pk_sample_id": "Tube",
    "test": "Reading", "value": "Value", "unit": "Unit", "confirmed": "Outside the usual range",
    "drug": "Drug", "indication": "Indication", "start_partial": "Start (partial)",
    "ongoing": "Ongoing",
}

#: keys that tie records together: not shown in a history (the record's name says it)
LINK_FIELDS = frozenset({"id", "patient_id", "ae_id", "assessment_id", "study_id",
                         "protocol_version_id"})

#: fields holding a word from a fixed list ("as planned"): shown capitalised, as chosen
CHOICE_FIELDS = frozenset({"outcome", "dose_action", "delay_reason", "method", "result",
                           "relationship", "action", "status", "kind",
                           "end_of_treatment_reason", "sex", "role"})

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ISO_TIME = re.compile(r"^(\d{2}):(\d{2})(:\d{2}(\.\d+)?)?$")


def record_word(table: str) -> str:
    """What a table's record is called on screen ("visit_record" -> "Visit")."""
    return RECORDS.get(table, table.replace("_", " ").capitalize())


def field_word(field: str | None) -> str:
    """What a field is called on screen ("actual_date" -> "Actual date")."""
    if not field:
        return ""
    return FIELDS.get(field, field.replace("_", " ").capitalize().replace(" id", " ID"))


def value_words(field: str | None, text: str | None) -> str:
    """A stored value as the screen says it: DD-MMM-YYYY, HH:MM, Yes/No, millimetres."""
    if text is None:
        return ""
    if text in ("true", "false"):
        return "Yes" if text == "true" else "No"
    if field in CHOICE_FIELDS:
        return text.replace("_", " ").capitalize()
    if field == "tenths_mm":
        try:
            return f"{Decimal(text) / 10:g} mm"
        except InvalidOperation:
            return text
    if _ISO_DATE.match(text):
        try:
            return fmt_date(date.fromisoformat(text))
        except ValueError:
            return text
    if "T" in text and _ISO_DATE.match(text[:10]):
        try:
            when = datetime.fromisoformat(text)
        except ValueError:
            return text
        zone = " UTC" if when.utcoffset() is not None and not when.utcoffset() else ""
        return f"{fmt_date(when.date())} {when:%H:%M}{zone}"
    time_match = _ISO_TIME.match(text)
    if time_match:
        return f"{time_match.group(1)}:{time_match.group(2)}"
    return text


def saved_fields(table: str, fields: list[str]) -> str:
    """"Visit: Actual date, Outcome" for a message about changing saved data."""
    return f"{record_word(table)}: {', '.join(field_word(f) for f in fields)}"
