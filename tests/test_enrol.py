from __future__ import annotations

import os
import stat

from conftest import MENTEE, MENTOR, count


def test_enrol_prints_the_new_id_and_stores_every_field(cli):
    result = cli(
        *MENTEE,
        "--email",
        "nour@example.org",
        "--phone",
        "0475 12 34 56",
        "--education",
        "master",
        "--gender",
        "f",
        "--hours-per-week",
        "2.5",
        "--referral",
        "vdab",
        "--diploma-not-recognised",
        "--prefers-gender",
        "f",
        "--prefers-similar-background",
        "--notes",
        "likes ports",
    )
    assert result.stdout.strip() == "1"
    [person] = cli.json("list", "mentees")
    assert person["id"] == 1
    assert person["name"] == "Nour El Amrani"
    assert person["role"] == "mentee"
    assert person["status"] == "waiting"
    assert person["languages"] == "ar,nl"
    assert person["phone"] == "0475 12 34 56"
    assert person["referral"] == "VDAB"
    assert person["origin_country"] == "MA"
    assert person["diploma_recognised"] is False
    assert person["prefers_similar_background"] is True
    assert person["hours_per_week"] == 2.5
    assert person["enrolled_on"] == "2025-06-01"
    assert "capacity" not in person


def test_enrol_json_prints_the_stored_person(cli):
    person = cli.json(*MENTOR, "--capacity", "2", "--organisation", "Port of Antwerp-Bruges")
    assert person["id"] == 1 and person["role"] == "mentor"
    assert person["capacity"] == 2 and person["free_places"] == 2
    assert person["status"] == "available"
    assert "origin_country" not in person


def test_mentor_capacity_defaults_to_one(cli):
    assert cli.json(*MENTOR)["capacity"] == 1


def test_missing_required_fields_without_a_terminal_names_each_and_exits_2(cli, db_path):
    result = cli("enrol", "mentee", "--name", "Amina Benali", code=2)
    assert "--city" in result.stderr and "--languages" in result.stderr
    assert "--sector" in result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")


def test_prompts_fill_missing_fields_on_a_terminal(cli, monkeypatch):
    from mentorcli.ui import prompts

    answers = iter(["Gent", "nl", "zorg", ""])  # the last: nationality, not recorded
    monkeypatch.setattr(prompts, "interactive", lambda: True)
    monkeypatch.setattr(prompts, "ask_text", lambda label, validate=None: next(answers))
    monkeypatch.setattr(prompts, "choose", lambda label, options: "")  # ESF+: not recorded
    monkeypatch.setattr(prompts, "confirm", lambda label, default=False: False)
    cli("enrol", "mentee", "--name", "Amina Benali")
    [person] = cli.json("list", "mentees")
    assert (person["city"], person["languages"], person["sector"]) == ("Gent", "nl", "zorg")


def test_bad_values_are_one_line_errors_and_write_nothing(cli, db_path):
    cli(*MENTOR)
    for extra, words in [
        (["--languages", "nl,xx"], "'xx' is not an ISO 639-1"),
        (["--enrolled-on", "2025-02-30"], "month 2 of 2025 has 28 days"),
        (["--enrolled-on", "15/03/25"], "YYYY-MM-DD or DD/MM/YYYY"),
        (["--birth-year", "twenty"], "whole number"),
        (["--hours-per-week", "-1"], "between 0 and 60"),
        (["--email", "not-an-address"], "e-mail"),
        (["--education", "phd"], "not an ISCED level"),
        (["--origin-country", "Atlantis"], "ISO 3166"),
        (["--capacity", "2"], "only for mentors"),
    ]:
        args = list(MENTEE)
        if extra[0] in args:
            index = args.index(extra[0])
            args[index + 1] = extra[1]
        else:
            args += extra
        result = cli(*args, code=2)
        assert words in result.stderr, (extra, result.stderr)
        assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1
    assert count(db_path, "people") == 1


