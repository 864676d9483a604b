"""Irreversible commands take an exact reference; reading commands keep the friendly look-up."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import MENTEE, MENTOR, count


def enrol(cli, base: list[str], name: str, *extra: str) -> int:
    args = list(base)
    args[args.index(base[3])] = name
    return int(cli(*args, "--enrolled-on", "2025-01-01", *extra).stdout.strip())


def amira_and_griet(cli) -> None:
    enrol(cli, MENTEE, "Amira El Amrani", "--email", "amira@example.org")  # id 1
    enrol(cli, MENTOR, "Griet Peeters")  # id 2


def duo(cli) -> int:
    amira_and_griet(cli)
    return cli.json("match", "--apply", "--start-date", "2025-02-01")["pairs"][0]["trajectory_id"]


def file_state(db_path: Path) -> tuple:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return tuple(
            tuple(conn.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall())
            for table in ("people", "trajectories", "events")
        )
    finally:
        conn.close()


def test_forget_refuses_a_partial_name_even_with_yes(cli, db_path):
    amira_and_griet(cli)
    before = file_state(db_path)
    result = cli("forget", "Amira El Amran", "--yes", code=1)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "1 Amira El Amrani" in result.stderr and "exact" in result.stderr
    assert file_state(db_path) == before
    assert cli.json("show", "1")["name"] == "Amira El Amrani"


@pytest.mark.parametrize("ref", ["amira", "Amira Amrani", "Amira El Amranni", "Griet"])
def test_forget_refuses_part_of_a_name_and_near_spellings(cli, db_path, ref):
    amira_and_griet(cli)
    before = file_state(db_path)
    result = cli("forget", ref, "--yes", code=1)
    assert "Amira El Amrani" in result.stderr or "Griet Peeters" in result.stderr
    assert file_state(db_path) == before


@pytest.mark.parametrize("ref", ["Amira El Amrani", "amira el amrani", " AMIRA  El   Amraní ", "1"])
def test_forget_takes_the_exact_name_ignoring_case_accents_and_spaces(cli, ref):
    amira_and_griet(cli)
    cli("forget", ref, "--yes")
    assert cli.json("show", "1")["name"] == "erased person 1"
    assert cli.json("show", "2")["name"] == "Griet Peeters"


def test_two_people_with_the_same_name_need_the_id(cli, db_path):
    amira_and_griet(cli)
    enrol(cli, MENTEE, "Amira el Amrani", "--allow-duplicate")  # id 3, a namesake
    before = file_state(db_path)
    result = cli("forget", "Amira El Amrani", "--yes", code=1)
    assert "1 Amira El Amrani" in result.stderr and "3 Amira el Amrani" in result.stderr
    assert "id" in result.stderr
    assert file_state(db_path) == before
    cli("forget", "3", "--yes")
    assert cli.json("show", "1")["name"] == "Amira El Amrani"


def test_a_pick_list_is_never_offered_for_an_irreversible_command(cli, db_path, monkeypatch):
    from mentorcli.ui import prompts

    amira_and_griet(cli)
    enrol(cli, MENTEE, "Amira Benali")  # id 3
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "choose", lambda label, options: options[0][1])
    monkeypatch.setattr(prompts, "confirm", lambda label, default=False: True)
    before = file_state(db_path)
    result = cli("forget", "amira", code=1)
    assert "1 Amira El Amrani" in result.stderr and "3 Amira Benali" in result.stderr
    assert file_state(db_path) == before


def test_withdraw_takes_an_exact_reference(cli, db_path):
    amira_and_griet(cli)
    before = file_state(db_path)
    result = cli("withdraw", "griet", code=1)
    assert "2 Griet Peeters" in result.stderr
    assert file_state(db_path) == before
    cli("withdraw", "GRIET peeters")
    assert cli.json("show", "2")["status"] == "inactive"


def test_close_takes_an_exact_reference(cli, db_path):
    trajectory = duo(cli)
    before = file_state(db_path)
    args = ["--outcome", "none", "--reason", "moved", "--date", "2025-05-01"]
    result = cli("close", "amira", *args, code=1)
    assert "1 Amira El Amrani" in result.stderr
    assert file_state(db_path) == before
    assert "Griet Peeters" in cli("close", "Griet Peter", *args, code=1).stderr
    assert file_state(db_path) == before
    cli("close", "griet peeters", *args)
    [t] = cli.json("show", "1")["trajectories"]
    assert t["id"] == trajectory and t["status"] == "closed"


def test_close_by_name_needs_exactly_one_trajectory(cli, db_path):
    amira_and_griet(cli)
    cli("edit", "2", "--capacity", "2")
    enrol(cli, MENTEE, "Amina Benali")
    cli("match", "--apply", "--start-date", "2025-02-01")
    before = file_state(db_path)
    result = cli("close", "Griet Peeters", "--outcome", "none", "--reason", "moved", code=1)
    assert "Amira El Amrani + Griet Peeters" in result.stderr
    assert "Amina Benali + Griet Peeters" in result.stderr
    assert file_state(db_path) == before


def test_unmatch_takes_an_id_or_an_exact_name(cli, db_path):
    trajectory = duo(cli)
    before = file_state(db_path)
    result = cli("unmatch", "Amira El Amran", code=1)
    assert "Amira El Amrani" in result.stderr
    assert file_state(db_path) == before
    cli("unmatch", "amira el amrani")
    assert count(db_path, "trajectories") == 0
    assert f"no trajectory {trajectory}" in cli("unmatch", str(trajectory), code=1).stderr


def test_reading_commands_keep_the_friendly_look_up(cli):
    trajectory = duo(cli)
    assert cli.json("show", "amira")["id"] == 1
    assert cli.json("show", "Amira El Amran")["id"] == 1
    assert cli.json("sessions", "amira")["trajectory_id"] == trajectory
    cli("log-session", "amira", "--hours", "2", "--date", "2025-03-01")
    assert cli.json("list", "mentees")[0]["name"] == "Amira El Amrani"


def test_the_confirmation_names_the_person_with_the_id(cli, monkeypatch):
    from mentorcli.ui import prompts

    amira_and_griet(cli)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "confirm", lambda label, default=False: asked.append(label))
    assert "cancelled" in cli("forget", "amira el amrani", code=1).stderr
    assert "Amira El Amrani" in asked[-1] and "1" in asked[-1] and "mentee" in asked[-1]
    assert "cancelled" in cli("withdraw", "Griet Peeters", code=1).stderr
    assert "Griet Peeters" in asked[-1] and "2" in asked[-1]
    assert cli.json("show", "1")["name"] == "Amira El Amrani"
    assert cli.json("show", "2")["status"] == "available"


def test_the_confirmation_names_the_duo_with_the_id(cli, monkeypatch):
    from mentorcli.ui import prompts

    trajectory = duo(cli)
    asked: list[str] = []
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "confirm", lambda label, default=False: asked.append(label))
    close = ["--outcome", "none", "--reason", "moved", "--date", "2025-05-01"]
    assert "cancelled" in cli("close", str(trajectory), *close, code=1).stderr
    assert f"trajectory {trajectory}" in asked[-1]
    assert "Amira El Amrani (1) + Griet Peeters (2)" in asked[-1]
    assert "cancelled" in cli("unmatch", str(trajectory), code=1).stderr
    assert "Amira El Amrani (1) + Griet Peeters (2)" in asked[-1]
    assert cli.json("show", "1")["trajectories"][0]["status"] == "active"
    # --yes skips the question, for a script run from a terminal
    cli("unmatch", str(trajectory), "--yes")
    assert cli.json("show", "1")["trajectories"] == []


def test_restore_guesses_nothing_and_names_both_files(cli, db_path, tmp_path, monkeypatch):
    from mentorcli.ui import prompts

    amira_and_griet(cli)
    target = tmp_path / "saved.db"
    cli("backup", target)
    monkeypatch.chdir(tmp_path)
    # a name that only resembles a backup is not looked for anywhere
    assert "not a backup file" in cli("restore", "saved", "--yes", code=1).stderr
    assert "not a backup file" in cli("restore", "saved.d", "--yes", code=1).stderr
    asked: list[str] = []
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "confirm", lambda label, default=False: asked.append(label))
    assert "cancelled" in cli("restore", "saved.db", code=1).stderr
    assert str(target.resolve()) in asked[-1] and str(db_path.resolve()) in asked[-1]
