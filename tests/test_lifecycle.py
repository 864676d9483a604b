"""log-session, sessions, close, follow-up: the life of a duo after match."""

from __future__ import annotations

import pytest
from conftest import count


def make_duo(cli, monkeypatch, start="2025-01-13"):
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-01-06")
    mentee = cli.json(
        "enrol",
        "mentee",
        "--name",
        "Amina Benali",
        "--city",
        "Gent",
        "--languages",
        "nl",
        "--sector",
        "zorg",
    )["id"]
    mentor = cli.json(
        "enrol",
        "mentor",
        "--name",
        "Sofie Maes",
        "--city",
        "Gent",
        "--languages",
        "nl",
        "--sector",
        "zorg",
    )["id"]
    monkeypatch.setenv("MENTORCLI_TODAY", start)
    [pair] = cli.json("match", "--apply")["pairs"]
    return pair["trajectory_id"], mentee, mentor


def test_log_session_by_name_and_json_shape(cli, monkeypatch):
    trajectory, *_ = make_duo(cli, monkeypatch)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-02-01")
    session = cli.json(
        "log-session",
        "amina",
        "--hours",
        "1.5",
        "--topic",
        "cv",
        "--topic",
        "interview-practice,cv",
        "--note",
        "good start",
    )
    assert session == {
        "id": 1,
        "trajectory_id": trajectory,
        "date": "2025-02-01",
        "minutes": 90,
        "topics": ["cv", "interview-practice"],
        "note": "good start",
    }
    cli("log-session", "Sofie Maes", "--minutes", "120", "--date", "2025-01-20")
    summary = cli.json("sessions", str(trajectory))
    assert summary["sessions"] == 2 and summary["hours"] == 3.5
    assert [s["date"] for s in summary["session_log"]] == ["2025-01-20", "2025-02-01"]
    assert "2 sessions" in cli("sessions", "amina").stdout


@pytest.mark.parametrize(
    ("args", "words", "code"),
    [
        (["--minutes", "0"], "more than 0 minutes", 2),
        (["--hours", "0"], "more than 0 minutes", 2),
        (["--hours", "-1"], "-1 hours is not between 0 and 12", 2),
        (["--hours", "13"], "13 hours is not between 0 and 12", 2),
        (["--minutes", "721"], "more than 12 hours", 2),
        ([], "--minutes N or --hours H", 2),
        (["--minutes", "60", "--hours", "1"], "one of them", 2),
        (["--minutes", "60", "--topic", "cooking"], "unknown topic 'cooking'", 2),
        (["--minutes", "60", "--date", "2025-01-01"], "before the trajectory started", 1),
        (["--minutes", "60", "--date", "2025-03-01"], "in the future", 2),
        (["--minutes", "60", "--date", "yesterday"], "YYYY-MM-DD", 2),
    ],
)
def test_log_session_refusals(cli, monkeypatch, db_path, args, words, code):
    make_duo(cli, monkeypatch)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-02-01")
    result = cli("log-session", "amina", *args, code=code)
    assert words in result.stderr and result.stderr.count("\n") == 1
    assert count(db_path, "sessions") == 0


def test_unknown_reference(cli, monkeypatch):
    make_duo(cli, monkeypatch)
    assert "no trajectory 42" in cli("log-session", "42", "--minutes", "60", code=1).stderr
    assert "no person named" in cli("log-session", "Zorro", "--minutes", "60", code=1).stderr


def test_close_early_needs_a_reason_and_json_shape(cli, monkeypatch):
    trajectory, mentee, mentor = make_duo(cli, monkeypatch)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-03-03")
    cli("log-session", str(trajectory), "--hours", "2", "--date", "2025-02-03")
    result = cli("close", "amina benali", "--outcome", "job", "--contract", "permanent", code=2)
    assert "--reason" in result.stderr and "2025-07-13" in result.stderr
    closed = cli.json(
        "close",
        "Amina Benali",
        "--outcome",
        "job",
        "--contract",
        "permanent",
        "--reason",
        "job-found",
    )
    assert closed == {
        "trajectory_id": trajectory,
        "closed_on": "2025-03-03",
        "outcome": "job",
        "contract": "permanent",
        "contract_months": None,
        "job_searching": False,
        "qualification": False,
        "reason": "job-found",
        "early": True,
        "weeks": 7.0,
        "sessions": 1,
        "hours": 2.0,
    }
    assert cli.json("show", str(mentee))["status"] == "done"
    assert cli.json("show", str(mentor))["status"] == "available"
    refused = cli("close", str(trajectory), "--outcome", "none", "--reason", "other", code=1)
    assert "already closed" in refused.stderr
    assert "was closed" in cli("log-session", str(trajectory), "--hours", "1", code=1).stderr


