"""Files the tool writes or deletes: backups, exports, stats files and the database itself."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import sys
from pathlib import Path

from conftest import MENTEE, MENTOR, count


def actions(db_path: Path) -> list[str]:
    return [row[0] for row in _query(db_path, "SELECT action FROM events ORDER BY id")]


def events(db_path: Path) -> list[tuple]:
    return _query(db_path, "SELECT * FROM events ORDER BY id")


def _query(db_path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "internal error" not in lines[0]
    return lines[0]


def dated(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.name.startswith("mentorcli-20"))


# --- backup --keep deletes only its own backups ------------------------------------------


def test_backup_keep_never_deletes_a_live_database_in_the_folder(cli, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    live = folder / "mentorcli-demo.db"
    cli("--db", live, *MENTEE)
    cli("--db", live, "backup", folder, "--keep", "1")
    cli("--db", live, "backup", folder, "--keep", "1")
    assert live.exists() and count(live, "people") == 1
    assert len(dated(folder)) == 1


def test_backup_keep_never_deletes_a_live_database_with_a_dated_name(cli, tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir()
    live = folder / "mentorcli-2001-01-01T000000.db"  # the oldest "backup" in the folder
    cli("--db", live, *MENTEE)
    os.utime(live, (1_000_000_000, 1_000_000_000))
    cli("--db", live, "backup", folder, "--keep", "1")
    assert live.exists() and count(live, "people") == 1


def test_backup_keep_leaves_files_that_are_not_its_backups(cli, db_path, tmp_path):
    cli(*MENTEE)
    folder = db_path.parent / "backups"
    folder.mkdir()
    junk = folder / "mentorcli-2001-01-01T000000.db"  # its name, but not a backup
    junk.write_bytes(b"a coordinator's own notes")
    notes = folder / "mentorcli-notes.db"
    notes.write_bytes(b"other")
    other = folder / "mentorcli-2001-01-02T000000.db"
    sqlite3.connect(other).execute("CREATE TABLE x (y)").connection.commit()
    for path in (junk, notes, other):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    for _ in range(3):
        cli("backup", "--keep", "1")
    assert junk.read_bytes() == b"a coordinator's own notes"
    assert notes.read_bytes() == b"other" and other.exists()
    assert len(dated(folder)) == 3  # two foreign files and the one backup kept


def test_backup_keep_rotates_only_after_the_new_backup_is_done(cli, db_path, monkeypatch):
    from mentorcli.store import db as dbmod

    cli(*MENTEE)
    cli("backup")
    cli("backup")
    folder = db_path.parent / "backups"
    before = dated(folder)
    assert len(before) == 2
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 100)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing: the backup fails
    try:
        result = cli("backup", "--keep", "1", code=75)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    one_error_line(result)
    assert dated(folder) == before


# --- one writer: a fresh temporary name, no symlink followed, no special file replaced ---


def test_a_symlink_planted_at_the_temporary_name_is_not_followed(cli, tmp_path):
    cli(*MENTEE)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    (tmp_path / "stats.csv.part").symlink_to(victim)
    cli("stats", "--format", "csv", "--output", tmp_path / "stats.csv")
    assert victim.read_text() == "precious"
    written = tmp_path / "stats.csv"
    assert written.is_file() and not written.is_symlink()
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    out = tmp_path / "out"
    out.mkdir()
    (out / "people.csv.part").symlink_to(victim)
    cli("export", "--format", "csv", "--output", out)
    assert victim.read_text() == "precious"


def test_a_symlink_at_the_target_is_refused_and_not_followed(cli, tmp_path):
    cli(*MENTEE)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious")
    link = tmp_path / "stats.csv"
    link.symlink_to(victim)
    one_error_line(cli("stats", "--output", link, code=1))
    assert victim.read_text() == "precious" and link.is_symlink()
    backup_link = tmp_path / "copy.db"
    backup_link.symlink_to(victim)
    one_error_line(cli("backup", backup_link, code=1))
    assert victim.read_text() == "precious" and backup_link.is_symlink()


def _special_files(tmp_path: Path) -> dict[str, Path]:
    special = tmp_path / "special"
    special.mkdir()
    fifo = special / "pipe"
    os.mkfifo(fifo)
    folder = special / "folder"
    folder.mkdir()
    found = {"fifo": fifo, "folder": folder}
    try:  # a copy of /dev/null's device node: never risk the real one in a test
        os.mknod(special / "null", stat.S_IFCHR | 0o600, os.makedev(1, 3))
        found["device"] = special / "null"
    except (PermissionError, AttributeError):
        pass
    return found


def _kind(path: Path) -> int:
    return stat.S_IFMT(path.lstat().st_mode)


def test_a_device_fifo_or_folder_as_target_is_refused(cli, tmp_path):
    cli(*MENTEE)
    for name, path in _special_files(tmp_path).items():
        kind = _kind(path)
        tries = [["stats", "--output", path]]
        if name != "folder":  # a folder is where `backup` writes a dated file
            tries.append(["backup", path])
        for args in tries:
            line = one_error_line(cli(*args, code=1))
            assert "not a regular file" in line or "folder" in line, line
            assert _kind(path) == kind
    assert not list((tmp_path / "special" / "folder").iterdir())


def test_stats_output_empty_is_one_clear_line(cli, tmp_path):
    cli(*MENTEE)
    result = cli("stats", "--output", "", code=None)
    assert result.exit_code in (1, 2)
    one_error_line(result)


def test_the_live_database_is_never_overwritten_by_a_file_the_tool_writes(cli, db_path):
    cli(*MENTEE)
    before = count(db_path, "people")
    one_error_line(cli("stats", "--format", "json", "--output", db_path, code=1))
    wal = db_path.with_name(db_path.name + "-wal")
    one_error_line(cli("backup", wal, code=1))
    assert count(db_path, "people") == before
    cli("list", "mentees")


# --- a destination folder that does not exist is refused ----------------------------------


def test_a_missing_destination_folder_is_refused_not_created(cli, db_path, tmp_path):
    cli(*MENTEE)
    usb = tmp_path / "media" / "usb"  # an unmounted stick: the mount point is missing
    usb.parent.mkdir()
    line = one_error_line(cli("backup", usb, code=1))
    assert "does not exist" in line
    one_error_line(cli("backup", usb / "mentorcli.db", code=1))
    one_error_line(cli("export", "--format", "csv", "--output", usb, code=1))
    one_error_line(cli("export", "--output", usb, code=1))
    one_error_line(cli("stats", "--output", usb / "stats.csv", code=1))
    assert not usb.exists()
    assert actions(db_path) == ["enrol"]
    cli("backup")  # the tool's own folder beside the database is created
    assert len(dated(db_path.parent / "backups")) == 1


# --- exports log an event only when their files were written -------------------------------


def test_a_failed_export_leaves_the_event_log_and_the_folder_as_they_were(cli, db_path, tmp_path):
    cli(*MENTEE)
    out = tmp_path / "out"
    out.mkdir()
    os.mkfifo(out / "trajectories.csv")  # one of the files cannot be written
    before = events(db_path)
    one_error_line(cli("export", "--format", "csv", "--output", out, code=1))
    assert events(db_path) == before
    assert sorted(p.name for p in out.iterdir()) == ["trajectories.csv"]  # nothing half done
    (out / "trajectories.csv").unlink()
    cli("export", "--format", "csv", "--output", out)
    assert actions(db_path)[-1] == "export"


# --- restore keeps every replaced database ---------------------------------------------------


def test_two_restores_in_the_same_second_keep_both_replaced_files(cli, db_path, monkeypatch):
    from mentorcli.store import backup as backups

    cli(*MENTEE)
    cli("backup")
    [made] = dated(db_path.parent / "backups")
    original = backups.restore
    same_second = dt.datetime(2025, 6, 1, 9, 15, 0)

    def pinned(*args, **kwargs):
        return original(*args, **{**kwargs, "now": same_second})

    monkeypatch.setattr(backups, "restore", pinned)
    cli(*MENTOR)
    cli("restore", made, "--yes")
    cli(*MENTOR)
    cli("restore", made, "--yes")
    kept = sorted(db_path.parent.glob(f"{db_path.name}.replaced-*"))
    assert len(kept) == 2
    assert {count(p, "people") for p in kept} == {2}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in kept)


# --- a read-only database stays read-only ------------------------------------------------------


def test_a_read_only_database_reads_but_refuses_writes_and_stays_read_only(cli, tmp_path):
    path = tmp_path / "archive" / "mentorcli.db"
    path.parent.mkdir()
    cli("--db", path, *MENTEE)
    path.chmod(0o400)
    content = path.read_bytes()
    assert "Nour El Amrani" in cli("--db", path, "list", "mentees").stdout
    cli("--db", path, "stats")
    cli("--db", path, "list", "mentees")  # again, now that SQLite left its -shm beside it
    for args in (
        MENTOR,
        ["backup"],
        ["export", "--format", "csv", "--output", tmp_path],
        ["stats", "--output", tmp_path / "stats.csv"],
    ):
        line = one_error_line(cli("--db", path, *args, code=1))
        assert "the database file is read-only (mode 0400)" in line, line
    assert stat.S_IMODE(path.stat().st_mode) == 0o400
    assert path.read_bytes() == content
    assert not (path.parent / "backups").exists() and not (tmp_path / "stats.csv").exists()
    assert not (tmp_path / "people.csv").exists()
    path.chmod(0o600)  # made writable again by its owner: every command works
    cli("--db", path, *MENTOR)
    assert count(path, "people") == 2


def test_a_read_only_database_with_changes_still_in_its_wal_reads_them(cli, db_path, tmp_path):
    cli(*MENTEE)
    writer = sqlite3.connect(db_path)
    writer.execute("PRAGMA wal_autocheckpoint = 0")
    writer.execute("UPDATE people SET name = 'Nour Only In The Wal'")
    writer.commit()
    archive = tmp_path / "archive"
    archive.mkdir()
    for suffix in ("", "-wal"):  # as a crash would leave them: the change not yet checkpointed
        copy = archive / f"mentorcli.db{suffix}"
        copy.write_bytes(db_path.with_name(db_path.name + suffix).read_bytes())
        copy.chmod(0o400)
    writer.close()
    path = archive / "mentorcli.db"
    assert "Nour Only In The Wal" in cli("--db", path, "list", "mentees").stdout
    line = one_error_line(cli("--db", path, "edit", "1", "--city", "Antwerpen", code=1))
    assert "read-only (mode 0400)" in line
    assert stat.S_IMODE(path.stat().st_mode) == 0o400
    assert stat.S_IMODE((archive / "mentorcli.db-wal").stat().st_mode) == 0o400


# --- no internal errors -----------------------------------------------------------------------


def test_a_passphrase_that_is_not_utf8_is_one_clear_line(cli, db_path, tmp_path, monkeypatch):
    from mentorcli.ui import prompts

    cli(*MENTEE)
    target = tmp_path / "b.db.enc"
    monkeypatch.setenv("MENTORCLI_BACKUP_PASSPHRASE", "caf\udce9")  # bytes b"caf\xe9"
    one_error_line(cli("backup", target, "--encrypt", code=None))
    assert not target.exists()
    monkeypatch.delenv("MENTORCLI_BACKUP_PASSPHRASE")
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "ask_password", lambda label: "\udcff\udcfe")
    result = cli("backup", target, "--encrypt", code=None)
    assert result.exit_code in (1, 2)
    one_error_line(result)
    monkeypatch.setattr(prompts, "ask_password", lambda label: "right")
    cli("backup", target, "--encrypt")
    monkeypatch.setenv("MENTORCLI_BACKUP_PASSPHRASE", "caf\udce9")
    result = cli("restore", target, "--yes", code=None)
    assert result.exit_code in (1, 2)
    one_error_line(result)
    assert actions(db_path) == ["enrol", "backup"]


def test_encrypt_without_the_cryptography_package_says_what_to_install(
    cli, db_path, tmp_path, monkeypatch
):
    cli(*MENTEE)
    monkeypatch.setenv("MENTORCLI_BACKUP_PASSPHRASE", "correct horse")
    target = tmp_path / "b.db.enc"
    cli("backup", target, "--encrypt")
    for name in [n for n in sys.modules if n == "cryptography" or n.startswith("cryptography.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.setitem(sys.modules, "cryptography", None)
    again = tmp_path / "again.db.enc"
    line = one_error_line(cli("backup", again, "--encrypt", code=1))
    assert "pip install 'mentorcli[encryption]'" in line
    assert not again.exists()
    line = one_error_line(cli("restore", target, "--yes", code=1))
    assert "pip install 'mentorcli[encryption]'" in line
    assert count(db_path, "people") == 1
