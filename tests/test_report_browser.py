"""The report checked as a reader would: opened in headless Chromium, printed, photographed.

CI installs Debian's chromium (.ci/run), so there a missing browser fails the test; on a
machine without one the tests are skipped and say why. The checker itself is tested on
pages broken on purpose, so a check that cannot fail would show.
"""

from __future__ import annotations

import os
from pathlib import Path

import browser
import pytest
from conftest import TODAY
from typer.testing import CliRunner

from mentorcli.cli import app


@pytest.fixture(scope="module")
def chromium() -> str:
    exe = browser.executable()
    if exe is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is missing: .ci/run installs it (apt-get install chromium)")
        pytest.skip("no chromium on this machine (apt-get install chromium); CI has one")
    return exe


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report of five invented years."""
    folder = tmp_path_factory.mktemp("browser")
    db = folder / "demo.db"
    runner = CliRunner()
    env = {"MENTORCLI_TODAY": TODAY}
    made = runner.invoke(
        app, ["demo", "--db", str(db), "--years", "5", "--people", "300", "--seed", "4"], env=env
    )
    assert made.exit_code == 0, made.stderr
    out = folder / "report.html"
    result = runner.invoke(
        app, ["--db", str(db), "report", "--year", "2024", "--output", str(out)], env=env
    )
    assert result.exit_code == 0, result.stderr
    return out


def test_the_report_opens_offline_with_every_chart_and_no_error(chromium, page, tmp_path):
    seen = browser.inspect(chromium, page, tmp_path / "profile")
    assert seen.console_errors == []
    assert seen.external_requests == []
    assert seen.scripts == 0
    assert seen.charts_expected == len(browser.REPORT_CHARTS)
    assert seen.charts_drawn == seen.charts_expected


def test_the_report_prints_to_pdf_and_to_a_screenshot(chromium, page, tmp_path):
    pdf, png = tmp_path / "report.pdf", tmp_path / "report.png"
    browser.print_pdf(chromium, page, pdf, tmp_path / "profile")
    browser.screenshot(chromium, page, png, tmp_path / "profile")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.count(b"/Type /Page") + data.count(b"/Type/Page")
    assert data.count(b"/MediaBox [0 0 594.95996 841.91998]") > 3  # A4 pages, several
    image = png.read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n") and len(image) > 50_000


def _broken(page: Path, tmp_path: Path, old: str, new: str) -> Path:
    html = page.read_text(encoding="utf-8")
    assert old in html
    target = tmp_path / "broken.html"
    target.write_text(html.replace(old, new, 1), encoding="utf-8")
    return target


def test_the_checker_sees_an_external_request_and_the_error_it_causes(chromium, page, tmp_path):
    broken = _broken(
        page, tmp_path, "<header>", '<header><img src="https://example.invalid/x.png">'
    )
    seen = browser.inspect(chromium, broken, tmp_path / "profile")
    assert seen.external_requests == ["https://example.invalid/x.png"]
    assert any("Content Security Policy" in text for text in seen.console_errors)


def test_the_checker_sees_a_script_error(chromium, page, tmp_path):
    csp = '<meta http-equiv="Content-Security-Policy"'
    broken = _broken(page, tmp_path, csp, '<script>console.error("boom")</script><meta name="x"')
    seen = browser.inspect(chromium, broken, tmp_path / "profile")
    assert any("boom" in text for text in seen.console_errors)


def test_the_checker_sees_a_missing_chart(chromium, page, tmp_path):
    broken = _broken(page, tmp_path, '<figure class="chart">\n<svg ', '<figure class="chart"><x ')
    seen = browser.inspect(chromium, broken, tmp_path / "profile")
    assert seen.charts_drawn == seen.charts_expected - 1
