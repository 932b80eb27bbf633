"""Use cases: each takes an open database, calls the pure rules, returns plain dataclasses."""
