"""The clinical rules, pure: no Qt, no SQL, no clock (today is passed in), no files.

One module per concept (calendar, pk, safety, recist, endpoints, dosing, escalation,
partial dates...). Services load, call a rule here to decide, and write; the windows and
the command line say what the rules decided. Guarded by one import-linter contract.
"""
