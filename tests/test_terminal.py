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
    # then the optional ESF+ questions: Enter leaves one unrecorded
    child.expect("Labour status")
    child.send("\x1b[B" * 3 + "\r")  # not recorded, employed, self-employed, unemployed
    child.expect("Unemployed since")
    child.sendline("2024-01-15")
    child.expect("Highest education")
    child.send("\r")  # not recorded
    child.expect("Nationality")
    child.sendline("xx")  # refused by the prompt's own check, asked again
    child.expect("ISO 3166")
    child.sendcontrol("u")
    child.sendline("Morocco")
    child.expect("consent to record disability")
    child.sendline("y")
    child.expect("Date of that consent")
    child.sendline("2025-05-20")
    child.expect("Disability")
    child.send("\x1b[B" * 2 + "\r")  # not recorded, yes, no
    child.expect("Homeless")
    child.send("\r")  # not recorded
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    conn = sqlite3.connect(db_path)
    row = conn.execute(
        "SELECT name, city, languages, sector, labour_status, unemployed_since, education, "
        "nationality, special_consent_on, disability, homeless FROM people"
    ).fetchone()
    conn.close()
    assert row == (
        *("Amina Benali", "Gent", "ar,nl", "zorg", "unemployed", "2024-01-15", None),
        *("MA", "2025-05-20", "no", None),
    )


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