def test_close_on_the_planned_end_is_completed_by_default(cli, monkeypatch):
    trajectory, *_ = make_duo(cli, monkeypatch)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-08-01")
    closed = cli.json("close", str(trajectory), "--outcome", "training", "--date", "2025-07-13")
    assert closed["reason"] == "completed" and closed["early"] is False


@pytest.mark.parametrize(
    ("args", "words", "code"),
    [
        (["--outcome", "job"], "needs --contract", 2),
        (["--outcome", "none", "--contract", "interim", "--reason", "moved"], "goes with", 2),
        (["--outcome", "sailing"], "sailing", 2),
        (["--outcome", "none", "--reason", "completed"], "on or after the planned end", 2),
        (["--outcome", "none", "--reason", "moved", "--date", "2025-01-01"], "before", 1),
        (["--outcome", "none", "--reason", "moved", "--date", "2025-04-01"], "future", 2),
        (["--outcome", "none", "--reason", "moved", "--date", "2025-01-20"], "last session", 1),
    ],
)
def test_close_refusals_leave_the_trajectory_open(cli, monkeypatch, args, words, code):
    trajectory, *_ = make_duo(cli, monkeypatch)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-03-03")
    cli("log-session", str(trajectory), "--hours", "2", "--date", "2025-02-03")
    result = cli("close", str(trajectory), *args, code=code)
    assert words in result.stderr
    assert cli.json("sessions", str(trajectory))["sessions"] == 1
    assert cli.json("show", "amina")["status"] == "matched"


@pytest.mark.parametrize(
    "reason",
    [
        "job-found",
        "mentee-withdrew",
        "mentor-withdrew",
        "lost-contact",
        "moved",
        "mismatch",
        "health",
        "other",
    ],
)
def test_every_early_reason_is_recorded(cli, monkeypatch, reason):
    trajectory, *_ = make_duo(cli, monkeypatch)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-03-03")
    outcome = (
        ["--outcome", "job", "--contract", "interim"]
        if reason == "job-found"
        else ["--outcome", "none"]
    )
    assert cli.json("close", str(trajectory), *outcome, "--reason", reason)["reason"] == reason
    [t] = cli.json("show", "amina")["trajectories"]
    assert t["close_reason"] == reason and t["status"] == "closed"


def test_mentor_leaves_with_the_close(cli, monkeypatch):
    trajectory, _, mentor = make_duo(cli, monkeypatch)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-08-01")
    cli("close", str(trajectory), "--outcome", "none", "--mentor-leaves")
    person = cli.json("show", str(mentor))
    assert person["status"] == "inactive" and person["withdrawn_on"] == "2025-08-01"


def test_follow_up_is_recorded_once(cli, monkeypatch):
    trajectory, *_ = make_duo(cli, monkeypatch)
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-01-20")
    cli("close", str(trajectory), "--outcome", "none", "--date", "2025-07-20")
    result = cli.json("follow-up", "amina", "--outcome", "job", "--contract", "fixed-term")
    assert result == {
        "trajectory_id": trajectory,
        "recorded_on": "2026-01-20",
        "outcome": "job",
        "contract": "fixed-term",
        "situation": "employed",
        "contract_months": None,
        "due": "2026-01-13",
    }
    again = cli("follow-up", str(trajectory), "--outcome", "none", code=1)
    assert "already has a follow-up" in again.stderr
    assert cli.json("show", "amina")["trajectories"][0]["followup"]["outcome"] == "job"
