"""Dates and programme rules that a typo cannot break: no event in the future or before
1900, a follow-up only after the close, and `edit` keeping the rules `enrol` keeps.

Today is 2025-06-01 in every test (conftest pins MENTORCLI_TODAY).
"""

from __future__ import annotations

import pytest
from conftest import count


def enrol(cli, role, name, *extra, code=0):
    result = cli(
        "enrol", role, "--name", name, "--city", "Gent", "--languages", "nl",
        "--sector", "zorg", *extra, "--format", "json", code=code,
    )  # fmt: skip
    return result


def enrolled(cli, role, name, *extra):
    return cli.json(
        "enrol", role, "--name", name, "--city", "Gent", "--languages", "nl",
        "--sector", "zorg", "--enrolled-on", "2025-01-01", *extra,
    )["id"]  # fmt: skip


@pytest.fixture
def duo(cli):
    enrolled(cli, "mentee", "Amina Benali", "--birth-year", "2000")
    enrolled(cli, "mentor", "Sofie Maes", "--birth-year", "1965")
    return cli.json("match", "--apply", "--start-date", "2025-02-01")["pairs"][0]["trajectory_id"]


def error(result):
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# --- no date in the future, none before 1900 ----------------------------------------------


def test_a_future_enrolment_is_refused_and_so_cannot_block_matching(cli, db_path):
    enrolled(cli, "mentee", "Amina Benali")
    enrolled(cli, "mentor", "Sofie Maes")
    result = enrol(cli, "mentee", "Omar Haddad", "--enrolled-on", "2062-01-01", code=2)
    assert "--enrolled-on: date 2062-01-01 is in the future" in error(result)
    assert count(db_path, "people") == 2
    assert len(cli.json("match", "--apply")["pairs"]) == 1


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [
        ("--enrolled-on", "2025-06-02", "in the future"),
        ("--enrolled-on", "1899-12-31", "before 1900"),
        ("--consent-on", "2030-01-01", "in the future"),
        ("--consent-on", "0001-01-01", "before 1900"),
    ],
)
def test_enrol_refuses_impossible_dates(cli, db_path, option, value, words):
    assert words in error(enrol(cli, "mentee", "Omar Haddad", option, value, code=2))
    assert count(db_path, "people") == 0


def test_enrol_accepts_today_and_1900(cli):
    assert enrol(cli, "mentee", "Omar Haddad", "--enrolled-on", "2025-06-01")
    assert enrol(cli, "mentor", "Old Timer", "--consent-on", "1900-01-01")


def test_import_refuses_rows_with_impossible_dates(cli, tmp_path, db_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "name,city,languages,sector,enrolled_on,consent_on\n"
        "Amina Benali,Gent,nl,zorg,2025-01-01,2025-01-01\n"
        "Omar Haddad,Gent,nl,zorg,2062-01-01,\n"
        "Nour Amrani,Gent,nl,zorg,2025-01-01,1800-05-05\n"
    )
    result = cli("import", path, "--role", "mentee", code=1)
    assert "line 3: --enrolled-on: date 2062-01-01 is in the future" in result.stderr
    assert "line 4: --consent-on: date 1800-05-05 is before 1900" in result.stderr
    assert count(db_path, "people") == 0


@pytest.mark.parametrize(
    ("option", "value", "words"),
    [("--enrolled-on", "2062-01-01", "in the future"), ("--consent-on", "1850-01-01", "1900")],
)
def test_edit_refuses_impossible_dates(cli, option, value, words):
    person = enrolled(cli, "mentee", "Amina Benali")
    assert words in error(cli("edit", person, option, value, code=2))
    assert cli.json("show", person)["enrolled_on"] == "2025-01-01"


@pytest.mark.parametrize(
    ("value", "words"), [("2025-06-02", "in the future"), ("1899-01-01", "1900")]
)
def test_withdraw_refuses_impossible_dates(cli, value, words):
    person = enrolled(cli, "mentee", "Amina Benali")
    assert words in error(cli("withdraw", person, "--date", value, code=2))
    assert cli.json("show", person)["withdrawn_on"] is None


@pytest.mark.parametrize(
    ("value", "words"), [("2025-06-02", "in the future"), ("1899-01-01", "1900")]
)
def test_match_refuses_an_impossible_start(cli, db_path, value, words):
    enrolled(cli, "mentee", "Amina Benali")
    enrolled(cli, "mentor", "Sofie Maes")
    assert words in error(cli("match", "--apply", "--start-date", value, code=2))
    assert count(db_path, "trajectories") == 0


@pytest.mark.parametrize(
    "command",
    [
        ["log-session", "{t}", "--minutes", "60"],
        ["close", "{t}", "--outcome", "none", "--reason", "moved"],
    ],
    ids=["log-session", "close"],
)
@pytest.mark.parametrize(
    ("value", "words"), [("2025-06-02", "in the future"), ("1899-01-01", "1900")]
)
def test_sessions_and_closes_refuse_impossible_dates(cli, duo, db_path, command, value, words):
    args = [a.format(t=duo) for a in command]
    assert words in error(cli(*args, "--date", value, code=2))
    assert count(db_path, "sessions") == 0
    assert cli.json("show", "amina")["trajectories"][0]["status"] == "active"


# --- follow-up: after the close ------------------------------------------------------------


def test_follow_up_of_an_active_trajectory_is_refused(cli, duo, db_path):
    line = error(cli("follow-up", duo, "--outcome", "job", "--contract", "permanent", code=1))
    assert "still active" in line and "close it first" in line
    assert count(db_path, "followups") == 0


