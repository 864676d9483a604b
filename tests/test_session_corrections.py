"""edit-session and delete-session: a session logged wrong is corrected in place, under
log-session's rules, and the figures end up as if the right thing had been typed first."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from test_all_or_nothing import dump_file

from mentorcli.ui import prompts

TODAY = "2025-06-01"  # conftest pins it


def enrol(cli: Any, role: str, name: str, on: str = "2025-01-01") -> int:
    return cli.json(
        "enrol",
        role,
        "--name",
        name,
        "--city",
        "Gent",
        "--languages",
        "nl",
        "--sector",
        "zorg",
        "--enrolled-on",
        on,
    )["id"]


def duo(cli: Any, start: str = "2025-02-01") -> int:
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentor", "Sofie Maes")
    return cli.json("match", "--apply", "--start-date", start)["pairs"][0]["trajectory_id"]


def log(cli: Any, trajectory: int, day: str, minutes: int, *extra: str) -> int:
    return cli.json("log-session", trajectory, "--date", day, "--minutes", minutes, *extra)["id"]


def events(db_path: Path, action: str) -> list[dict[str, Any]]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        rows = conn.execute(
            "SELECT person_id, trajectory_id, details FROM events WHERE action = ? ORDER BY id",
            [action],
        ).fetchall()
    finally:
        conn.close()
    return [{"person": p, "trajectory": t, "details": json.loads(d)} for p, t, d in rows]


def session_log(cli: Any, trajectory: int) -> list[dict[str, Any]]:
    return cli.json("sessions", trajectory)["session_log"]


# --- sessions shows the id to correct ------------------------------------------------------


def test_sessions_shows_each_session_id_in_table_json_and_csv(cli):
    trajectory = duo(cli)
    first = log(cli, trajectory, "2025-02-10", 60)
    second = log(cli, trajectory, "2025-02-17", 90)
    assert [s["id"] for s in session_log(cli, trajectory)] == [first, second]
    table = cli("sessions", trajectory).stdout.splitlines()
    assert table[1].split()[:2] == ["id", "date"]
    assert [line.split()[0] for line in table[3:5]] == [str(first), str(second)]
    csv_lines = cli("sessions", trajectory, "--format", "csv").stdout.splitlines()
    assert csv_lines[0].startswith("id,date,minutes")
    assert csv_lines[1].startswith(f"{first},2025-02-10,60")


# --- edit-session ------------------------------------------------------------------------------


def test_edit_session_changes_only_the_options_given_and_logs_from_and_to(cli, db_path):
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 120, "--topic", "cv", "--note", "Secret plan")
    edited = cli.json("edit-session", session, "--date", "2025-02-11", "--hours", "1.5")
    assert edited == {
        "session": {
            "id": session,
            "trajectory_id": trajectory,
            "date": "2025-02-11",
            "minutes": 90,
            "topics": ["cv"],
            "note": "Secret plan",
        },
        "changed": ["date", "minutes"],
    }
    assert session_log(cli, trajectory) == [
        {
            "id": session,
            "date": "2025-02-11",
            "minutes": 90,
            "topics": ["cv"],
            "note": "Secret plan",
        }
    ]
    [event] = events(db_path, "edit-session")
    assert event == {
        "person": 1,
        "trajectory": trajectory,
        "details": {
            "session_id": session,
            "date": {"from": "2025-02-10", "to": "2025-02-11"},
            "minutes": {"from": 120, "to": 90},
        },
    }


def test_topic_replaces_the_topics_and_the_note_says_only_that_it_changed(cli, db_path):
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 60, "--topic", "cv,network", "--note", "old")
    result = cli("edit-session", session, "--topic", "interview-practice", "--note", "Visa talk")
    assert result.stderr == (
        f"Corrected session {session} of trajectory {trajectory} (topics, note): "
        "60 minutes on interview practice on 2025-02-10.\n"
    )
    [row] = session_log(cli, trajectory)
    assert row["topics"] == ["interview-practice"] and row["note"] == "Visa talk"
    [event] = events(db_path, "edit-session")
    assert event["details"] == {
        "session_id": session,
        "topics": {"from": ["cv", "network"], "to": ["interview-practice"]},
        "note": "changed",
    }
    log_text = cli("log", "--action", "edit-session").stdout
    assert "Visa" not in log_text and "old" not in log_text
    assert "CV, network → interview practice" in " ".join(log_text.split())
    # An empty --topic and an empty --note clear them
    cli("edit-session", session, "--topic", "", "--note", "")
    [row] = session_log(cli, trajectory)
    assert row["topics"] == [] and row["note"] is None


def test_an_edit_that_changes_nothing_writes_nothing(cli, db_path):
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 60, "--topic", "cv")
    before = dump_file(db_path)
    result = cli("edit-session", session, "--date", "2025-02-10", "--minutes", "60")
    assert result.stderr == f"Session {session} already says so: nothing was changed.\n"
    assert dump_file(db_path) == before


def test_a_session_of_a_closed_trajectory_can_be_corrected_within_its_dates(cli):
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 60)
    cli("close", trajectory, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    cli("edit-session", session, "--date", "2025-03-01")
    assert session_log(cli, trajectory)[0]["date"] == "2025-03-01"


def closed_with_session(cli: Any) -> tuple[int, int]:
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 60, "--topic", "cv", "--note", "n")
    cli("close", trajectory, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    return trajectory, session


REFUSED_EDITS = {
    "nothing to change": ([], 2, "nothing to change: give --date"),
    "before the start": (
        ["--date", "2025-01-31"],
        1,
        "session date 2025-01-31 is before the trajectory started (2025-02-01)",
    ),
    "after the close": (
        ["--date", "2025-03-02"],
        1,
        "session date 2025-03-02 is after the trajectory closed (2025-03-01)",
    ),
    "in the future": (["--date", "2025-06-02"], 2, "2025-06-02"),
    "not a date": (["--date", "2025-02-30"], 2, "--date"),
    "an empty date": (["--date", ""], 2, "--date is empty"),
    "zero minutes": (["--minutes", "0"], 2, "a session lasts more than 0 minutes"),
    "over 12 hours": (["--minutes", "721"], 2, "more than 12 hours"),
    "hours over 12": (["--hours", "12.5"], 2, "--hours"),
    "both durations": (["--minutes", "60", "--hours", "1"], 2, "one of them"),
    "unknown topic": (["--topic", "cooking"], 2, "unknown topic 'cooking'"),
}


@pytest.mark.parametrize("case", list(REFUSED_EDITS))
def test_a_refused_edit_changes_nothing(case, cli, db_path):
    _, session = closed_with_session(cli)
    options, code, words = REFUSED_EDITS[case]
    before = dump_file(db_path)
    result = cli("edit-session", session, *options, code=code)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert words in result.stderr
    assert dump_file(db_path) == before


@pytest.mark.parametrize(
    ("ref", "code", "words"),
    [("99", 1, "no session 99"), ("Amina", 2, "'Amina' is not a session id"), ("#99", 1, "99")],
)
def test_a_session_is_named_by_its_exact_id(ref, code, words, cli, db_path):
    trajectory = duo(cli)
    log(cli, trajectory, "2025-02-10", 60)
    before = dump_file(db_path)
    for command in (["edit-session", ref, "--minutes", "30"], ["delete-session", ref, "--yes"]):
        result = cli(*command, code=code)
        assert words in result.stderr and result.stderr.count("\n") == 1
    assert dump_file(db_path) == before


def test_sessions_of_an_erased_person_are_not_corrected(cli, db_path):
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 60)
    cli("forget", "Amina Benali", "--yes")
    before = dump_file(db_path)
    for command in (["edit-session", session, "--minutes", "30"], ["delete-session", session]):
        result = cli(*command, "--yes" if command[0] == "delete-session" else "--note=x", code=1)
        assert "was erased on" in result.stderr
    assert dump_file(db_path) == before


# --- delete-session ------------------------------------------------------------------------------


def test_delete_session_in_a_script_needs_yes(cli, db_path):
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 60, "--note", "Private words")
    before = dump_file(db_path)
    result = cli("delete-session", session, code=2)
    assert result.stderr == "Error: delete-session cannot be undone: confirm with --yes\n"
    assert dump_file(db_path) == before
    deleted = cli.json("delete-session", session, "--yes")
    assert deleted == {
        "id": session,
        "trajectory_id": trajectory,
        "date": "2025-02-10",
        "minutes": 60,
        "topics": [],
    }
    assert session_log(cli, trajectory) == []
    [event] = events(db_path, "delete-session")
    assert event["details"] == {"session_id": session, "date": "2025-02-10", "minutes": 60}
    assert "Private" not in json.dumps(events(db_path, "delete-session"))


def test_delete_session_at_a_terminal_shows_the_session_and_asks(cli, db_path, monkeypatch):
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 90)
    asked: list[str] = []
    answer = [False]

    def confirm(question: str, default: bool = False) -> bool:
        asked.append(question)
        return answer[0]

    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "confirm", confirm)
    before = dump_file(db_path)
    result = cli("delete-session", session, code=1)
    assert result.stderr == "Error: cancelled: nothing was changed\n"
    assert dump_file(db_path) == before
    assert asked == [
        f"Delete session {session} of 2025-02-10 (1.5 h), trajectory {trajectory}: "
        "Amina Benali (1) + Sofie Maes (2)?"
    ]
    answer[0] = True
    result = cli("delete-session", session)
    assert result.stderr == (
        f"Deleted session {session} of trajectory {trajectory} (90 minutes on 2025-02-10).\n"
    )
    assert session_log(cli, trajectory) == []


# --- the figures: as if the right thing had been typed first ----------------------------------


def figures(cli: Any, db: Path) -> dict[str, Any]:
    return {
        "stats": cli.json("--db", db, "stats", "--year", "2025"),
        "stats by city": cli.json("--db", db, "stats", "--year", "2025", "--by", "city"),
        "remind": cli.json("--db", db, "remind"),
        "sessions": cli.json("--db", db, "sessions", "1"),
        "list": cli.json("--db", db, "list", "trajectories", "--status", "all"),
    }


def programme(cli: Any, db: Path) -> None:
    for role, name in (("mentee", "Amina Benali"), ("mentor", "Sofie Maes")):
        cli(
            "--db",
            db,
            "enrol",
            role,
            "--name",
            name,
            "--city",
            "Gent",
            "--languages",
            "nl",
            "--sector",
            "zorg",
            "--enrolled-on",
            "2025-01-01",
        )
    cli("--db", db, "match", "--apply", "--start-date", "2025-02-01")


def test_corrected_sessions_give_the_figures_of_sessions_typed_right_first(cli, tmp_path):
    right, corrected = tmp_path / "right.db", tmp_path / "corrected.db"
    for db in (right, corrected):
        programme(cli, db)
    # Typed right the first time
    cli("--db", right, "log-session", "1", "--date", "2025-02-10", "--hours", "2", "--topic", "cv")
    cli(
        "--db",
        right,
        "log-session",
        "1",
        "--date",
        "2025-03-03",
        "--minutes",
        "150",
        "--topic",
        "network",
        "--note",
        "met an employer",
    )
    # Typed wrong: the first on the wrong day with the wrong length and topic, the second
    # logged twice, one of them in the wrong month
    cli(
        "--db",
        corrected,
        "log-session",
        "1",
        "--date",
        "2025-05-25",
        "--hours",
        "3",
        "--topic",
        "interview-practice",
    )
    cli(
        "--db",
        corrected,
        "log-session",
        "1",
        "--date",
        "2025-03-03",
        "--minutes",
        "150",
        "--topic",
        "network",
        "--note",
        "met an employer",
    )
    cli(
        "--db",
        corrected,
        "log-session",
        "1",
        "--date",
        "2025-04-03",
        "--minutes",
        "150",
        "--topic",
        "network",
    )
    wrong = figures(cli, corrected)
    assert wrong["stats"] != figures(cli, right)["stats"]  # so the comparison below can fail
    assert wrong["remind"] != figures(cli, right)["remind"]  # the wrong day hid a quiet duo
    cli(
        "--db",
        corrected,
        "edit-session",
        "1",
        "--date",
        "2025-02-10",
        "--hours",
        "2",
        "--topic",
        "cv",
    )
    cli("--db", corrected, "delete-session", "3", "--yes")
    assert figures(cli, corrected) == figures(cli, right)
    assert figures(cli, right)["remind"][0]["kind"] == "no-session"


def test_a_deleted_session_leaves_the_year_it_was_in(cli):
    trajectory = duo(cli)
    session = log(cli, trajectory, "2025-02-10", 60)
    assert cli.json("stats", "--year", "2025")[0]["sessions"] == 1
    cli("delete-session", session, "--yes")
    assert cli.json("stats", "--year", "2025")[0]["sessions"] == 0
