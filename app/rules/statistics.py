"""Site statistics, pure: exact binomial intervals for rates, Kaplan-Meier medians.

Phase 1 groups are small (3 to 20 patients): exact Clopper-Pearson intervals (beta quantiles)
rather than normal approximations, and Kaplan-Meier medians with their 95 % intervals from
the log-log (exponential Greenwood) confidence band. Plain Python: the numbers are those
scipy's `beta.ppf` and lifelines' `KaplanMeierFitter` give with their defaults (the tests
compare them on many random data sets), without loading either in the app.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from app.rules.endpoints import TimeToEvent

#: the standard normal's 97.5th percentile (scipy's norm.ppf(0.975)): 95 % two-sided
Z_95 = 1.959963984540054


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


def _betacf(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz, as
    Numerical Recipes' betacf)."""
    tiny, eps = 1e-300, 1e-16
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (tiny if abs(d) < tiny else d)
    h = d
    for m in range(1, 100_000):
        m2 = 2 * m
        for aa in (m * (b - m) * x / ((qam + m2) * (a + m2)),
                   -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))):
            d = 1.0 + aa * d
            d = 1.0 / (tiny if abs(d) < tiny else d)
            c = 1.0 + aa / c
            c = tiny if abs(c) < tiny else c
            delta = d * c
            h *= delta
        if abs(delta - 1.0) < eps:
            break
    return h


def incomplete_beta(a: float, b: float, x: float) -> float:
    """The regularized incomplete beta function I_x(a, b), for a, b > 0."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
                 + a * math.log(x) + b * math.log1p(-x))
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def beta_quantile(p: float, a: float, b: float) -> float:
    """The x with I_x(a, b) = p, by bisection to the last bit a double holds."""
    low, high = 0.0, 1.0
    for _ in range(200):
        middle = (low + high) / 2
        if middle in (low, high):
            break
        if incomplete_beta(a, b, middle) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2


def clopper_pearson(count: int, total: int, level: float = 0.95) -> Proportion:
    """The exact (Clopper-Pearson) interval of a proportion: 0/n starts at 0, n/n ends at
    100."""
    if total <= 0:
        return Proportion(count, total, None, None)
    alpha = 1 - level
    low = 0.0 if count == 0 else beta_quantile(alpha / 2, count, total - count + 1)
    high = 1.0 if count == total else beta_quantile(1 - alpha / 2, count + 1, total - count)
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


@dataclass(frozen=True, slots=True)
class KmCurve:
    """The Kaplan-Meier estimate at each distinct time (0 first), with its 95 % log-log
    (exponential Greenwood) band."""

    times: tuple[float, ...]
    survival: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]


def _log(value: float) -> float:
    return math.log(value) if value > 0 else -math.inf


def _band(survival: float, variance: float, z: float) -> tuple[float, float]:
    """exp(-exp(log(-log S) -/+ z sqrt(V) / log S)); 1 where it is undefined (S = 1)."""
    v = _log(survival)
    if v == 0.0 or math.isnan(v):
        return 1.0, 1.0
    log_minus_v = _log(-v)
    spread = z * math.sqrt(variance) / v
    return (math.exp(-math.exp(log_minus_v - spread)),
            math.exp(-math.exp(log_minus_v + spread)))


def kaplan_meier(durations: Sequence[float], observed: Sequence[bool],
                 z: float = Z_95) -> KmCurve:
    """The product-limit estimate and its band, at 0 and every distinct duration (a
    censored time repeats the step before it), computed as lifelines does: the running sum
    of log((n - d) / n) and of Greenwood's d / (n (n - d))."""
    birth = min(0.0, min(durations, default=0.0))
    removed: dict[float, int] = {birth: 0}
    deaths: dict[float, int] = {birth: 0}
    for t, event in zip(durations, observed, strict=True):
        removed[t] = removed.get(t, 0) + 1
        deaths[t] = deaths.get(t, 0) + int(event)
    at_risk = len(durations)
    log_s = greenwood = 0.0
    times, survival, lower, upper = [], [], [], []
    for t in sorted(removed):
        d = deaths[t]
        log_s += _log(at_risk - d) - math.log(at_risk) if at_risk else 0.0
        if at_risk != d:
            greenwood += d / (at_risk * (at_risk - d))
        s = math.exp(log_s)
        low, high = _band(s, greenwood, z)
        times.append(t)
        survival.append(s)
        lower.append(low)
        upper.append(high)
        at_risk -= removed[t]
    return KmCurve(tuple(times), tuple(survival), tuple(lower), tuple(upper))


def _crossing(times: Sequence[float], values: Sequence[float], q: float = 0.5
              ) -> float | None:
    """The time the curve reaches q (None: it stays above), found as lifelines finds it: a
    binary search for the first value at or below q (the same answer on a curve that is
    not monotone)."""
    if not values or values[-1] > q:
        return None
    low, high = 0, len(values)
    while low < high:
        middle = low + ((high - low) >> 1)
        if values[middle] > q:
            low = middle + 1
        else:
            high = middle
    return times[low]


def km_median(times: Sequence[TimeToEvent]) -> Median:
    """Kaplan-Meier median of the times (in months) with its 95 % interval: where the lower
    and the upper log-log band reach one half."""
    events = sum(t.event for t in times)
    if not times:
        return Median(0, 0, None, None, None)
    curve = kaplan_meier([t.months for t in times], [t.event for t in times])
    return Median(len(times), events, _crossing(curve.times, curve.survival),
                  _crossing(curve.times, curve.lower), _crossing(curve.times, curve.upper))
