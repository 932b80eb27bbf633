"""Entry rules, pure: what a user may enter, checked over plain dataclasses.

Each check takes the form a dialog filled and the facts it must agree with (the protocol,
consent, today), returns the cleaned form or raises InvalidEntry naming the field. No
database and no Qt: they are unit-tested in microseconds, and services only load, decide
with them, and write.
"""
