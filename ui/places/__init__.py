"""The places of the main window, one module each; `base` holds what they share.

A place's module is imported when it is first asked for: start-up pays only for the place
it shows (Today), the others when first opened."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from ui.places import numbers

_HOMES = {"AdverseEventsPage": "adverse_events", "ae_columns": "adverse_events",
          "Place": "base", "DeviationsPage": "deviations", "PatientsPage": "patients",
          "PkListingPage": "pk_samples", "TodayPage": "today", "WorklistPage": "worklist"}


#: each place built on first opening (Today is built with the window): module, page class
_PAGES = {numbers.WORKLIST: ("ui.places.worklist", "WorklistPage"),
          numbers.PATIENTS: ("ui.places.patients", "PatientsPage"),
          numbers.ADVERSE_EVENTS: ("ui.places.adverse_events", "AdverseEventsPage"),
          numbers.RESPONSE: ("ui.response_views", "ResponsePage"),
          numbers.DEVIATIONS: ("ui.places.deviations", "DeviationsPage"),
          numbers.PK_SAMPLES: ("ui.places.pk_samples", "PkListingPage"),
          numbers.ESCALATION: ("ui.places.escalation", "EscalationPage"),
          numbers.TO_SIGN: ("ui.places.to_sign", "ToSignPage"),
          numbers.QUERIES: ("ui.places.queries", "QueriesPage"),
          numbers.MONITORING: ("ui.places.monitoring", "MonitoringPage"),
          numbers.PLANNER: ("ui.places.planner", "PlannerPage"),
          numbers.SPECIMENS: ("ui.places.specimens", "SpecimensPage")}


def build_place(place: int, ctx: Context) -> Any:
    """The page of `place`, its module imported now: start-up pays only for Today."""
    module, name = _PAGES[place]
    return getattr(import_module(module), name)(ctx)


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'ui.places' has no attribute {name!r}")
    return getattr(import_module(f"ui.places.{home}"), name)


if TYPE_CHECKING:
    from ui.context import Context
    from ui.places.adverse_events import AdverseEventsPage, ae_columns
    from ui.places.base import Place
    from ui.places.deviations import DeviationsPage
    from ui.places.patients import PatientsPage
    from ui.places.pk_samples import PkListingPage
    from ui.places.today import TodayPage
    from ui.places.worklist import WorklistPage

__all__ = [
    "AdverseEventsPage",
    "DeviationsPage",
    "PatientsPage",
    "PkListingPage",
    "Place",
    "TodayPage",
    "WorklistPage",
    "ae_columns",
    "build_place",
]
