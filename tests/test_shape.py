"""The shape a newcomer sees: short command modules without SQL, one --format option with
exactly the formats a command writes, person options declared once, and the database
of each invocation reaching its command through the Typer context."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import MENTEE, MENTOR, count

import mentorcli

COMMANDS_DIR = Path(mentorcli.__file__).parent / "commands"
SHARED = {"__init__.py", "_common.py", "_options.py", "_person_options.py"}
MAX_LINES = 60  # plain lines, blank lines and docstrings included: one screen
SQL = re.compile(
    r"db\.execute|db\.query|db\.table\(|\.execute\(|\bdb\["
    r"|\b(SELECT|INSERT|UPDATE|DELETE)\b\s|PRAGMA"
)


def command_modules() -> list[Path]:
    return sorted(p for p in COMMANDS_DIR.glob("*.py") if p.name not in SHARED)


@pytest.mark.parametrize("module", command_modules(), ids=lambda p: p.name)
def test_a_command_module_fits_on_one_screen(module):
    lines = module.read_text(encoding="utf-8").splitlines()
    assert len(lines) < MAX_LINES, f"{module.name} has {len(lines)} lines"


@pytest.mark.parametrize("module", command_modules(), ids=lambda p: p.name)
def test_a_command_module_holds_no_sql(module):
    found = [line.strip() for line in module.read_text().splitlines() if SQL.search(line)]
    assert not found, f"{module.name}: {found}"


@pytest.mark.parametrize(
    "args",
    [
        ["enrol", "mentee", "--name", "Amina Benali"],
        ["edit", "1", "--phone", "+32 475 12 34 56"],
        ["show", "1"],
        ["close", "1", "--outcome", "job", "--yes"],
        ["follow-up", "1", "--outcome", "job"],
        ["log-session", "1", "--minutes", "60"],
        ["edit-session", "1", "--minutes", "60"],
        ["delete-session", "1", "--yes"],
        ["match", "--apply"],
    ],
    ids=lambda a: a[0],
)
def test_csv_where_a_command_writes_none_is_a_usage_error_naming_the_choices(cli, db_path, args):
    cli(*MENTEE)
    cli(*MENTOR)
    result = cli(*args, "--format", "csv", code=2)
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert "'csv' is not one of 'table', 'json'" in result.stderr
    assert count(db_path, "events") == 2  # nothing was done in a format it would ignore


def test_export_offers_json_and_csv_only(cli):
    cli(*MENTEE)
    result = cli("export", "--format", "table", code=2)
    assert "'table' is not one of 'json', 'csv'" in result.stderr


FORMATS = {
    "enrol": ["table", "json"],
    "edit": ["table", "json"],
    "show": ["table", "json"],
    "close": ["table", "json"],
    "follow-up": ["table", "json"],
    "extend": ["table", "json"],
    "requeue": ["table", "json"],
    "log-session": ["table", "json"],
    "edit-session": ["table", "json"],
    "delete-session": ["table", "json"],
    "check-in": ["table", "json"],
    "trajectory": ["table", "json"],
    "match": ["table", "json"],
    "list": ["table", "json", "csv"],
    "sessions": ["table", "json", "csv"],
    "log": ["table", "json", "csv"],
    "stats": ["table", "json", "csv"],
    "config show": ["table", "json", "csv"],
    "export": ["json", "csv"],
    "remind": ["text", "json"],
    "doctor": ["text", "json"],
}


def test_every_format_option_offers_exactly_what_its_command_writes():
    from mentorcli.cli import COMMANDS, load_command

    offered = {}
    for name in COMMANDS:
        command = load_command(name)
        for path, cmd in [
            (f"{name} {s}", c) for s, c in getattr(command, "commands", {}).items()
        ] or [(name, command)]:
            for param in cmd.params:
                if "--format" in param.opts:
                    offered[path] = list(param.type.choices)
    assert offered == FORMATS


def option_declarations(command_name: str) -> dict[str, tuple]:
    from mentorcli.cli import load_command
    from mentorcli.commands import _person_options

    command = load_command(command_name)
    return {
        p.name: (tuple(p.opts), tuple(p.secondary_opts), p.help, p.type.name, p.default)
        for p in command.params
        if p.name in _person_options.OPTIONS
    }


def test_enrol_and_edit_offer_the_same_person_options():
    from mentorcli import people

    enrol = option_declarations("enrol")
    assert enrol == option_declarations("edit")
    assert set(enrol) == set(people.FIELDS)  # every field a person has, nothing else


def test_each_invocation_opens_the_database_it_was_given(cli, tmp_path, db_path):
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    cli("--db", first, *MENTEE)
    cli("--db", second, *MENTOR)
    assert [p["name"] for p in cli.json("--db", first, "list", "mentees")] == ["Nour El Amrani"]
    assert cli.json("--db", second, "list", "mentees") == []
    assert [p["name"] for p in cli.json("--db", second, "list", "mentors")] == ["Griet Peeters"]
    assert not db_path.exists()  # no --db: $MENTORCLI_DB, untouched by the ones before
    assert f"no database at {db_path}" in cli("list", "mentees", code=1).stderr


def test_an_invocation_inside_another_does_not_change_the_outer_database(
    cli, tmp_path, monkeypatch
):
    """An embedding program (or a test) may run the app while another run is between
    reading --db and opening the file: each run keeps its own database."""
    from mentorcli.core import reference

    outer, inner = tmp_path / "outer.db", tmp_path / "inner.db"
    cli("--db", outer, *MENTEE)
    canonical_city = reference.canonical_city

    def city_while_another_run_happens(text: str) -> str:
        monkeypatch.setattr(reference, "canonical_city", canonical_city)
        cli("--db", inner, *MENTOR)
        return canonical_city(text)

    monkeypatch.setattr(reference, "canonical_city", city_while_another_run_happens)
    listed = cli.json("--db", outer, "list", "mentees", "--city", "Gent")
    assert [p["name"] for p in listed] == ["Nour El Amrani"]
    assert count(inner, "people") == 1 and count(outer, "people") == 1


YES_WORDS = ["yes", "ja", "oui", "x", "on", "1"]
NO_WORDS = ["no", "nee", "non", "off", "0"]


def test_yes_and_no_read_the_same_in_a_setting_and_a_csv_column(cli, tmp_path):
    """One reading of yes and no: a word that works for `config set` works in a file."""
    rows = [
        f"Person {n},Gent,nl,zorg,{word}" for n, word in enumerate(YES_WORDS + NO_WORDS, start=1)
    ]
    path = tmp_path / "mentees.csv"
    path.write_text("name,city,languages,sector,diploma_recognised\n" + "\n".join(rows) + "\n")
    cli("import", path, "--role", "mentee", "--allow-duplicate")
    recognised = [p["diploma_recognised"] for p in cli.json("list", "mentees")]
    assert recognised == [True] * len(YES_WORDS) + [False] * len(NO_WORDS)
    for words, value in ((YES_WORDS, True), (NO_WORDS, False)):
        for word in words:
            cli("config", "set", "match.same_city", word)
            settings = {s["key"]: s["value"] for s in cli.json("config", "show")}
            assert settings["match.same_city"] is value, word
    refused = cli("config", "set", "match.same_city", "maybe", code=2)
    assert "match.same_city takes true or false, not 'maybe'" in refused.stderr
