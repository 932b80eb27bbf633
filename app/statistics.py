"""Site statistics, pure: exact binomial intervals for rates, Kaplan-Meier medians.

Phase 1 groups are small (3 to 20 patients): exact Clopper-Pearson intervals (scipy's beta
quantiles) rather than normal approximations, and Kaplan-Meier medians with lifelines'
95 % intervals (Brookmeyer-Crowley, from its confidence band).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from app.endpoints import TimeToEvent


@dataclass(frozen=True, slots=True)
class Proportion:
    """k of n, with the exact 95 % interval in per cent (None without patients)."""

    count: int
    total: int
    low: float | None
    high: float | None

    @property
    def percent(self) -> float | None:
        return None if not self.total else 100 * self.count / self.total

    def __str__(self) -> str:
        if not self.total or self.low is None or self.high is None:
            return f"{self.count}/{self.total}"
        return (f"{self.count}/{self.total} ({self.percent:.1f} %; 95 % CI "
                f"{self.low:.1f}-{self.high:.1f})")


def clopper_pearson(count: int, total: int, level: float = 0.95) -> Proportion:
    """The exact (Clopper-Pearson) interval of a proportion: 0/n starts at 0, n/n ends at
    100."""
    if total <= 0:
        return Proportion(count, total, None, None)
    from scipy.stats import beta

    alpha = 1 - level
    low = 0.0 if count == 0 else float(beta.ppf(alpha / 2, count, total - count + 1))
    high = 1.0 if count == total else float(beta.ppf(1 - alpha / 2, count + 1, total - count))
    return Proportion(count, total, 100 * low, 100 * high)


@dataclass(frozen=True, slots=True)
class Median:
    """A Kaplan-Meier median in months with its 95 % interval; None: not reached."""

    n: int
    events: int
    months: float | None
    low: float | None
    high: float | None

    @property
    def months_text(self) -> str:
        return "not reached" if self.months is None else f"{self.months:.1f} months"

    def __str__(self) -> str:
        if not self.n:
            return "no patients"

        def m(v: float | None) -> str:
            return "NR" if v is None else f"{v:.1f}"

        return (f"{self.months_text} (95 % CI {m(self.low)}-{m(self.high)}; "
                f"{self.events} of {self.n} with an event)")


def _finite(value: float) -> float | None:
    number = float(value)
    return None if math.isinf(number) or math.isnan(number) else number


def km_median(times: Sequence[TimeToEvent]) -> Median:
    """Kaplan-Meier median of the times (in months) with lifelines' 95 % interval."""
    events = sum(t.event for t in times)
    if not times:
        return Median(0, 0, None, None, None)
    from lifelines import KaplanMeierFitter
    from lifelines.utils import median_survival_times

    fitter = KaplanMeierFitter()
    fitter.fit([t.months for t in times], event_observed=[t.event for t in times])
    median = _finite(fitter.median_survival_time_)
    band = median_survival_times(fitter.confidence_interval_)
    low, high = (_finite(v) for v in band.iloc[0].tolist())
    return Median(len(times), events, median, low, high)
