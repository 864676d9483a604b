"""Every test gets its own database and a pinned 'today'; none can touch a real file."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

# The suite reads English whatever the machine's locale: the language is chosen once,
# when mentorcli.cli is imported (tests/test_i18n.py runs the other languages).
os.environ["MENTORCLI_LANG"] = "en"

from mentorcli.cli import app  # noqa: E402

TODAY = "2025-06-01"

# Hypothesis: the same examples on every run (CI, and a plain `pytest`), so the suite
# gives the same answer twice; HYPOTHESIS_PROFILE=dev explores at random, and longer.
# A failure prints its @reproduce_failure blob; turn it into a named regression test.
_SLOW_FIXTURES = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,  # no replay of past failures: a run depends on the code alone
    max_examples=12,  # per command in test_fuzz.py: about 300 invocations in all
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_FIXTURES,
)
settings.register_profile(
    "dev",
    max_examples=200,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW_FIXTURES,
)
settings.load_profile(
    "ci"
    if os.environ.get("CI", "").lower() == "true"
    else os.environ.get("HYPOTHESIS_PROFILE", "ci")
)


@pytest.fixture(autouse=True)
def env_setup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db_path = tmp_path / "data" / "mentorcli.db"
    db_path.parent.mkdir()  # only the default data folder is ever created by mentorcli
    monkeypatch.setenv("MENTORCLI_DB", str(db_path))
    monkeypatch.setenv("MENTORCLI_TODAY", TODAY)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.chdir(tmp_path)
    for name in (
        "MENTORCLI_SMTP_HOST",
        "MENTORCLI_SMTP_PORT",
        "MENTORCLI_SMTP_USER",
        "MENTORCLI_SMTP_PASSWORD",
        "MENTORCLI_SMTP_SENDER",
    ):
        monkeypatch.delenv(name, raising=False)
    return db_path


@pytest.fixture
def db_path(env_setup: Path) -> Path:
    return env_setup


class Cli:
    """Runs the app like a user would and fails the test on any traceback."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: Any, input: str | None = None, code: int | None = 0) -> Any:
        result = self.runner.invoke(app, [str(a) for a in args], input=input)
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise result.exception
        assert "Traceback" not in result.stderr, result.stderr
        if code is not None:
            assert result.exit_code == code, (
                f"exit {result.exit_code} != {code}\nstdout: {result.stdout}\n"
                f"stderr: {result.stderr}"
            )
        return result

    def json(self, *args: Any) -> Any:
        return json.loads(self(*args, "--format", "json").stdout)


@pytest.fixture
def cli() -> Cli:
    return Cli()


def count(db_path: Path, table: str) -> int:
    """Rows in a table, read-only; a database never created holds none."""
    if not db_path.exists():
        return 0
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    finally:
        conn.close()


MENTEE = [
    "enrol",
    "mentee",
    "--name",
    "Nour El Amrani",
    "--city",
    "Gent",
    "--languages",
    "nl,ar",
    "--sector",
    "logistiek",
    "--birth-year",
    "2001",
    "--origin-country",
    "MA",
]
MENTOR = [
    "enrol",
    "mentor",
    "--name",
    "Griet Peeters",
    "--city",
    "Gent",
    "--languages",
    "nl,en",
    "--sector",
    "haven",
    "--birth-year",
    "1962",
]
