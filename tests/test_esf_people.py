"""What ESF+ asks about a mentee at entry (issue 14, "What is recorded"): every field through
enrol, edit, import, show, export, forget and doctor; the refusals; the old database."""

from __future__ import annotations

import json
import re
import sqlite3

import pytest
from conftest import MENTEE, MENTOR, count

from mentorcli.lifecycle.esf import stable_job
from mentorcli.people.esf import long_term_unemployed, third_country_national

ESF = [
    "--labour-status",
    "unemployed",
    "--unemployed-since",
    "2024-03-01",
    "--education",
    "upper-secondary",
    "--nationality",
    "Morocco",
    "--special-consent-on",
    "2025-05-02",
    "--disability",
    "no",
    "--homeless",
    "yes",
]


def stored(db_path, person_id=1, columns="*"):
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    try:
        return dict(
            conn.execute(f"SELECT {columns} FROM people WHERE id = ?", [person_id]).fetchone()
        )
    finally:
        conn.close()


def one_line(result):
    assert result.stderr.startswith("Error: ") and result.stderr.count("\n") == 1, result.stderr
    return result.stderr


# --- enrol --------------------------------------------------------------------------------


def test_enrol_records_every_esf_field(cli, db_path):
    person = cli.json(*MENTEE, *ESF)
    assert {k: person[k] for k in ("labour_status", "unemployed_since", "education")} == {
        "labour_status": "unemployed",
        "unemployed_since": "2024-03-01",
        "education": "isced3",
    }
    assert (person["nationality"], person["special_consent_on"]) == ("MA", "2025-05-02")
    assert person["education_unsure"] is False
    # special-category answers are stored, but no JSON answer carries them
    assert "disability" not in person and "homeless" not in person
    row = stored(db_path)
    assert (row["disability"], row["homeless"]) == ("no", "yes")
    [listed] = cli.json("list", "mentees")
    assert "disability" not in listed and "homeless" not in listed
    assert "homeless" not in cli("list", "mentees", "--format", "csv").stdout.splitlines()[0]


@pytest.mark.parametrize(
    "typed, code",
    [
        ("none", "isced0"),
        ("early-childhood", "isced0"),
        ("primary", "isced1"),
        ("lower secondary", "isced2"),
        ("Upper-Secondary", "isced3"),
        ("post-secondary", "isced4"),
        ("short-cycle-tertiary", "isced5"),
        ("bachelor", "isced6"),
        ("master", "isced7"),
        ("doctorate", "isced8"),
        ("isced5", "isced5"),
        ("ISCED 4", "isced4"),
    ],
)
def test_education_takes_isced_codes_and_names(cli, typed, code):
    assert cli.json(*MENTEE, "--education", typed)["education"] == code


def test_a_mentor_has_an_isced_education_but_no_mentee_esf_field(cli):
    assert cli.json(*MENTOR, "--education", "master")["education"] == "isced7"
    line = one_line(cli(*MENTOR, "--labour-status", "employed", code=2))
    assert "--labour-status is only for mentees" in line


@pytest.mark.parametrize(
    "extra, words",
    [
        (["--education", "secondary"], "lower-secondary (ISCED 2) or upper-secondary (ISCED 3)"),
        (["--education", "isced9"], "not an ISCED level"),
        (["--labour-status", "retired"], "is not one of employed, self-employed"),
        (["--nationality", "Atlantis"], "ISO 3166"),
        (["--unemployed-since", "2025-13-01", "--labour-status", "unemployed"], "YYYY-MM-DD"),
        (["--special-consent-on", "2030-01-01"], "in the future"),
        (["--disability", "yes"], "--disability: special-category data is recorded only with"),
        (["--homeless", "not-said"], "--homeless: special-category data is recorded only with"),
        (["--disability", "maybe", "--special-consent-on", "2025-01-01"], "not one of yes, no"),
        (["--unemployed-since", "2024-01-01"], "only for an unemployed mentee"),
        (
            ["--labour-status", "unemployed", "--unemployed-since", "2025-05-01"],
            "--unemployed-since 2025-05-01 is after the enrolment on 2025-03-01",
        ),
    ],
)
def test_bad_esf_values_are_refused_in_one_line_and_write_nothing(cli, db_path, extra, words):
    cli(*MENTOR)
    result = cli(*MENTEE, "--enrolled-on", "2025-03-01", *extra, code=2)
    assert words in one_line(result)
    assert count(db_path, "people") == 1


# --- edit ---------------------------------------------------------------------------------


