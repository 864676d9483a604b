"""What ESF+ asks about a mentee's results (issue 14, "What is recorded"): at the close a
contract's length, job searching and a qualification; at the follow-up the situation and
the contract's length. Each through close, close --amend, reopen, follow-up, follow-up
--amend and show; each refusal one line with its exit code; an old file upgraded."""

from __future__ import annotations

import sqlite3

import pytest
from test_all_or_nothing import enrol
from test_duo_life import duo, refused, trajectory


@pytest.fixture
def world(cli):
    """Amina (1) with Sofie (2) since 2025-02-01."""
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentor", "Sofie Maes")
    return {"trajectory": duo(cli)}


def close(cli, t, *extra, outcome=("--outcome", "job", "--contract", "fixed-term")):
    return cli.json("close", t, *outcome, "--reason", "job-found", "--date", "2025-03-01", *extra)


# --- close --------------------------------------------------------------------------------


def test_close_records_the_esf_results(cli, world):
    t = world["trajectory"]
    closed = close(cli, t, "--contract-months", "6", "--qualification")
    assert (closed["contract_months"], closed["job_searching"], closed["qualification"]) == (
        6,
        False,
        True,
    )
    row = trajectory(cli, 1)
    assert (row["contract_months"], row["job_searching"], row["qualification"]) == (6, False, True)


def test_close_says_the_contract_length_and_qualification(cli, world):
    t = world["trajectory"]
    args = ["--outcome", "job", "--contract", "interim", "--contract-months", "2"]
    result = cli("close", t, *args, "--qualification", "--reason", "job-found", "--date",
                 "2025-03-01")  # fmt: skip
    assert "outcome job (interim, 2 months), qualified;" in result.stderr


def test_close_without_a_job_may_leave_job_searching(cli, world):
    t = world["trajectory"]
    result = cli("close", t, "--outcome", "none", "--job-searching", "--reason", "moved",
                 "--date", "2025-03-01")  # fmt: skip
    assert "outcome no result yet, job searching;" in result.stderr
    closed = trajectory(cli, 1)
    assert closed["job_searching"] is True and closed["contract_months"] is None
    assert trajectory(cli, 1)["job_searching"] is True


@pytest.mark.parametrize(
    "extra, words",
    [
        (["--contract", "permanent", "--contract-months", "6"], "not permanent"),
        (["--contract", "fixed-term", "--contract-months", "0"], "between 1 and 120"),
        (["--contract", "fixed-term", "--contract-months", "2.5"], "whole number"),
        (["--contract", "fixed-term", "--job-searching"], "left with a job"),
    ],
)
def test_close_refuses_results_that_do_not_fit(cli, db_path, world, extra, words):
    t = world["trajectory"]
    args = ["close", t, "--outcome", "job", *extra, "--reason", "job-found", "--yes"]
    assert words in refused(cli, db_path, *args, code=2)


def test_a_length_needs_a_timed_contract_also_without_a_job(cli, db_path, world):
    t = world["trajectory"]
    args = ["close", t, "--outcome", "none", "--reason", "moved", "--contract-months", "3"]
    line = refused(cli, db_path, *args, code=2)
    assert "--contract-months goes with --contract fixed-term or interim" in line


# --- close --amend, reopen ----------------------------------------------------------------


def test_close_amend_corrects_the_results_and_drops_what_no_longer_fits(cli, world):
    t = world["trajectory"]
    close(cli, t, "--contract-months", "6")
    result = cli("close", t, "--amend", "--contract-months", "12", "--qualification")
    assert "contract months 6 → 12; qualification no → yes." in result.stderr
    row = trajectory(cli, 1)
    assert (row["contract_months"], row["qualification"]) == (12, True)
    # a permanent contract has no length: the old one goes with it
    cli("close", t, "--amend", "--contract", "permanent")
    assert trajectory(cli, 1)["contract_months"] is None
    # no longer a job: job searching may be said, and unsaid
    cli("close", t, "--amend", "--outcome", "none", "--job-searching")
    assert trajectory(cli, 1)["job_searching"] is True
    cli("close", t, "--amend", "--not-job-searching", "--no-qualification")
    row = trajectory(cli, 1)
    assert (row["job_searching"], row["qualification"]) == (False, False)
    events = [e["details"] for e in cli.json("log", "--action", "close-amend")]
    assert {"job_searching": [1, 0], "qualification": [1, 0]} in events


def test_close_amend_refuses_a_length_without_a_timed_contract(cli, db_path, world):
    t = world["trajectory"]
    close(cli, t, outcome=("--outcome", "job", "--contract", "permanent"))
    line = refused(cli, db_path, "close", t, "--amend", "--contract-months", "6", code=2)
    assert "--contract-months goes with --contract fixed-term or interim (not permanent)" in line


def test_reopen_undoes_the_results_of_the_close(cli, world):
    t = world["trajectory"]
    close(cli, t, "--contract-months", "6", "--qualification")
    cli("reopen", t, "--yes")
    row = trajectory(cli, 1)
    assert (row["contract_months"], row["job_searching"], row["qualification"]) == (
        None,
        False,
        False,
    )


# --- follow-up ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "outcome, situation",
    [
        (["--outcome", "job", "--contract", "permanent"], "employed"),
        (["--outcome", "job", "--contract", "self-employed"], "self-employed"),
        (["--outcome", "training"], "education"),
        (["--outcome", "internship"], "education"),
        (["--outcome", "unreachable"], "unreachable"),
        (["--outcome", "none", "--situation", "inactive"], "inactive"),
        (["--outcome", "none", "--situation", "job-searching"], "job-searching"),
    ],
)
def test_follow_up_records_the_situation_the_outcome_means(cli, world, outcome, situation):
    t = world["trajectory"]
    close(cli, t)
    result = cli.json("follow-up", t, *outcome, "--date", "2025-05-01")
    assert result["situation"] == situation
    assert trajectory(cli, 1)["followup"]["situation"] == situation


