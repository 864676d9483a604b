"""Output a person can read (issue 12): 80 columns, nothing cut, words instead of keys.

Every table-producing command runs on a demo programme with ``COLUMNS=80``, both as a
script sees it (no terminal: plain columns) and as a terminal shows it (Rich tables);
pipes are real pipes of the installed script.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
from collections import Counter

import pytest
from conftest import TODAY
from rich.cells import cell_len
from test_cli import installed_script
from typer.testing import CliRunner

from mentorcli.cli import app

WIDTH = 80
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def run(*args, terminal=False, monkeypatch=None, code=0, env=None):
    """The app at 80 columns; ``terminal`` makes it believe stdout is one."""
    if terminal:
        monkeypatch.setattr("mentorcli.ui.output.is_terminal", lambda: True)
    result = CliRunner().invoke(
        app, [str(a) for a in args], env={"COLUMNS": str(WIDTH), **(env or {})}
    )
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    if code is not None:
        assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    return result


def wide_lines(text, width=WIDTH):
    return [line for line in text.splitlines() if cell_len(line) > width]


def missing(expected, text):
    """The ids and dates that do not show whole in ``text`` (as many times as expected).

    Whole: not part of a longer number, date or time, so a date cut at a line end
    ("2025-03-" + "14") or an id cut in two ("1" + "2") is missing.
    """
    wanted = Counter(str(e) for e in expected)
    shown = {
        e: len(re.findall(rf"(?<![\w-])(?<!\d:){re.escape(e)}(?![\w-]|:\d)", text)) for e in wanted
    }
    return Counter({e: n - shown[e] for e, n in wanted.items() if n > shown[e]})


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """An invented programme with a year of history, written once for the module."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    result = CliRunner().invoke(
        app, ["demo", "--db", str(path)], env={"MENTORCLI_TODAY": TODAY, "COLUMNS": "80"}
    )
    assert result.exit_code == 0, result.stderr
    return path


def as_json(demo, *args):
    return json.loads(run("--db", demo, *args, "--format", "json").stdout)


def tables(demo):
    """(arguments, ids and dates that must show whole) for every table-producing command."""
    mentees = as_json(demo, "list", "mentees")
    mentors = as_json(demo, "list", "mentors")
    done = next(p for p in mentees if p["status"] == "done")
    busy = max(mentors, key=lambda p: p["active_trajectories"])
    cases = [
        (["list", "mentees"], [x for p in mentees for x in (p["id"], p["enrolled_on"])]),
        (["list", "mentors"], [p["id"] for p in mentors]),
        (
            ["list", "mentees", "--status", "done"],
            [p["id"] for p in mentees if p["status"] == "done"],
        ),
    ]
    for person in (done, busy):
        record = as_json(demo, "show", person["id"])
        expected = [record["id"], record["enrolled_on"], record["consent_on"]]
        for t in record["trajectories"]:
            expected += [t["id"], t["started_on"], t["planned_end"]]
            expected += [t["closed_on"]] if t["closed_on"] else []
        cases.append((["show", person["id"]], expected))
    trajectory = as_json(demo, "show", done["id"])["trajectories"][0]["id"]
    log = as_json(demo, "sessions", trajectory)["session_log"]
    cases.append((["sessions", trajectory], [x for s in log for x in (s["id"], s["date"])]))
    proposal = as_json(demo, "match")
    cases.append(
        (
            ["match"],
            [x for p in proposal["pairs"] for x in (p["mentee_id"], p["mentor_id"])]
            + [u["mentee_id"] for u in proposal["unmatched"]],
        )
    )
    mentee = proposal["pairs"][0]["mentee_id"]
    ranked = as_json(demo, "match", "--mentee", mentee)
    cases.append((["match", "--mentee", mentee], [c["mentor_id"] for c in ranked["candidates"]]))
    items = as_json(demo, "remind")
    cases.append(
        (
            ["remind"],
            [i["trajectory_id"] or i["person_id"] for i in items]
            + [d for i in items for d in _DATE.findall(i["message"])],
        )
    )
    events = as_json(demo, "log", "--limit", "0")
    cases.append((["log", "--limit", "0"], [x for e in events for x in (e["id"], e["at"])]))
    cases += [
        (["stats", "--year", "2025"], [2025]),
        (["stats", "--from", "2024", "--to", "2025", "--by", "city"], []),
        (["stats", "--year", "2025", "--suppress-below", "5"], [2025]),
        (["config", "show"], []),
        (["doctor"], []),
    ]
    return cases