def test_edit_sets_and_clears_the_esf_fields(cli, db_path):
    cli(*MENTEE)
    person = cli.json("edit", "1", *ESF)
    assert person["labour_status"] == "unemployed" and person["nationality"] == "MA"
    assert stored(db_path, columns="disability, homeless") == {
        "disability": "no",
        "homeless": "yes",
    }
    # no longer unemployed: the date of unemployment goes with it
    result = cli("edit", "1", "--labour-status", "employed")
    assert "labour_status, unemployed_since" in result.stderr
    assert stored(db_path, columns="unemployed_since")["unemployed_since"] is None
    # consent withdrawn: the special-category answers go with it
    result = cli("edit", "1", "--clear", "special-consent-on")
    assert "disability, homeless, special_consent_on" in result.stderr
    row = stored(db_path, columns="special_consent_on, disability, homeless")
    assert row == {"special_consent_on": None, "disability": None, "homeless": None}
    events = [e for e in cli.json("log", "--person", "1") if e["action"] == "edit"]
    assert events[0]["details"] == {"fields": ["disability", "homeless", "special_consent_on"]}


def test_edit_refuses_special_category_data_without_a_consent(cli, db_path):
    cli(*MENTEE)
    before = db_path.read_bytes()
    line = one_line(cli("edit", "1", "--disability", "yes", code=2))
    assert "give --special-consent-on DATE" in line
    assert db_path.read_bytes() == before
    cli("edit", "1", "--special-consent-on", "2025-05-01")
    cli("edit", "1", "--disability", "yes")  # the consent is on record now
    assert stored(db_path, columns="disability")["disability"] == "yes"
    line = one_line(cli("edit", "1", "--education", "secondary", code=2))
    assert "say which" in line
    line = one_line(cli("edit", "1", "--unemployed-since", "2024-01-01", code=2))
    assert "only for an unemployed mentee" in line


# --- import -------------------------------------------------------------------------------


def test_import_reads_the_esf_columns(cli, db_path, tmp_path):
    source = tmp_path / "mentees.csv"
    source.write_text(
        "name;city;languages;sector;labour_status;unemployed_since;education;nationality;"
        "special_consent_on;disability;homeless\n"
        "Amina Benali;Gent;nl;zorg;unemployed;2023-01-10;bachelor;SY;2025-01-05;yes;no\n"
        "Omar Haddad;Gent;nl;haven;inactive;;lower-secondary;Belgium;;;\n",
        encoding="utf-8",
    )
    cli("import", source, "--role", "mentee")
    amina, omar = stored(db_path, 1), stored(db_path, 2)
    assert (amina["labour_status"], amina["unemployed_since"], amina["education"]) == (
        "unemployed",
        "2023-01-10",
        "isced6",
    )
    assert (amina["nationality"], amina["disability"], amina["homeless"]) == ("SY", "yes", "no")
    assert (omar["labour_status"], omar["education"], omar["nationality"]) == (
        "inactive",
        "isced2",
        "BE",
    )
    assert omar["special_consent_on"] is None and omar["disability"] is None


def test_import_refuses_every_bad_esf_row_and_writes_nothing(cli, db_path, tmp_path):
    source = tmp_path / "mentees.csv"
    source.write_text(
        "name;city;languages;sector;education;disability\n"
        "Amina Benali;Gent;nl;zorg;bachelor;\n"
        "Omar Haddad;Gent;nl;haven;secondary;\n"
        "Zoë Claes;Gent;nl;ICT;;yes\n",
        encoding="utf-8",
    )
    result = cli("import", source, "--role", "mentee", code=1)
    assert "line 3: --education: 'secondary' is lower-secondary" in result.stderr
    assert "line 4: --disability: special-category data" in result.stderr
    assert count(db_path, "people") == 0


# --- show ---------------------------------------------------------------------------------


def test_show_gives_special_category_answers_only_at_a_terminal(cli, monkeypatch):
    from mentorcli.ui import output

    cli(*MENTEE, *ESF)
    piped = cli("show", "1").stdout
    assert "unemployed" in piped and "upper secondary (ISCED 3)" in piped
    assert "Morocco (MA)" in piped and "2025-05-02" in piped
    assert "homeless" not in piped and "disability" not in piped
    # what follows from them, as ESF+ counts it (15 months unemployed; a Moroccan)
    assert re.search(r"long-term unemployed +yes", piped)
    assert re.search(r"third-country national +yes", piped)
    assert "disability" not in cli.json("show", "1")
    monkeypatch.setattr(output, "is_terminal", lambda: True)
    seen = cli("show", "1").stdout
    assert "disability" in seen and "no (consent of 2025-05-02)" in seen
    assert "homeless" in seen and "yes (consent of 2025-05-02)" in seen
    record = cli.json("show", "1")
    assert (record["disability"], record["homeless"]) == ("no", "yes")


