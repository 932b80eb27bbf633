"""DejaVu Sans, regular and bold (its licence: LICENSE-DejaVu.txt): every letter the
worksheets and the pictures print but CJK, embedded in the PDFs."""
