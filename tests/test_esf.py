"""stats --preset esf: the ESF+ common indicators of 2024, worked out by hand.

An invented programme typed in through the CLI, each command on its own day; 2024 is
reported as of 2025-06-01. Mentors: Mieke Maes (Gent), Luc Wouters (Antwerpen).

Participants who started in 2024 (outputs), with what was recorded at enrolment:

    mentee  gender  born  at enrolment                          education  nationality  origin
    Amina   f       2000  unemployed since 2023-06-01 (7 months)  isced3     MA           MA
    Omar    m       1994  unemployed since 2023-06-01 (7 months)  isced6     BE           SY
    Zoë     x       1968  employed; disability (with consent)     isced1     FR           BE
    Dawit   -       -     in education; homeless (with consent)   -          ER           ER

Amina is long-term unemployed by the under-25 rule (24, six months or more); Omar, 30,
is not (under twelve months). Zoë is 56 in 2024. Third-country nationals: Amina, Dawit
(Omar is Belgian, Zoë French). Foreign background (origin not BE): Amina, Omar, Dawit.

Started in 2023: Hind (f, inactive), Youssef (m, self-employed), Lina (f, unemployed since
a date not recorded: long-term not known, not counted), Karim (m, employed), Sara (f, 33,
unemployed for 19 months: long-term), Bilal (m).

Left in 2024 (results upon leaving), with what was recorded at the close:

    Sara   f  2024-01-20  training (mentor withdrew)                    -> EECR02
    Omar   m  2024-06-15  none (moved), job searching, qualification    -> EECR01, EECR03
    Amina  f  2024-08-01  job                                           -> EECR04
    Zoë    x  2024-10-01  job                                           -> EECR04
    (Dawit is still in his duo. Bilal's duo closed on 2024-02-15, job searching, but he went
    back on the waiting list: he did not leave.)

Follow-ups recorded in 2024 (longer-term results), 5 to 8 months after leaving:

    Hind     f  left 2023-09-15, follow-up 2024-03-15: employed (was inactive)    -> EECR05
    Youssef  m  left 2023-10-31, follow-up 2024-03-31, the first day (+5 months):
                self-employed (was self-employed)                                 -> EECR05
    Karim    m  left 2023-12-10, follow-up 2024-08-10, the last day (+8 months):
                employed, permanent (was employed: improved)                      -> EECR05, EECR06
    Lina     f  left 2023-11-30, follow-up 2024-07-31, a day after 2024-07-30: not counted
    Sara     f  left 2024-01-20, follow-up 2024-06-19, a day before 2024-06-20: not counted
"""

from __future__ import annotations

import csv
import io

import pytest

CELLS = ("total", "women", "men", "non_binary", "unknown")


def cells(total, women=0, men=0, non_binary=0, unknown=0):
    return dict(zip(CELLS, (total, women, men, non_binary, unknown), strict=True))


