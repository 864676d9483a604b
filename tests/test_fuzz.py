"""Hostile input: random arguments to every command never crash and never corrupt the file."""

from __future__ import annotations

import sqlite3

import pytest
from conftest import MENTEE, MENTOR
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mentorcli.cli import app


def commands():
    from mentorcli.cli import COMMANDS, load_command

    out = []
    for name in COMMANDS:
        command = load_command(name)
        subs = getattr(command, "commands", None)
        for path, cmd in [([name, s], c) for s, c in subs.items()] if subs else [([name], command)]:
            options = [opt for p in cmd.params for opt in p.opts if opt.startswith("--")]
            options += [opt for p in cmd.params for opt in getattr(p, "secondary_opts", [])]
            out.append((path, sorted(set(options) - {"--help"})))
    return out


COMMANDS = commands()
HOSTILE = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "'; DROP TABLE people; --",
            '" OR 1=1 --',
            "1; DELETE FROM events",
            "Robert'); --",
            "%s%s%n",
            "../../etc/passwd",
            "=cmd|'/C calc'!A0",
            "\u202enour",
            "نور",
            "Ольга",
            "😀" * 5,
            "\x00",
            "[/b] X [link=http://example.org]y[/link]",
            "[bold]:smile:",
            "\x1b[2J\x1b[31m",
            "a\nb",
            "sep=;",
            "-1",
            "0",
            "1e309",
            "1E307",
            "NaN",
            "inf",
            "9223372036854775808",
            " ",
            "2062-01-01",
            "2025-02-30",
            "2025-13-01",
            "9999-12-31",
            "0001-01-01",
            "1:2",
            "nour:griet",
            "gent",
            "nl,xx",
            "mentor",
            "mentee",
            "1",
            "2",
            "job",
            "cv",
        ]
    ),
    st.integers(-(10**6), 10**6).map(str),
    st.text(min_size=1000, max_size=3000),
)
# A few options would make a fuzz run slow rather than wrong (a 100,000-person demo):
# they get small numbers only.
BOUNDED = {
    "--people": st.integers(-5, 60).map(str),
    "--keep": st.integers(-2, 5).map(str),
    "--from": st.integers(1980, 2030).map(str),
    "--to": st.integers(1980, 2030).map(str),
    "--year": st.integers(1980, 2030).map(str),
}


@st.composite
def arguments(draw, options):
    args = []
    for _ in range(draw(st.integers(0, 5))):
        if options and draw(st.booleans()):
            option = draw(st.sampled_from(options))
            args.append(option)
            if draw(st.integers(0, 4)):
                args.append(draw(BOUNDED.get(option, HOSTILE)))
        else:
            args.append(draw(HOSTILE))
    return args


# One test per command, so every command gets its share of examples whatever the
# profile (conftest.py: `ci` is derandomised, `dev` is random and longer).
@pytest.mark.parametrize(
    ("path", "options"), COMMANDS, ids=[" ".join(path) for path, _ in COMMANDS]
)
@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(data=st.data())
def test_random_arguments_end_in_0_1_or_2_and_leave_the_file_sound(
    cli, db_path, path, options, data
):
    args = [*path, *data.draw(arguments(options), label="arguments")]
    if not db_path.exists():
        cli(*MENTEE, "--consent-on", "2025-01-01")
        cli(*MENTOR, "--consent-on", "2025-01-01")
        cli("match", "--apply")
    result = CliRunner().invoke(app, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "internal error" not in result.stderr, (args, result.stderr)
    if result.exit_code:
        assert result.stderr.startswith("Error: ") or "Usage" in result.stderr, (
            args,
            result.stderr,
        )
    if db_path.exists():
        conn = sqlite3.connect(db_path)
        try:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        finally:
            conn.close()
