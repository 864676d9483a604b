"""Erasure that is complete: never matched or reminded again, duos ended, restores and the WAL."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from conftest import MENTEE, MENTOR

SECRETS = (b"Amira El Amrani", b"amira@example.org")


def enrol(cli, base: list[str], name: str, *extra: str) -> int:
    args = list(base)
    args[args.index(base[3])] = name
    return int(cli(*args, "--enrolled-on", "2025-01-01", *extra).stdout.strip())


def duo(cli) -> int:
    enrol(cli, MENTEE, "Amira El Amrani", "--email", "amira@example.org")  # id 1
    enrol(cli, MENTOR, "Griet Peeters")  # id 2
    return cli.json("match", "--apply", "--start-date", "2025-02-01")["pairs"][0]["trajectory_id"]


def holders(db_path: Path, *others: Path) -> list[str]:
    """The files (database, WAL, others) in which an erased value can still be read."""
    files = [db_path, db_path.with_name(db_path.name + "-wal"), *others]
    return [
        p.name for p in files if p.exists() and any(secret in p.read_bytes() for secret in SECRETS)
    ]


def test_an_erased_person_is_never_matched_reminded_or_waiting(cli, monkeypatch):
    enrol(cli, MENTEE, "Amira El Amrani")  # 1: waiting, then erased
    enrol(cli, MENTOR, "Griet Peeters")  # 2: available, then erased
    cli("forget", "1", "--yes")
    cli("forget", "2", "--yes")
    enrol(cli, MENTEE, "Amina Benali")  # 3
    enrol(cli, MENTOR, "Jan Janssens")  # 4
    proposal = cli.json("match")
    assert [(p["mentee_id"], p["mentor_id"]) for p in proposal["pairs"]] == [(3, 4)]
    assert proposal["unmatched"] == []
    assert [m["id"] for m in cli.json("list", "mentees", "--status", "waiting")] == [3]
    assert cli.json("show", "1")["status"] == "erased"
    assert cli.json("show", "2")["status"] == "erased"
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-12-01")
    reminders = cli.json("remind", "--waiting-days", "1")
    assert {r["person_id"] for r in reminders if r["kind"] == "waiting"} == {3}
    assert cli.json("stats", "--year", "2025")[0]["mentees_waiting_at_end"] == 1
    assert "erased" in cli("match", "--mentee", "1", code=1).stderr


def test_changing_an_erased_person_is_refused(cli, db_path):
    trajectory = duo(cli)
    cli("forget", "1", "--yes")
    enrol(cli, MENTEE, "Amina Benali")  # 3
    cases = [
        ("edit", "1", "--phone", "+32 475 00 00 00"),
        ("withdraw", "1"),
        ("log-session", str(trajectory), "--hours", "1", "--date", "2025-03-01"),
        ("match", "--pin", "1:2"),
        ("match", "--pin", "3:2", "--apply"),
        ("match", "--forbid", "1:2"),
    ]
    cli("forget", "2", "--yes")
    for args in cases:
        stderr = cli(*args, code=1).stderr
        assert "person 1 was erased" in stderr or "person 2 was erased" in stderr, (args, stderr)
    assert cli.json("show", "3")["status"] == "waiting"


def test_forget_in_an_active_duo_closes_it_as_erased(cli, monkeypatch):
    from mentorcli.ui import prompts

    trajectory = duo(cli)
    enrol(cli, MENTEE, "Amina Benali")  # 3, waiting for Griet's place
    before = cli.json("stats", "--year", "2025")[0]
    asked: list[str] = []
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "confirm", lambda label, default=False: asked.append(label))
    assert "cancelled" in cli("forget", "1", code=1).stderr
    assert f"trajectory {trajectory}" in asked[-1] and "Griet Peeters" in asked[-1]
    assert "erased" in asked[-1]
    assert cli.json("show", "1")["trajectories"][0]["status"] == "active"
    monkeypatch.setattr(prompts, "confirm", lambda label, default=False: True)
    result = cli("forget", "1")
    assert f"trajectory {trajectory}" in result.stderr
    [t] = cli.json("show", "2")["trajectories"]
    assert t["status"] == "closed" and t["closed_on"] == "2025-06-01"
    after = cli.json("stats", "--year", "2025")[0]
    assert after["early_closures"] == before["early_closures"] + 1
    assert after["early_closure_reasons"]["erased"] == 1
    assert after["trajectories_closed"] == before["trajectories_closed"] + 1
    assert cli.json("show", "2")["status"] == "available"
    assert [(p["mentee_id"], p["mentor_id"]) for p in cli.json("match")["pairs"]] == [(3, 2)]
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-03-01")  # 12 months after the start
    assert [r for r in cli.json("remind") if r["kind"] == "follow-up"] == []
    closing = [e for e in cli.json("log", "--limit", "0") if e["action"] == "close"]
    assert closing[0]["trajectory_id"] == trajectory
    assert closing[0]["details"]["reason"] == "erased"


def test_forget_without_a_terminal_says_which_duo_ends(cli, monkeypatch):
    trajectory = duo(cli)
    assert "--yes" in cli("forget", "1", code=2).stderr
    result = cli("forget", "2", "--yes")
    assert f"trajectory {trajectory}" in result.stderr and "erased" in result.stderr
    [t] = cli.json("show", "1")["trajectories"]
    assert t["status"] == "closed"
    assert cli.json("show", "1")["status"] == "done"
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-03-01")  # the mentee can still be asked
    assert [r["person_id"] for r in cli.json("remind") if r["kind"] == "follow-up"] == [1]


def test_the_register_holds_ids_and_dates_never_names(cli, db_path):
    duo(cli)
    cli("forget", "1", "--yes")
    conn = sqlite3.connect(db_path)
    try:
        columns = {r[1] for r in conn.execute("PRAGMA table_info(erasures)")}
        rows = conn.execute("SELECT person_id, erased_on FROM erasures").fetchall()
    finally:
        conn.close()
    assert "name" not in columns and rows == [(1, "2025-06-01")]


def test_restoring_an_old_backup_keeps_the_erased_erased(cli, db_path, tmp_path):
    duo(cli)
    old = tmp_path / "old.db"
    cli("backup", old)
    cli("forget", "1", "--yes")
    result = cli("restore", old, "--yes")
    assert "re-applied 1 erasure" in result.stderr
    person = cli.json("show", "1")
    assert person["name"] == "erased person 1" and person["email"] is None
    [t] = person["trajectories"]
    assert t["status"] == "closed"
    assert holders(db_path) == []
    # the register travels with the restored data: a second restore still erases
    cli("restore", old, "--yes")
    assert cli.json("show", "1")["name"] == "erased person 1"
    assert cli.json("show", "2")["name"] == "Griet Peeters"


def test_restoring_a_backup_older_than_the_schema_reapplies_too(cli, db_path, tmp_path):
    from sqlite_utils import Database

    from mentorcli.store.migrations import migrations

    enrol(cli, MENTEE, "Amira El Amrani", "--email", "amira@example.org")
    # The same person in the old backup: same id and creation time (read from the live
    # file, so the test does not depend on both being made within the same second).
    live = sqlite3.connect(db_path)
    [created_at] = live.execute("SELECT created_at FROM people WHERE id = 1").fetchone()
    live.close()
    old = tmp_path / "old-schema.db"
    legacy = Database(old)
    migrations.apply(legacy, stop_before="m013_erasure_register")
    legacy.execute(
        "INSERT INTO people (role, name, email, city, languages, sector, enrolled_on, "
        "created_at) VALUES ('mentee', 'Amira El Amrani', 'amira@example.org', 'Gent', 'nl', "
        "'zorg', '2025-01-01', ?)",
        [created_at],
    )
    legacy.conn.commit()
    legacy.close()
    cli("forget", "1", "--yes")
    assert "re-applied 1 erasure" in cli("restore", old, "--yes").stderr
    assert cli.json("show", "1")["name"] == "erased person 1"
    assert holders(db_path) == []


def test_a_reader_holding_the_wal_makes_forget_exit_75_and_the_next_open_scrubs(
    cli, db_path, monkeypatch
):
    from mentorcli.store import db as dbmod

    duo(cli)
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 200)
    reader = sqlite3.connect(db_path, isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM people").fetchone()  # holds its snapshot
        result = cli("forget", "1", "--yes", code=75)
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
        assert "next" in result.stderr and "erased" in result.stderr
        reader.execute("COMMIT")  # the reader stays connected, but lets go of the old pages
        assert holders(db_path) != []  # not scrubbed yet
        assert "not yet scrubbed" in cli("doctor", code=1).stdout
        cli("list", "mentees")  # any command that opens the file finishes the job
        assert holders(db_path) == []
        assert cli.json("show", "1")["name"] == "erased person 1"
        assert "already erased" in cli("forget", "1", "--yes", code=1).stderr
    finally:
        reader.close()


def test_doctor_reports_every_file_that_still_holds_erased_data(cli, db_path, tmp_path):
    duo(cli)
    cli("edit", "1", "--consent-on", "2025-01-01")
    cli("edit", "2", "--consent-on", "2025-01-01")
    cli("backup")  # holds Amira
    [backup] = (db_path.parent / "backups").iterdir()
    result = cli("restore", backup, "--yes")  # the replaced copy holds Amira too
    [aside] = [p for p in db_path.parent.iterdir() if ".replaced-" in p.name]
    cli("forget", "1", "--yes")
    report = cli("doctor", code=1).stdout
    assert backup.name in report and aside.name in report, report
    assert "hold erased data" in report
    aside.unlink()
    backup.unlink()
    assert "PROBLEM" not in cli("doctor").stdout
    assert "kept as" in result.stderr


def test_an_older_file_is_upgraded_and_keeps_every_trajectory(tmp_path):
    from sqlite_utils import Database

    from mentorcli.store import db as dbmod
    from mentorcli.store.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m013_erasure_register")
    old.execute("PRAGMA foreign_keys = ON")
    for n, (role, name, erased) in enumerate(
        [("mentee", "A", None), ("mentor", "B", None), ("mentee", "erased person 3", "2025-03-01")],
        start=1,
    ):
        old.execute(
            "INSERT INTO people (id, role, name, city, languages, sector, enrolled_on, "
            "capacity, erased_on) VALUES (?, ?, ?, 'Gent', 'nl', 'zorg', '2025-01-01', ?, ?)",
            [n, role, name, 2 if role == "mentor" else None, erased],
        )
    old.execute(
        "INSERT INTO trajectories (id, mentee_id, mentor_id, started_on, planned_end, status, "
        "closed_on, outcome, close_reason) VALUES "
        "(7, 3, 2, '2025-01-02', '2025-07-02', 'closed', '2025-02-01', 'none', 'moved'), "
        "(8, 1, 2, '2025-02-02', '2025-08-02', 'active', NULL, NULL, NULL)"
    )
    old.execute(
        "INSERT INTO sessions (trajectory_id, held_on, minutes) VALUES (8, '2025-03-01', 60)"
    )
    old.execute(
        "INSERT INTO followups (trajectory_id, recorded_on, outcome) "
        "VALUES (7, '2025-05-01', 'job')"
    )
    old.conn.commit()
    before = [
        old.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("trajectories", "sessions", "followups")
    ]
    old.close()
    db = dbmod.open_db(path)
    after = [
        db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
        for t in ("trajectories", "sessions", "followups")
    ]
    # later steps add columns (m018: waiting_since, requeued): the old ones are unchanged
    assert [[row[: len(b[0])] for row in a] for a, b in zip(after, before, strict=True)] == before
    added = db.execute("SELECT waiting_since, requeued FROM trajectories ORDER BY id").fetchall()
    assert added == [("2025-01-01", 0), ("2025-01-01", 0)]
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("SELECT person_id, erased_on, scrubbed FROM erasures").fetchall() == [
        (3, "2025-03-01", 1)
    ]
    assert db.execute("SELECT status FROM people_status WHERE id = 3").fetchone()[0] == "erased"
    with dbmod.transaction(db):  # the wider CHECK, the rebuilt trigger and index
        db.execute(
            "UPDATE trajectories SET status = 'closed', closed_on = '2025-04-01', "
            "outcome = 'none', close_reason = 'erased' WHERE id = 8"
        )
    insert = "INSERT INTO trajectories (mentee_id, mentor_id, started_on, planned_end) "
    with pytest.raises(sqlite3.IntegrityError, match="pairs a mentee with a mentor"):
        db.execute(insert + "VALUES (1, 1, '2025-05-01', '2025-11-01')")
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        with dbmod.transaction(db):
            for _ in range(2):  # one active trajectory per mentee
                db.execute(insert + "VALUES (1, 2, '2025-05-01', '2025-11-01')")
    db.close()
