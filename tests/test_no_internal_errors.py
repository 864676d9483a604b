"""Inputs that once ended in "internal error": each now gets one clear line and exit 1 or 2."""

from __future__ import annotations

import math

import pytest
from conftest import count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

TOO_BIG = str(2**63)  # one past SQLite's largest integer


def enrol(cli, role, name, *extra):
    return cli.json(
        "enrol", role, "--name", name, "--city", "Gent", "--languages", "nl",
        "--sector", "zorg", "--enrolled-on", "2025-01-01", *extra,
    )["id"]  # fmt: skip


@pytest.fixture
def duo(cli):
    enrol(cli, "mentee", "Amina Benali")
    enrol(cli, "mentor", "Sofie Maes")
    return cli.json("match", "--apply", "--start-date", "2025-02-01")["pairs"][0]["trajectory_id"]


def refused(cli, *args, code):
    result = cli(*args, code=code)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "internal error" not in result.stderr
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["show", TOO_BIG],
        ["show", "#" + TOO_BIG],
        ["edit", TOO_BIG, "--phone", "0475 12 34 56"],
        ["withdraw", TOO_BIG],
        ["forget", TOO_BIG, "--yes"],
        ["log", "--person", TOO_BIG],
        ["match", "--mentee", TOO_BIG],
        ["match", "--pin", f"{TOO_BIG}:2"],
        ["match", "--forbid", f"1:{TOO_BIG}"],
        ["sessions", TOO_BIG],
        ["log-session", TOO_BIG, "--minutes", "60"],
        ["close", TOO_BIG, "--outcome", "training"],
        ["follow-up", TOO_BIG, "--outcome", "training"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_an_id_beyond_sqlites_integers_is_simply_not_found(cli, duo, db_path, args):
    events = count(db_path, "events")
    line = refused(cli, *args, code=1)
    assert f"with id {TOO_BIG}" in line or f"no trajectory {TOO_BIG}" in line
    assert count(db_path, "events") == events


@pytest.mark.parametrize(
    "args", [["edit-session", TOO_BIG, "--minutes", "60"], ["delete-session", TOO_BIG, "--yes"]]
)
def test_a_session_id_beyond_sqlites_integers_is_simply_not_found(cli, duo, db_path, args):
    events = count(db_path, "events")
    assert f"no session {TOO_BIG}" in refused(cli, *args, code=1)
    assert count(db_path, "events") == events


def test_unmatch_an_id_beyond_sqlites_integers(cli, duo, db_path):
    assert f"no trajectory {TOO_BIG}" in refused(cli, "unmatch", TOO_BIG, "--yes", code=1)
    assert count(db_path, "trajectories") == 1


@pytest.mark.parametrize("command", [["list", "mentees"], ["match"], ["stats"]])
def test_a_blank_city_filter(cli, duo, command):
    assert "city is empty" in refused(cli, *command, "--city", " ", code=2)


def test_purge_older_than_a_year_number(cli, duo):
    assert "--older-than" in refused(cli, "purge", "--older-than", "2025", "--dry-run", code=2)


def test_purge_older_than_a_huge_number(cli, duo):
    line = refused(cli, "purge", "--older-than", "9" * 30, "--yes", code=2)
    assert "--older-than" in line


def test_log_session_of_1e307_hours(cli, duo, db_path):
    assert "--hours" in refused(cli, "log-session", duo, "--hours", "1E307", code=2)
    assert count(db_path, "sessions") == 0


@pytest.mark.parametrize("value", ["nan", "inf", "-inf"])
def test_log_session_of_nan_or_infinite_hours(cli, duo, db_path, value):
    assert "is not a number" in refused(cli, "log-session", duo, "--hours", value, code=2)
    assert count(db_path, "sessions") == 0


def test_remind_waiting_a_million_days(cli, duo):
    assert "--waiting-days" in refused(cli, "remind", "--waiting-days", "1000000", code=2)


def test_remind_as_of_year_one(cli, duo):
    assert "before 1900" in refused(cli, "remind", "--as-of", "0001-01-01", code=2)


def test_remind_as_of_year_9999(cli, duo):
    assert "after 2200" in refused(cli, "remind", "--as-of", "9999-12-31", code=2)


@pytest.mark.parametrize("value", ["nan", "inf", "-1"])
def test_config_weight_must_be_finite_and_not_negative(cli, value):
    refused(cli, "config", "set", "weight.sector", value, code=2)
    shown = {row["key"]: row["value"] for row in cli.json("config", "show")}
    assert shown["weight.sector"] == 40.0


def test_config_set_hours_nan(cli):
    refused(cli, "config", "set", "programme.hours_min", "nan", code=2)


def test_match_min_score_nan(cli, duo):
    assert "--min-score" in refused(cli, "match", "--min-score", "nan", code=2)


def test_stats_from_year_one_to_a_huge_year(cli, duo):
    refused(cli, "stats", "--from", "1", "--to", TOO_BIG, code=2)


def test_a_digit_that_is_not_an_id_is_a_name(cli, duo):
    assert "no person named '²'" in refused(cli, "show", "²", code=1)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    value=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.integers(-(2**70), 2**70).map(str),
        st.sampled_from(["nan", "NaN", "inf", "-inf", "1E307", "1e-320", "1_000", "40,5"]),
        st.text(max_size=12),
    )
)
def test_a_weight_is_stored_finite_and_in_range_or_refused(cli, value):
    result = cli("config", "set", "weight.sector", value, code=None)
    assert result.exit_code in (0, 2), result.stderr
    assert "internal error" not in result.stderr
    shown = {row["key"]: row["value"] for row in cli.json("config", "show")}
    assert math.isfinite(shown["weight.sector"]) and 0 <= shown["weight.sector"] <= 1000


def test_remind_mail_to_an_empty_address_is_a_usage_error(cli, duo):
    """It used to pass the header check and then print the reminders as if no mail was asked."""
    line = refused(cli, "remind", "--mail-to", "", "--as-of", "2025-12-01", code=2)
    assert "--mail-to" in line


@pytest.mark.parametrize("field", ["enrolled-on", "prefers-similar-background"])
def test_edit_clearing_a_field_that_always_has_a_value_is_a_usage_error(cli, db_path, field):
    """These columns are NOT NULL: clearing them ended in "refused by the database's rules"."""
    person = enrol(cli, "mentee", "Amina Benali")
    events = count(db_path, "events")
    line = refused(cli, "edit", person, "--clear", field, code=2)
    assert field in line and "database" not in line
    assert count(db_path, "events") == events


def test_config_reset_of_a_setting_without_default_says_off(cli):
    result = cli("config", "reset", "age.mentee.max")
    assert "None" not in result.stderr
    assert "back to its default (off)" in result.stderr
