"""Input in the coordinator's own words (issue 15): countries, languages, genders, topics,
outcomes, contracts and reasons in Dutch, French or English, and Belgian dates. Whatever
was typed, the database, JSON and CSV hold the one English key.

Today is 2025-06-01 in every test (conftest pins MENTORCLI_TODAY).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys

import pytest
from conftest import count
from hypothesis import given
from hypothesis import strategies as st

from mentorcli.core import vocabulary
from mentorcli.core.clock import parse_date


def enrol(cli, role, name, *extra, code=0):
    return cli(
        "enrol", role, "--name", name, "--city", "Gent", "--languages", "nl",
        "--sector", "zorg", *extra, "--format", "json", code=code,
    )  # fmt: skip


def error(result):
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


def stored(db_path, sql):
    with sqlite3.connect(db_path) as db:
        return db.execute(sql).fetchall()


@pytest.fixture
def duo(cli):
    enrol(cli, "mentee", "Amina Benali", "--enrolled-on", "2025-01-01")
    enrol(cli, "mentor", "Sofie Maes", "--enrolled-on", "2025-01-01")
    return cli.json("match", "--apply", "--start-date", "03/02/2025")["pairs"][0]["trajectory_id"]


# --- countries -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Marokko", "MA"),
        ("Maroc", "MA"),
        ("Morocco", "MA"),
        ("MAROKKO", "MA"),
        ("Turkije", "TR"),
        ("Turquie", "TR"),
        ("Syrië", "SY"),
        ("Syrie", "SY"),
        ("RD Congo", "CD"),
        ("Congo-Kinshasa", "CD"),
        ("congo kinshasa", "CD"),
        ("Congo-Brazzaville", "CG"),
        ("Ivoorkust", "CI"),
        ("Côte d’Ivoire", "CI"),
        ("Afghanistan", "AF"),
        ("Érythrée", "ER"),
        ("ma", "MA"),
        ("MAR", "MA"),
    ],
)
def test_a_country_by_its_dutch_french_or_english_name_is_stored_as_its_code(
    cli, db_path, typed, code
):
    person = enrol(cli, "mentee", "Amina Benali", "--origin-country", typed)
    assert '"origin_country": "' + code + '"' in person.stdout
    assert stored(db_path, "SELECT origin_country FROM people") == [(code,)]


def test_congo_alone_is_refused_naming_both_congos_with_their_codes(cli, db_path):
    line = error(enrol(cli, "mentee", "Amina Benali", "--origin-country", "Congo", code=2))
    assert "'Congo' names more than one country" in line
    assert "Congo-Brazzaville (CG)" in line and "Congo-Kinshasa (CD)" in line
    assert count(db_path, "people") == 0


def test_an_unknown_country_is_refused_in_one_line(cli, db_path):
    line = error(enrol(cli, "mentee", "Amina Benali", "--origin-country", "Atlantis", code=2))
    assert "'Atlantis' is not an ISO 3166 country code or a country name" in line
    assert count(db_path, "people") == 0


def test_edit_takes_a_country_and_a_gender_in_french(cli, db_path):
    enrol(cli, "mentee", "Amina Benali", "--origin-country", "MA", "--gender", "f")
    cli("edit", "Amina Benali", "--origin-country", "Guinée", "--gender", "homme")
    person = cli.json("show", "1")
    assert (person["origin_country"], person["gender"]) == ("GN", "m")


# --- languages -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("Arabisch", "ar"),
        ("arabe", "ar"),
        ("Arabic", "ar"),
        ("Nederlands, Frans", "fr,nl"),
        ("néerlandais; arabe", "ar,nl"),
        ("neerlandais / Tigrinya", "nl,ti"),
        ("Arabisch Frans", "ar,fr"),
        ("NL, fr;en", "en,fr,nl"),
        ("nl fr", "fr,nl"),
        ("Vlaams, ar", "ar,nl"),
    ],
)
def test_languages_by_name_or_code_are_stored_as_sorted_codes(cli, db_path, typed, codes):
    person = cli.json(
        "enrol", "mentee", "--name", "Amina Benali", "--city", "Gent", "--languages", typed,
        "--sector", "zorg",
    )  # fmt: skip
    assert person["languages"] == codes
    assert stored(db_path, "SELECT languages FROM people") == [(codes,)]


def test_an_unknown_language_is_refused_in_one_line(cli, db_path):
    result = cli(
        "enrol", "mentee", "--name", "Amina Benali", "--city", "Gent",
        "--languages", "Arabisch, Klingons", "--sector", "zorg", code=2,
    )  # fmt: skip
    assert "'Klingons' is not an ISO 639-1 language code or a language name" in error(result)
    assert count(db_path, "people") == 0


# --- gender ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("v", "f"),
        ("Vrouw", "f"),
        ("femme", "f"),
        ("female", "f"),
        ("woman", "f"),
        ("F", "f"),
        ("m", "m"),
        ("man", "m"),
        ("homme", "m"),
        ("male", "m"),
        ("x", "x"),
        ("non-binaire", "x"),
    ],
)
def test_gender_in_dutch_french_or_english_is_stored_as_f_m_or_x(cli, db_path, typed, key):
    person = enrol(cli, "mentee", "Amina Benali", "--gender", typed, "--prefers-gender", typed)
    assert f'"gender": "{key}"' in person.stdout and f'"prefers_gender": "{key}"' in person.stdout
    assert stored(db_path, "SELECT gender, prefers_gender FROM people") == [(key, key)]


def test_an_unknown_gender_is_refused_in_one_line(cli, db_path):
    line = error(enrol(cli, "mentee", "Amina Benali", "--gender", "vrouwtje", code=2))
    assert "--gender: unknown gender 'vrouwtje': use f, m, x" in line
    assert count(db_path, "people") == 0


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", ["2025-03-15", "15/03/2025", "15-03-2025", "15.03.2025"])
def test_a_date_iso_or_belgian_is_stored_iso(cli, db_path, typed):
    person = enrol(cli, "mentee", "Amina Benali", "--enrolled-on", typed, "--consent-on", typed)
    assert '"enrolled_on": "2025-03-15"' in person.stdout
    assert stored(db_path, "SELECT enrolled_on, consent_on FROM people") == [
        ("2025-03-15", "2025-03-15")
    ]


@pytest.mark.parametrize(
    ("typed", "words"),
    [
        ("31/02/2025", "'31/02/2025' does not exist: month 2 of 2025 has 28 days"),
        ("29.02.2025", "month 2 of 2025 has 28 days"),
        ("03/15/2025", "'03/15/2025' has no month 15"),
        ("15/03/25", "is not a date: write YYYY-MM-DD or DD/MM/YYYY"),
        ("15/03-2025", "is not a date"),
        ("2025/03/15", "is not a date"),
    ],
)
def test_an_impossible_or_ambiguous_date_is_refused_in_one_line(cli, duo, db_path, typed, words):
    events = count(db_path, "events")
    line = error(cli("log-session", duo, "--minutes", "60", "--date", typed, code=2))
    assert words in line and "--date" in line
    assert count(db_path, "sessions") == 0 and count(db_path, "events") == events


def test_a_belgian_date_in_the_future_is_refused_as_an_iso_one(cli, duo):
    line = error(cli("log-session", duo, "--minutes", "60", "--date", "02/06/2025", code=2))
    assert "2025-06-02 is in the future" in line


DATES = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@given(DATES, st.sampled_from(["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y"]))
def test_every_form_of_a_date_reads_back_as_that_date(day, form):
    assert parse_date(day.strftime(form)) == day
    assert parse_date(f"{day.day}/{day.month}/{day.year}") == day  # no leading zeros


@given(st.integers(1900, 2200), st.integers(1, 12), st.integers(29, 31))
def test_a_day_past_the_end_of_its_month_is_refused(year, month, day):
    try:
        expected = dt.date(year, month, day)
    except ValueError:
        with pytest.raises(ValueError, match="does not exist"):
            parse_date(f"{day:02d}/{month:02d}/{year}")
    else:
        assert parse_date(f"{day:02d}/{month:02d}/{year}") == expected


# --- import: a file in Dutch with Belgian dates -----------------------------------------------


def test_import_reads_dutch_values_and_belgian_dates(cli, tmp_path, db_path):
    path = tmp_path / "instroom.csv"
    path.write_text(
        "name,city,languages,sector,gender,origin_country,enrolled_on,consent_on\n"
        'Amina Benali,Gent,"Arabisch, Frans",zorg,v,Marokko,15/01/2025,15.01.2025\n'
        "Omar Haddad,Antwerpen,Nederlands,haven,man,Syrië,03-02-2025,2025-02-03\n"
        "Nour Amrani,Gent,néerlandais,zorg,femme,RD Congo,1/3/2025,\n",
        encoding="utf-8",
    )
    result = cli("import", path, "--role", "mentee")
    assert "Imported 3 mentee(s)" in result.stderr
    assert stored(
        db_path,
        "SELECT languages, gender, origin_country, enrolled_on, consent_on FROM people ORDER BY id",
    ) == [
        ("ar,fr", "f", "MA", "2025-01-15", "2025-01-15"),
        ("nl", "m", "SY", "2025-02-03", "2025-02-03"),
        ("nl", "f", "CD", "2025-03-01", None),
    ]


def test_import_refuses_a_row_with_congo_or_31_february_and_writes_nothing(cli, tmp_path, db_path):
    path = tmp_path / "instroom.csv"
    path.write_text(
        "name,city,languages,sector,origin_country,enrolled_on\n"
        "Amina Benali,Gent,nl,zorg,Congo,15/01/2025\n"
        "Omar Haddad,Gent,nl,zorg,Marokko,31/02/2025\n",
        encoding="utf-8",
    )
    lines = cli("import", path, "--role", "mentee", code=1).stderr.strip().splitlines()
    assert any("line 2:" in x and "Congo-Kinshasa (CD)" in x for x in lines)
    assert any("line 3:" in x and "month 2 of 2025 has 28 days" in x for x in lines)
    assert count(db_path, "people") == 0


# --- topics, outcomes, contracts, reasons ----------------------------------------------------


def test_log_session_takes_topics_in_dutch_and_french(cli, duo, db_path):
    session = cli.json(
        "log-session", duo, "--minutes", "60", "--date", "03/03/2025",
        "--topic", "sollicitatie,cv", "--topic", "Lettre de motivation", "--topic", "netwerk",
    )  # fmt: skip
    assert session["topics"] == ["interview-practice", "cv", "motivation-letter", "network"]
    assert session["date"] == "2025-03-03"
    assert stored(db_path, "SELECT topics FROM sessions") == [
        ("interview-practice,cv,motivation-letter,network",)
    ]


@pytest.mark.parametrize(
    ("typed", "topic"),
    [
        ("sollicitatiegesprek", "interview-practice"),
        ("entretien", "interview-practice"),
        ("Entretien d'embauche", "interview-practice"),
        ("interview practice", "interview-practice"),
        ("CV", "cv"),
        ("opleiding", "training"),
        ("formation", "training"),
        ("autre", "other"),
    ],
)
def test_each_topic_word_means_its_key(typed, topic):
    assert vocabulary.parse_word("topic", typed, vocabulary.TOPICS) == topic


def test_an_unknown_topic_is_refused_and_logs_nothing(cli, duo, db_path):
    line = error(cli("log-session", duo, "--minutes", "60", "--topic", "koken", code=2))
    assert "unknown topic 'koken': use cv, motivation-letter" in line
    assert count(db_path, "sessions") == 0


@pytest.mark.parametrize(
    ("words", "keys"),
    [
        (["--outcome", "werk", "--contract", "vast"], ("job", "permanent")),
        (["--outcome", "emploi", "--contract", "CDI"], ("job", "permanent")),
        (["--outcome", "job", "--contract", "tijdelijk"], ("job", "fixed-term")),
        (["--outcome", "werk", "--contract", "bepaalde duur"], ("job", "fixed-term")),
        (["--outcome", "emploi", "--contract", "CDD"], ("job", "fixed-term")),
        (["--outcome", "werk", "--contract", "uitzendwerk"], ("job", "interim")),
        (["--outcome", "werk", "--contract", "Intérim"], ("job", "interim")),
        (["--outcome", "werk", "--contract", "zelfstandige"], ("job", "self-employed")),
        (["--outcome", "emploi", "--contract", "indépendant"], ("job", "self-employed")),
        (["--outcome", "opleiding"], ("training", None)),
        (["--outcome", "formation"], ("training", None)),
        (["--outcome", "stage"], ("internship", None)),
        (["--outcome", "geen"], ("none", None)),
        (["--outcome", "aucun"], ("none", None)),
    ],
)
def test_close_takes_outcome_and_contract_in_dutch_or_french(cli, duo, db_path, words, keys):
    closed = cli.json("close", duo, *words, "--reason", "verhuisd", "--date", "1/4/2025")
    assert (closed["outcome"], closed["contract"], closed["reason"]) == (*keys, "moved")
    assert closed["closed_on"] == "2025-04-01"
    assert stored(db_path, "SELECT outcome, contract, close_reason FROM trajectories") == [
        (*keys, "moved")
    ]


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("déménagé", "moved"),
        ("gezondheid", "health"),
        ("santé", "health"),
        ("andere", "other"),
        ("autre", "other"),
        ("werk gevonden", "job-found"),
        ("contact perdu", "lost-contact"),
        ("lost contact", "lost-contact"),
    ],
)
def test_close_takes_the_reason_in_dutch_or_french(cli, duo, typed, reason):
    closed = cli.json("close", duo, "--outcome", "geen", "--reason", typed, "--date", "2025-04-01")
    assert closed["reason"] == reason


@pytest.mark.parametrize(
    ("option", "value"),
    [("--outcome", "werkloos"), ("--contract", "levenslang"), ("--reason", "verveeld")],
)
def test_an_unknown_word_for_close_is_a_usage_error_naming_the_keys(
    cli, duo, db_path, option, value
):
    words = {"--outcome": "geen", "--reason": "verhuisd", option: value}
    args = [x for pair in words.items() for x in pair]
    line = error(cli("close", duo, *args, code=2))
    assert f"unknown {option[2:]} {value!r}: use" in line
    assert stored(db_path, "SELECT status FROM trajectories") == [("active",)]


def test_follow_up_takes_dutch_words_and_stores_the_keys(cli, duo, db_path):
    cli("close", duo, "--outcome", "geen", "--reason", "gezondheid", "--date", "2025-04-01")
    cli("follow-up", duo, "--outcome", "werk", "--contract", "interim", "--date", "15/05/2025")
    assert stored(db_path, "SELECT outcome, contract, recorded_on FROM followups") == [
        ("job", "interim", "2025-05-15")
    ]


def test_help_lists_the_stored_keys(cli):
    text = cli("close", "--help").stdout
    assert "[job|training|internship|none]" in text
    listed = " ".join(text.split())  # a long list is in the option's help, wrapped
    assert "One of: permanent, fixed-term, interim, self-employed." in listed
    assert "werk" not in text and "CDD" not in text


# --- the tables themselves, and start-up -----------------------------------------------------


def test_every_alias_is_written_as_it_is_matched_and_names_a_key():
    keys = {
        "topic": vocabulary.TOPICS,
        "outcome": vocabulary.FOLLOWUP_OUTCOMES,  # a follow-up may be unreachable
        "contract": vocabulary.CONTRACTS,
        "reason": vocabulary.REASONS,
        "gender": ("f", "m", "x"),
    }
    for kind, aliases in vocabulary.ALIASES.items():
        for word, key in aliases.items():
            assert vocabulary.word_key(word) == word, word
            assert vocabulary.parse_word(kind, word, keys[kind]) == key


def test_codes_need_no_babel_and_the_cli_does_not_import_it():
    code = (
        "import sys\nimport mentorcli.cli\n"
        "from mentorcli.core.reference import country, parse_languages\n"
        "country('MA'); country('mar'); parse_languages('nl,fr ar')\n"
        "assert 'babel' not in sys.modules\n"
        "country('Marokko')\nassert 'babel' in sys.modules\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