def test_negative_capacity_is_refused(cli, db_path):
    result = cli(*MENTOR, "--capacity", "-1", code=2)
    assert "between 0 and 50" in result.stderr
    assert count(db_path, "people") == 0


def test_unknown_option_is_a_usage_error(cli):
    result = cli("enrol", "mentee", "--nmae", "x", code=2)
    assert result.stderr.startswith("Error: ") and "--nmae" in result.stderr


def test_country_names_and_codes_are_accepted(cli):
    args = list(MENTEE)
    args[args.index("MA")] = "syria"
    assert cli.json(*args)["origin_country"] == "SY"


def test_likely_duplicate_is_refused_with_the_existing_id(cli, db_path):
    cli(*MENTEE)
    args = list(MENTEE)
    args[args.index("Nour El Amrani")] = "Nour Elamrani"
    result = cli(*args, code=1)
    assert "1 Nour El Amrani" in result.stderr and "--allow-duplicate" in result.stderr
    assert count(db_path, "people") == 1
    assert count(db_path, "events") == 1  # the refused enrolment left no trace
    cli(*args, "--allow-duplicate")
    assert count(db_path, "people") == 2


def test_similar_name_with_another_birth_year_is_not_a_duplicate(cli):
    cli(*MENTEE)
    args = list(MENTEE)
    args[args.index("Nour El Amrani")] = "Nour Elamrani"
    args[args.index("2001")] = "1995"
    cli(*args)


def test_same_email_is_a_duplicate_even_with_another_name(cli):
    cli(*MENTOR, "--email", "griet@example.org")
    result = cli(
        "enrol",
        "mentor",
        "--name",
        "G. Janssens",
        "--city",
        "Gent",
        "--languages",
        "nl",
        "--sector",
        "haven",
        "--email",
        "GRIET@example.org",
        code=1,
    )
    assert "same e-mail" in result.stderr


def test_a_former_mentee_may_enrol_as_mentor(cli):
    cli(*MENTEE)
    args = ["enrol", "mentor", *MENTEE[2:-2]]  # the same person, without mentee-only fields
    assert cli.json(*args)["id"] == 2


def test_age_rules_refuse_unless_forced(cli, db_path):
    cli("config", "set", "age.mentee.max", "33")
    cli("config", "set", "age.mentor.min", "50")
    args = list(MENTEE)
    args[args.index("2001")] = "1980"
    result = cli(*args, code=1)
    assert "at most 33" in result.stderr and "--force" in result.stderr
    cli(*args, "--force")
    young_mentor = list(MENTOR)
    young_mentor[young_mentor.index("1962")] = "1990"
    assert "at least 50" in cli(*young_mentor, code=1).stderr
    assert count(db_path, "people") == 1


def test_config_show_and_bad_settings(cli):
    rows = cli.json("config", "show")
    keys = {r["key"]: r for r in rows}
    assert keys["trajectory.months"]["value"] == 6
    assert keys["age.mentee.max"]["value"] is None
    cli("config", "set", "weight.sector", "55")
    assert {r["key"]: r for r in cli.json("config", "show")}["weight.sector"]["value"] == 55
    assert "unknown setting" in cli("config", "set", "nope", "1", code=2).stderr
    assert "whole number" in cli("config", "set", "trajectory.months", "six", code=2).stderr
    cli("config", "reset", "weight.sector")
    assert {r["key"]: r for r in cli.json("config", "show")}["weight.sector"]["value"] == 40


def test_database_is_owner_only_whatever_the_umask(cli, db_path):
    old = os.umask(0o022)
    try:
        cli(*MENTEE)
    finally:
        os.umask(old)
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    for sidecar in ("-wal", "-shm"):
        path = db_path.with_name(db_path.name + sidecar)
        if path.exists():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_db_option_wins_over_environment(cli, tmp_path, db_path):
    other = tmp_path / "other.db"
    cli("--db", other, *MENTEE)
    assert other.exists() and not db_path.exists()
