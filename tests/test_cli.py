"""The app as a whole: help, version, demo, and the installed script in a subprocess."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import MENTEE, count

from mentorcli import __version__


def test_version(cli):
    assert cli("--version").stdout.strip() == f"mentorcli {__version__}"


def command_paths():
    from mentorcli.cli import COMMANDS, load_command

    for name in COMMANDS:
        command = load_command(name)
        subcommands = getattr(command, "commands", None)
        if subcommands:
            for sub in subcommands:
                yield [name, sub]
        else:
            yield [name]


def test_the_lazy_table_says_what_each_command_says():
    from mentorcli.cli import COMMANDS, load_command

    for name, (_, _, summary) in COMMANDS.items():
        command = load_command(name)
        assert (command.help or "").strip().splitlines()[0] == summary, name


def test_no_arguments_shows_the_help_without_an_error(cli):
    result = cli()
    assert "Commands" in result.stdout and result.stderr == ""
    assert result.stdout.count("Usage:") == 1


def test_help_lists_every_command(cli):
    from mentorcli.cli import COMMANDS

    text = cli("--help").stdout
    for name in COMMANDS:
        assert name in text
    assert "Unknown" not in text
    assert "No such command" in cli("nonsense", code=2).stderr


@pytest.mark.parametrize("path", list(command_paths()), ids=" ".join)
def test_every_command_has_help_with_an_example(cli, path):
    result = cli(*path, "--help")
    assert "Example" in result.stdout, path


def test_help_imports_nothing_heavy():
    code = (
        "import sys; from mentorcli.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('sqlite_utils', 'scipy', 'questionary', 'rapidfuzz', "
        "'matplotlib', 'jinja2', 'weasyprint') "
        "if m in sys.modules]\nprint(heavy, file=sys.stderr)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_demo_writes_a_new_file_and_never_the_real_database(cli, tmp_path, db_path):
    result = cli("demo", "--people", "40", "--seed", "3")
    demo_db = tmp_path / "mentorcli-demo.db"
    assert demo_db.exists() and not db_path.exists()
    assert "The programme today" in result.stdout
    assert count(demo_db, "people") == 40
    cli("demo", "--people", "20")  # an earlier demo is simply replaced
    assert count(demo_db, "people") == 20


def test_demo_refuses_a_real_database(cli, db_path):
    cli(*MENTEE)
    result = cli("--db", db_path, "demo", code=1)
    assert "already holds 1 people" in result.stderr
    assert count(db_path, "people") == 1


def test_demo_is_reproducible(cli, tmp_path):
    cli("demo", "--db", tmp_path / "a.db", "--seed", "7", "--people", "30")
    cli("demo", "--db", tmp_path / "b.db", "--seed", "7", "--people", "30")
    a = cli.json("--db", tmp_path / "a.db", "list", "mentees")
    b = cli.json("--db", tmp_path / "b.db", "list", "mentees")
    assert a == b and len(a) == 15


def installed_script() -> str:
    found = shutil.which("mentorcli", path=os.path.dirname(sys.executable)) or shutil.which(
        "mentorcli"
    )
    if not found:
        pytest.fail("the mentorcli script is not installed (pip install -e .)")
    return found


def run_installed(*args, env_extra=None, stdin=subprocess.DEVNULL):
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run(
        [installed_script(), *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        stdin=stdin,
        timeout=60,
    )


def test_installed_script_enrols_and_lists_without_a_terminal(db_path):
    first = run_installed(*MENTEE)
    assert first.returncode == 0, first.stderr
    assert first.stdout.strip() == "1"
    listed = run_installed("list", "mentees", "--format", "json")
    assert listed.returncode == 0
    assert json.loads(listed.stdout)[0]["name"] == "Nour El Amrani"


def test_installed_script_errors_are_one_line_without_traceback(db_path):
    result = run_installed("enrol", "mentee", "--name", "X")
    assert result.returncode == 2
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert result.stdout == ""
