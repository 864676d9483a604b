"""Regression tests from trying to break issue 11's promises as a hostile user would.

Each test names the attack that once worked; see the adversary report for the rest.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from pathlib import Path

import pytest
from conftest import MENTEE, MENTOR, count


def one_error_line(result) -> str:
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "internal error" not in lines[0], lines[0]
    return lines[0]


# --- the database path is something odd ---------------------------------------------------


def test_a_fifo_as_database_is_refused_and_its_mode_left_alone(cli, tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    os.chmod(fifo, 0o644)  # whatever umask an earlier in-process command left
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


# --- Ctrl-C -----------------------------------------------------------------------------


def _events(db_path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT action FROM events ORDER BY id")]
    finally:
        conn.close()


def test_ctrl_c_during_a_backup_says_so_and_leaves_no_unlogged_backup(
    cli, db_path, tmp_path, monkeypatch
):
    from mentorcli.store import backup as backups

    cli(*MENTEE)
    folder = tmp_path / "usb"
    folder.mkdir()

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(backups, "_verify_bytes", interrupted)  # the file is written by then
    line = one_error_line(cli("backup", folder, code=130))
    assert "interrupted" in line
    assert list(folder.iterdir()) == []
    assert "backup" not in _events(db_path)


def test_a_backup_that_fails_its_check_is_not_left_as_a_backup(cli, db_path, tmp_path, monkeypatch):
    from mentorcli.core.errors import MentorError
    from mentorcli.store import backup as backups

    cli(*MENTEE)
    folder = tmp_path / "usb"
    folder.mkdir()

    def damaged(*args, **kwargs):
        raise MentorError("integrity check failed")

    monkeypatch.setattr(backups, "_verify_bytes", damaged)
    line = one_error_line(cli("backup", folder, code=1))
    assert "failed its check" in line
    assert list(folder.iterdir()) == []  # a later --keep would count it as a good backup


# --- doctor -----------------------------------------------------------------------------


def test_doctor_reads_a_database_whose_name_holds_uri_characters(cli, tmp_path):
    folder = tmp_path / "odd"
    folder.mkdir()
    path = folder / "we?ird#1%41.db"
    cli("--db", path, *MENTEE, "--consent-on", "2025-01-01")
    result = cli("--db", path, "doctor", "--format", "json")
    checks = {c["check"]: c for c in json.loads(result.stdout)}
    assert checks["schema"]["ok"], checks["schema"]
    stray = [p.name for p in folder.iterdir() if not p.name.startswith(path.name)]
    assert stray == []  # not an empty file "we" opened instead


def test_doctor_accepts_a_read_only_0400_database(cli, db_path):
    cli(*MENTEE, "--consent-on", "2025-01-01")
    db_path.chmod(0o400)
    checks = {c["check"]: c for c in cli.json("doctor")}
    assert checks["permissions"]["ok"], checks["permissions"]


def test_doctor_closes_its_connection_when_a_check_fails(cli, db_path, monkeypatch):
    from mentorcli.privacy import doctor as checks

    cli(*MENTEE)
    opened = []
    real = checks.connect_read_only

    def spy(path):
        conn = real(path)
        opened.append(conn)
        return conn

    def broken(*args, **kwargs):
        raise sqlite3.DatabaseError("disk I/O error")

    monkeypatch.setattr(checks, "connect_read_only", spy)
    monkeypatch.setattr(checks, "_gdpr_checks", broken)
    cli("doctor", code=1)
    assert opened
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        opened[0].execute("SELECT 1")


# --- import of odd files ----------------------------------------------------------------


def test_import_refuses_a_fifo_or_device_instead_of_reading_forever(cli, db_path, tmp_path):
    cli(*MENTEE)
    fifo = tmp_path / "people.csv"
    os.mkfifo(fifo)
    for source in (fifo, Path("/dev/zero")):
        line = one_error_line(cli("import", source, "--role", "mentee", code=1))
        assert "not a regular file" in line
    assert count(db_path, "people") == 1


def test_import_of_too_many_rows_is_refused_before_the_duplicate_check(
    cli, db_path, tmp_path, monkeypatch
):
    from mentorcli.people import importer

    monkeypatch.setattr(importer, "MAX_ROWS", 3)
    source = tmp_path / "people.csv"
    rows = "".join(f"Person{i} Name{i},Gent,nl,logistiek\n" for i in range(4))
    source.write_text("name,city,languages,sector\n" + rows)
    line = one_error_line(cli("import", source, "--role", "mentee", "--dry-run", code=1))
    assert "4 people" in line and "at most 3" in line
    source.write_text("name,city,languages,sector\n" + rows.split("\n", 1)[1])
    cli("import", source, "--role", "mentee")
    assert count(db_path, "people") == 3


# --- names that cannot be seen or would be read as something else -----------------------

BASE = ["enrol", "mentee", "--city", "Gent", "--languages", "nl", "--sector", "zorg"]


@pytest.mark.parametrize(
    "name",
    [
        "\u0301\u0301",  # combining accents only
        "\u200b",  # zero-width space only
        "\ufeff",  # byte order mark only
        "\u180e",  # Mongolian vowel separator
        "-- .",  # punctuation only
    ],
)
def test_a_name_without_a_letter_is_refused(cli, db_path, name):
    line = one_error_line(cli(*BASE, "--name", name, code=2))
    assert "--name" in line
    assert count(db_path, "people") == 0


@pytest.mark.parametrize(
    "name", ["A\u202eB Cohen", "\u2066Sara\u2069 Levi", "Sara\u200fLevi", "Sa\u200bra Levi"]
)
def test_bidi_overrides_and_invisible_characters_are_refused_in_names(cli, db_path, name):
    line = one_error_line(cli(*BASE, "--name", name, code=2))
    assert "invisible" in line and "U+20" in line
    assert count(db_path, "people") == 0


def test_bidi_override_is_refused_in_a_mail_header(cli):
    cli(*MENTEE)
    line = one_error_line(cli("remind", "--mail-to", "a\u202e@example.org", code=2))
    assert "invisible" in line


@pytest.mark.parametrize(
    "name",
    ["\u0645\u06cc\u200c\u0631\u0627 \u0627\u062d\u0645\u062f\u06cc", "Ravi\u200dKumar Shah"],
)
def test_joiners_that_scripts_need_stay_allowed(cli, db_path, name):
    cli(*BASE, "--name", name)
    assert count(db_path, "people") == 1


@pytest.mark.parametrize("name", ["123", "#7", " 0041 ", "99999999999999999999999"])
def test_a_name_that_would_be_read_as_an_id_is_refused(cli, db_path, name):
    line = one_error_line(cli(*BASE, "--name", name, code=2))
    assert "id" in line
    assert count(db_path, "people") == 0


# --- the event log says what happened, once ---------------------------------------------


def test_forbidding_an_already_forbidden_pair_logs_nothing_new(cli, db_path):
    cli(*MENTEE)
    cli(*MENTOR)
    cli("match", "--forbid", "1:2", "--format", "json")
    cli("match", "--forbid", "1:2", "--format", "json")
    assert _events(db_path).count("forbid") == 1


def test_log_limit_beyond_the_database_range_is_a_usage_error(cli):
    cli(*MENTEE)
    line = one_error_line(cli("log", "--limit", str(2**63), code=2))
    assert "--limit" in line


# --- a command that writes nothing creates no database ---------------------------------


def test_import_dry_run_on_a_missing_database_checks_and_creates_nothing(cli, db_path, tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("name,city,languages,sector\nAmina Benali,Gent,nl,zorg\n")
    result = cli("import", source, "--role", "mentee", "--dry-run")
    assert "1 mentee(s) would be imported" in result.stderr
    assert not db_path.exists()
    source.write_text("name,city,languages,sector\nAmina Benali,Gent,xx,zorg\n")
    cli("import", source, "--role", "mentee", "--dry-run", code=1)
    assert not db_path.exists()


def test_config_show_on_a_missing_database_shows_the_defaults_and_creates_nothing(cli, db_path):
    rows = {r["key"]: r for r in cli.json("config", "show")}
    assert rows["trajectory.months"]["value"] == 6
    assert not db_path.exists()


def test_a_refused_restore_on_a_missing_database_creates_nothing(cli, db_path, tmp_path):
    junk = tmp_path / "junk.db"
    junk.write_text("name,city\n")
    line = one_error_line(cli("restore", "--yes", junk, code=1))
    assert "cannot be restored" in line
    assert not db_path.exists()


def test_restore_onto_a_missing_database_still_works(cli, db_path, tmp_path):
    cli(*MENTEE)
    cli("backup", tmp_path)
    [made] = tmp_path.glob("mentorcli-20*.db")
    for path in db_path.parent.iterdir():
        path.unlink()
    cli("restore", "--yes", made)
    assert count(db_path, "people") == 1


# --- restore while another process writes -----------------------------------------------


def test_a_change_committed_during_a_restore_is_never_lost(cli, db_path, tmp_path, monkeypatch):
    from mentorcli.privacy import gdpr

    cli(*MENTEE)
    cli("backup", tmp_path)
    [made] = tmp_path.glob("mentorcli-20*.db")
    original = gdpr.reapply_register

    def another_process_enrols(live, incoming):
        other = sqlite3.connect(db_path)
        other.execute(
            "INSERT INTO people (role, name, city, languages, sector, enrolled_on, capacity) "
            "VALUES ('mentor', 'Griet Peeters', 'Gent', 'nl', 'haven', '2025-05-01', 1)"
        )
        other.commit()
        other.close()
        return original(live, incoming)

    monkeypatch.setattr(gdpr, "reapply_register", another_process_enrols)
    result = cli("restore", "--yes", made, code=None)
    kept = [db_path, *db_path.parent.glob(f"{db_path.name}.replaced-*")]
    assert any(count(p, "people") == 2 for p in kept), result.stderr
    if result.exit_code != 0:
        assert result.exit_code == 75 and "try again" in one_error_line(result)
        assert not list(db_path.parent.glob(f"{db_path.name}.replaced-*"))


def test_a_restore_refused_while_preparing_leaves_no_replaced_copy(
    cli, db_path, tmp_path, monkeypatch
):
    from mentorcli.core.errors import MentorError
    from mentorcli.privacy import gdpr

    cli(*MENTEE)
    cli("backup", tmp_path)
    [made] = tmp_path.glob("mentorcli-20*.db")

    def refused(live, incoming):
        raise MentorError("the backup cannot take the erasures made since")

    monkeypatch.setattr(gdpr, "reapply_register", refused)
    one_error_line(cli("restore", "--yes", made, code=1))
    assert not list(db_path.parent.glob(f"{db_path.name}.replaced-*"))


# --- two backup --keep at once -----------------------------------------------------------


def test_an_old_backup_removed_by_another_rotation_meanwhile_is_no_error(
    cli, db_path, tmp_path, monkeypatch
):
    from mentorcli.store import backup as backups

    cli(*MENTEE)
    folder = tmp_path / "usb"
    folder.mkdir()
    for second in range(3):
        monkeypatch.setenv("MENTORCLI_TODAY", f"2025-06-01T09:00:0{second}")
        cli("backup", folder)
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01T09:00:09")
    original = backups._is_own_backup

    def another_rotation_removes_it(path, *args):
        own = original(path, *args)
        if own and path.name.endswith("T090000.db"):
            path.unlink()  # the other `backup --keep` was quicker
        return own

    monkeypatch.setattr(backups, "_is_own_backup", another_rotation_removes_it)
    cli("backup", folder, "--keep", "1")
    assert [p.name for p in folder.iterdir()] == ["mentorcli-2025-06-01T090009.db"]


# --- an empty path (an unset variable in a cron line) -----------------------------------


def test_an_empty_path_is_refused_not_taken_as_the_default_or_the_current_folder(
    cli, db_path, tmp_path
):
    cli(*MENTEE)
    before = sorted(p.name for p in tmp_path.iterdir())  # the current folder
    for args in (
        ["--db", "", *MENTEE],  # `--db "$DB"` with DB unset: not the default database
        ["backup", ""],
        ["backup", " ", "--keep", "1"],
        ["export", "--format", "csv", "--output", ""],
    ):
        line = one_error_line(cli(*args, code=2))
        assert "empty" in line, (args, line)
    assert count(db_path, "people") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == before


# --- a question is asked only when the answer can matter ---------------------------------


def _pair(cli) -> int:
    cli(*MENTEE, "--enrolled-on", "2025-01-01")
    cli(*MENTOR, "--enrolled-on", "2025-01-01")
    return cli.json("match", "--apply", "--start-date", "2025-02-01")["pairs"][0]["trajectory_id"]


@pytest.fixture
def at_a_terminal(monkeypatch) -> list[str]:
    from mentorcli.ui import prompts

    asked: list[str] = []
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "confirm", lambda question, **kw: asked.append(question) or True)
    return asked


def test_withdraw_refuses_before_asking_when_it_would_be_refused_anyway(cli, at_a_terminal):
    _pair(cli)
    line = one_error_line(cli("withdraw", "Nour El Amrani", code=1))
    assert "active trajectory" in line
    assert at_a_terminal == []  # "Withdraw …? yes" and then "no, you cannot" is a trap


def test_close_refuses_before_asking_when_it_would_be_refused_anyway(cli, at_a_terminal):
    trajectory = _pair(cli)
    line = one_error_line(cli("close", trajectory, "--outcome", "none", code=2))
    assert "--reason" in line  # early: a reason is needed
    assert at_a_terminal == []
    cli("close", trajectory, "--outcome", "none", "--reason", "mentee-withdrew")
    assert len(at_a_terminal) == 1 and "Nour El Amrani (1) + Griet Peeters (2)" in at_a_terminal[0]


def test_purge_names_who_it_erases_before_asking(cli, at_a_terminal, monkeypatch):
    cli(*MENTEE, "--enrolled-on", "2010-01-01")
    cli("withdraw", "1", "--date", "2011-01-01", "--yes")
    cli("purge", "--older-than", "7")
    assert len(at_a_terminal) == 1 and "Nour El Amrani (mentee 1)" in at_a_terminal[0]


def test_doctor_on_a_fifo_says_what_it_is_instead_of_waiting_forever(cli, tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    result = cli("--db", fifo, "doctor", "--format", "json", code=1)
    [check] = json.loads(result.stdout)
    assert check["check"] == "database" and "FIFO" in check["detail"]


def test_an_encrypted_backup_from_the_second_of_an_erasure_counts_as_holding_it(cli, db_path):
    import datetime as dt

    cli(*MENTEE, "--consent-on", "2025-01-01")
    cli("forget", "1", "--yes")
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    [recorded] = conn.execute("SELECT recorded_at FROM erasures").fetchone()
    conn.close()
    second = dt.datetime.fromisoformat(recorded.replace("Z", "+00:00")).timestamp()
    folder = db_path.parent / "backups"
    folder.mkdir()
    backup = folder / "mentorcli-2025-06-01T090000.db.enc"
    backup.write_bytes(b"MENTORCLI-ENC1\n" + bytes(64))
    os.utime(backup, (second + 0.4, second + 0.4))  # written in that second, maybe before
    checks = {c["check"]: c for c in json.loads(cli("doctor", "--format", "json", code=1).stdout)}
    assert not checks["erasure follow-up"]["ok"]


# --- settings that contradict each other ------------------------------------------------


def test_a_minimum_above_its_maximum_is_refused(cli, db_path):
    cli("config", "set", "age.mentee.max", "33")
    line = one_error_line(cli("config", "set", "age.mentee.min", "40", code=2))
    assert "age.mentee.min" in line and "age.mentee.max" in line
    one_error_line(cli("config", "set", "programme.hours_max", "1", code=2))  # min is 2
    rows = {r["key"]: r["value"] for r in cli.json("config", "show")}
    assert rows["age.mentee.min"] is None and rows["programme.hours_max"] == 3
    assert _events(db_path).count("config") == 1


# --- demo never replaces what is not an earlier demo ------------------------------------


def test_demo_never_replaces_a_fifo_a_device_or_a_link(cli, tmp_path):
    fifo = tmp_path / "pipe.db"
    os.mkfifo(fifo)
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "elsewhere.db")
    for target in (fifo, link):
        line = one_error_line(cli("demo", "--db", target, "--people", "4", code=1))
        assert "not a regular file" in line
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # `demo --db /dev/null` once replaced it
    assert link.is_symlink() and not (tmp_path / "elsewhere.db").exists()


def test_demo_never_replaces_a_real_database_that_has_no_people_yet(cli, db_path):
    cli("config", "set", "age.mentee.max", "33")  # a real programme, set up before enrolling
    line = one_error_line(cli("demo", "--db", db_path, "--people", "4", code=1))
    assert "not a demo" in line
    rows = {r["key"]: r["value"] for r in cli.json("config", "show")}
    assert rows["age.mentee.max"] == 33


def test_a_blank_passphrase_is_refused_for_a_new_encrypted_backup(
    cli, db_path, tmp_path, monkeypatch
):
    from mentorcli.ui import prompts

    cli(*MENTEE)
    monkeypatch.setenv("MENTORCLI_BACKUP_PASSPHRASE", "   ")
    line = one_error_line(cli("backup", tmp_path, "--encrypt", code=2))
    assert "passphrase" in line
    monkeypatch.delenv("MENTORCLI_BACKUP_PASSPHRASE")
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "ask_password", lambda label: "")
    one_error_line(cli("backup", tmp_path, "--encrypt", code=2))
    assert not list(tmp_path.glob("mentorcli-20*"))
    assert "backup" not in _events(db_path)


def test_backup_to_an_existing_file_replaces_only_an_earlier_backup(cli, db_path, tmp_path):
    cli(*MENTEE)
    thesis = tmp_path / "thesis.docx"
    thesis.write_bytes(b"PK\x03\x04 years of work")
    line = one_error_line(cli("backup", thesis, code=1))
    assert "not a mentorcli backup" in line
    assert thesis.read_bytes() == b"PK\x03\x04 years of work"
    other = tmp_path / "other-app.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.commit()
    conn.close()
    one_error_line(cli("backup", other, code=1))
    usb = tmp_path / "mentorcli.db"
    cli("backup", usb)
    cli(*MENTOR)
    cli("backup", usb)  # yesterday's backup on the stick is replaced, as asked
    assert count(usb, "people") == 2


# --- chmod never goes through a link to a file that is not a database -------------------


def test_a_link_to_a_file_that_is_not_a_database_keeps_that_files_mode(cli, tmp_path):
    victim = tmp_path / "passwd"
    victim.write_text("root:x:0:0:root:/root:/bin/bash\n")
    victim.chmod(0o644)
    link = tmp_path / "mentorcli.db"
    link.symlink_to(victim)
    line = one_error_line(cli("--db", link, "list", "mentors", code=1))
    assert "not a mentorcli database" in line
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644  # /etc/passwd made 0600 as root
    assert victim.read_text().startswith("root:x:0:0")


def test_demo_does_not_follow_a_link_planted_at_its_draft_name(cli, tmp_path, monkeypatch):
    victim = tmp_path / "passwd"
    victim.write_text("root:x:0:0:root:/root:/bin/bash\n")
    victim.chmod(0o644)
    monkeypatch.setattr(os, "getpid", lambda: 4242)
    (tmp_path / ".mentorcli-demo.db.4242.draft").symlink_to(victim)
    cli("demo", "--people", "4", code=None)
    assert stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert victim.read_text().startswith("root:x:0:0")


def test_a_link_planted_as_the_wal_is_named_and_its_target_left_alone(cli, db_path, tmp_path):
    cli(*MENTEE)
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    wal = db_path.with_name(db_path.name + "-wal")
    wal.symlink_to(victim)
    line = one_error_line(cli(*MENTOR, code=1))
    assert "-wal is a symbolic link" in line
    assert victim.read_text() == "precious\n"
    wal.unlink()
    assert count(db_path, "people") == 1


# --- data written before control characters were refused ---------------------------------


def test_csv_on_a_terminal_shows_old_escape_sequences_instead_of_obeying_them(
    cli, db_path, monkeypatch
):
    from mentorcli.ui import output

    cli(*MENTEE)
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE people SET name = 'Nour\x1b[2J\x1b]0;pwned\x07 El Amrani' WHERE id = 1")
    conn.commit()
    conn.close()
    piped = cli("list", "mentees", "--format", "csv").stdout
    assert "\x1b[2J" in piped  # a file or a pipe gets the data exactly as stored
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    shown = cli("list", "mentees", "--format", "csv").stdout
    assert "\x1b" not in shown and "\x07" not in shown
    assert "Nour\\x1b[2J\\x1b]0;pwned\\x07 El Amrani" in shown