@pytest.mark.parametrize("terminal", [False, True], ids=["script", "terminal"])
def test_every_table_fits_80_columns_and_cuts_no_id_or_date(demo, terminal, monkeypatch):
    for args, expected in tables(demo):
        result = run("--db", demo, *args, terminal=terminal, monkeypatch=monkeypatch, code=None)
        assert result.exit_code in (0, 1), (args, result.stderr)
        text = result.stdout
        assert text.strip(), args
        assert wide_lines(text) == [], (args, wide_lines(text))
        assert not missing(expected, text), (args, missing(expected, text), text)
        assert "…" not in text, (args, text)


def test_a_table_too_wide_for_columns_becomes_one_record_per_block(cli, monkeypatch):
    cli(
        "enrol", "mentor", "--name", "Griet Van den Broeck-Vandermeulen",
        "--city", "Sint-Pieters-Leeuw",
        "--languages", "nl,en,fr,de,es,it,pt,ar,tr", "--sector", "gezondheidszorg",
        "--enrolled-on", "2025-01-03",
    )  # fmt: skip
    for terminal in (False, True):
        text = run(
            "list", "mentors", terminal=terminal, monkeypatch=monkeypatch, env={"COLUMNS": "40"}
        ).stdout
        assert wide_lines(text, 40) == [], text
        for word in (
            "Sint-Pieters-Leeuw",
            "gezondheidszorg",
            "available",
            "Van",
            "Broeck-Vandermeulen",
        ):
            assert re.search(rf"(?<![\w-]){word}(?![\w-])", text), (word, text)


def test_a_pipe_gets_at_most_80_columns_or_columns(demo):
    for columns, width in ((None, 80), ("100", 100), ("60", 60)):
        env = {"MENTORCLI_DB": str(demo), "MENTORCLI_TODAY": TODAY}
        env = {k: v for k, v in os.environ.items() if k != "COLUMNS"} | env
        if columns:
            env["COLUMNS"] = columns
        for args in (["list", "mentors"], ["match"], ["stats"], ["remind"], ["show", "1"]):
            result = subprocess.run(
                [installed_script(), *args], capture_output=True, text=True, env=env, timeout=60
            )
            assert result.returncode == 0, result.stderr
            assert wide_lines(result.stdout, width) == [], (args, columns, result.stdout)
            assert max(cell_len(line) for line in result.stdout.splitlines()) > width // 2


@pytest.fixture(scope="module")
def crowd(tmp_path_factory):
    """A programme of 2,000 people, enough output to fill any pipe buffer."""
    path = tmp_path_factory.mktemp("crowd") / "crowd.db"
    result = CliRunner().invoke(
        app, ["demo", "--db", str(path), "--people", "2000"], env={"MENTORCLI_TODAY": TODAY}
    )
    assert result.exit_code == 0, result.stderr
    return path


def test_list_piped_into_head_exits_0_quietly(crowd):
    result = subprocess.run(
        f"'{installed_script()}' --db '{crowd}' list mentees | head -1; exit ${{PIPESTATUS[0]}}",
        shell=True,
        executable="/bin/bash",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        ["list", "mentees"],
        ["list", "mentors", "--format", "csv"],
        ["list", "mentees", "--format", "json"],
        ["match"],
        ["show", "1"],
        ["sessions", "1"],
        ["stats", "--from", "2024", "--to", "2025", "--by", "city"],
        ["remind"],
        ["log", "--limit", "0"],
    ],
    ids=" ".join,
)
def test_a_reader_that_goes_away_is_normal(crowd, args):
    """The reader closes the pipe before anything is written: every write fails."""
    read, write = os.pipe()
    os.close(read)
    try:
        process = subprocess.Popen(
            [installed_script(), "--db", str(crowd), *args],
            stdout=write,
            stderr=subprocess.PIPE,
            stdin=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "MENTORCLI_TODAY": TODAY},
        )
    finally:
        os.close(write)
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0 and stderr == "", (process.returncode, stderr)


# --- words, not keys -------------------------------------------------------------------

KEYS = re.compile(
    r"(?<![\w-])(stable_job|50_plus|18_25|26_33|34_49|under_18|non_eu|world_region|age_band"
    r"|diploma_recognised|motivation-letter|interview-practice|skills-mapping|job-search"
    r"|job-application|job-found|mentee-withdrew|mentor-withdrew|lost-contact|no-session"
    r"|close_reason|early_closure_reasons)(?![\w-])"
)


def human_views(demo, monkeypatch, terminal):
    mentees = as_json(demo, "list", "mentees")
    closed = [
        (p, t)
        for p in mentees
        if p["status"] == "done"
        for t in as_json(demo, "show", p["id"])["trajectories"]
        if t["status"] == "closed"
    ]
    early = next(p for p, t in closed if t["close_reason"] != "completed")
    views = {}
    for args in (
        ["list", "mentees"],
        ["list", "mentors"],
        ["show", early["id"]],
        ["sessions", closed[0][1]["id"]],
        ["stats", "--year", "2025"],
        ["stats", "--year", "2025", "--suppress-below", "5"],
        ["remind"],
        ["match"],
    ):
        views[" ".join(map(str, args))] = run(
            "--db", demo, *args, terminal=terminal, monkeypatch=monkeypatch
        ).stdout
    return views


