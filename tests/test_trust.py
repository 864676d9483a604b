"""Trust: crashes, concurrency, backups, erasure, audit, permissions, hostile input."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import MENTEE, MENTOR, count

WRITER = Path(__file__).with_name("writer.py")


def duo(cli):
    cli(*MENTEE, "--enrolled-on", "2025-01-01", "--email", "nour@example.org")
    cli(*MENTOR, "--enrolled-on", "2025-01-01")
    return cli.json("match", "--apply", "--start-date", "2025-02-01")["pairs"][0]["trajectory_id"]


def check_file(db_path: Path) -> None:
    conn = sqlite3.connect(db_path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        # no half-written trajectory or session: every session has its trajectory and a
        # positive duration, every closed trajectory its outcome (CHECKs say so too)
        assert (
            conn.execute(
                "SELECT count(*) FROM sessions s LEFT JOIN trajectories t "
                "ON t.id = s.trajectory_id WHERE t.id IS NULL"
            ).fetchone()[0]
            == 0
        )
    finally:
        conn.close()


def wait_ready(log: Path, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if log.exists() and "ready" in log.read_text():
            return
        time.sleep(0.005)
    raise AssertionError("writer did not start")


class ForkServer:
    """writer.py: the imports paid once, then a writer forked per kill."""

    def __init__(self) -> None:
        env = {**os.environ, "PYTHONPATH": str(WRITER.parent)}
        self.process = subprocess.Popen(
            [sys.executable, str(WRITER)],
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def ask(self, line: str) -> str:
        assert self.process.stdin and self.process.stdout
        self.process.stdin.write(line + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def start(self, db_path, log, trajectory, seed) -> int:
        return int(self.ask(f"start {db_path} {log} {trajectory} {seed}"))

    def reap(self, pid: int) -> None:
        assert self.ask(f"reap {pid}") == "dead"

    def close(self) -> None:
        assert self.process.stdin
        self.process.stdin.close()
        self.process.wait(timeout=30)


def test_sigkill_at_random_moments_loses_nothing_reported(cli, db_path, tmp_path):
    trajectory = duo(cli)
    reader_stop = tmp_path / "stop"
    reader_log = tmp_path / "reader.log"
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(db_path), str(reader_stop), str(reader_log)]
    )
    server = ForkServer()
    rng = random.Random(20251122)
    reported: dict[str, set[int]] = {"person": set(), "session": set()}
    try:
        for kill in range(50):
            log = tmp_path / f"writer-{kill}.log"
            writer = server.start(db_path, log, trajectory, kill)
            wait_ready(log)
            # A write takes about 20 ms: the kill lands anywhere in the first half-dozen.
            time.sleep(rng.uniform(0.005, 0.12))
            os.kill(writer, signal.SIGKILL)
            server.reap(writer)
            for line in log.read_text().splitlines():
                kind, _, value = line.partition(" ")
                assert kind != "error", line
                if kind in reported:
                    reported[kind].add(int(value))
            check_file(db_path)
    finally:
        server.close()
        reader_stop.touch()
        reader.wait(timeout=30)
    conn = sqlite3.connect(db_path)
    people = {r[0] for r in conn.execute("SELECT id FROM people")}
    sessions = {r[0] for r in conn.execute("SELECT id FROM sessions")}
    conn.close()
    assert reported["person"] and reported["session"]
    assert reported["person"] <= people
    assert reported["session"] <= sessions
    reads = reader_log.read_text().split()
    assert reads[0] == "reads" and int(reads[1]) > 10 and reads[2:] == ["errors", "0"]


READER = r"""
import sys, os, time, sqlite3
db, stop, log = sys.argv[1:4]
reads = errors = 0
while not os.path.exists(stop):
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        conn.execute("SELECT count(*) FROM people").fetchone()
        conn.execute("SELECT count(*), sum(minutes) FROM sessions").fetchone()
        conn.close()
        reads += 1
    except sqlite3.Error:
        errors += 1
    time.sleep(0.01)