@pytest.fixture
def programme(cli, monkeypatch):
    def on(day, *args):
        monkeypatch.setenv("MENTORCLI_TODAY", day)
        return cli(*args)

    def mentee(day, name, city, *fields):
        on(day, "enrol", "mentee", "--name", name, "--city", city, "--languages", "nl",
           "--sector", "zorg", *fields)  # fmt: skip

    def duo(day, name, mentor):
        on(day, "match", "--apply", "--pin", f"{name}:{mentor}")

    def close(day, name, outcome, *extra):
        on(day, "close", name, "--outcome", outcome, *extra)

    def follow_up(day, name, outcome, *extra):
        on(day, "follow-up", name, "--outcome", outcome, *extra)

    for mentor, city in (("Mieke Maes", "Gent"), ("Luc Wouters", "Antwerpen")):
        on("2023-01-02", "enrol", "mentor", "--name", mentor, "--city", city,
           "--languages", "nl", "--sector", "zorg", "--capacity", "10")  # fmt: skip
    mentee("2023-02-01", "Hind Amrani", "Gent", "--gender", "f", "--labour-status", "inactive")
    duo("2023-03-01", "Hind Amrani", "Mieke Maes")
    mentee("2023-03-01", "Youssef Tahiri", "Gent", "--gender", "m",
           "--labour-status", "self-employed")  # fmt: skip
    duo("2023-04-01", "Youssef Tahiri", "Mieke Maes")
    mentee("2023-04-01", "Lina Aziz", "Gent", "--gender", "f", "--labour-status", "unemployed")
    duo("2023-05-01", "Lina Aziz", "Mieke Maes")
    mentee("2023-05-01", "Karim Idrissi", "Gent", "--gender", "m", "--labour-status", "employed")
    duo("2023-06-01", "Karim Idrissi", "Mieke Maes")
    mentee("2023-08-01", "Sara Tesfaye", "Gent", "--gender", "f", "--birth-year", "1990",
           "--labour-status", "unemployed", "--unemployed-since", "2022-01-01")  # fmt: skip
    duo("2023-09-01", "Sara Tesfaye", "Mieke Maes")
    mentee("2023-09-15", "Bilal Chahid", "Gent", "--gender", "m")
    duo("2023-10-01", "Bilal Chahid", "Mieke Maes")
    close("2023-09-15", "Hind Amrani", "training", "--reason", "other")
    close("2023-10-31", "Youssef Tahiri", "job", "--contract", "self-employed", "--reason", "other")
    close("2023-11-30", "Lina Aziz", "none", "--reason", "lost-contact")
    close("2023-12-10", "Karim Idrissi", "job", "--contract", "interim", "--contract-months", "2")
    mentee("2024-01-10", "Amina Benali", "Gent", "--gender", "f", "--birth-year", "2000",
           "--labour-status", "unemployed", "--unemployed-since", "2023-06-01",
           "--education", "isced3", "--nationality", "MA", "--origin-country", "MA")  # fmt: skip
    close("2024-01-20", "Sara Tesfaye", "training", "--reason", "mentor-withdrew")
    close("2024-02-15", "Bilal Chahid", "none", "--reason", "mentor-withdrew", "--job-searching",
          "--requeue")  # fmt: skip
    duo("2024-02-01", "Amina Benali", "Mieke Maes")
    mentee("2024-02-10", "Omar Haddad", "Gent", "--gender", "m", "--birth-year", "1994",
           "--labour-status", "unemployed", "--unemployed-since", "2023-06-01",
           "--education", "isced6", "--nationality", "BE", "--origin-country", "SY")  # fmt: skip
    duo("2024-03-01", "Omar Haddad", "Mieke Maes")
    follow_up("2024-03-15", "Hind Amrani", "job", "--contract", "fixed-term",
              "--contract-months", "6")  # fmt: skip
    follow_up("2024-03-31", "Youssef Tahiri", "job", "--contract", "self-employed")
    mentee("2024-03-20", "Zoë Claes", "Antwerpen", "--gender", "x", "--birth-year", "1968",
           "--labour-status", "employed", "--education", "isced1", "--nationality", "FR",
           "--origin-country", "BE", "--special-consent-on", "2024-03-20",
           "--disability", "yes", "--homeless", "no")  # fmt: skip
    duo("2024-04-01", "Zoë Claes", "Luc Wouters")
    mentee("2024-04-15", "Dawit Haile", "Gent", "--labour-status", "in-education",
           "--nationality", "ER", "--origin-country", "ER",
           "--special-consent-on", "2024-04-15", "--homeless", "yes")  # fmt: skip
    duo("2024-05-01", "Dawit Haile", "Mieke Maes")
    close("2024-06-15", "Omar Haddad", "none", "--reason", "moved", "--job-searching",
          "--qualification")  # fmt: skip
    follow_up("2024-06-19", "Sara Tesfaye", "job", "--contract", "permanent")
    follow_up("2024-07-31", "Lina Aziz", "job", "--contract", "permanent")
    close("2024-08-01", "Amina Benali", "job", "--contract", "permanent")
    follow_up("2024-08-10", "Karim Idrissi", "job", "--contract", "permanent")
    close("2024-10-01", "Zoë Claes", "job", "--contract", "fixed-term", "--contract-months", "12")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")
    return cli


