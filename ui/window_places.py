"""The main window's places by name, each as its own kind of page (built on first use by
the window's `place`), and what a page that reads its data again when shown has."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, TypeVar, runtime_checkable

from PySide6.QtWidgets import QMainWindow, QWidget

from ui.places.numbers import ADVERSE_EVENTS, DEVIATIONS, PATIENTS, PK_SAMPLES, RESPONSE, WORKLIST

if TYPE_CHECKING:
    from ui.places import (
        AdverseEventsPage,
        DeviationsPage,
        PatientsPage,
        PkListingPage,
        WorklistPage,
    )
    from ui.response_views import ResponsePage

P = TypeVar("P", bound=QWidget)


@runtime_checkable
class Refreshes(Protocol):
    """A page that reads its data again when shown."""

    def refresh(self) -> None: ...


class PlacesWindow(QMainWindow):
    """A window of places; the main window builds each page (`place`)."""

    def place(self, place: int) -> QWidget:
        raise NotImplementedError

    def _page(self, place: int, kind: type[P]) -> P:
        page = self.place(place)
        if not isinstance(page, kind):
            raise TypeError(f"place {place} is a {type(page).__name__}, not a {kind.__name__}")
        return page

    @property
    def worklist(self) -> WorklistPage:
        from ui.places.worklist import WorklistPage

        return self._page(WORKLIST, WorklistPage)

    @property
    def patients(self) -> PatientsPage:
        from ui.places.patients import PatientsPage

        return self._page(PATIENTS, PatientsPage)

    @property
    def adverse_events(self) -> AdverseEventsPage:
        from ui.places.adverse_events import AdverseEventsPage

        return self._page(ADVERSE_EVENTS, AdverseEventsPage)

    @property
    def response(self) -> ResponsePage:
        from ui.response_views import ResponsePage

        return self._page(RESPONSE, ResponsePage)

    @property
    def deviations(self) -> DeviationsPage:
        from ui.places.deviations import DeviationsPage

        return self._page(DEVIATIONS, DeviationsPage)

    @property
    def pk_samples(self) -> PkListingPage:
        from ui.places.pk_samples import PkListingPage

        return self._page(PK_SAMPLES, PkListingPage)