def test_show_says_an_old_secondary_is_unsure(cli, db_path):
    cli(*MENTEE, "--education", "upper-secondary")
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE people SET education_unsure = 1")
    conn.commit()
    conn.close()
    assert "migrated from 'secondary': lower or upper?" in cli("show", "1").stdout
    assert cli.json("show", "1")["education_unsure"] is True
    cli("edit", "1", "--education", "lower-secondary")
    assert cli.json("show", "1")["education_unsure"] is False


# --- export, forget -----------------------------------------------------------------------


def test_the_private_export_holds_every_esf_field(cli):
    cli(*MENTEE, *ESF)
    [row] = json.loads(cli("export").stdout)["people"]
    assert {k: row[k] for k in ("labour_status", "nationality", "disability", "homeless")} == {
        "labour_status": "unemployed",
        "nationality": "MA",
        "disability": "no",
        "homeless": "yes",
    }
    assert row["special_consent_on"] == "2025-05-02" and row["education"] == "isced3"


def test_forget_erases_nationality_and_special_category_data_but_keeps_the_figures(cli, db_path):
    cli(*MENTEE, "--enrolled-on", "2025-03-01", *ESF)
    before = stored(db_path)
    assert third_country_national(before) is True and long_term_unemployed(before) is True
    cli("forget", "1", "--yes")
    after = stored(db_path)
    erased = ("nationality", "special_consent_on", "disability", "homeless")
    assert {k: after[k] for k in erased} == dict.fromkeys(erased)
    # what the yearly figures need stays, anonymous
    kept = ("labour_status", "unemployed_since", "education", "birth_year")
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept}
    assert after["nationality_eu"] == 0
    assert third_country_national(after) is True and long_term_unemployed(after) is True


# --- doctor -------------------------------------------------------------------------------


def test_doctor_lists_special_category_data_without_consent(cli, db_path):
    cli(*MENTEE, "--consent-on", "2025-01-01")
    checks = {c["check"]: c for c in json.loads(cli("doctor", "--format", "json").stdout)}
    assert checks["special-category consent"]["ok"] and checks["education"]["ok"]
    # another tool wrote past the schema's CHECK
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA ignore_check_constraints = ON")
    conn.execute("UPDATE people SET disability = 'yes'")
    conn.commit()
    conn.close()
    result = cli("doctor", code=1)
    assert "PROBLEM  special-category consent: 1 person(s) with disability" in result.stdout


# --- the derived facts --------------------------------------------------------------------


@pytest.mark.parametrize(
    "status, since, birth_year, expected",
    [
        (None, None, 2000, None),
        ("employed", None, 2000, False),
        ("unemployed", None, 2000, None),
        ("unemployed", "2024-03-01", 1980, True),  # 12 months to the day
        ("unemployed", "2024-03-02", 1980, False),  # a day short, and 25 or older
        ("unemployed", "2024-09-01", 2001, True),  # 6 months, 24 in 2025
        ("unemployed", "2024-09-01", 2000, False),  # 6 months, but 25 in 2025
        ("unemployed", "2024-09-02", 2001, False),  # a day short of 6 months
        ("unemployed", "2024-09-01", None, None),  # 6 to 12 months, age unknown
        ("unemployed", "2020-01-01", None, True),
    ],
)
def test_long_term_unemployment_at_enrolment(status, since, birth_year, expected):
    person = {
        "labour_status": status,
        "unemployed_since": since,
        "birth_year": birth_year,
        "enrolled_on": "2025-03-01",
    }
    assert long_term_unemployed(person) is expected


def test_third_country_national_from_the_nationality():
    assert third_country_national({"nationality": "MA"}) is True
    assert third_country_national({"nationality": "XK"}) is True  # Kosovo
    assert third_country_national({"nationality": "BE"}) is False
    assert third_country_national({"nationality": "PL"}) is False
    assert third_country_national({"nationality": None}) is None
    assert third_country_national({"nationality": None, "nationality_eu": 1}) is False
    assert third_country_national({"nationality": None, "nationality_eu": 0}) is True


