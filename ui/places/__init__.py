"""The places of the main window, one module each; `base` holds what they share."""

from ui.places.adverse_events import AdverseEventsPage, ae_columns
from ui.places.base import Place
from ui.places.deviations import DeviationsPage
from ui.places.patients import PatientsPage
from ui.places.pk_samples import PkListingPage
from ui.places.today import TodayPage
from ui.places.worklist import WorklistPage

__all__ = ["AdverseEventsPage", "DeviationsPage", "PatientsPage", "PkListingPage", "Place",
           "TodayPage", "WorklistPage", "ae_columns"]
