"""The trail's stored forms in the screen's words."""

from __future__ import annotations

from app.wording.records import field_word, record_word, saved_fields, value_words


def test_records_and_fields_are_named_as_on_screen():
    assert record_word("visit_record") == "Visit"
    assert record_word("tumour_assessment") == "Scan"
    assert field_word("consent_date") == "Consent"
    assert field_word("booking_reason") == "Why outside the window"
    assert field_word("some_new_field_id") == "Some new field ID"          # a fallback
    assert saved_fields("visit_record", ["actual_date", "outcome"]) == (
        "Visit: Actual date, Outcome")


def test_values_are_shown_as_the_screen_shows_them():
    assert value_words("actual_date", "2026-01-05") == "05-JAN-2026"
    assert value_words("actual_time", "09:00:00") == "09:00"
    assert value_words("serious", "true") == "Yes" and value_words("dlt", "false") == "No"
    assert value_words("aware_at", "2026-01-05T08:30:00+00:00") == "05-JAN-2026 08:30 UTC"
    assert value_words("tenths_mm", "331") == "33.1 mm"
    assert value_words("verbatim", "nausea") == "nausea" and value_words("x", None) == ""
