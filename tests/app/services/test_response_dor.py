"""Duration of response of a PR later confirmed as CR, on SQLite and PostgreSQL: RECIST 1.1
(4.4) starts it at the PR, the first date the response criteria were met, whether the CR is
confirmed the day before, the day of or the day after its 28 days; the site's median DOR
moves with it."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.services.response import LesionEntry, ScanForm, patient_response, save_scan
from app.services.site_results import site_results
from tests.app.services.conftest import C1D1, FD

TODAY = date(2026, 9, 1)
D = timedelta(days=1)


def scan(db, protocol, pid, day, mm, baseline=False):
    save_scan(db, protocol, pid, ScanForm(scan_date=day, modality="CT", baseline=baseline,
                                          lesions=[LesionEntry("T1", "target", "liver",
                                                               mm=Decimal(mm))]), TODAY)


@pytest.mark.parametrize("confirmed_after", [27, 28, 29])  # days after the first CR
def test_dor_of_a_pr_later_confirmed_as_cr_starts_at_the_pr(db, protocol, dosed,
                                                            confirmed_after):
    pr, cr = C1D1 + 42 * D, C1D1 + 84 * D
    scan(db, protocol, dosed, FD - 10 * D, "40.0", baseline=True)
    scan(db, protocol, dosed, pr, "20.0")                                 # -50 %: PR
    scan(db, protocol, dosed, cr, "0.0")                                  # CR
    scan(db, protocol, dosed, cr + confirmed_after * D, "0.0")            # CR again
    progression = C1D1 + 168 * D
    scan(db, protocol, dosed, progression, "10.0")                        # +10 mm: PD
    result = patient_response(db, protocol, dosed, TODAY)
    assert result.evaluation.best_overall_response == ("CR" if confirmed_after >= 28 else "PR")
    dor = result.endpoints.dor
    assert (dor.start, dor.end, dor.event) == (pr, progression, True)
    assert dor.days == (progression - pr).days + 1                       # 127, not 85
    site = site_results(db, protocol, TODAY).groups[0]
    assert site.dor.n == 1 and site.dor.months == pytest.approx(dor.months)