open(log, "w").write(f"reads {reads} errors {errors}")
"""


def test_two_writers_at_once_never_fail_with_locked(cli, db_path, tmp_path):
    trajectory = duo(cli)
    logs = [tmp_path / f"w{i}.log" for i in range(2)]
    server = ForkServer()
    try:
        writers = [server.start(db_path, log, trajectory, 100 + i) for i, log in enumerate(logs)]
        for log in logs:
            wait_ready(log)

        def written(log: Path) -> int:
            lines = log.read_text().splitlines()
            return sum(line.startswith(("person", "session")) for line in lines)

        # Both write at once until each has landed thirty commands (under a second).
        deadline = time.monotonic() + 60
        while min(written(log) for log in logs) < 30 and time.monotonic() < deadline:
            time.sleep(0.01)
        for writer in writers:
            os.kill(writer, signal.SIGTERM)
            server.reap(writer)
    finally:
        server.close()
    lines = [line for log in logs for line in log.read_text().splitlines()]
    assert not [line for line in lines if line.startswith("error")]
    assert sum(line.startswith(("person", "session")) for line in lines) >= 60
    check_file(db_path)


def test_backups_and_exports_are_private_under_umask_022(cli, db_path, tmp_path):
    duo(cli)
    old = os.umask(0o022)
    (tmp_path / "out").mkdir()  # an export folder must exist: a missing one may be unmounted
    try:
        cli("backup")
        cli("export", "--format", "csv", "--output", tmp_path / "out")
        cli("stats", "--format", "json", "--output", tmp_path / "stats.json")
    finally:
        os.umask(old)
    [made] = (db_path.parent / "backups").iterdir()
    assert stat.S_IMODE(made.stat().st_mode) == 0o600
    assert stat.S_IMODE(made.parent.stat().st_mode) == 0o700
    for path in [*(tmp_path / "out").iterdir(), tmp_path / "stats.json"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_backup_is_verified_rotated_and_restorable(cli, db_path, tmp_path):
    duo(cli)
    for _ in range(3):
        cli("backup", "--keep", "2")
    backups = sorted((db_path.parent / "backups").iterdir())
    assert len(backups) == 2
    conn = sqlite3.connect(backups[-1])
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 2
    conn.close()
    cli(
        "enrol",
        "mentee",
        "--name",
        "Later Person",
        "--city",
        "Gent",
        "--languages",
        "nl",
        "--sector",
        "zorg",
    )
    assert count(db_path, "people") == 3
    assert "--yes" in cli("restore", backups[-1], code=2).stderr
    result = cli("restore", backups[-1], "--yes")
    assert count(db_path, "people") == 2
    aside = Path(result.stderr.split("kept as ")[1].strip().rstrip("."))
    assert aside.exists() and stat.S_IMODE(aside.stat().st_mode) == 0o600
    conn = sqlite3.connect(aside)
    assert conn.execute("SELECT count(*) FROM people").fetchone()[0] == 3
    conn.close()


def test_restore_refuses_a_bad_file_and_changes_nothing(cli, db_path, tmp_path):
    duo(cli)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    result = cli("restore", junk, "--yes", code=1)
    assert "cannot be restored" in result.stderr and "nothing was changed" in result.stderr
    assert "not a backup file" in cli("restore", tmp_path, "--yes", code=1).stderr
    assert "the database itself" in cli("restore", db_path, "--yes", code=1).stderr
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    assert "not a mentorcli database" in cli("restore", other, "--yes", code=1).stderr
    assert count(db_path, "people") == 2


def test_encrypted_backup(cli, db_path, tmp_path, monkeypatch):
    duo(cli)
    target = tmp_path / "usb" / "backup.db.enc"
    target.parent.mkdir()
    assert "PASSPHRASE" in cli("backup", target, "--encrypt", code=2).stderr
    monkeypatch.setenv("MENTORCLI_BACKUP_PASSPHRASE", "correct horse battery staple")
    cli("backup", target, "--encrypt")
    data = target.read_bytes()
    # Needles long enough that random ciphertext cannot hold them by chance ("Nour" alone
    # turned up in the base64 text about once in two hundred runs).
    assert b"nour@example.org" not in data and b"SQLite format 3" not in data
    monkeypatch.setenv("MENTORCLI_BACKUP_PASSPHRASE", "wrong")
    assert "wrong passphrase" in cli("restore", target, "--yes", code=1).stderr
    monkeypatch.setenv("MENTORCLI_BACKUP_PASSPHRASE", "correct horse battery staple")
    cli("restore", target, "--yes")
    assert count(db_path, "people") == 2


def test_doctor_is_happy_on_a_sound_file_and_fails_on_a_damaged_copy(cli, db_path, tmp_path):
    duo(cli)
    cli("edit", "1", "--consent-on", "2025-01-01")
    cli("edit", "2", "--consent-on", "2025-01-01")
    result = cli("doctor")
    assert "PROBLEM" not in result.stdout and "quick_check: ok" in result.stdout
    checks = {c["check"]: c["ok"] for c in cli.json("doctor")}
    assert all(checks.values()) and {"permissions", "schema", "consent"} <= set(checks)
    damaged = tmp_path / "damaged.db"
    cli("backup", damaged)
    data = bytearray(damaged.read_bytes())
    for offset in range(4096 + 100, len(data), 997):  # every page but the header
        data[offset] ^= 0xFF
    damaged.write_bytes(bytes(data))
    damaged.chmod(0o600)
    bad = cli("--db", damaged, "doctor", code=1)
    assert "PROBLEM" in bad.stdout, bad.stderr


def test_doctor_lists_missing_consent_loose_permissions_and_stale_backups(cli, db_path):
    duo(cli)
    cli("backup")
    db_path.chmod(0o644)
    result = cli("doctor", code=1)
    assert "PROBLEM  permissions" in result.stdout
    assert "2 person(s) without a consent date: 1, 2" in result.stdout
    db_path.chmod(0o600)
    cli("forget", "1", "--yes")
    [backup] = (db_path.parent / "backups").iterdir()
    assert f"still hold erased data: make a new backup, then delete them ({backup.name})" in (
        " ".join(cli("doctor", code=1).stdout.split())  # a long line wraps at 80 columns
    )


def test_forget_erases_physically_and_keeps_the_statistics(cli, db_path, monkeypatch):
    trajectory = duo(cli)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")
    cli(
        "log-session",
        str(trajectory),
        "--hours",
        "2",
        "--date",
        "2025-03-01",
        "--note",
        "Talked about Kenitra harbour",
    )
    cli(
        "close",
        str(trajectory),
        "--outcome",
        "job",
        "--contract",
        "permanent",
        "--reason",
        "job-found",
        "--date",
        "2025-05-01",
        "--note",
        "Hired by Zuidhaven",
    )
    before = cli.json("stats", "--year", "2025")
    assert "--yes" in cli("forget", "Nour El Amrani", code=2).stderr
    cli("forget", "Nour El Amrani", "--yes")
    after = cli.json("stats", "--year", "2025")
    assert before == after
    person = cli.json("show", "1")
    assert person["name"] == "erased person 1" and person["email"] is None
    assert person["origin_country"] is None and person["origin_region"] == "Northern Africa"
    files = [db_path, db_path.with_name(db_path.name + "-wal")]
    for secret in (b"Nour El Amrani", b"nour@example.org", b"Kenitra", b"Zuidhaven"):
        for path in files:
            if path.exists():
                assert secret not in path.read_bytes(), (secret, path)
    assert "already erased" in cli("forget", "1", "--yes", code=1).stderr
    assert [e["action"] for e in cli.json("log", "--person", "1")][0] == "forget"


def test_purge_forgets_people_past_the_retention_period(cli, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2015-01-10")
    cli(*MENTEE, "--enrolled-on", "2015-01-01")
    cli("withdraw", "1")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")
    cli(*MENTOR)
    listed = cli("purge", "--older-than", "7", "--dry-run").stdout
    assert "Nour El Amrani" in listed and "Griet" not in listed
    assert cli.json("show", "1")["name"] == "Nour El Amrani"
    cli("purge", "--yes")
    assert cli.json("show", "1")["name"] == "erased person 1"
    assert cli.json("show", "2")["name"] == "Griet Peeters"


def test_show_json_is_the_subject_access_export(cli):
    trajectory = duo(cli)
    cli(
        "log-session",
        str(trajectory),
        "--minutes",
        "90",
        "--note",
        "CV done",
        "--date",
        "2025-03-01",
    )
    record = cli.json("show", "nour")
    assert record["email"] == "nour@example.org"
    [t] = record["trajectories"]
    assert t["session_log"][0]["note"] == "CV done"
    assert {e["action"] for e in record["events"]} >= {"enrol", "match", "session"}


def test_the_log_records_exports_and_holds_no_personal_text(cli, db_path):
    trajectory = duo(cli)
    cli(
        "log-session",
        str(trajectory),
        "--minutes",
        "90",
        "--note",
        "secret note",
        "--date",
        "2025-03-01",
    )
    cli("export")
    actions = [e["action"] for e in cli.json("log", "--limit", "0")]
    assert actions[0] == "export" and "enrol" in actions and "match" in actions
    conn = sqlite3.connect(db_path)
    text = json.dumps(conn.execute("SELECT * FROM events").fetchall())
    conn.close()
    for secret in ("secret note", "Nour", "nour@example.org", "MA"):
        assert secret not in text


def test_a_full_disk_is_a_clear_error_and_the_file_is_untouched(cli, db_path, monkeypatch):
    duo(cli)
    before = db_path.read_bytes()
    from mentorcli.store import db as dbmod

    original = dbmod._configure

    def tiny(db):
        original(db)
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        db.execute(f"PRAGMA max_page_count = {pages}")

    monkeypatch.setattr(dbmod, "_configure", tiny)
    result = cli(
        "import", _big_csv(db_path.parent), "--role", "mentee", "--allow-duplicate", code=1
    )
    assert "disk is full" in result.stderr
    monkeypatch.setattr(dbmod, "_configure", original)
    assert count(db_path, "people") == 2
    check_file(db_path)
    assert len(before) > 0


def _big_csv(folder: Path) -> Path:
    path = folder / "many.csv"
    rows = [f"Person Number {i} {'x' * 200},Gent,nl,zorg" for i in range(400)]
    path.write_text("name,city,languages,sector\n" + "\n".join(rows) + "\n")
    return path


@pytest.mark.parametrize(
    "name",
    ["Zoë D'Hondt", "Nour Al-Hassan", "نور الأمراني", "Ольга Коваленко", "Jean-Pierre N'Diaye"],
)
def test_names_in_any_script_survive_a_round_trip(cli, tmp_path, name):
    cli(
        "enrol",
        "mentee",
        "--name",
        name,
        "--city",
        "Liège",
        "--languages",
        "ar,fr",
        "--sector",
        "soins",
    )
    assert cli.json("show", name)["name"] == name
    cli("export", "--format", "csv", "--output", tmp_path)
    people = (tmp_path / "people.csv").read_text(encoding="utf-8")
    assert name in people
    reimport = tmp_path / "again.csv"
    reimport.write_text(
        f'name,city,languages,sector\n"{name}",Liège,"ar,fr",soins\n', encoding="utf-8"
    )
    cli("--db", tmp_path / "other.db", "import", reimport, "--role", "mentee")
    assert cli.json("--db", tmp_path / "other.db", "show", "1")["name"] == name


def test_ten_megabytes_of_junk_is_refused_cleanly(cli, tmp_path, db_path):
    junk = tmp_path / "junk.csv"
    random_bytes = random.Random(1).randbytes(10 * 1024 * 1024)
    junk.write_bytes(random_bytes)
    result = cli("import", junk, "--role", "mentee", code=1)
    assert result.stderr.startswith("Error: ") and count(db_path, "people") == 0
    text_junk = tmp_path / "text.csv"
    text_junk.write_text("lorem;ipsum\n" + "dolor;sit\n" * 500_000)
    result = cli("import", text_junk, "--role", "mentee", code=1)
    assert "unknown column" in result.stderr and count(db_path, "people") == 0
