"""What every screen needs: the open database, the study protocol, and today's date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime

from app.protocol import Protocol
from app.services.database import Database


@dataclass
class Context:
    db: Database
    protocol: Protocol
    clock: Callable[[], date] = field(default=date.today)
    demo: bool = False

    def today(self) -> date:
        return self.clock()

    def now(self) -> datetime:
        """This moment by the screen's clock: the clock's day at the wall-clock time (so a
        test's fixed day and the SAE clocks agree)."""
        return datetime.combine(self.clock(), datetime.now().time())
