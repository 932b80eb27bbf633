"""The words the rules' results are said in (records, values)."""