def test_follow_up_by_name_finds_only_closed_trajectories(cli, duo):
    assert "no closed trajectory" in error(cli("follow-up", "amina", "--outcome", "none", code=1))


def test_follow_up_dated_before_the_close_is_refused(cli, duo, db_path):
    cli("close", duo, "--outcome", "none", "--reason", "moved", "--date", "2025-04-01")
    line = error(cli("follow-up", duo, "--outcome", "none", "--date", "2025-03-31", code=1))
    assert "before the close on 2025-04-01" in line
    assert count(db_path, "followups") == 0
    cli("follow-up", duo, "--outcome", "none", "--situation", "inactive", "--date", "2025-04-01")
    assert count(db_path, "followups") == 1


@pytest.mark.parametrize(
    ("value", "words"), [("2025-06-02", "in the future"), ("1899-01-01", "1900")]
)
def test_follow_up_refuses_impossible_dates(cli, duo, db_path, value, words):
    cli("close", duo, "--outcome", "none", "--reason", "moved", "--date", "2025-04-01")
    assert words in error(cli("follow-up", duo, "--outcome", "none", "--date", value, code=2))
    assert count(db_path, "followups") == 0


def test_no_follow_up_reminder_for_a_trajectory_still_running(cli, duo, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-03-01")
    kinds = [item["kind"] for item in cli.json("remind")]
    assert "follow-up" not in kinds and "ending" in kinds
    cli("close", duo, "--outcome", "none")
    assert "follow-up" in [item["kind"] for item in cli.json("remind")]


# --- edit keeps the rules ------------------------------------------------------------------


def test_edit_keeps_the_age_rules_unless_forced(cli, db_path):
    cli("config", "set", "age.mentee.max", "33")
    person = enrolled(cli, "mentee", "Amina Benali", "--birth-year", "2000")
    events = count(db_path, "events")
    line = error(cli("edit", person, "--birth-year", "1980", code=1))
    assert "at most 33" in line and "--force" in line
    assert cli.json("show", person)["birth_year"] == 2000
    assert count(db_path, "events") == events
    cli("edit", person, "--birth-year", "1980", "--force")
    assert cli.json("show", person)["birth_year"] == 1980


def test_edit_checks_the_age_in_the_new_enrolment_year(cli):
    cli("config", "set", "age.mentee.min", "18")
    person = enrolled(cli, "mentee", "Amina Benali", "--birth-year", "2007")
    assert "at least 18" in error(cli("edit", person, "--enrolled-on", "2024-06-01", code=1))


def test_edit_of_another_field_does_not_reopen_an_enrolment_that_was_forced(cli):
    cli("config", "set", "age.mentee.max", "33")
    person = enrolled(cli, "mentee", "Amina Benali", "--birth-year", "1980", "--force")
    cli("edit", person, "--phone", "0475 12 34 56")
    assert cli.json("show", person)["phone"] == "0475 12 34 56"


@pytest.mark.parametrize("who", ["amina", "sofie"])
def test_edit_refuses_an_enrolment_after_the_first_trajectory(cli, duo, who):
    line = error(cli("edit", who, "--enrolled-on", "2025-02-02", code=1))
    assert "after" in line and "2025-02-01" in line
    cli("edit", who, "--enrolled-on", "2025-02-01")


def test_edit_refuses_an_enrolment_after_the_withdrawal(cli):
    person = enrolled(cli, "mentee", "Amina Benali")
    cli("withdraw", person, "--date", "2025-03-01")
    assert "withdr" in error(cli("edit", person, "--enrolled-on", "2025-04-01", code=1))


def test_edit_refuses_a_capacity_below_the_active_duos(cli, db_path):
    mentor = enrolled(cli, "mentor", "Sofie Maes", "--capacity", "2")
    enrolled(cli, "mentee", "Amina Benali")
    enrolled(cli, "mentee", "Omar Haddad")
    assert len(cli.json("match", "--apply", "--min-score", "0")["pairs"]) == 2
    events = count(db_path, "events")
    line = error(cli("edit", mentor, "--capacity", "1", code=1))
    assert "2 active" in line
    assert cli.json("show", mentor)["capacity"] == 2
    assert count(db_path, "events") == events
    cli("edit", mentor, "--capacity", "3")


# MENTORCLI_TODAY with a time stops the clock, so the README replays the same every time


def test_a_pinned_time_names_the_backup_and_stamps_the_event_log(cli, db_path, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2026-02-02T07:00")
    enrol(cli, "mentee", "Nour El Amrani")
    result = cli("backup")
    assert "mentorcli-2026-02-02T070000.db" in result.stderr
    [first, second] = sorted(cli.json("log"), key=lambda e: e["id"])
    assert first["at"] == second["at"] == "2026-02-02T07:00:00Z"


def test_a_pinned_date_alone_keeps_the_date_of_backups_and_events(cli, db_path, monkeypatch):
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-03-01")
    enrol(cli, "mentee", "Nour El Amrani")
    assert "mentorcli-2025-03-01T" in cli("backup").stderr
    at = cli.json("log")[0]["at"]  # in UTC, so in Belgium maybe the day before
    assert at[:10] in {"2025-02-28", "2025-03-01", "2025-03-02"}, at


@pytest.mark.parametrize("value", ["2025-13-01", "tomorrow", "2025-03-01T25:00", "2025-03-01 "])
def test_a_malformed_pinned_date_is_one_clear_line(cli, monkeypatch, value):
    monkeypatch.setenv("MENTORCLI_TODAY", value)
    result = enrol(cli, "mentee", "Nour El Amrani", code=2)
    assert result.stderr.startswith("Error: MENTORCLI_TODAY=")
    assert result.stderr.count("\n") == 1
