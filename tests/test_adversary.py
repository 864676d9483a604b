"""Regression tests from trying to break issue 11's promises as a hostile user would.

Each test names the attack that once worked; see the adversary report for the rest.
"""

from __future__ import annotations

import os
import stat

from conftest import MENTEE, MENTOR, count


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "internal error" not in lines[0], lines[0]
    return lines[0]


# --- the database path is something odd ---------------------------------------------------


def test_a_fifo_as_database_is_refused_and_its_mode_left_alone(cli, tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo, 0o644)
    for args in (["list", "mentors"], MENTEE):
        line = one_error_line(cli("--db", fifo, *args, code=1))
        assert "FIFO" in line and "not a database file" in line
    assert stat.S_IMODE(fifo.lstat().st_mode) == 0o644  # chmod 0600 of /dev/null as root …


def test_a_symlinked_database_protects_the_real_files_wal(cli, tmp_path):
    real = tmp_path / "real" / "mentorcli.db"
    real.parent.mkdir()
    cli("--db", real, *MENTEE)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    # SQLite names the WAL after the file the link points to; while the command runs,
    # real/mentorcli.db-wal is the live WAL and must never be replaced by a stats file.
    for companion in ("", "-wal", "-shm"):
        target = real.with_name(real.name + companion)
        line = one_error_line(cli("--db", link, "stats", "--output", target, code=1))
        assert "the database itself" in line
    assert count(real, "people") == 1


def test_a_missing_folder_for_db_is_refused_not_created(cli, tmp_path):
    where = tmp_path / "media" / "usb" / "mentorcli.db"
    line = one_error_line(cli("--db", where, *MENTEE, code=1))
    assert "does not exist" in line
    assert not (tmp_path / "media").exists()


def test_only_the_default_data_folder_is_created(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("MENTORCLI_DB")
    cli(*MENTEE)
    folder = tmp_path / "xdg" / "mentorcli"
    assert count(folder / "mentorcli.db", "people") == 1
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700



# --- file names the system refuses ------------------------------------------------------


def test_a_file_name_too_long_is_one_clear_line(cli, db_path):
    cli(*MENTEE)
    long_name = "a" * 300 + ".db"
    for args in (
        ["backup", long_name],
        ["restore", "--yes", long_name],
        ["demo", "--db", long_name],
        ["--db", long_name, "list", "mentors"],
        ["import", long_name + ".csv", "--role", "mentee"],
    ):
        line = one_error_line(cli(*args, code=None))
        assert "too long" in line, (args, line)
    assert count(db_path, "people") == 1