def esf(cli, *args):
    return cli.json("stats", "--preset", "esf", *args)


def by_code(table):
    return {
        i["code"]: {c: i[c] for c in CELLS}
        for section in ("outputs", "results", "longer_term_results")
        for i in table[section]
    }


OUTPUTS_2024 = {
    "EECO01": cells(4, 1, 1, 1, 1),
    "EECO02": cells(2, 1, 1),
    "EECO03": cells(1, 1),  # Amina: 7 months, under 25
    "EECO04": cells(1, unknown=1),  # Dawit, in education
    "EECO05": cells(1, non_binary=1),
    "EECO06": cells(0),
    "EECO07": cells(1, 1),  # Amina, 24; Omar is 30
    "EECO08": cells(1, non_binary=1),  # Zoë, 56
    "EECO09": cells(1, non_binary=1),
    "EECO10": cells(1, 1),
    "EECO11": cells(1, men=1),
    "EECO12": cells(1, non_binary=1),
    "EECO13": cells(2, 1, unknown=1),  # Amina (MA), Dawit (ER)
    "EECO14": cells(3, 1, 1, unknown=1),  # Amina, Omar, Dawit
    "EECO16": cells(1, unknown=1),
}
RESULTS_2024 = {
    "EECR01": cells(1, men=1),  # Omar; Bilal was requeued
    "EECR02": cells(1, 1),  # Sara
    "EECR03": cells(1, men=1),
    "EECR04": cells(2, 1, non_binary=1),  # Amina, Zoë
}
LONGER_TERM_2024 = {
    "EECR05": cells(3, 1, 2),  # Hind, Youssef, Karim
    "EECR06": cells(1, men=1),  # Karim, employed at entry, now permanent
}


def test_the_esf_table_of_2024(programme):
    table = esf(programme, "--year", "2024")
    assert list(table) == [
        "year",
        "city",
        "preset",
        "period_end",
        "outputs",
        "results",
        "longer_term_results",
    ]
    assert (table["year"], table["city"], table["preset"]) == (2024, None, "esf")
    assert table["period_end"] == "2024-12-31"
    assert by_code(table) == OUTPUTS_2024 | RESULTS_2024 | LONGER_TERM_2024
    assert [i["code"] for i in table["outputs"]] == list(OUTPUTS_2024)
    assert [i["code"] for i in table["longer_term_results"]] == ["EECR05", "EECR06"]
    for section in ("outputs", "results", "longer_term_results"):
        for indicator in table[section]:
            assert list(indicator) == ["code", "label", *CELLS]
    assert table["outputs"][2]["label"] == "long-term unemployed"


def test_other_years_and_the_long_term_rule_over_25(programme):
    table = by_code(esf(programme, "--year", "2023"))
    # Hind, Youssef, Lina, Karim, Sara, Bilal started; Sara (33) unemployed for 19 months
    assert table["EECO01"] == cells(6, 3, 3)
    assert table["EECO03"] == cells(1, 1)
    assert table["EECO02"] == cells(2, 2)  # Lina, Sara
    # nobody started or left in 2025, nor was followed up then
    table = by_code(esf(programme, "--year", "2025"))
    assert all(counts == cells(0) for counts in table.values())


def test_city_filter(programme):
    table = esf(programme, "--year", "2024", "--city", "antwerpen")
    assert table["city"] == "Antwerpen"
    counted = {code: c for code, c in by_code(table).items() if c["total"]}
    assert counted == {
        code: cells(1, non_binary=1)
        for code in ("EECO01", "EECO05", "EECO08", "EECO09", "EECO12", "EECR04")
    }