@pytest.mark.parametrize("terminal", [False, True], ids=["script", "terminal"])
def test_human_views_show_words_not_keys(demo, monkeypatch, terminal):
    views = human_views(demo, monkeypatch, terminal)
    for name, text in views.items():
        assert not KEYS.search(text), (name, KEYS.findall(text))
    stats = views["stats --year 2025"]
    for words in ("stable job", "50+", "18–25", "non-EU", "found a job", "lost contact"):
        assert words in stats, words
    assert "motivation letter" in stats and "January" in stats
    show = next(text for name, text in views.items() if name.startswith("show"))
    assert re.search(r"no result yet|training or study|internship|job", show), show
    suppressed = views["stats --year 2025 --suppress-below 5"]
    assert "suppressed (<5)" in suppressed
    assert not re.search(r"(?<!\()<5", suppressed), suppressed


def test_json_and_csv_keep_the_keys(demo):
    figures = as_json(demo, "stats", "--year", "2025")[0]
    assert "stable_job" in figures["outcomes"] and "50_plus" in figures["reach"]["age_band"]
    assert "job-found" in figures["early_closure_reasons"]
    flat = run("--db", demo, "stats", "--year", "2025", "--format", "csv").stdout
    header = next(csv.reader(io.StringIO(flat)))
    assert "outcome_stable_job" in header and "reach_age_band_50_plus" in header
    people = list(
        csv.DictReader(io.StringIO(run("--db", demo, "list", "mentees", "--format", "csv").stdout))
    )
    assert {p["status"] for p in people} <= {"waiting", "matched", "done", "withdrawn", "erased"}


def test_every_vocabulary_key_has_a_label():
    from mentorcli.core import reference, vocabulary
    from mentorcli.reports.stats import AGE_BANDS, OUTCOME_KEYS

    labels = vocabulary.LABELS
    assert set(vocabulary.TOPICS) <= set(labels["topic"])
    assert set(OUTCOME_KEYS) <= set(labels["outcome"])
    assert set(vocabulary.CONTRACTS) <= set(labels["contract"])
    assert {*vocabulary.REASONS, vocabulary.ERASED_REASON} <= set(labels["reason"])
    assert {name for name, _, _ in AGE_BANDS} <= set(labels["age_band"])
    assert set(reference.EDUCATION_LEVELS) <= set(labels["education"])
    assert set(reference.GENDERS) <= set(labels["gender"])
    assert set(reference.REFERRALS.values()) <= set(labels["referral"])
    assert set(vocabulary.REMINDER_KINDS) <= set(labels["reminder"])
    statuses = (
        *vocabulary.MENTEE_STATUSES, *vocabulary.MENTOR_STATUSES, *vocabulary.TRAJECTORY_STATUSES
    )  # fmt: skip
    assert set(statuses) <= set(labels["status"])
    assert set(vocabulary.WORLD_REGIONS) <= set(labels["world_region"])
    for kind, table in labels.items():
        for key, words in table.items():
            assert words and "_" not in words, (kind, key)


def test_close_and_follow_up_say_it_in_words(cli, monkeypatch):
    from conftest import MENTEE, MENTOR

    cli(*MENTOR)
    cli(*MENTEE)
    cli("match", "--apply")
    cli("log-session", "1", "--hours", "2", "--topic", "motivation-letter,cv")
    closed = cli(
        "close", "Nour El Amrani", "--outcome", "job", "--contract", "fixed-term",
        "--reason", "job-found",
    ).stderr  # fmt: skip
    assert "found a job" in closed and "job-found" not in closed
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-01-01")
    followed = cli("follow-up", "1", "--outcome", "none", "--situation", "inactive").stderr
    assert "no result yet" in followed
    assert "motivation letter" in cli("sessions", "1").stdout


def test_a_real_terminal_80_columns_wide(demo):
    import pexpect
    from test_terminal import spawn

    mentees = as_json(demo, "list", "mentees")
    for args in (["show", mentees[0]["id"]], ["stats"], ["remind"], ["list", "mentees"]):
        child = spawn([*map(str, args)], demo, columns=80)
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0, child.before
        text = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", child.before).replace("\r\n", "\n")
        assert wide_lines(text) == [], (args, text)
    assert not missing([x for p in mentees for x in (p["id"], p["enrolled_on"])], text), text
