"""A refused or failing command leaves nothing behind, and never asks while holding the lock.

Each write command is run with a function it calls after its first write replaced by
one that raises; the database must then hold exactly what it held before, row for row
and event log included. The replacement first checks that the command's transaction
really had written something by then, so no case can pass by failing too early.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import MENTEE, MENTOR

from mentorcli.ui import prompts


def dump(conn: sqlite3.Connection) -> list[Any]:
    """The schema and every row of every table (events and sqlite_sequence too)."""
    tables = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    ]
    out: list[Any] = list(conn.execute("SELECT type, name, sql FROM sqlite_master ORDER BY name"))
    for table in tables:
        out.append((table, list(conn.execute(f'SELECT * FROM "{table}" ORDER BY rowid'))))
    return out


def dump_file(path: Path) -> list[Any]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return dump(conn)
    finally:
        conn.close()


def enrol(cli: Any, role: str, name: str, *extra: str, on: str = "2025-01-01") -> int:
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
        *extra,
    )["id"]


def one_duo(cli: Any) -> int:
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentor", "Sofie Maes")
    return cli.json("match", "--apply", "--start-date", "2025-02-01")["pairs"][0]["trajectory_id"]


def closed_duo(cli: Any) -> int:
    trajectory = one_duo(cli)
    cli("close", trajectory, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")
    return trajectory


def one_session(cli: Any) -> int:
    trajectory = one_duo(cli)
    return cli.json("log-session", trajectory, "--minutes", "90", "--date", "2025-02-10")["id"]


def a_forbidden_pair(cli: Any) -> None:
    two_waiting_and_two_mentors(cli)
    cli("match", "--forbid", "1:3")


def requeued_duo(cli: Any) -> int:
    """A duo closed early, its mentee back on the waiting list, and a second mentor."""
    trajectory = one_duo(cli)
    cli("close", trajectory, "--outcome", "none", "--reason", "mismatch", "--date", "2025-03-01",
        "--requeue")  # fmt: skip
    enrol(cli, "mentor", "Jan Peeters")
    return trajectory


def busy_mentor(cli: Any) -> int:
    """Sofie Maes (2) mentors two mentees."""
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentee", "Omar Haddad")
    enrol(cli, "mentor", "Sofie Maes", "--capacity", "2")
    cli("match", "--apply", "--start-date", "2025-02-01", "--min-score", "0")
    return 3


def two_waiting_and_two_mentors(cli: Any) -> None:
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentee", "Omar Haddad")
    enrol(cli, "mentor", "Sofie Maes")
    enrol(cli, "mentor", "Jan Peeters")


def long_gone(cli: Any) -> None:
    """Two people who left in 2010: past any retention period."""
    for name in ("Amina Benali", "Omar Haddad"):
        person = enrol(cli, "mentee", name, on="2010-01-01")
        cli("withdraw", person, "--date", "2010-02-01")


def a_csv(tmp_path: Path) -> Path:
    """Two mentees to import."""
    path = tmp_path / "people.csv"
    path.write_text(
        "name,city,languages,sector\nAmina Benali,Gent,nl,zorg\nOmar Haddad,Gent,nl,zorg\n"
    )
    return path


# (setup, command, function to break: module.attribute, which call of it raises)
CASES: dict[str, tuple[Any, Any, str, int]] = {
    "enrol": (
        lambda cli, tmp: cli(*MENTOR),
        lambda s: MENTEE,
        "mentorcli.people.enrolment.log_event",
        1,
    ),
    "import": (
        lambda cli, tmp: cli(*MENTOR) and a_csv(tmp),
        lambda s: ["import", s, "--role", "mentee"],
        "mentorcli.people.importer.log_event",
        1,
    ),
    "edit": (
        lambda cli, tmp: enrol(cli, "mentee", "Amina Benali"),
        lambda s: ["edit", s, "--phone", "0475 12 34 56"],
        "mentorcli.people.enrolment.log_event",
        1,
    ),
    "withdraw": (
        lambda cli, tmp: enrol(cli, "mentee", "Amina Benali"),
        lambda s: ["withdraw", s],
        "mentorcli.people.enrolment.log_event",
        1,
    ),
    "match --apply --forbid": (
        lambda cli, tmp: two_waiting_and_two_mentors(cli),
        lambda s: ["match", "--apply", "--forbid", "1:3", "--min-score", "0"],
        "mentorcli.lifecycle.pairing.log_events",
        1,  # the forbidden pair and the trajectories are written; their events fail
    ),
    "unmatch": (
        lambda cli, tmp: one_duo(cli),
        lambda s: ["unmatch", s],
        "mentorcli.lifecycle.pairing.log_event",
        1,
    ),
    "log-session": (
        lambda cli, tmp: one_duo(cli),
        lambda s: ["log-session", s, "--minutes", "90", "--date", "2025-02-10"],
        "mentorcli.lifecycle.trajectories.log_event",
        1,
    ),
    "edit-session": (
        lambda cli, tmp: one_session(cli),
        lambda s: ["edit-session", s, "--date", "2025-02-11", "--minutes", "60", "--note", "x"],
        "mentorcli.lifecycle.session_corrections.log_event",
        1,
    ),
    "delete-session": (
        lambda cli, tmp: one_session(cli),
        lambda s: ["delete-session", s, "--yes"],
        "mentorcli.lifecycle.session_corrections.log_event",
        1,
    ),
    "match --allow --apply": (
        lambda cli, tmp: a_forbidden_pair(cli),
        lambda s: ["match", "--allow", "1:3", "--apply", "--min-score", "0"],
        "mentorcli.lifecycle.pairing.log_events",
        1,  # the forbid is lifted and the trajectories written; their events fail
    ),
    "match --allow": (
        lambda cli, tmp: a_forbidden_pair(cli),
        lambda s: ["match", "--allow", "1:3"],
        "mentorcli.lifecycle.pairing.log_event",
        1,
    ),
    "check-in": (
        lambda cli, tmp: one_duo(cli),
        lambda s: ["check-in", s, "--status", "concern", "--note", "x", "--date", "2025-02-10"],
        "mentorcli.lifecycle.check_ins.log_event",
        1,
    ),
    "close --mentor-leaves": (
        lambda cli, tmp: one_duo(cli),
        lambda s: ["close", s, "--outcome", "none", "--reason", "moved", "--mentor-leaves"],
        "mentorcli.lifecycle.trajectories.log_event",
        1,
    ),
    "follow-up": (
        lambda cli, tmp: closed_duo(cli),
        lambda s: ["follow-up", s, "--outcome", "job", "--contract", "permanent"],
        "mentorcli.lifecycle.trajectories.log_event",
        1,
    ),
    "close --amend": (
        lambda cli, tmp: closed_duo(cli),
        lambda s: ["close", s, "--amend", "--outcome", "training", "--date", "2025-03-02"],
        "mentorcli.lifecycle.changes.log_event",
        1,
    ),
    "close --requeue": (
        lambda cli, tmp: one_duo(cli),
        lambda s: ["close", s, "--outcome", "none", "--reason", "moved", "--requeue"],
        "mentorcli.lifecycle.trajectories.log_event",
        2,  # the close is written and logged, the requeue written; its event fails
    ),
    "reopen": (
        lambda cli, tmp: requeued_duo(cli),
        lambda s: ["reopen", s],
        "mentorcli.lifecycle.changes.log_event",
        1,
    ),
    "follow-up --amend": (
        lambda cli, tmp: closed_duo(cli) and cli("follow-up", 1, "--outcome", "unreachable"),
        lambda s: ["follow-up", "1", "--amend", "--outcome", "job", "--contract", "interim"],
        "mentorcli.lifecycle.changes.log_event",
        1,
    ),
    "extend": (
        lambda cli, tmp: one_duo(cli),
        lambda s: ["extend", s, "--months", "2"],
        "mentorcli.lifecycle.changes.log_event",
        1,
    ),
    "requeue": (
        lambda cli, tmp: (
            enrol(cli, "mentee", "Amina Benali"),
            cli("withdraw", "1", "--date", "2025-02-01"),
        ),
        lambda s: ["requeue", "1"],
        "mentorcli.lifecycle.trajectories.log_event",
        1,  # the withdrawal is cleared and the requeue written; its event fails
    ),
    "withdraw --requeue": (
        lambda cli, tmp: busy_mentor(cli),
        lambda s: ["withdraw", s, "--requeue"],
        "mentorcli.people.enrolment.log_event",
        1,  # both duos closed and requeued; the withdrawal's event fails
    ),
    "withdraw --close-duos": (
        lambda cli, tmp: busy_mentor(cli),
        lambda s: ["withdraw", s, "--close-duos"],
        "mentorcli.people.enrolment.log_event",
        1,
    ),
    "config set": (
        lambda cli, tmp: enrol(cli, "mentee", "Amina Benali"),
        lambda s: ["config", "set", "weight.sector", "55"],
        "mentorcli.store.db.log_event",
        1,
    ),
    "config reset": (
        lambda cli, tmp: cli("config", "set", "weight.sector", "55"),
        lambda s: ["config", "reset", "weight.sector"],
        "mentorcli.store.db.log_event",
        1,
    ),
    "forget": (
        lambda cli, tmp: enrol(cli, "mentee", "Amina Benali", "--email", "amina@example.org"),
        lambda s: ["forget", s, "--yes"],
        "mentorcli.privacy.gdpr.log_event",
        1,
    ),
    "purge": (
        lambda cli, tmp: long_gone(cli),
        lambda s: ["purge", "--yes"],
        "mentorcli.privacy.gdpr.log_event",
        2,  # the first person was erased; the second fails
    ),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_command_failing_after_its_first_write_leaves_every_row_as_it_was(
    case, cli, db_path, tmp_path, monkeypatch
):
    setup, command, target, failing_call = CASES[case]
    made = setup(cli, tmp_path)
    before = dump_file(db_path)
    wrote = break_after_write(monkeypatch, target, failing_call)
    result = cli(*command(made), code=None)
    assert result.exit_code == 1 and "internal error" in result.stderr, result.stderr
    assert wrote == [True], "the failure came before the command had written anything"
    assert dump_file(db_path) == before


def test_a_demo_failing_half_way_leaves_the_earlier_demo_as_it_was(cli, tmp_path, monkeypatch):
    target = tmp_path / "demo.db"
    cli("demo", "--db", target, "--people", "12")
    before = dump_file(target)
    wrote = break_after_write(monkeypatch, "mentorcli.lifecycle.demo.log_event", 1)
    result = cli("demo", "--db", target, "--people", "20", "--seed", "2", code=1)
    assert "internal error" in result.stderr
    assert wrote == [True]
    assert dump_file(target) == before
    assert not [p for p in tmp_path.iterdir() if "draft" in p.name]


def test_a_demo_failing_on_a_new_file_leaves_no_file(cli, tmp_path, monkeypatch):
    target = tmp_path / "new-demo.db"
    break_after_write(monkeypatch, "mentorcli.lifecycle.demo.log_event", 1)
    cli("demo", "--db", target, "--people", "12", code=1)
    assert not [p for p in tmp_path.iterdir() if "demo" in p.name]


def break_after_write(monkeypatch: pytest.MonkeyPatch, target: str, failing_call: int) -> list:
    """Make call number ``failing_call`` of ``target`` raise; record whether, at that
    moment, the command's open transaction had changed anything (compared with what a
    separate connection sees: the last committed state)."""
    module_name, _, attribute = target.rpartition(".")
    module = __import__(module_name, fromlist=[attribute])
    original = getattr(module, attribute)
    calls: list[int] = []
    wrote: list[bool] = []

    def fail_on_call(db: Any, *args: Any, **kwargs: Any) -> Any:
        calls.append(1)
        if len(calls) < failing_call:
            return original(db, *args, **kwargs)
        wrote.append(db.conn.in_transaction and dump(db.conn) != dump_file(Path(db.path)))
        raise RuntimeError("simulated failure after a write")

    monkeypatch.setattr(module, attribute, fail_on_call)
    return wrote


# --- no question while the write lock is held ---------------------------------------------


def lock_is_free(db_path: Path) -> bool:
    """Could another process write right now?"""
    conn = sqlite3.connect(db_path, timeout=0)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        assert "locked" in str(e)
        return False
    finally:
        conn.close()
    return True


@pytest.fixture
def answering(db_path, monkeypatch):
    """A coordinator at the terminal who answers every question; each question notes
    whether the database was free for other writers while it was asked."""
    asked: list[bool] = []

    def note() -> None:
        asked.append(lock_is_free(db_path) if db_path.exists() else True)

    def choose(label: str, options: Any) -> Any:
        note()
        return options[0][1]

    def checkbox(label: str, options: Any, checked: bool = True) -> list[Any]:
        note()
        return [value for _, value in options]

    def confirm(label: str, default: bool = False) -> bool:
        note()
        return True

    def ask_text(label: str, validate: Any = None) -> str:
        note()
        return "2025-01-01" if "YYYY-MM-DD" in label else "MA" if "Nationality" in label else "zorg"

    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "choose", choose)
    monkeypatch.setattr(prompts, "checkbox", checkbox)
    monkeypatch.setattr(prompts, "confirm", confirm)
    monkeypatch.setattr(prompts, "ask_text", ask_text)
    return asked


def two_nour_duos(cli: Any) -> None:
    enrol(cli, "mentee", "Nour Amrani")
    enrol(cli, "mentee", "Nour Benali")
    enrol(cli, "mentor", "Sofie Maes")
    enrol(cli, "mentor", "Griet Peeters")
    cli("match", "--apply", "--start-date", "2025-02-01", "--min-score", "0")


def two_nour_closed(cli: Any) -> None:
    two_nour_duos(cli)
    for trajectory in (1, 2):
        cli("close", trajectory, "--outcome", "none", "--reason", "moved", "--date", "2025-03-01")


def two_jans_waiting(cli: Any) -> None:
    enrol(cli, "mentee", "Jan Wachter")
    enrol(cli, "mentor", "Jan Vrij")


# (setup, command, how many questions it asks)
PROMPTED: dict[str, tuple[Any, list[str], int]] = {
    "enrol asks a missing field": (
        lambda cli: None,
        ["enrol", "mentor", "--name", "Lina Test", "--city", "Gent", "--languages", "nl"],
        1,
    ),
    # the sector, then labour status, education, nationality, the special consent, its
    # date, disability and homelessness
    "enrol asks a mentee the ESF+ questions": (
        lambda cli: None,
        ["enrol", "mentee", "--name", "Lina Test", "--city", "Gent", "--languages", "nl"],
        8,
    ),
    "edit picks a person": (two_jans_waiting, ["edit", "jan", "--phone", "0475 12 34 56"], 1),
    "withdraw confirms": (two_jans_waiting, ["withdraw", "Jan Wachter"], 1),
    "forget confirms": (two_jans_waiting, ["forget", "Jan Wachter"], 1),
    "purge confirms": (long_gone, ["purge"], 1),
    "log-session picks a trajectory": (
        two_nour_duos,
        ["log-session", "nour", "--minutes", "60"],
        1,
    ),
    "close confirms": (
        two_nour_duos,
        ["close", "Nour Amrani", "--outcome", "training", "--reason", "moved"],
        1,
    ),
    "unmatch confirms": (two_nour_duos, ["unmatch", "Nour Amrani"], 1),
    "delete-session confirms": (
        lambda cli: (two_nour_duos(cli), cli("log-session", "1", "--minutes", "60")),
        ["delete-session", "1"],
        1,
    ),
    "match --allow picks a person": (
        lambda cli: (two_nour_duos(cli), cli("match", "--forbid", "Nour Amrani:Griet Peeters")),
        ["match", "--allow", "nour:Griet Peeters", "--apply"],
        1,
    ),
    "close --amend confirms": (
        two_nour_closed,
        ["close", "Nour Amrani", "--amend", "--outcome", "training"],
        1,
    ),
    "reopen confirms": (two_nour_closed, ["reopen", "Nour Amrani"], 1),
    "requeue confirms": (two_nour_closed, ["requeue", "Nour Amrani"], 1),
    "withdraw asks about the duos, then confirms": (
        two_nour_duos,
        ["withdraw", "Sofie Maes"],
        2,
    ),
    "follow-up picks a trajectory": (
        two_nour_closed,
        ["follow-up", "nour", "--outcome", "training"],
        1,
    ),
    "match picks a person and ticks pairs": (
        lambda cli: (two_nour_closed(cli), enrol(cli, "mentee", "Nour Chaoui")),
        ["match", "--forbid", "nour:sofie", "--min-score", "0"],
        2,
    ),
}


@pytest.mark.parametrize("case", list(PROMPTED))
def test_no_question_is_asked_while_the_database_is_locked(case, cli, answering):
    setup, command, questions = PROMPTED[case]
    setup(cli)
    answering.clear()  # only the command's own questions count
    cli(*command)
    assert len(answering) == questions, "not every question of the case was asked"
    assert all(answering), f"asked {answering.count(False)} question(s) holding the write lock"


# --- import --dry-run only reads -----------------------------------------------------------


def test_import_dry_run_works_while_another_process_holds_the_write_lock(cli, db_path, tmp_path):
    enrol(cli, "mentor", "Sofie Maes")
    other = sqlite3.connect(db_path)
    other.execute("BEGIN IMMEDIATE")
    try:
        result = cli("import", a_csv(tmp_path), "--role", "mentee", "--dry-run")
    finally:
        other.rollback()
        other.close()
    assert "2 mentee(s) would be imported" in result.stderr
