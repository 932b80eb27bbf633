"""`sitetrack --self-test`: a temporary database, a fictional patient, a worksheet and the
window drawn offscreen; exit 0, or the failing step named and a non-zero exit."""

from __future__ import annotations

import main


def test_the_self_test_passes_on_a_working_installation(qapp, capsys):
    assert main.main(["--self-test"]) == 0
    out = capsys.readouterr().out
    for step in ("database", "protocol", "patient", "worksheet", "pictures", "window",
                 "languages"):
        assert f"  {step}" in out and "FAILED" not in out
    assert "简体中文: 今天" in out
    assert out.rstrip().endswith("self-test passed")


def test_a_broken_step_is_named_and_fails_the_run(qapp, capsys, monkeypatch):
    import reports.worksheet

    def broken(*_a, **_k):
        raise OSError("no fonts")

    monkeypatch.setattr(reports.worksheet, "write_worksheets", broken)
    assert main.main(["self-test"]) != 0
    out = capsys.readouterr().out
    assert "worksheet  FAILED: OSError: no fonts" in out and "self-test failed" in out


def test_a_build_without_its_translations_fails(qapp, capsys, monkeypatch, tmp_path):
    from ui import i18n

    monkeypatch.setattr(i18n, "TRANSLATIONS", tmp_path)
    assert main.main(["self-test"]) != 0
    out = capsys.readouterr().out
    assert "languages  FAILED: MissingTranslation" in out and "sitetrack_zh_CN.qm" in out
