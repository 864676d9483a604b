"""The database file: opening, upgrading, refusing, locking."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import MENTEE, count
from sqlite_utils import Database

from mentorcli.core.errors import MentorError
from mentorcli.store import db as dbmod
from mentorcli.store.migrations import migrations

EXPECTED_COLUMNS = {
    "people": {
        "id",
        "role",
        "name",
        "email",
        "phone",
        "city",
        "languages",
        "sector",
        "occupation",
        "education",
        "birth_year",
        "gender",
        "hours_per_week",
        "enrolled_on",
        "notes",
        "capacity",
        "organisation",
        "origin_country",
        "diploma_recognised",
        "referral",
        "prefers_gender",
        "prefers_similar_background",
        "consent_on",
        "withdrawn_on",
        "created_at",
        "updated_at",
        "knows_diploma_recognition",
        "origin_region",
        "erased_on",
        "origin_eu",
        "education_unsure",
        "labour_status",
        "unemployed_since",
        "nationality",
        "nationality_eu",
        "special_consent_on",
        "disability",
        "homeless",
        "requeued_on",
    },
    "trajectories": {
        "id",
        "mentee_id",
        "mentor_id",
        "started_on",
        "planned_end",
        "score",
        "status",
        "closed_on",
        "outcome",
        "contract",
        "close_reason",
        "mentor_leaves",
        "close_note",
        "created_at",
        "waiting_since",
        "requeued",
        "contract_months",
        "job_searching",
        "qualification",
    },
    "sessions": {"id", "trajectory_id", "held_on", "minutes", "topics", "note", "created_at"},
    "followups": {
        "trajectory_id",
        "recorded_on",
        "outcome",
        "contract",
        "created_at",
        "situation",
        "contract_months",
    },
    "forbidden_pairs": {"mentee_id", "mentor_id", "created_at"},
    "settings": {"key", "value"},
    "events": {"id", "at", "actor", "action", "person_id", "trajectory_id", "details"},
    "check_ins": {
        "id",
        "trajectory_id",
        "held_on",
        "status",
        "with_whom",
        "note",
        "created_at",
    },
    "erasures": {"person_id", "person_created_at", "erased_on", "scrubbed", "recorded_at"},
}


def test_schema_after_migrations():
    db = Database(memory=True)
    migrations.apply(db)
    for table, columns in EXPECTED_COLUMNS.items():
        assert set(db[table].columns_dict) == columns, table


def test_pragmas_are_set(tmp_path):
    db = dbmod.open_db(tmp_path / "x.db")
    pragma = {
        name: db.execute(f"PRAGMA {name}").fetchone()[0]
        for name in ("journal_mode", "foreign_keys", "busy_timeout", "synchronous", "secure_delete")
    }
    assert pragma == {
        "journal_mode": "wal",
        "foreign_keys": 1,
        "busy_timeout": 5000,
        "synchronous": 2,
        "secure_delete": 1,
    }


def test_an_old_database_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m003_sessions")
    old.execute(
        "INSERT INTO people (role, name, city, languages, sector, enrolled_on) "
        "VALUES ('mentee', 'Amina Benali', 'Gent', 'nl', 'zorg', '2024-01-01')"
    )
    old.conn.commit()
    old.close()
    db = dbmod.open_db(path)
    assert migrations.pending(db) == []
    assert db.execute("SELECT name FROM people").fetchone()[0] == "Amina Benali"
    assert "sessions" in db.table_names()


def test_a_newer_database_is_refused(cli, db_path):
    cli(*MENTEE)
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
        "VALUES ('mentorcli', 'm999_future', 'later')"
    )
    conn.commit()
    conn.close()
    result = cli("list", "mentees", code=1)
    assert "newer mentorcli" in result.stderr


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(cli, db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    db_path.write_text("name,city\nnot a database\n")
    result = cli(*MENTEE, code=1)
    assert "not a mentorcli database" in result.stderr
    assert db_path.read_text() == "name,city\nnot a database\n"


def test_another_apps_sqlite_database_is_refused(cli, db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(db_path)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    assert "not a mentorcli database" in cli(*MENTEE, code=1).stderr


def test_a_locked_database_exits_75_and_writes_nothing(cli, db_path, monkeypatch):
    cli(*MENTEE)
    # The same wait-then-give-up path as the default 5 s, in a tenth of a second.
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        args = list(MENTEE)
        args[args.index("Nour El Amrani")] = "Amina Benali"
        result = cli(*args, code=75)
        assert result.stderr.startswith("Error: ") and "locked" in result.stderr
        assert result.stderr.count("\n") == 1
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert count(db_path, "people") == 1


def test_read_only_database_is_a_clear_error(cli, db_path):
    # Root ignores file modes, so the read-only state comes from SQLite itself.
    cli(*MENTEE)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    with pytest.raises(sqlite3.OperationalError) as caught:
        conn.execute("INSERT INTO settings VALUES ('a', 'b')")
    conn.close()
    error = dbmod.translate(caught.value)
    assert str(error) == "the database is read-only: check the file's permissions"
    assert error.exit_code == 1


def test_a_failing_command_rolls_back_everything(tmp_path):
    db = dbmod.open_db(tmp_path / "x.db")
    with pytest.raises(MentorError):
        with dbmod.transaction(db):
            db.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
            raise MentorError("refused")
    assert db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_the_event_log_is_append_only(tmp_path):
    db = dbmod.open_db(tmp_path / "x.db")
    with dbmod.transaction(db):
        dbmod.log_event(db, "enrol", person_id=1)
    for statement in ("UPDATE events SET action = 'x'", "DELETE FROM events"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            db.execute(statement)


def test_month_arithmetic():
    import datetime as dt

    from mentorcli.core.clock import add_months

    assert add_months(dt.date(2025, 2, 1), 6) == dt.date(2025, 8, 1)
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2025, 12, 15), 1) == dt.date(2026, 1, 15)
