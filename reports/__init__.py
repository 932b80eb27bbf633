"""Printed worksheets and listings (reportlab), built from what app/ services return."""