def test_suppression_blanks_every_small_cell_and_what_would_give_it_back(programme):
    table = esf(programme, "--year", "2024", "--suppress-below", "2")
    found = by_code(table)
    assert found["EECO01"] == {"total": 4, "women": None, "men": None, "non_binary": None,
                               "unknown": None}  # fmt: skip
    assert found["EECO03"] == dict.fromkeys(CELLS) | {"men": 0, "non_binary": 0, "unknown": 0}
    # women 1 is blanked; the total minus men would give it back, so the smallest other
    # cell (non-binary, 0) is blanked too
    assert found["EECR05"] == {"total": 3, "women": None, "men": 2, "non_binary": None,
                               "unknown": 0}  # fmt: skip
    assert "EECR05.non_binary" in table["suppressed"] and "EECO01.women" in table["suppressed"]
    for counts in found.values():
        assert not [v for v in counts.values() if v is not None and 1 <= v < 2]
        parts = [counts[c] for c in CELLS[1:]]
        assert counts["total"] is None or sum(v is None for v in parts) != 1
    table = by_code(esf(programme, "--year", "2024", "--suppress-below", "5"))
    assert table["EECO01"] == dict.fromkeys(CELLS) | {"total": None}


def test_csv_has_one_row_per_indicator(programme):
    result = programme("stats", "--preset", "esf", "--year", "2024", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["year", "city", "section", "code", "label", *CELLS]
    assert len(rows) == 15 + 4 + 2
    amina = next(r for r in rows if r["code"] == "EECO03")
    assert amina == {
        "year": "2024",
        "city": "",
        "section": "outputs",
        "code": "EECO03",
        "label": "long-term unemployed",
        "total": "1",
        "women": "1",
        "men": "0",
        "non_binary": "0",
        "unknown": "0",
    }


def test_the_table_shows_each_section(programme):
    out = programme("stats", "--preset", "esf", "--year", "2024").stdout
    for title in ("ESF+ outputs", "ESF+ results upon leaving", "six months after leaving"):
        assert f"{title}" in out
    line = next(line for line in out.splitlines() if "EECO14" in line)
    assert line.strip("│ ").split()[-5:] == ["3", "1", "1", "0", "1"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--preset", "erasmus"], "'erasmus' is not one of 'esf'"),
        (["--preset", "esf", "--year", "2023", "--year", "2024"], "one --year"),
        (["--preset", "esf", "--from", "2023", "--to", "2024"], "one --year"),
        (["--preset", "esf", "--by", "city"], "--by city"),
    ],
)
def test_a_preset_it_cannot_give_is_a_usage_error(cli, args, says):
    result = cli("stats", *args, code=2)
    assert says in result.stderr and result.stderr.count("\n") == 1


def test_stats_stable_job_rate_follows_the_stable_job_setting(programme):
    """stats' stable jobs are lifecycle.esf.stable_job's: a fixed-term or interim job of
    at least stable_job.min_months months (Zoë's 12, Hind's 6, Karim's interim 2)."""
    [y2024] = programme.json("stats", "--year", "2024")
    assert y2024["outcomes"]["stable_job"] == 2  # Amina permanent, Zoë 12 months
    assert y2024["stable_job_rate"]["numerator"] == 2
    assert y2024["followup_outcomes"]["stable_job"] == 4  # Hind 6 months, three permanent
    programme("config", "set", "stable_job.min_months", "13")
    [y2024] = programme.json("stats", "--year", "2024")
    assert y2024["outcomes"]["stable_job"] == 1  # Zoë's 12 months are too short now
    assert y2024["stable_job_rate"]["numerator"] == 1
    assert y2024["followup_outcomes"]["stable_job"] == 3  # so are Hind's 6
    assert y2024["followup_stable_job_rate"]["numerator"] == 3
    assert y2024["latest_outcomes"]["stable_job"] == 2  # Amina; Sara permanent at follow-up
    [y2023] = programme.json("stats", "--year", "2023")
    assert y2023["outcomes"]["stable_job"] == 0  # Karim's interim job of 2 months
    programme("config", "set", "stable_job.min_months", "2")
    [y2023] = programme.json("stats", "--year", "2023")
    assert y2023["outcomes"]["stable_job"] == 1
    assert y2023["stable_job_rate"] == {"numerator": 1, "denominator": 4, "rate": 0.25}