@pytest.mark.parametrize(
    "contract, months, expected",
    [
        ("permanent", None, True),
        ("fixed-term", 3, True),
        ("fixed-term", 2, False),
        ("interim", 3, True),
        ("interim", 1, False),
        ("fixed-term", None, True),  # recorded before lengths were: as counted then
        ("interim", None, False),
        ("self-employed", 12, False),
        (None, None, False),
    ],
)
def test_stable_job(contract, months, expected):
    assert stable_job(contract, months, 3) is expected


def test_config_shows_the_stable_job_setting(cli):
    rows = {r["key"]: r for r in cli.json("config", "show")}
    assert rows["stable_job.min_months"]["value"] == 3
    cli("config", "set", "stable_job.min_months", "6")
    assert {r["key"]: r for r in cli.json("config", "show")}["stable_job.min_months"]["value"] == 6
    assert "whole number" in one_line(cli("config", "set", "stable_job.min_months", "2.5", code=2))


# --- an old database ----------------------------------------------------------------------

OLD_EDUCATION = ["primary", "secondary", "bachelor", "master", "doctorate", None]


def old_database(path):
    """A file as mentorcli wrote it before ISCED: every old education level, a duo with
    a session and a follow-up, a forbidden pair, an erased mentee and the event log."""
    from sqlite_utils import Database

    from mentorcli.store.migrations import migrations

    old = Database(path)
    migrations.apply(old, stop_before="m020_esf_people")
    for n, education in enumerate(OLD_EDUCATION, start=1):
        old.execute(
            "INSERT INTO people (id, role, name, city, languages, sector, enrolled_on, "
            "education, birth_year, origin_country, prefers_similar_background) "
            "VALUES (?, 'mentee', ?, 'Gent', 'nl', 'zorg', '2024-01-01', ?, 2000, 'MA', 1)",
            [n, f"Mentee {n}", education],
        )
        old.execute(
            "INSERT INTO people (id, role, name, city, languages, sector, enrolled_on, "
            "education, capacity, knows_diploma_recognition) "
            "VALUES (?, 'mentor', ?, 'Gent', 'nl', 'zorg', '2023-01-01', ?, 2, 1)",
            [10 + n, f"Mentor {n}", education],
        )
    old.execute(
        "UPDATE people SET name = 'erased person 6', origin_country = NULL, "
        "origin_region = 'Northern Africa', origin_eu = 0, erased_on = '2024-06-01' WHERE id = 6"
    )
    old.execute(
        "INSERT INTO trajectories (id, mentee_id, mentor_id, started_on, planned_end, status, "
        "closed_on, outcome, contract, close_reason) VALUES (1, 1, 11, '2024-02-01', "
        "'2024-08-01', 'closed', '2024-08-01', 'job', 'fixed-term', 'completed')"
    )
    old.execute(
        "INSERT INTO trajectories (id, mentee_id, mentor_id, started_on, planned_end) "
        "VALUES (2, 2, 12, '2024-03-01', '2024-09-01')"
    )
    old.execute(
        "INSERT INTO sessions (trajectory_id, held_on, minutes, topics) "
        "VALUES (1, '2024-02-10', 90, 'cv')"
    )
    old.execute(
        "INSERT INTO followups (trajectory_id, recorded_on, outcome, contract) "
        "VALUES (1, '2025-02-01', 'job', 'permanent')"
    )
    old.execute("INSERT INTO forbidden_pairs (mentee_id, mentor_id) VALUES (3, 13)")
    old.execute("INSERT INTO events (actor, action, person_id) VALUES ('test', 'enrol', 1)")
    old.conn.commit()
    schema = {
        (r[0], r[1]): r[2]
        for r in old.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "AND name <> 'people'"
        )
    }
    old.close()
    return schema


