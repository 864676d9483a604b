"""Help a person can read at 80 columns (issue 12): nothing cut, numbers as INTEGER/FLOAT."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from test_cli import command_paths, run_installed
from typer.testing import CliRunner

from mentorcli.cli import app

WIDTH = 80


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": str(WIDTH)})
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def wide_lines(text):
    return [line for line in text.splitlines() if cell_len(line) > WIDTH]


NUMBERS = {"--birth-year", "--capacity", "--hours-per-week", "--min-score", "--hours"}


@pytest.mark.parametrize("path", list(command_paths()), ids=" ".join)
def test_help_at_80_columns_cuts_nothing_and_names_number_types(path):
    from enum import Enum

    from typer._click import types
    from typer._types import TyperChoice

    from mentorcli.cli import load_command

    command = load_command(path[0])
    if len(path) > 1:
        command = command.commands[path[1]]
    text = run(*path, "--help").stdout
    assert wide_lines(text) == [], wide_lines(text)
    assert not re.search(r"<(str|int|float|path|int range|choice)>", text), text
    for param in command.params:
        for opt in [*param.opts, *param.secondary_opts]:
            if opt.startswith("-"):
                assert re.search(rf"(?<![\w-]){re.escape(opt)}(?![\w-])", text), (opt, text)
        if isinstance(param.type, TyperChoice):
            for choice in param.type.choices:
                word = str(choice.value if isinstance(choice, Enum) else choice)
                assert re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text), word
        numeric = isinstance(param.type, types.IntParamType | types.FloatParamType)
        if param.opts[0] in NUMBERS or (numeric and param.param_type_name == "option"):
            option = re.compile(rf"\s*{re.escape(param.opts[0])}(?![\w-])")
            options = text.split("\nOptions:\n")[1]
            [line] = [line for line in options.splitlines() if option.match(line)]
            assert re.search(r"\b(INTEGER|FLOAT)\b", line), line


def test_top_level_help_shows_three_everyday_examples():
    text = run("--help").stdout
    assert wide_lines(text) == []
    examples = [line.strip() for line in text.splitlines() if line.strip().startswith("mentorcli ")]
    assert len(examples) == 3, text
    for example in examples:
        assert run_installed(*example.split()[1:2], "--help").returncode == 0
