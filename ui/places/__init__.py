"""The places of the main window, one module each; `base` holds what they share.

A place's module is imported when it is first asked for: start-up pays only for the places
it shows (Today, the worklist, patients), the others when first opened."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {"AdverseEventsPage": "adverse_events", "ae_columns": "adverse_events",
          "Place": "base", "DeviationsPage": "deviations", "PatientsPage": "patients",
          "PkListingPage": "pk_samples", "TodayPage": "today", "WorklistPage": "worklist"}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'ui.places' has no attribute {name!r}")
    return getattr(import_module(f"ui.places.{home}"), name)


if TYPE_CHECKING:
    from ui.places.adverse_events import AdverseEventsPage, ae_columns
    from ui.places.base import Place
    from ui.places.deviations import DeviationsPage
    from ui.places.patients import PatientsPage
    from ui.places.pk_samples import PkListingPage
    from ui.places.today import TodayPage
    from ui.places.worklist import WorklistPage

__all__ = ["AdverseEventsPage", "DeviationsPage", "PatientsPage", "PkListingPage", "Place",
           "TodayPage", "WorklistPage", "ae_columns"]
