"""The site's statistics against values printed in textbooks and papers, and their bounds.

The oracle tests (test_statistics.py) say the app computes what lifelines and scipy compute;
these say both agree with what statisticians published, so an error shared by the app and
its oracle would still be caught. Then properties no data set may break: an exact interval
holds its proportion, moves with the count, and mirrors; a Kaplan-Meier curve only falls,
stays in its band, and a censored time never lowers it.
"""

from __future__ import annotations

import math
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rules.statistics import Z_95, clopper_pearson, kaplan_meier

# --- Kaplan-Meier: the 6-MP leukaemia remission trial --------------------------------------
# Freireich et al., Blood 1963 (Gehan's 1965 data set), weeks in remission: 21 patients on
# 6-mercaptopurine (9 relapses, 12 censored) and 21 on placebo (21 relapses). As tabulated in
# Kleinbaum & Klein, Survival Analysis: A Self-Learning Text, 3rd ed. (2012), chapter 2, and
# Klein & Moeschberger, Survival Analysis, 2nd ed. (2003), Table 4.1A (6-MP group).

SIX_MP = [(6, True), (6, True), (6, True), (6, False), (7, True), (9, False), (10, True),
          (10, False), (11, False), (13, True), (16, True), (17, False), (19, False),
          (20, False), (22, True), (23, True), (25, False), (32, False), (32, False),
          (34, False), (35, False)]
PLACEBO = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23]

#: the 6-MP group's product-limit estimate and Greenwood standard error at each relapse
#: week, three decimals as printed (Klein & Moeschberger Table 4.1A)
SIX_MP_TABLE = {6: (0.857, 0.076), 7: (0.807, 0.087), 10: (0.753, 0.096),
                13: (0.690, 0.107), 16: (0.627, 0.114), 22: (0.538, 0.128),
                23: (0.448, 0.135)}
#: the placebo group's estimate at each relapse week: (21 - relapsed so far) / 21, as
#: Kleinbaum & Klein print it
PLACEBO_TABLE = {1: 0.905, 2: 0.810, 3: 0.762, 4: 0.667, 5: 0.571, 8: 0.381, 11: 0.286,
                 12: 0.190, 15: 0.143, 17: 0.095, 22: 0.048, 23: 0.000}


def _at(curve_times: tuple[float, ...], values: tuple[float, ...], week: float) -> float:
    return values[curve_times.index(week)]


def _six_mp():
    return kaplan_meier([w for w, _ in SIX_MP], [e for _, e in SIX_MP])


def test_six_mp_survival_is_the_textbooks_table():
    curve = _six_mp()
    for week, (survival, _) in SIX_MP_TABLE.items():
        assert _at(curve.times, curve.survival, week) == pytest.approx(survival, abs=5e-4)
    # a censored week repeats the step before it: 0.448 from week 23 to the last (35)
    assert _at(curve.times, curve.survival, 35) == pytest.approx(0.448, abs=5e-4)
    assert _at(curve.times, curve.survival, 9) == _at(curve.times, curve.survival, 7)


def test_placebo_survival_is_the_textbooks_table():
    curve = kaplan_meier(PLACEBO, [True] * len(PLACEBO))
    assert curve.times == (0.0, *sorted(PLACEBO_TABLE))
    for week, survival in PLACEBO_TABLE.items():
        assert _at(curve.times, curve.survival, week) == pytest.approx(survival, abs=5e-4)


def test_the_medians_are_23_weeks_on_6_mp_and_8_on_placebo():
    """Kleinbaum & Klein, chapter 2: median remission 23 weeks (6-MP) against 8 (placebo):
    the first week the estimate falls to one half or below."""
    from app.rules.statistics import _crossing

    six = _six_mp()
    placebo = kaplan_meier(PLACEBO, [True] * len(PLACEBO))
    assert _crossing(six.times, six.survival) == 23
    assert _crossing(placebo.times, placebo.survival) == 8


def test_the_log_log_band_is_klein_and_moeschbergers_from_the_printed_errors():
    """Klein & Moeschberger section 4.3, the 'log-transformed' 95 % interval:
    S^(1/theta) to S^theta, theta = exp(z SE / (S log S)), worked here from the table's own
    three-decimal S and SE: the app's band (from the unrounded variance) agrees to about a
    hundredth, and at week 6 to the printed 0.620-0.952."""
    curve = _six_mp()
    for week, (s, se) in SIX_MP_TABLE.items():
        theta = math.exp(Z_95 * se / (s * math.log(s)))
        low, high = s ** (1 / theta), s ** theta
        assert _at(curve.times, curve.lower, week) == pytest.approx(low, abs=6e-3)
        assert _at(curve.times, curve.upper, week) == pytest.approx(high, abs=6e-3)
    assert (round(curve.lower[1], 3), round(curve.upper[1], 3)) == (0.620, 0.952)


# --- Clopper-Pearson: published exact intervals --------------------------------------------

@pytest.mark.parametrize(("count", "total", "low", "high"), [
    # Newcombe, Statistics in Medicine 1998;17:857-872, Table II, method 5 (exact)
    (81, 263, 0.2527, 0.3676),
    (15, 148, 0.0578, 0.1617),
    (0, 20, 0.0000, 0.1684),
    (1, 29, 0.0009, 0.1776),
    # the classic exact 95 % limits for n = 10 (Geigy Scientific Tables; Collett,
    # Modelling Binary Data, 2nd ed. 2003, section 2.2)
    (0, 10, 0.0000, 0.3085),
    (1, 10, 0.0025, 0.4450),
    (3, 10, 0.0667, 0.6525),
    (5, 10, 0.1871, 0.8129),
    (10, 10, 0.6915, 1.0000),
])
def test_clopper_pearson_is_the_published_table(count, total, low, high):
    mine = clopper_pearson(count, total)
    assert mine.low is not None and mine.high is not None
    assert mine.low / 100 == pytest.approx(low, abs=5e-5)
    assert mine.high / 100 == pytest.approx(high, abs=5e-5)


