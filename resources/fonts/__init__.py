"""DejaVu Sans, regular and bold (its licence: LICENSE_DEJAVU.txt): the letters of other
alphabets on paper, embedded in the PDFs."""
