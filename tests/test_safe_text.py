"""Text a person typed is shown as text: never run as Rich markup, emoji codes or escapes.

Every command that shows a name, a sector, a city, a note or a file name is driven here
with values that are Rich markup; each must print them literally, on a terminal (Rich
tables) and in a pipe (plain tables).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from conftest import count

from mentorcli.ui import output

# A closing tag with nothing open is a MarkupError in Rich; a link tag would be obeyed.
MENTEE_NAME = "[/b] X [link=http://example.org]y[/link]"
MENTOR_NAME = "Griet [bold]Peeters[/bold] :smile:"
CITY = "[i]Gent[/i]"
SECTOR = "[red]haven[/red] :ship:"
NOTE = "[blink]call back[/blink] :warning: [/]"
REFERRAL = "[b]buurthuis"
EVERYTHING = (MENTEE_NAME, MENTOR_NAME, CITY, SECTOR)


@pytest.fixture(params=["pipe", "terminal"])
def screen(request, monkeypatch) -> str:
    """Both ways out: plain text for pipes, Rich tables for a terminal; wide enough
    that no value wraps (the widths are tested in test_readability.py)."""
    if request.param == "terminal":
        monkeypatch.setattr(output, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "250")
    return request.param


def enrol_hostile(cli: Any) -> Any:
    result = cli(
        "enrol", "mentee", "--name", MENTEE_NAME, "--city", CITY, "--languages", "nl",
        "--sector", SECTOR, "--birth-year", "2000", "--notes", NOTE, "--referral", REFERRAL,
        "--origin-country", "MA", "--enrolled-on", "2025-01-01",
    )  # fmt: skip
    cli(
        "enrol", "mentor", "--name", MENTOR_NAME, "--city", CITY, "--languages", "nl",
        "--sector", SECTOR, "--birth-year", "1960", "--enrolled-on", "2025-01-01",
    )  # fmt: skip
    return result


def hostile_duo(cli: Any) -> int:
    enrol_hostile(cli)
    cli("match", "--apply", "--start-date", "2025-02-01")
    cli("log-session", "1", "--hours", "2", "--topic", "cv", "--note", NOTE, "--date", "2025-02-03")
    return 1


def literal(text: str, *values: str) -> None:
    flat = " ".join(text.split())  # a long table title may wrap
    for value in values:
        assert value in flat, (value, text)
    assert "\\[" not in text  # shown as typed, not escaped twice


def test_enrol_says_the_name_and_city_as_typed(cli, db_path):
    result = enrol_hostile(cli)
    literal(result.stderr, f"Enrolled mentee 1: {MENTEE_NAME} ({CITY}).")
    assert count(db_path, "people") == 2


def test_list_shows_names_cities_and_sectors_as_typed(cli, screen):
    enrol_hostile(cli)
    literal(cli("list", "mentees").stdout, MENTEE_NAME, CITY, SECTOR)
    literal(cli("list", "mentors").stdout, MENTOR_NAME, CITY, SECTOR)


def test_show_shows_every_field_and_the_partner_as_typed(cli, screen):
    hostile_duo(cli)
    literal(cli("show", "1").stdout, MENTEE_NAME, CITY, SECTOR, NOTE, REFERRAL, MENTOR_NAME)
    literal(cli("show", "2").stdout, MENTOR_NAME, MENTEE_NAME)


def test_match_proposal_and_ranking_show_names_as_typed(cli, screen):
    enrol_hostile(cli)
    literal(cli("match").stdout, MENTEE_NAME, MENTOR_NAME, CITY)
    literal(cli("match", "--mentee", "1").stdout, MENTEE_NAME, MENTOR_NAME)
    applied = cli("match", "--apply")
    literal(applied.stdout, MENTEE_NAME, MENTOR_NAME)
    assert "Started 1 trajectory(ies)" in applied.stderr


def test_match_with_nobody_to_propose_names_the_mentee_as_typed(cli):
    enrol_hostile(cli)
    cli("withdraw", "2")
    literal(cli("match", "--mentee", "1").stderr, f"fits {MENTEE_NAME}.")


def test_sessions_show_names_and_notes_as_typed(cli, screen):
    hostile_duo(cli)
    literal(cli("sessions", "1").stdout, MENTEE_NAME, MENTOR_NAME, NOTE)
    cli("unmatch", "1", code=1)  # it has a session
    literal(cli("log-session", "1", "--hours", "1", "--note", NOTE).stderr, "Logged session 2")


def test_an_empty_session_list_names_the_duo_as_typed(cli, db_path):
    enrol_hostile(cli)
    cli("match", "--apply", "--start-date", "2025-02-01")
    literal(cli("sessions", "1").stderr, f"{MENTEE_NAME} + {MENTOR_NAME}: no session logged")


def test_remind_shows_names_as_typed(cli):
    hostile_duo(cli)
    literal(cli("remind", "--as-of", "2025-03-15").stdout, MENTEE_NAME)


def test_log_finds_a_person_by_a_name_that_looks_like_markup(cli, screen):
    hostile_duo(cli)
    events = cli("log", "--person", MENTEE_NAME).stdout
    assert "enrol" in events and "match" in events


def test_edit_and_withdraw_messages_show_names_as_typed(cli):
    enrol_hostile(cli)
    literal(cli("edit", "1", "--occupation", SECTOR).stderr, f"Updated 1 {MENTEE_NAME}")
    literal(cli("withdraw", "2").stderr, f"{MENTOR_NAME} (2) withdrew")
    literal(cli("withdraw", "2", code=1).stderr, f"Error: {MENTOR_NAME} already withdrew")


def test_duplicate_warnings_show_names_as_typed(cli, tmp_path, db_path):
    enrol_hostile(cli)
    again = cli(
        "enrol", "mentee", "--name", MENTEE_NAME, "--city", CITY, "--languages", "nl",
        "--sector", SECTOR, code=1,
    )  # fmt: skip
    literal(again.stderr, f"likely already enrolled as 1 {MENTEE_NAME} (similar name)")
    sheet = tmp_path / "again.csv"
    sheet.write_text(f'name,city,languages,sector\n"{MENTEE_NAME}",Gent,nl,"{SECTOR}"\n')
    imported = cli("import", sheet, "--role", "mentee", code=1)
    literal(imported.stderr, f"line 2: likely the same as person 1 {MENTEE_NAME}")
    assert count(db_path, "people") == 2


def test_purge_lists_names_as_typed(cli, monkeypatch, screen):
    enrol_hostile(cli)
    cli("withdraw", "1", "--date", "2025-01-02")
    monkeypatch.setenv("MENTORCLI_TODAY", "2035-01-10")
    literal(cli("purge", "--older-than", "7", "--dry-run").stdout, MENTEE_NAME, CITY)


def test_stats_show_cities_and_referrals_as_typed(cli, tmp_path, screen):
    hostile_duo(cli)
    shown = cli("stats", "--year", "2025", "--by", "city").stdout
    literal(shown, CITY, REFERRAL)
    saved = tmp_path / "[b]stats :x:.txt"  # a file name holds no "/"
    literal(
        cli("stats", "--year", "2025", "--by", "city", "--output", saved).stderr, f"Wrote {saved} ("
    )
    literal(saved.read_text(), CITY, REFERRAL)


def test_file_names_in_messages_are_shown_as_typed(cli, tmp_path):
    hostile_duo(cli)
    folder = tmp_path / "[bold]export :x:"
    folder.mkdir()
    literal(cli("export", "--output", folder).stderr, f"Wrote {folder / 'mentorcli-export.json'}")
    copy = tmp_path / "[red]copy :x:.db"
    literal(cli("backup", copy).stderr, f"to {copy};")
    literal(cli("restore", copy, "--yes").stderr, f"from {copy};")


def test_config_messages_show_values_as_typed(cli):
    literal(cli("config", "set", "smtp.sender", "[b]coordinator[/b]@example.org").stderr,
            "smtp.sender = [b]coordinator[/b]@example.org")  # fmt: skip


class FakeQuestion:
    def __init__(self, answer: Any) -> None:
        self.answer = answer

    def ask(self) -> Any:
        return self.answer


@pytest.fixture
def asked(monkeypatch) -> list[str]:
    """Every question and choice questionary would show, and the first choice picked."""
    import questionary

    from mentorcli.ui import prompts

    shown: list[str] = []

    def select(message, choices):
        shown.extend([message, *[c.title for c in choices]])
        return FakeQuestion(choices[0].value)

    def checkbox(message, choices):
        shown.extend([message, *[c.title for c in choices]])
        return FakeQuestion([choices[0].value])

    def confirm(message, default=False):
        shown.append(message)
        return FakeQuestion(True)

    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(questionary, "select", select)
    monkeypatch.setattr(questionary, "checkbox", checkbox)
    monkeypatch.setattr(questionary, "confirm", confirm)
    return shown


def test_pick_lists_and_questions_show_names_as_typed(cli, asked):
    enrol_hostile(cli)
    cli(
        "enrol", "mentee", "--name", "[/b] X Other", "--city", CITY, "--languages", "nl",
        "--sector", SECTOR, "--allow-duplicate",
    )  # fmt: skip
    cli("show", "[/b] X")
    assert f"1  {MENTEE_NAME}  (mentee, {CITY})" in asked
    cli("match")
    assert any(MENTEE_NAME in q and MENTOR_NAME in q for q in asked)
    cli("forget", "3")
    assert "Erase [/b] X Other (mentee 3) for good?" in asked


def test_pick_list_of_trajectories_shows_names_as_typed(cli, asked):
    hostile_duo(cli)
    cli("edit", "2", "--capacity", "2")
    cli(
        "enrol", "mentee", "--name", "Amina Benali", "--city", CITY, "--languages", "nl",
        "--sector", SECTOR, "--enrolled-on", "2025-01-01",
    )  # fmt: skip
    cli("match", "--apply", "--start-date", "2025-02-01")
    cli("sessions", MENTOR_NAME)
    assert any(q.startswith(f"1  {MENTEE_NAME} + {MENTOR_NAME}  (active") for q in asked)


# --- control characters that reached the file before they were refused --------------------


def insert_raw(db_path: Path, name: str, sector: str) -> None:
    conn = sqlite3.connect(db_path)
    conn.execute(
        "INSERT INTO people (role, name, city, languages, sector, enrolled_on) "
        "VALUES ('mentee', ?, 'Gent', 'nl', ?, '2025-01-01')",
        [name, sector],
    )
    conn.commit()
    conn.close()


def test_escape_sequences_already_in_the_file_are_shown_not_obeyed(cli, db_path, screen, asked):
    cli("enrol", "mentor", "--name", "Griet Peeters", "--city", "Gent", "--languages", "nl",
        "--sector", "zorg")  # fmt: skip
    insert_raw(db_path, "Amina \x1b[2J\x1b[31mBenali\x07", "zorg\u202e")
    insert_raw(db_path, "Amina Other\r", "zorg")
    for args in (["list", "mentees"], ["show", "2"], ["match"], ["remind"], ["show", "amina"]):
        result = cli(*args)
        for stream in (result.stdout, result.stderr):
            assert "\x1b" not in stream and "\x07" not in stream and "\u202e" not in stream
    assert "Amina \\x1b[2J\\x1b[31mBenali\\x07" in cli("list", "mentees").stdout
    assert any("Amina \\x1b[2J" in q for q in asked)
    first, second = cli("withdraw", "2", code=None), cli("withdraw", "2", code=None)
    errors = first.stderr + second.stderr
    assert "Error: Amina \\x1b[2J" in errors and "\x1b" not in errors


def test_visible_keeps_every_script_and_shows_only_controls():
    for name in ("Zoë D'Hondt", "نور الأمراني", "Ольга", "👩🏽‍💻 Nour", "a\u00a0b", "x\u200dy"):
        assert output.visible(name) == name
    assert output.visible("a\x1bb\x00c\x7fd\u2028e\u202ef") == "a\\x1bb\\x00c\\x7fd\\u2028e\\u202ef"
    assert output.visible("two\nlines\tand a tab") == "two\nlines\tand a tab"


def test_only_the_output_module_makes_rich_consoles_or_reads_markup():
    """A new command cannot print a name as markup: the one Console lives in output.py."""
    package = Path(output.__file__).parent
    for path in sorted(package.rglob("*.py")):
        if path.name == "output.py":
            continue
        source = path.read_text(encoding="utf-8")
        for forbidden in (
            "import Console",
            "Console(",
            "from_markup",
            "markup=True",
            "rich.markup",
        ):
            assert forbidden not in source, (path.name, forbidden)


def test_a_real_terminal_shows_the_name_as_typed(cli, db_path):
    import pexpect
    from test_terminal import spawn

    enrol_hostile(cli)
    child = spawn(["list", "mentees"], db_path, columns=160)  # wide enough for a box
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "╭" in child.before or "┏" in child.before  # Rich drew the table
    assert MENTEE_NAME in child.before


# --- one-line fields and e-mail headers refuse line breaks and control characters ----------

ONE_LINE = [
    ("--name", "Amina\nBenali"),
    ("--name", "Amina \x1b[31mBenali"),
    ("--city", "Gent\r"),
    ("--sector", "zorg\u2028haven"),
    ("--occupation", "verpleger\x00"),
    ("--email", "amina@example.org\nBcc: x@example.org"),
    ("--phone", "0475 12 34 56\t"),
    ("--referral", "VDAB\x85"),
    ("--origin-country", "MA\n"),
    ("--enrolled-on", "2025-01-01\n"),
    ("--languages", "nl,\nfr"),
]


@pytest.mark.parametrize(("option", "value"), ONE_LINE)
def test_one_line_fields_refuse_line_breaks_and_control_characters(cli, db_path, option, value):
    args = ["enrol", "mentee", "--name", "Amina Benali", "--city", "Gent", "--languages", "nl"]
    args += ["--sector", "zorg"]
    if option in args:
        args[args.index(option) + 1] = value
    else:
        args += [option, value]
    result = cli(*args, code=2)
    assert result.stderr == (
        f"Error: {option}: contains a line break or control character; type it on one line\n"
    )
    assert count(db_path, "people") == 0


def test_edit_refuses_a_control_character_and_changes_nothing(cli):
    cli("enrol", "mentor", "--name", "Griet Peeters", "--city", "Gent", "--languages", "nl",
        "--sector", "haven")  # fmt: skip
    result = cli("edit", "1", "--organisation", "Haven\nvan Gent", "--phone", "0475123456", code=2)
    assert result.stderr.startswith("Error: --organisation: contains a line break")
    person = cli.json("show", "1")
    assert person["organisation"] is None and person["phone"] is None


def test_notes_may_still_hold_a_line_break(cli):
    cli("enrol", "mentee", "--name", "Amina Benali", "--city", "Gent", "--languages", "nl",
        "--sector", "zorg", "--notes", "first line\nsecond line")  # fmt: skip
    assert "second line" in cli.json("show", "1")["notes"]


def test_import_refuses_a_cell_with_a_line_break_naming_line_and_field(cli, tmp_path, db_path):
    sheet = tmp_path / "m.csv"
    sheet.write_text(
        "name,city,languages,sector\n"
        "Amina Benali,Gent,nl,zorg\n"
        '"Omar\nHaddad",Gent,nl,zorg\n'
        "Hiba Rahimi,Gent,nl,zorg\x1b\n"
    )
    lines = cli("import", sheet, "--role", "mentee", code=1).stderr.splitlines()
    assert lines[0].endswith("line 3: --name: contains a line break or control character; "
                             "type it on one line")  # fmt: skip
    assert lines[1].endswith("line 5: --sector: contains a line break or control character; "
                             "type it on one line")  # fmt: skip
    assert lines[2] == f"Error: 2 bad row(s) in {sheet}: nothing was imported"
    assert count(db_path, "people") == 0


@pytest.fixture
def smtp(monkeypatch):
    """A real local SMTP server (aiosmtpd) that keeps what it receives."""
    from aiosmtpd.controller import Controller
    from test_remind import Collect, free_port

    handler, port = Collect(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("MENTORCLI_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("MENTORCLI_SMTP_PORT", str(port))
    yield handler
    controller.stop()


def waiting_mentee(cli):
    cli("enrol", "mentee", "--name", "Amina Benali", "--city", "Gent", "--languages", "nl",
        "--sector", "zorg", "--enrolled-on", "2025-01-01")  # fmt: skip


def test_mail_to_refuses_a_line_break_before_anything_is_sent(cli, smtp):
    waiting_mentee(cli)
    for to in ("c@example.org\nBcc: x@example.org", "c@example.org\r", "c@exam\x00ple.org"):
        result = cli("remind", "--mail-to", to, code=2)
        assert result.stderr == (
            "Error: --mail-to: contains a line break or control character; type it on one line\n"
        )
    assert smtp.messages == []
    cli("remind", "--mail-to", "c@example.org")
    assert len(smtp.messages) == 1


def test_a_sender_with_a_line_break_is_refused_naming_where_it_came_from(cli, smtp, monkeypatch):
    waiting_mentee(cli)
    monkeypatch.setenv("MENTORCLI_SMTP_SENDER", "me@example.org\nBcc: x@example.org")
    result = cli("remind", "--mail-to", "c@example.org", code=1)
    assert result.stderr.startswith("Error: MENTORCLI_SMTP_SENDER: contains a line break")
    assert result.stderr.count("\n") == 1 and smtp.messages == []
    refused = cli("config", "set", "smtp.sender", "me@example.org\nBcc: x@example.org", code=2)
    assert refused.stderr.startswith("Error: smtp.sender: contains a line break")
    assert "\\n" not in cli("config", "show").stdout
