"""The site's statistics against their oracles: the Kaplan-Meier medians and log-log bands
of lifelines' KaplanMeierFitter, the Clopper-Pearson bounds of scipy's beta quantiles, on
many random data sets (hypothesis). The app computes them in plain Python; lifelines and
scipy are test-only dependencies."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.rules.endpoints import TimeToEvent
from app.rules.statistics import (
    Z_95,
    beta_quantile,
    clopper_pearson,
    incomplete_beta,
    kaplan_meier,
    km_median,
)
from tests.conftest import examples

START = date(2026, 1, 5)
lifelines = pytest.importorskip("lifelines")
scipy_stats = pytest.importorskip("scipy.stats")

#: (days, event) per patient: few distinct days so ties, tied censoring and S = 0.5 come up
patients = st.lists(st.tuples(st.integers(0, 400), st.booleans()), min_size=1, max_size=40)
tied = st.lists(st.tuples(st.integers(0, 12), st.booleans()), min_size=1, max_size=30)


def times_of(data: list[tuple[int, bool]]) -> list[TimeToEvent]:
    return [TimeToEvent(START, START + timedelta(days=d), e) for d, e in data]


def finite(value: float) -> float | None:
    number = float(value)
    return None if math.isinf(number) or math.isnan(number) else number


def oracle_median(times: list[TimeToEvent]) -> tuple[float | None, ...]:
    """What the app showed until now: lifelines' median and its median_survival_times band."""
    from lifelines.utils import median_survival_times

    fitter = lifelines.KaplanMeierFitter()
    fitter.fit([t.months for t in times], event_observed=[t.event for t in times])
    band = median_survival_times(fitter.confidence_interval_)
    low, high = (finite(v) for v in band.iloc[0].tolist())
    return finite(fitter.median_survival_time_), low, high


def test_z_is_scipys_normal_quantile():
    assert float(scipy_stats.norm.ppf(1 - (1 - 0.95) / 2)) == Z_95


@settings(max_examples=examples(300), deadline=None)
@given(st.one_of(patients, tied))
def test_km_medians_and_their_interval_are_lifelines(data):
    times = times_of(data)
    mine = km_median(times)
    assert (mine.months, mine.low, mine.high) == oracle_median(times)  # exactly
    assert (mine.n, mine.events) == (len(data), sum(e for _, e in data))


@settings(max_examples=examples(200), deadline=None)
@given(st.one_of(patients, tied))
def test_km_curve_and_its_log_log_band_are_lifelines(data):
    times = times_of(data)
    curve = kaplan_meier([t.months for t in times], [t.event for t in times])
    fitter = lifelines.KaplanMeierFitter()
    fitter.fit([t.months for t in times], event_observed=[t.event for t in times])
    assert list(curve.times) == [float(t) for t in fitter.survival_function_.index]
    expected = [fitter.survival_function_.iloc[:, 0].tolist(),
                fitter.confidence_interval_.iloc[:, 0].tolist(),
                fitter.confidence_interval_.iloc[:, 1].tolist()]
    for mine, theirs in zip((curve.survival, curve.lower, curve.upper), expected, strict=True):
        assert mine == pytest.approx(theirs, abs=1e-9, rel=0)


def test_no_patient_no_median():
    assert str(km_median([])) == "no patients"


def test_everyone_censored_never_reaches_the_median():
    median = km_median(times_of([(30, False), (60, False)]))
    assert (median.months, median.low, median.high) == (None, None, None)


@settings(max_examples=examples(300), deadline=None)
@given(st.integers(1, 250).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n))))
def test_clopper_pearson_is_scipys_beta_quantiles(pair):
    count, total = pair
    mine = clopper_pearson(count, total)
    beta = scipy_stats.beta
    low = 0.0 if count == 0 else float(beta.ppf(0.025, count, total - count + 1))
    high = 1.0 if count == total else float(beta.ppf(0.975, count + 1, total - count))
    assert mine.low is not None and mine.high is not None
    assert mine.low / 100 == pytest.approx(low, abs=1e-9, rel=0)
    assert mine.high / 100 == pytest.approx(high, abs=1e-9, rel=0)


@pytest.mark.parametrize(("count", "total"), [(0, 7000), (1, 7000), (2100, 7000),
                                              (6999, 7000), (7000, 7000), (350, 1200)])
def test_clopper_pearson_at_a_large_site(count, total):
    mine = clopper_pearson(count, total)
    alpha = 1 - 0.95
    beta = scipy_stats.beta
    low = 0.0 if count == 0 else float(beta.ppf(alpha / 2, count, total - count + 1))
    high = 1.0 if count == total else float(beta.ppf(1 - alpha / 2, count + 1, total - count))
    assert (mine.low / 100, mine.high / 100) == pytest.approx((low, high), abs=1e-10, rel=0)


@settings(max_examples=examples(200), deadline=None)
@given(st.floats(0.1, 300), st.floats(0.1, 300), st.floats(0.001, 0.999))
def test_incomplete_beta_and_its_quantile_are_scipys(a, b, p):
    x = float(scipy_stats.beta.ppf(p, a, b))
    assert incomplete_beta(a, b, x) == pytest.approx(float(scipy_stats.beta.cdf(x, a, b)),
                                                     abs=1e-10, rel=0)
    assert beta_quantile(p, a, b) == pytest.approx(x, abs=1e-9, rel=0)


def test_proportions_read_as_before():
    assert str(clopper_pearson(3, 10)) == "3/10 (30.0 %; 95 % CI 6.7-65.2)"
    assert str(clopper_pearson(0, 0)) == "0/0"