def test_none_of_n_has_the_rule_of_three_as_its_upper_bound():
    """0/n: the upper bound is 1 - 0.025^(1/n), close to 3.7/n (the 'rule of three' is the
    one-sided 95 % bound)."""
    for n in (5, 20, 100, 1000):
        assert clopper_pearson(0, n).high == pytest.approx(100 * (1 - 0.025 ** (1 / n)),
                                                           abs=1e-9)


# --- properties of the exact interval --------------------------------------------------------

pairs = st.integers(1, 300).flatmap(lambda n: st.tuples(st.integers(0, n), st.just(n)))


@given(pairs)
def test_the_interval_holds_its_proportion_within_zero_and_one(pair):
    count, total = pair
    p = clopper_pearson(count, total)
    assert p.low is not None and p.high is not None and p.percent is not None
    assert 0 <= p.low <= p.percent <= p.high <= 100
    assert p.low < p.high
    assert (p.low == 0) == (count == 0) and (p.high == 100) == (count == total)


@given(pairs)
def test_the_bounds_rise_with_the_count(pair):
    count, total = pair
    if count == total:
        return
    now, more = clopper_pearson(count, total), clopper_pearson(count + 1, total)
    assert now.low is not None and more.low is not None
    assert now.high is not None and more.high is not None
    assert now.low < more.low and now.high < more.high


@given(pairs)
def test_k_of_n_mirrors_n_minus_k_of_n(pair):
    count, total = pair
    p, q = clopper_pearson(count, total), clopper_pearson(total - count, total)
    assert p.low is not None and q.high is not None
    assert p.low == pytest.approx(100 - q.high, abs=1e-9)


@given(pairs)
def test_one_more_patient_without_the_outcome_lowers_both_bounds(pair):
    count, total = pair
    now, later = clopper_pearson(count, total), clopper_pearson(count, total + 1)
    assert now.low is not None and later.low is not None
    assert now.high is not None and later.high is not None
    assert later.low <= now.low and later.high < now.high


@given(pairs)
def test_a_99_percent_interval_holds_the_95_percent_one(pair):
    count, total = pair
    p95, p99 = clopper_pearson(count, total), clopper_pearson(count, total, level=0.99)
    assert p95.low is not None and p99.low is not None
    assert p95.high is not None and p99.high is not None
    assert p99.low <= p95.low and p95.high <= p99.high


# --- properties of the Kaplan-Meier curve and its band -------------------------------------

#: the app's times are at least a day (TimeToEvent.days counts the first dose's day)
patients = st.lists(st.tuples(st.integers(1, 60), st.booleans()), min_size=1, max_size=30)


def _curve(data):
    return kaplan_meier([float(d) for d, _ in data], [e for _, e in data])


def _survival_at(curve, t: float) -> float:
    """The estimate at any time: the step at or before t."""
    return [s for time, s in zip(curve.times, curve.survival, strict=True) if time <= t][-1]


@given(patients)
def test_the_curve_only_falls_and_stays_in_its_band(data):
    curve = _curve(data)
    assert curve.survival[0] == 1.0
    for a, b in zip(curve.survival, curve.survival[1:], strict=False):
        assert b <= a
    for s, low, high in zip(curve.survival, curve.lower, curve.upper, strict=True):
        assert 0 <= low <= s + 1e-12 and s - 1e-12 <= high <= 1


@given(patients)
def test_a_censored_time_makes_no_step(data):
    curve = _curve(data)
    events = {d for d, e in data if e}
    for before, after, t in zip(curve.survival, curve.survival[1:], curve.times[1:],
                                strict=False):
        if t not in events:
            assert after == before


@given(st.lists(st.tuples(st.integers(1, 60), st.just(False)), min_size=1, max_size=30))
def test_everyone_censored_keeps_the_curve_at_one(data):
    assert set(_curve(data).survival) == {1.0}


@given(patients, st.data())
def test_censoring_an_event_never_lowers_the_curve(data, draw):
    events = [i for i, (_, e) in enumerate(data) if e]
    if not events:
        return
    i = draw.draw(st.sampled_from(events), label="event censored")
    censored = [(d, e and j != i) for j, (d, e) in enumerate(data)]
    before, after = _curve(data), _curve(censored)
    for t in before.times:
        assert _survival_at(after, t) >= _survival_at(before, t) - 1e-12


@given(patients, st.sampled_from([7.0, 1 / 30.4375, 0.5]))
def test_the_unit_of_time_changes_the_times_not_the_estimate(data, unit):
    """Weeks, months or days: the same steps, at the same fractions."""
    curve = _curve(data)
    scaled = kaplan_meier([d * unit for d, _ in data], [e for _, e in data])
    assert scaled.times == pytest.approx([t * unit for t in curve.times], rel=1e-12)
    assert scaled.survival == curve.survival
    assert (scaled.lower, scaled.upper) == (curve.lower, curve.upper)


@given(patients, st.randoms())
def test_the_order_the_patients_come_in_does_not_matter(data, rnd: random.Random):
    shuffled = list(data)
    rnd.shuffle(shuffled)
    assert _curve(shuffled) == _curve(data)
