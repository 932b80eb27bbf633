"""A patient's page opened, beside its floor: the same widgets filled from plain Python
rows. The floor builds the same PatientView with every service it calls answering from
rows read beforehand (no SQL, no ORM: a run that would still reach the database stops the
bench), so the ratio says what the app's reading adds to the widgets (target 2x). The
page's SQL replayed through the plain driver is given beside it, for the record."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

# where the page finds each service that reads the database: (module, name)
READERS = (("app.services.studies", "protocol_of_patient"),
           ("app.services.site_time", "site_zone"),
           ("app.services.patients", "patient_page"),
           ("ui.patient_view", "patient_aes"),
           ("ui.patient_view", "removed_records"),
           ("ui.read_only", "offered"),
           ("app.services.queries", "open_queries"))


def _key(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> tuple[Any, ...]:
    """A call's key: its plain arguments (the database and protocol are the same all along,
    and a moment's time is the clock's, not the page's)."""
    def plain(value: object) -> bool:
        return isinstance(value, int | str | date) and not isinstance(value, datetime)

    return (name, *(a for a in args if plain(a)),
            *sorted((k, v) for k, v in kwargs.items() if plain(v)))


class Rows:
    """Each service's answers, kept from real readings and served back as plain rows."""

    def __init__(self) -> None:
        self.kept: dict[tuple[Any, ...], Any] = {}

    @contextlib.contextmanager
    def _patched(self, wrap: Callable[[str, Callable[..., Any]], Callable[..., Any]]
                 ) -> Iterator[None]:
        import importlib

        saved = []
        for module_name, name in READERS:
            module = importlib.import_module(module_name)
            real = getattr(module, name)
            saved.append((module, name, real))
            setattr(module, name, wrap(f"{module_name}.{name}", real))
        try:
            yield
        finally:
            for module, name, real in saved:
                setattr(module, name, real)

    def reading(self) -> contextlib.AbstractContextManager[None]:
        """The services read the database, and their answers are kept."""
        def wrap(name: str, real: Callable[..., Any]) -> Callable[..., Any]:
            def call(*args: Any, **kwargs: Any) -> Any:
                self.kept[_key(name, args, kwargs)] = answer = real(*args, **kwargs)
                return answer
            return call
        return self._patched(wrap)

    def serving(self) -> contextlib.AbstractContextManager[None]:
        """The services answer from the rows kept, reading nothing."""
        def wrap(name: str, _real: Callable[..., Any]) -> Callable[..., Any]:
            def call(*args: Any, **kwargs: Any) -> Any:
                return self.kept[_key(name, args, kwargs)]
            return call
        return self._patched(wrap)


def patient_page_figure(app: Any, ctx: Any, backend: Any, recorder: Any,
                        ids: list[int]) -> dict[str, Any]:
    from bench_all import figure, paired_s
    from PySide6.QtCore import QEvent

    from ui.patient_view import PatientView

    turn = iter(range(100_000))

    def open_page() -> None:
        view = PatientView(ctx, ids[next(turn) % len(ids)])
        app.processEvents()
        view.deleteLater()
        app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    rows = Rows()
    with rows.reading():
        for patient_id in ids:
            PatientView(ctx, patient_id).deleteLater()
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)

    def from_rows() -> None:
        with rows.serving():
            open_page()

    reached = recorder.record(from_rows, every=True)
    if reached:
        raise SystemExit(f"bench: the patient page's floor still reached the database "
                         f"({len(reached)} statements): {reached[0][0][:80]}")
    calls = recorder.record(lambda: PatientView(ctx, ids[0]).deleteLater())
    app.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    with backend.replaying(calls) as replay:
        value, sql = paired_s(open_page, replay, 15)
    value, floor = paired_s(open_page, from_rows, 15)
    out = figure("patient page", value, floor,
                 "a patient's page opened (calendar, AEs, response, history)",
                 "the same widgets filled from plain Python rows (no SQL, no ORM)")
    out["sql_alone"] = round(sql * 1000, 3)
    out["sql_alone_is"] = f"its {len(calls)} statements replayed through {backend.driver}"
    return out