def test_follow_up_records_a_contract_length(cli, world):
    t = world["trajectory"]
    close(cli, t)
    args = ["--outcome", "job", "--contract", "fixed-term", "--contract-months", "9"]
    result = cli("follow-up", t, *args, "--date", "2025-05-01")
    assert "job (fixed-term, 9 months); employed." in result.stderr
    assert trajectory(cli, 1)["followup"]["contract_months"] == 9


@pytest.mark.parametrize(
    "args, words",
    [
        (["--outcome", "none"], "after --outcome none, say --situation job-searching or inactive"),
        (["--outcome", "training", "--situation", "employed"], "it is education"),
        (["--outcome", "none", "--situation", "employed"], "(job-searching or inactive)"),
        (
            ["--outcome", "job", "--contract", "permanent", "--situation", "self-employed"],
            "it is employed",
        ),
        (
            ["--outcome", "job", "--contract", "permanent", "--contract-months", "6"],
            "goes with --contract fixed-term or interim",
        ),
        (["--outcome", "none", "--situation", "retired"], "unknown situation 'retired'"),
    ],
)
def test_follow_up_refuses_a_situation_that_does_not_fit(cli, db_path, world, args, words):
    t = world["trajectory"]
    close(cli, t)
    assert words in refused(cli, db_path, "follow-up", t, *args, "--date", "2025-05-01", code=2)


def test_follow_up_asks_the_situation_after_none_at_a_terminal(cli, world, monkeypatch):
    from mentorcli.ui import prompts

    t = world["trajectory"]
    close(cli, t)
    asked = []
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(
        prompts, "choose", lambda label, options: asked.append(options) or "inactive"
    )
    cli("follow-up", t, "--outcome", "none", "--date", "2025-05-01")
    assert [value for _, value in asked[0]] == ["job-searching", "inactive"]
    assert trajectory(cli, 1)["followup"]["situation"] == "inactive"


def test_follow_up_amend_derives_the_situation_again(cli, db_path, world):
    t = world["trajectory"]
    close(cli, t)
    cli("follow-up", t, "--outcome", "none", "--situation", "inactive", "--date", "2025-05-01")
    out = cli.json("follow-up", t, "--amend", "--outcome", "job", "--contract", "self-employed")
    assert out["situation"] == "self-employed"
    cli("follow-up", t, "--amend", "--contract", "interim", "--contract-months", "4")
    followup = trajectory(cli, 1)["followup"]
    assert (followup["situation"], followup["contract_months"]) == ("employed", 4)
    # back to none: which situation must be said again
    line = refused(cli, db_path, "follow-up", t, "--amend", "--outcome", "none", code=2)
    assert "say --situation job-searching or inactive" in line
    cli("follow-up", t, "--amend", "--outcome", "none", "--situation", "job-searching")
    followup = trajectory(cli, 1)["followup"]
    assert (followup["situation"], followup["contract"], followup["contract_months"]) == (
        "job-searching",
        None,
        None,
    )


# --- an old file ----------------------------------------------------------------------------


def test_an_old_database_gets_the_situation_its_follow_ups_mean(tmp_path, cli):
    from sqlite_utils import Database

    from mentorcli.store import db as dbmod
    from mentorcli.store.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m021_esf_results")
    followed = [
        ("job", "permanent"),
        ("job", "self-employed"),
        ("training", None),
        ("internship", None),
        ("none", None),
        ("unreachable", None),
    ]
    for n, (outcome, contract) in enumerate(followed, start=1):
        old.execute(
            "INSERT INTO people (id, role, name, city, languages, sector, enrolled_on) "
            "VALUES (?, 'mentee', ?, 'Gent', 'nl', 'zorg', '2024-01-01')",
            [n, f"Mentee {n}"],
        )
        old.execute(
            "INSERT INTO people (id, role, name, city, languages, sector, enrolled_on, capacity) "
            "VALUES (?, 'mentor', ?, 'Gent', 'nl', 'zorg', '2024-01-01', 1)",
            [10 + n, f"Mentor {n}"],
        )
        old.execute(
            "INSERT INTO trajectories (id, mentee_id, mentor_id, started_on, planned_end, "
            "status, closed_on, outcome, contract, close_reason) VALUES (?, ?, ?, '2024-02-01', "
            "'2024-08-01', 'closed', '2024-08-01', 'job', 'fixed-term', 'completed')",
            [n, n, 10 + n],
        )
        old.execute(
            "INSERT INTO followups (trajectory_id, recorded_on, outcome, contract) "
            "VALUES (?, '2025-02-01', ?, ?)",
            [n, outcome, contract],
        )
    old.conn.commit()
    old.close()
    dbmod.open_db(path).conn.commit()
    dbmod.close_all()
    conn = sqlite3.connect(path)
    situations = conn.execute("SELECT situation FROM followups ORDER BY trajectory_id")
    assert [r[0] for r in situations] == [
        "employed",
        "self-employed",
        "education",
        "education",
        None,  # job searching or inactive: not known
        "unreachable",
    ]
    closes = conn.execute(
        "SELECT DISTINCT contract, contract_months, job_searching, qualification FROM trajectories"
    ).fetchall()
    assert closes == [("fixed-term", None, 0, 0)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    conn.close()
    # an old "none" follow-up can still be corrected without saying its situation
    cli("--db", path, "follow-up", 5, "--amend", "--date", "2025-02-02")
