"""list trajectories, list forbidden, match --allow, and a back-dated match that scores
waiting time as of its start date."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from test_all_or_nothing import dump_file

TODAY = "2025-06-01"  # conftest pins it


def enrol(cli: Any, role: str, name: str, on: str, city: str = "Gent", *db: Any) -> int:
    return cli.json(
        *db,
        "enrol",
        role,
        "--name",
        name,
        "--city",
        city,
        "--languages",
        "nl",
        "--sector",
        "zorg",
        "--enrolled-on",
        on,
    )["id"]


@pytest.fixture
def three_duos(cli, monkeypatch) -> dict[str, int]:
    """2024: a duo closed in 2024 (Gent); one started in 2024 still active (Antwerpen);
    2025: one started in 2025 (Gent), with sessions."""
    found: dict[str, int] = {}

    def start(mentee: str, mentor: str, city: str, day: str) -> int:
        found[mentee] = enrol(cli, "mentee", mentee, "2024-01-01", city)
        found[mentor] = enrol(cli, "mentor", mentor, "2024-01-01", city)
        pin = f"{found[mentee]}:{found[mentor]}"
        [pair] = cli.json("match", "--apply", "--pin", pin, "--start-date", day)["pairs"]
        return int(pair["trajectory_id"])

    early = start("Amina Benali", "Sofie Maes", "Gent", "2024-02-01")
    cli(
        "close",
        early,
        "--outcome",
        "job",
        "--contract",
        "permanent",
        "--reason",
        "job-found",
        "--date",
        "2024-05-01",
    )
    running = start("Omar Haddad", "Jan Claes", "Antwerpen", "2024-11-01")
    recent = start("Lina Saleh", "Griet Peeters", "Gent", "2025-03-01")
    for day, minutes in (("2025-03-10", 90), ("2025-04-02", 120)):
        cli("log-session", recent, "--date", day, "--minutes", minutes)
    return {"closed": early, "running": running, "recent": recent, **found}


def ids(rows: list[dict[str, Any]]) -> list[int]:
    return [row["id"] for row in rows]


def test_list_trajectories_json_has_every_column(cli, three_duos):
    rows = cli.json("list", "trajectories", "--status", "all")
    assert ids(rows) == [three_duos["closed"], three_duos["running"], three_duos["recent"]]
    assert rows[2] == {
        "id": three_duos["recent"],
        "mentee_id": three_duos["Lina Saleh"],
        "mentee_name": "Lina Saleh",
        "mentor_id": three_duos["Griet Peeters"],
        "mentor_name": "Griet Peeters",
        "city": "Gent",
        "started_on": "2025-03-01",
        "planned_end": "2025-09-01",
        "closed_on": None,
        "status": "active",
        "outcome": None,
        "contract": None,
        "close_reason": None,
        "sessions": 2,
        "hours": 3.5,
        "last_session": "2025-04-02",
    }
    closed = rows[0]
    assert (closed["status"], closed["closed_on"], closed["outcome"]) == (
        "closed",
        "2024-05-01",
        "job",
    )
    assert (closed["sessions"], closed["hours"], closed["last_session"]) == (0, 0.0, None)


def test_list_trajectories_shows_the_active_duos_by_default(cli, three_duos):
    assert ids(cli.json("list", "trajectories")) == [three_duos["running"], three_duos["recent"]]
    assert ids(cli.json("list", "trajectories", "--status", "closed")) == [three_duos["closed"]]
    assert ids(cli.json("list", "trajectories", "--city", "gent")) == [three_duos["recent"]]
    assert cli("list", "trajectories", "--status", "closed", "--city", "Antwerpen").stderr == (
        "No trajectories found.\n"
    )


def test_year_means_active_on_a_day_of_that_year(cli, three_duos):
    """With --year every duo of that year counts, closed or not (the default is all)."""
    in_2024 = cli.json("list", "trajectories", "--year", "2024")
    assert ids(in_2024) == [three_duos["closed"], three_duos["running"]]
    assert ids(cli.json("list", "trajectories", "--year", "2025")) == [
        three_duos["running"],
        three_duos["recent"],
    ]
    assert cli.json("list", "trajectories", "--year", "2023") == []
    assert ids(cli.json("list", "trajectories", "--year", "2024", "--status", "active")) == [
        three_duos["running"]
    ]
    # The same duos as the year's statistics count as served
    served = cli.json("stats", "--year", "2024")[0]["mentees_served"]
    assert served == len(in_2024)


def test_list_trajectories_table_and_csv(cli, three_duos):
    table = cli("list", "trajectories", "--status", "all").stdout
    assert table.startswith("3 trajectories\n")
    assert "2 Sofie Maes" in table and "5 Lina Saleh" in table and "found" not in table
    assert "last session  2025-04-02" in table  # a block per duo at 80 columns
    lines = cli("list", "trajectories", "--format", "csv").stdout.splitlines()
    assert lines[0] == (
        "id,mentee_id,mentee_name,mentor_id,mentor_name,city,started_on,planned_end,"
        "closed_on,status,outcome,contract,close_reason,sessions,hours,last_session"
    )
    assert len(lines) == 3


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["trajectories", "--status", "waiting"], "--status for trajectories is one of active"),
        (["mentees", "--year", "2025"], "list mentees takes no --year"),
        (["forbidden", "--city", "Gent"], "list forbidden takes no --city"),
        (["forbidden", "--status", "active"], "list forbidden takes no --status"),
        (["trajectories", "--year", "1800"], "--year"),
        (["trajectories", "--format", "xml"], "--format"),
    ],
)
def test_list_refuses_options_that_do_not_apply(args, words, cli, three_duos):
    result = cli("list", *args, code=2)
    assert words in result.stderr and result.stderr.count("\n") == 1


def test_list_trajectories_is_one_query_however_many_duos(cli, tmp_path):
    """Linear cost: one grouped statement, never a look-up per duo (no correlated
    subquery run for each row)."""
    from mentorcli.reports import listings
    from mentorcli.store.db import open_db

    for n in range(30):
        for role in ("mentee", "mentor"):
            cli(
                "enrol",
                role,
                "--name",
                f"{role} {n}x",
                "--city",
                "Gent",
                "--languages",
                "nl",
                "--sector",
                "zorg",
                "--enrolled-on",
                "2025-01-01",
                "--allow-duplicate",
            )
    cli("match", "--apply", "--min-score", "0", "--start-date", "2025-02-01")
    db = open_db(None, create=False)
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    rows = listings.trajectories(db, status="all", year=2025)
    db.conn.set_trace_callback(None)
    assert len(rows) == 30
    assert len([s for s in statements if "SELECT" in s]) == 1
    plan = " ".join(
        str(r) for r in db.conn.execute("EXPLAIN QUERY PLAN " + statements[-1]).fetchall()
    )
    assert "CORRELATED" not in plan


# --- list forbidden and match --allow -------------------------------------------------------


def events(db_path: Path, action: str) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute(
            "SELECT person_id, details FROM events WHERE action = ?", [action]
        ).fetchall()
    finally:
        conn.close()


@pytest.fixture
def forbidden(cli) -> None:
    """Two forbidden pairs, in two cities: neither mentee has another mentor."""
    enrol(cli, "mentee", "Amina Benali", "2025-01-01")
    enrol(cli, "mentor", "Sofie Maes", "2025-01-01")
    enrol(cli, "mentee", "Omar Haddad", "2025-01-01", "Antwerpen")
    enrol(cli, "mentor", "Jan Claes", "2025-01-01", "Antwerpen")
    cli("match", "--forbid", "Amina Benali:Sofie Maes", "--forbid", "3:4")


def test_list_forbidden_shows_both_people_with_ids_and_since_when(cli, forbidden):
    assert cli.json("list", "forbidden") == [
        {
            "mentee_id": 1,
            "mentee_name": "Amina Benali",
            "mentor_id": 2,
            "mentor_name": "Sofie Maes",
            "since": TODAY,
        },
        {
            "mentee_id": 3,
            "mentee_name": "Omar Haddad",
            "mentor_id": 4,
            "mentor_name": "Jan Claes",
            "since": TODAY,
        },
    ]
    table = cli("list", "forbidden").stdout.splitlines()
    assert table[0] == "2 forbidden pair(s)"
    assert table[3].split() == ["1", "Amina", "Benali", "2", "Sofie", "Maes", TODAY]
    assert cli("list", "forbidden", "--format", "csv").stdout.splitlines()[0] == (
        "mentee_id,mentee_name,mentor_id,mentor_name,since"
    )


def test_match_allow_lifts_a_forbid_and_the_pair_is_proposed_again(cli, db_path, forbidden):
    assert cli.json("match", "--min-score", "0")["pairs"] == []
    result = cli("match", "--allow", "amina:sofie", "--min-score", "0")
    assert "Amina Benali (1) and Sofie Maes (2) are no longer a forbidden pair." in result.stderr
    assert "No trajectory was started" in result.stderr
    assert [
        (p["mentee_id"], p["mentor_id"]) for p in cli.json("match", "--min-score", "0")["pairs"]
    ] == [(1, 2)]
    assert [p["mentee_id"] for p in cli.json("list", "forbidden")] == [3]
    assert events(db_path, "allow") == [(1, f'{{"forbidden_since": "{TODAY}", "mentor_id": 2}}')]


def test_match_allow_and_apply_in_one_transaction(cli, forbidden):
    [pair] = cli.json("match", "--allow", "3:4", "--apply", "--min-score", "0")["pairs"]
    assert (pair["mentee_id"], pair["mentor_id"]) == (3, 4) and pair["trajectory_id"] == 1
    assert [p["mentee_id"] for p in cli.json("list", "forbidden")] == [1]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["--allow", "1:4"], 1, "Amina Benali (1) and Jan Claes (4) are not a forbidden pair"),
        (["--allow", "1:2", "--forbid", "1:2"], 2, "are both allowed and forbidden"),
        (["--allow", "1:2", "--mentee", "1"], 2, "--mentee only ranks mentors"),
        (["--allow", "1"], 1, "'1' is not MENTEE:MENTOR"),
        (["--allow", "Nobody:2"], 1, "Nobody"),
        (["--allow", "1:2", "--allow", "3:2", "--apply"], 1, "(3) and Sofie Maes (2) are not"),
    ],
)
def test_a_refused_allow_changes_nothing(args, code, words, cli, db_path, forbidden):
    before = dump_file(db_path)
    result = cli("match", *args, code=code)
    assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
    assert dump_file(db_path) == before


# --- waiting time as of the start date ------------------------------------------------------


def waiting_list(cli: Any, *db: Any) -> None:
    enrol(cli, "mentee", "Amina Benali", "2025-03-01", "Gent", *db)  # 10 days before D
    enrol(cli, "mentee", "Omar Haddad", "2025-01-01", "Gent", *db)  # 69 days before D
    enrol(cli, "mentor", "Sofie Maes", "2025-01-01", "Gent", *db)
    enrol(cli, "mentor", "Jan Claes", "2025-01-01", "Gent", *db)


def test_a_back_dated_match_scores_waiting_time_as_of_its_start(cli, tmp_path, monkeypatch):
    back_dated, on_the_day = tmp_path / "back.db", tmp_path / "then.db"
    waiting_list(cli, "--db", back_dated)
    proposed = cli.json("--db", back_dated, "match", "--start-date", "2025-03-11")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-03-11")
    waiting_list(cli, "--db", on_the_day)
    assert proposed == cli.json("--db", on_the_day, "match")  # scores, reasons, everything
    reasons = {p["mentee_name"]: " ".join(p["reasons"]) for p in proposed["pairs"]}
    assert "waited" not in reasons["Amina Benali"]  # 10 days, not 92
    assert "waited 69 days" in reasons["Omar Haddad"]  # not 151
    monkeypatch.setenv("MENTORCLI_TODAY", TODAY)
    applied = cli.json("--db", back_dated, "match", "--apply", "--start-date", "2025-03-11")
    assert applied == proposed | {
        "pairs": [p | {"trajectory_id": n} for n, p in enumerate(proposed["pairs"], start=1)]
    }


def test_one_mentee_ranked_as_of_the_start_date(cli, monkeypatch):
    waiting_list(cli)
    ranked = cli.json("match", "--mentee", "Omar Haddad", "--start-date", "2025-03-11")
    assert "waited 69 days" in " ".join(ranked["candidates"][0]["reasons"])
    ranked_today = cli.json("match", "--mentee", "Omar Haddad")
    assert "waited 151 days" in " ".join(ranked_today["candidates"][0]["reasons"])


def test_a_back_dated_proposal_leaves_out_whoever_enrolled_after_its_start(cli):
    waiting_list(cli)
    enrol(cli, "mentee", "Lina Saleh", "2025-04-01")  # after D: she cannot start on D
    enrol(cli, "mentor", "Griet Peeters", "2025-04-01")
    applied = cli.json("match", "--apply", "--start-date", "2025-03-11", "--min-score", "0")
    assert sorted(p["mentee_name"] for p in applied["pairs"]) == ["Amina Benali", "Omar Haddad"]
    assert {p["mentor_name"] for p in applied["pairs"]} == {"Sofie Maes", "Jan Claes"}
    assert [p["mentee_name"] for p in cli.json("match", "--min-score", "0")["pairs"]] == [
        "Lina Saleh"
    ]
