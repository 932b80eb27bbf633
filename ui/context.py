"""What every screen needs: the open database, a study protocol (the default study's, or
the patient's own on a patient's screens), and today's date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, tzinfo
from typing import Concatenate, ParamSpec, TypeVar

from app.infra.clock import Clock
from app.rules.protocol import Protocol
from app.services.accounts import SignedIn
from app.services.database import Database, one_reading


@dataclass
class Context:
    db: Database
    protocol: Protocol
    clock: Callable[[], date] = field(default=Clock().today)
    demo: bool = False
    #: who signed in (None in tests that build a window without the door)
    signed: SignedIn | None = None

    @property
    def time(self) -> Clock:
        """The one clock of the window (app/infra/clock.py): its day is `clock`'s."""
        return Clock(self.clock)

    def for_patient(self, patient_id: int) -> Context:
        """This context with the protocol the patient follows (their study, their version):
        every screen and dialog of a patient reads its rules from there."""
        from dataclasses import replace

        from app.services.studies import protocol_of_patient

        return replace(self, protocol=protocol_of_patient(self.db, patient_id))

    def study_codes(self) -> dict[int, str]:
        """Each study's code, for the study selectors."""
        from app.services.studies import study_codes

        return study_codes(self.db)

    def study_protocol(self, study_id: int) -> Protocol:
        from app.services.studies import study_protocol

        return study_protocol(self.db, study_id)

    def studies(self) -> dict[int, Protocol]:
        """Each study of the site and its current protocol, for the study selectors."""
        from app.services.studies import study_protocols

        return study_protocols(self.db)

    def today(self) -> date:
        return self.time.today()

    def zone(self) -> tzinfo:
        """The site's time zone (a setting kept with the data)."""
        from app.services.site_time import site_zone

        return site_zone(self.db)

    def now(self) -> datetime:
        """This moment by the screen's clock, on the site's clock: the clock's day at the
        wall-clock time there (so a test's fixed day and the SAE clocks agree)."""
        return self.time.now(self.zone())


_P = ParamSpec("_P")
_W = TypeVar("_W")


def reads_once(init: Callable[Concatenate[_W, Context, _P], None]
               ) -> Callable[Concatenate[_W, Context, _P], None]:
    """A window's __init__ whose reads (its first filling, service after service) run in
    one read-only transaction of its context's database: one BEGIN on a server, not ten.
    The window must only read there (db/shared_reading.py)."""

    def built(self: _W, ctx: Context, /, *args: _P.args, **kwargs: _P.kwargs) -> None:
        with one_reading(ctx.db):
            init(self, ctx, *args, **kwargs)

    built.__doc__ = init.__doc__
    return built