def test_an_old_database_gets_isced_levels_and_keeps_everything_else(tmp_path):
    from mentorcli.store import db as dbmod

    path = tmp_path / "old.db"
    schema = old_database(path)
    conn = sqlite3.connect(path)
    before = {
        table: conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()
        for table in ("trajectories", "sessions", "followups", "forbidden_pairs", "events")
    }
    people_before = conn.execute("SELECT * FROM people ORDER BY id").fetchall()
    conn.close()
    dbmod.open_db(path).conn.commit()
    dbmod.close_all()
    conn = sqlite3.connect(path)
    rows = conn.execute(
        "SELECT education, education_unsure FROM people WHERE role = 'mentee' ORDER BY id"
    ).fetchall()
    assert rows == [
        ("isced1", 0),
        ("isced3", 1),  # lower or upper secondary? doctor asks
        ("isced6", 0),
        ("isced7", 0),
        ("isced8", 0),
        (None, 0),
    ]
    # every other column of every person as it was, the new ones empty
    after = conn.execute("SELECT * FROM people ORDER BY id").fetchall()
    width = len(people_before[0])
    education = [d[1] for d in conn.execute("PRAGMA table_info(people)")].index("education")
    for old_row, new_row in zip(people_before, after, strict=True):
        assert old_row[:education] == new_row[:education]
        assert old_row[education + 1 :] == new_row[education + 1 : width]
        assert new_row[width + 1 :] == (None,) * (len(new_row) - width - 1)
    for table, rows in before.items():
        now_rows = conn.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall()[: len(rows)]
        # later steps may add columns at the end (m018: trajectories.waiting_since, requeued)
        assert [row[: len(rows[0])] for row in now_rows] == rows
    # every index, trigger and view as it was, people's own index included
    now = {
        (r[0], r[1]): r[2]
        for r in conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' "
            "AND name <> 'people'"
        )
    }
    # m018_duo_life, a later step, rebuilds followups (its outcome CHECK) and people_status
    # and adds columns to trajectories
    rebuilt_later = {("table", "followups"), ("view", "people_status"), ("table", "trajectories")}
    assert {k: v for k, v in now.items() if k in schema and k not in rebuilt_later} == {
        k: v for k, v in schema.items() if k not in rebuilt_later
    }
    assert ("index", "people_role_city") in now
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # the old values are refused now, the schema's own CHECK says so
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE people SET education = 'secondary' WHERE id = 1")
    conn.close()


def test_doctor_lists_the_old_secondary(cli, tmp_path):
    path = tmp_path / "old.db"
    old_database(path)
    cli("--db", path, "list", "mentees")  # any command upgrades the file
    checks = {
        c["check"]: c
        for c in json.loads(cli("--db", path, "doctor", "--format", "json", code=1).stdout)
    }
    assert not checks["education"]["ok"]
    assert "2 person(s) recorded as 'secondary'" in checks["education"]["detail"]
    assert ": 2, 12 (mentorcli edit" in checks["education"]["detail"]
    cli("--db", path, "edit", "2", "--education", "lower-secondary")
    cli("--db", path, "edit", "12", "--education", "upper-secondary")
    checks = {
        c["check"]: c
        for c in json.loads(cli("--db", path, "doctor", "--format", "json", code=None).stdout)
    }
    assert checks["education"]["ok"]


def test_matching_scores_a_migrated_database_as_before():
    """The background criterion on ISCED levels equals the old five-level one for every
    pair of migrated values."""
    from mentorcli.matching import engine

    old_level = {name: i for i, name in enumerate(OLD_EDUCATION[:5])}
    migrated = {"primary": "isced1", "secondary": "isced3", "bachelor": "isced6",
                "master": "isced7", "doctorate": "isced8", None: None}  # fmt: skip
    for mentee in OLD_EDUCATION:
        for mentor in OLD_EDUCATION:
            for recognised, knows in [(None, None), (False, True), (False, None), (True, False)]:
                if mentee in old_level and mentor in old_level:
                    education = 1.0 - abs(old_level[mentee] - old_level[mentor]) / 4
                else:
                    education = engine.NEUTRAL
                if recognised is False:
                    route = engine.NEUTRAL if knows is None else float(knows)
                    education = (education + route) / 2
                new = engine._background(migrated[mentee], recognised, migrated[mentor], knows)
                assert new == pytest.approx(education), (mentee, mentor)


def test_match_proposes_the_same_after_the_migration(cli, tmp_path):
    """End to end: the proposals for an upgraded file, as mentorcli proposed them for the
    same file before ISCED (recorded from its `match --format json`)."""
    path = tmp_path / "old.db"
    old_database(path)
    proposed = cli.json("--db", path, "match", "--min-score", "0")
    found = [
        (p["mentee_id"], p["mentor_id"], p["score"], p["breakdown"]) for p in proposed["pairs"]
    ]
    before = {"sector": 42.1, "occupation": 7.9, "languages": 3.5, "availability": 5.3,
              "waiting": 10.5}  # fmt: skip
    assert found == [
        (3, 12, 77.19, {**before, "background": 7.9}),
        (4, 14, 79.82, {**before, "background": 10.5}),
        (5, 15, 79.82, {**before, "background": 10.5}),
    ]
    assert proposed["unmatched"] == []
