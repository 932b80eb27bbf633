"""The property tests' profiles: CI runs more examples, the same ones every run."""

from __future__ import annotations

import os

from hypothesis import settings

from tests.conftest import IN_CI


def test_ci_runs_more_examples_and_repeatably():
    ci, dev = settings.get_profile("ci"), settings.get_profile("dev")
    assert ci.derandomize and not dev.derandomize
    assert ci.max_examples > dev.max_examples
    assert ci.deadline is None and dev.deadline is None


def test_the_profile_follows_ci():
    chosen = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE")
                                  or ("ci" if IN_CI else "dev"))
    assert settings.default.max_examples == chosen.max_examples
    assert settings.default.derandomize == chosen.derandomize


def test_a_property_tests_own_count_is_whole_in_ci_and_a_third_in_the_loop():
    from tests.conftest import examples

    whole = settings.default.derandomize  # the CI profile
    assert examples(300) == (300 if whole else 100) and examples(12) == (12 if whole else 10)
