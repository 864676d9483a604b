"""`mentorcli report`: one self-contained HTML file for funders, with the figures of `stats`."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import stat
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import browser
import pytest
from conftest import TODAY
from typer.testing import CliRunner

from mentorcli.cli import app

YEAR = 2024
DEFAULT_NAME = f"mentorcli-report-{YEAR}.html"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five years of an invented programme, made once for this module."""
    path = tmp_path_factory.mktemp("report") / "demo.db"
    result = CliRunner().invoke(
        app,
        ["demo", "--db", str(path), "--years", "5", "--people", "300", "--seed", "4"],
        env={"MENTORCLI_TODAY": TODAY},
    )
    assert result.exit_code == 0, result.stderr
    return path


class Cells(HTMLParser):
    """Every element carrying a figure: (year:path, the value as JSON, the text shown)."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, Any, str]] = []
        self._open: list[list[Any]] = []
        self.tags: dict[str, int] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        found = dict(attrs)
        if "data-figure" in found:
            self._open.append([found["data-figure"], json.loads(found["data-value"] or ""), ""])
        elif self._open:
            self._open.append([None, None, ""])

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            figure, value, text = self._open.pop()
            if figure is not None:
                self.found.append((figure, value, text.strip()))
            elif self._open:
                self._open[-1][2] += text

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][2] += data


def parse(html: str) -> Cells:
    cells = Cells()
    cells.feed(html)
    return cells


def dig(row: dict[str, Any], path: str) -> Any:
    value: Any = row
    for key in path.split("."):
        value = value[key]
    return value


def esf_cell(table: dict[str, Any], path: str) -> Any:
    """``esf.outputs.EECO02.women`` in the JSON of `stats --preset esf`."""
    _, section, code, cell = path.split(".")
    return next(i for i in table[section] if i["code"] == code)[cell]


def check_against_stats(cells: list[tuple[str, Any, str]], rows: list[Any], esf: Any) -> set:
    """Every figure shown equals its figure in the JSON; the paths found."""
    by_year = {row["year"]: row for row in rows}
    paths = set()
    for where, value, _ in cells:
        year, path = where.split(":")
        if path.startswith("esf."):
            assert int(year) == esf["year"]
            assert value == esf_cell(esf, path), where
        else:
            assert value == dig(by_year[int(year)], path), where
        paths.add(path)
    return paths


def test_report_writes_one_self_contained_file_and_says_where(cli, demo_db, tmp_path):
    result = cli("--db", demo_db, "report", "--year", YEAR)
    target = tmp_path / DEFAULT_NAME
    assert result.stderr.strip() == f"Wrote {DEFAULT_NAME} (readable by you only)."
    assert result.stdout == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    # nothing to fetch: no web address at all, no script, no stylesheet or image file
    assert "http://" not in html and "https://" not in html
    for tag in ("<script", "<link", "<img", "<iframe", "@import", "@font-face"):
        assert tag not in html.lower()
    assert "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\"" in html
    assert "@page { size: A4" in html and "break-inside: avoid" in html
    conn = sqlite3.connect(demo_db)
    last = conn.execute("SELECT action, details FROM events ORDER BY id DESC LIMIT 1").fetchone()
    conn.close()
    assert last[0] == "export" and json.loads(last[1]) == {"what": "report", "format": "html"}


def test_the_same_data_gives_the_same_bytes(cli, demo_db, tmp_path):
    cli("--db", demo_db, "report", "--year", YEAR, "--output", "a.html")
    cli("--db", demo_db, "report", "--year", YEAR, "--output", "b.html")
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()


def test_every_chart_has_a_title_labelled_axes_and_its_numbers_in_a_table(cli, demo_db):
    from mentorcli.reports import annual, document
    from mentorcli.store.db import open_db

    db = open_db(demo_db)
    report = annual.build(db, YEAR, city=None, as_of=_today(), suppress_below=5)
    html = document.html(report, version="test")
    charts = [b for s in report["sections"] for b in s["blocks"] if "chart" in b]
    assert len(charts) == annual.chart_count(report)
    assert tuple(b["chart"]["title"] for b in charts) == browser.REPORT_CHARTS
    assert html.count("<svg ") == len(charts) and f'data-charts="{len(charts)}"' in html
    figures = re.split(r'<figure class="chart(?: beside)?">', html)[1:]
    for block, part in zip(charts, figures, strict=True):
        chart = block["chart"]
        assert chart["title"] and chart["xlabel"] and chart["ylabel"]
        svg, _, table = part.partition("</svg>")
        # matplotlib draws text as paths and keeps each string as a comment beside it
        for text in (chart["title"], chart["xlabel"], chart["ylabel"]):
            assert f"<!-- {text} -->" in svg, text
        assert f"<caption>{chart['title']}: the numbers</caption>" in table
        # each series is a row or a column of the table, the same numbers
        table_numbers = sorted(
            float(f["value"]["numerator"] if isinstance(f["value"], dict) else f["value"])
            for _, cells in block["table"]["rows"]
            for f in cells
            if f["value"] is not None
            and not (isinstance(f["value"], dict) and f["value"]["numerator"] is None)
        )
        charted = [v for _, values in chart["series"] for v in values if v is not None]
        for value in charted:
            assert value in table_numbers


def test_every_number_equals_the_same_figure_of_stats_json(cli, demo_db, tmp_path):
    cli("--db", demo_db, "report", "--year", YEAR)
    html = (tmp_path / DEFAULT_NAME).read_text(encoding="utf-8")
    rows = cli.json(
        "--db", demo_db, "stats", "--from", YEAR - 4, "--to", YEAR, "--suppress-below", "5"
    )
    esf = cli.json("--db", demo_db, "stats", "--year", YEAR, "--preset", "esf",
                   "--suppress-below", "5")  # fmt: skip
    by_year = {row["year"]: row for row in rows}
    cells = parse(html).found
    assert len(cells) > 100
    paths = check_against_stats(cells, rows, esf)
    for where, value, text in cells:
        year, path = where.split(":")
        row = by_year[int(year)]
        if path.startswith("esf."):
            hidden = path.split(".", 2)[2] in esf["suppressed"]
        else:
            hidden = path in row["suppressed"]
        if value is None or (isinstance(value, dict) and value["numerator"] is None):
            assert text == ("hidden" if hidden else "–"), where
        elif isinstance(value, dict):
            if value["rate"] is None:
                assert text == "–"
            else:
                rate = f"{value['rate'] * 100:.1f}%"
                assert text == f"{rate} ({value['numerator']} of {value['denominator']})"
        else:
            assert text == (f"{value:g}" if isinstance(value, float) else str(value)), where
    from mentorcli.reports.esf import SECTIONS

    esf_paths = {p for p in paths if p.startswith("esf.")}
    whole = sum(len(esf[section]) for section in SECTIONS)
    assert len(esf_paths) == 5 * whole  # the whole ESF+ table, every gender
    hidden = [c for c in cells if c[2] == "hidden"]
    assert hidden and len(hidden) < len(cells) / 2  # suppression on by default, not all
    for needed in (
        "trajectories_started",
        "positive_within_12_months_rate",
        "completed_rate",
        "positive_outcome_rate",
        "followup_outcomes.job",
        "reach.age_band.18_25",
        "reach.gender.f",
        "reach.world_region.Northern Africa",
        "reach.education.isced3",
        "median_days_to_match",
        "sessions_per_month.03",
        "hours_per_month.03",
        "mentors_enrolled",
        "mentor_retention",
        "esf.outputs.EECO01.total",
        "esf.outputs.EECO02.total",
        "esf.outputs.EECO03.total",
        "esf.outputs.EECO04.total",
        "esf.outputs.EECO05.total",
        "esf.outputs.EECO13.women",
        "esf.results.EECR01.total",
        "esf.longer_term_results.EECR05.total",
    ):
        assert needed in paths, needed


def test_for_one_city_the_figures_are_those_of_stats_for_that_city(cli, demo_db, tmp_path):
    result = cli("--db", demo_db, "report", "--year", YEAR, "--city", "gent", "--suppress-below", 0)
    assert f"mentorcli-report-{YEAR}-gent.html" in result.stderr
    html = (tmp_path / f"mentorcli-report-{YEAR}-gent.html").read_text(encoding="utf-8")
    assert "Volunteer job mentoring, Gent." in html
    rows = cli.json("--db", demo_db, "stats", "--from", YEAR - 4, "--to", YEAR, "--city", "Gent")
    esf = cli.json("--db", demo_db, "stats", "--year", YEAR, "--preset", "esf", "--city", "Gent")
    paths = check_against_stats(parse(html).found, rows, esf)
    assert "esf.outputs.EECO01.total" in paths


def test_hours_per_month_add_up_to_the_hours_in_stats(cli, demo_db):
    (row,) = cli.json("--db", demo_db, "stats", "--year", YEAR)
    assert abs(sum(row["hours_per_month"].values()) - row["hours"]) < 0.6
    assert row["hours_per_month"]["03"] > 0


def test_a_month_of_hidden_sessions_hides_its_hours_too(cli, demo_db):
    (row,) = cli.json("--db", demo_db, "stats", "--year", YEAR, "--suppress-below", "500")
    for month, sessions in row["sessions_per_month"].items():
        if sessions is None:
            assert row["hours_per_month"][month] is None
            assert f"hours_per_month.{month}" in row["suppressed"]


def test_suppression_is_on_by_default_from_the_setting_and_off_only_when_said(
    cli, demo_db, tmp_path
):
    shown = cli("--db", demo_db, "config", "show", "--format", "json").stdout
    setting = next(s for s in json.loads(shown) if s["key"] == "report.suppress_below")
    assert setting["value"] == 5 and setting["default"] == 5
    default = cli("--db", demo_db, "report", "--year", YEAR, "--output", "default.html")
    assert "not hidden" not in default.stderr
    html = (tmp_path / "default.html").read_text(encoding="utf-8")
    assert "counts from 1 to 4 are shown as" in html and 'class="hidden"' in html

    off = cli(
        "--db", demo_db, "report", "--year", YEAR, "--suppress-below", 0, "--output", "o.html"
    )
    assert off.stderr.splitlines()[0] == (
        "Small counts are not hidden (suppression off): keep this report in the house."
    )
    html = (tmp_path / "o.html").read_text(encoding="utf-8")
    assert 'class="hidden"' not in html and "are not hidden in this report" in html
    assert "--suppress-below" not in html.split("<code>")[1].split("</code>")[0]

    copy = tmp_path / "copy.db"
    copy.write_bytes(demo_db.read_bytes())
    cli("--db", copy, "config", "set", "report.suppress_below", "0")
    off = cli("--db", copy, "report", "--year", YEAR, "--output", "zero.html")
    assert off.stderr.startswith("Small counts are not hidden (suppression off)")
    assert 'class="hidden"' not in (tmp_path / "zero.html").read_text(encoding="utf-8")
    cli("--db", copy, "config", "set", "report.suppress_below", "3")
    cli("--db", copy, "report", "--year", YEAR, "--output", "three.html")
    html = (tmp_path / "three.html").read_text(encoding="utf-8")
    assert "counts from 1 to 2 are shown as" in html
    assert "--suppress-below 3 --as-of" in html


def test_never_a_name_contact_note_or_free_text_of_a_person(cli, tmp_path):
    secrets = []
    for i in range(8):
        for role, sector in (("mentee", "zorg"), ("mentor", "zorg")):
            name = f"Zyxwar{role}{i} Quetzalbrim"
            email = f"{role}{i}.plover@secret-mail.example"
            phone = f"+32 499 77 0{i} 1{i}"
            note = f"Confidential note kumquat {role} {i}"
            referral = f"referred by Vrouw Oxtail{i}"
            occupation = f"marmalade taster {i}"
            extra = ["--referral", referral] if role == "mentee" else []
            extra.append("--allow-duplicate")  # the invented names are alike on purpose
            cli(
                "enrol", role, "--name", name, "--email", email, "--phone", phone,
                "--notes", note, "--occupation", occupation, "--city", "Gent",
                "--languages", "nl", "--sector", sector, "--enrolled-on", "2024-01-10",
                "--birth-year", "1990" if role == "mentee" else "1960", *extra,
            )  # fmt: skip
            secrets += [name, "Zyxwar", "Quetzalbrim", email, "plover", phone, note, "kumquat"]
            secrets += [referral, "Oxtail", occupation, "marmalade"]
    pairs = cli.json("match", "--apply", "--start-date", "2024-02-01", "--min-score", "0")["pairs"]
    for n, pair in enumerate(pairs):
        trajectory = pair["trajectory_id"]
        cli("log-session", trajectory, "--minutes", "90", "--date", "2024-03-05",
            "--note", f"session secret wombat {n}")  # fmt: skip
        cli("close", trajectory, "--outcome", "job", "--contract", "permanent", "--date",
            "2024-09-01", "--note", f"closing secret narwhal {n}", "--yes")  # fmt: skip
        secrets += [f"session secret wombat {n}", f"closing secret narwhal {n}"]
    secrets += ["wombat", "narwhal"]
    cli("report", "--year", YEAR, "--suppress-below", "0")
    html = (tmp_path / DEFAULT_NAME).read_text(encoding="utf-8")
    assert ">8<" in html  # the duos are in it
    for secret in secrets:
        assert secret.casefold() not in html.casefold(), secret


def test_pdf_without_weasyprint_says_what_to_install(cli, demo_db, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # `import weasyprint` fails
    before = demo_db.read_bytes()
    result = cli("--db", demo_db, "report", "--year", YEAR, "--pdf", code=1)
    assert result.stderr == "Error: --pdf needs WeasyPrint: pip install 'mentorcli[pdf]'\n"
    assert not list(tmp_path.glob("mentorcli-report-*"))
    assert demo_db.read_bytes() == before  # not even an event


def test_pdf_through_weasyprint(cli, demo_db, tmp_path):
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("CI installs mentorcli[pdf] and pango: WeasyPrint must import")
        pytest.skip("WeasyPrint is not installed here (pip install 'mentorcli[pdf]')")
    result = cli("--db", demo_db, "report", "--year", YEAR, "--pdf")
    target = tmp_path / f"mentorcli-report-{YEAR}.pdf"
    assert f"Wrote {target.name}" in result.stderr
    data = target.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(data) > 50_000  # the charts are in it
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["--year", "1800"], 2, "a year is between 1990 and 2200"),
        (["--year", "2026"], 2, "2026 has not begun yet (today is 2025-06-01)"),
        (["--suppress-below", "-1"], 2, "--suppress-below"),
        (["--output", "missing/r.html"], 1, "does not exist"),
        (["--output", "."], 1, "it is a folder"),
        (["--city", "Gnet"], 2, "nobody was ever enrolled in Gnet (cities: Antwerpen, "),
        (["--city", "Gnet", "--suppress-below", "0"], 2, "nobody was ever enrolled in Gnet"),
    ],
)
def test_refusals_are_one_line_and_write_nothing(cli, demo_db, tmp_path, args, code, words):
    before = demo_db.read_bytes()
    result = cli("--db", demo_db, "report", *args, code=code)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert words in result.stderr
    assert demo_db.read_bytes() == before
    assert not list(tmp_path.glob("*.html"))


def test_the_database_itself_is_never_the_output(cli, demo_db):
    result = cli("--db", demo_db, "report", "--year", YEAR, "--output", demo_db, code=1)
    assert "it is the database itself" in result.stderr


def test_no_database_yet_is_said_not_made(cli, db_path):
    cli("report", "--year", YEAR, code=1)
    assert not db_path.exists()


def _today() -> Any:
    import datetime as dt

    return dt.date.fromisoformat(TODAY)


def test_other_commands_never_load_the_report_libraries(demo_db):
    import subprocess

    code = (
        "import sys; from mentorcli.cli import app\n"
        f"try:\n    app(['--db', {str(demo_db)!r}, 'stats', '--format', 'json'])\n"
        "except SystemExit:\n    pass\n"
        "print([m for m in ('matplotlib', 'jinja2', 'weasyprint') if m in sys.modules], "
        "file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_every_table_of_the_esf_section_has_a_readable_caption(cli, demo_db, tmp_path):
    """The longer-term results were captioned with their JSON key, longer_term_results."""
    cli("--db", demo_db, "report", "--year", YEAR)
    html = (tmp_path / DEFAULT_NAME).read_text(encoding="utf-8")
    captions = re.findall(r"<caption>([^<]*)</caption>", html)
    assert "Longer-term results: follow-ups 5 to 8 months after leaving" in captions
    assert not [c for c in captions if "_" in c]


def test_the_command_printed_for_a_city_of_two_words_can_be_pasted(cli, tmp_path):
    cli("enrol", "mentee", "--name", "Amina Benali", "--city", "La Louvière", "--languages",
        "fr", "--sector", "zorg", "--enrolled-on", "2024-01-10")  # fmt: skip
    cli("report", "--year", YEAR, "--city", "La Louvière", "--output", "r.html")
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "--city &#39;La Louvière&#39; --suppress-below 5" in html


class Untagged(HTMLParser):
    """The text with a digit outside any element carrying a figure (and outside the charts,
    whose numbers their tables carry, and the styles and the code of the last page)."""

    SKIP = ("svg", "style", "title", "code")
    VOID = ("meta", "br", "hr", "col", "img", "link", "input")

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool]] = []
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.VOID:
            self.stack.append((tag, "data-figure" in dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        while self.stack and self.stack.pop()[0] != tag:
            pass

    def handle_data(self, data: str) -> None:
        if any(f or t in self.SKIP for t, f in self.stack):
            return
        if re.search(r"\d", data):
            self.found.append(data.strip())


def test_no_number_in_the_report_escapes_the_comparison_with_stats(cli, demo_db, tmp_path):
    """test_every_number_equals_... compares the elements that carry a figure: any other
    number in the text may only be a year, an age band, an ISCED level or an ESF+ code."""
    cli("--db", demo_db, "report", "--year", YEAR)
    page = Untagged()
    page.feed((tmp_path / DEFAULT_NAME).read_text(encoding="utf-8"))
    allowed = re.compile(
        r"2021/1057|mentorcli \d+\.\d+\S*|\b(19|20)\d\d(-\d\d-\d\d)?\b|\b1 January"
        r"|\b\d\d–\d\d\b|\b50\+|under 18|ISCED \d((-| to )\d)?|EEC[OR]\d\d|M49"
        r"|[Ww]ithin 12 months|5 to 8 months"
        r"|below 18 years|between 18 and 29 years|55 years|counts from 1 to \d+ are shown"
    )
    for text in page.found:
        rest = allowed.sub("", text)
        assert not re.search(r"\d", rest), text
