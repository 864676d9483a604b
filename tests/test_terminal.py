"""The interactive flow once for real: questionary in a pseudo-terminal, driven by pexpect."""

from __future__ import annotations

import os
import sqlite3

import pexpect
from test_cli import installed_script


def spawn(args, db_path, columns=120):
    env = {
        **os.environ,
        "MENTORCLI_DB": str(db_path),
        "PROMPT_TOOLKIT_NO_CPR": "1",
        "TERM": "xterm",
    }
    env.pop("COLUMNS", None)  # the terminal's own width, as for a person
    return pexpect.spawn(
        installed_script(), args, env=env, encoding="utf-8", timeout=30, dimensions=(40, columns)
    )


def test_missing_fields_are_asked_at_a_terminal(db_path):
    child = spawn(["enrol", "mentee", "--name", "Amina Benali"], db_path)
    child.expect("Programme city")
    child.sendline("Gent")
    child.expect("Languages")
    child.sendline("xx")  # refused by the prompt's own check, asked again
    child.expect("ISO 639-1")
    child.sendcontrol("u")
    child.sendline("nl,ar")
    child.expect("Sector")
    child.sendline("zorg")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT name, city, languages, sector FROM people").fetchone()
    conn.close()
    assert row == ("Amina Benali", "Gent", "ar,nl", "zorg")


def test_ctrl_c_at_a_prompt_changes_nothing(db_path):
    child = spawn(["enrol", "mentee", "--name", "Amina Benali"], db_path)
    child.expect("Programme city")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert "nothing was changed" in child.before
    assert (
        not db_path.exists()
        or sqlite3.connect(db_path).execute("SELECT count(*) FROM people").fetchone()[0] == 0
    )
