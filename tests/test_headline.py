"""The headline figures (issue 14) against a small programme worked out by hand.

Six duos, typed in as they happened (each command on its own day). 2024 is reported as
of 2025-06-01, so a duo counts for the twelve-month figure when it started on or before
2024-06-01.

    duo  mentee  mentor  city       start       planned end  closed      reason / outcome
    D6   Karim   Jan     Gent       2023-09-01  2024-03-01   2024-01-10  mentee-withdrew, none
    D1   Amina   Mieke   Gent       2024-01-15  2024-07-15   2024-07-15  completed, job
    D2   Omar    Jan     Gent       2024-02-29  2024-08-29   2024-06-01  moved, none
                                    follow-up 2025-03-01: training (one day after 2025-02-28)
    D3   Sara    Mieke   Gent       2024-03-10  2024-09-10   2024-08-01  lost-contact, none
                                    follow-up 2025-03-10: internship (the last day counted)
    D4   Yusuf   Luc     Antwerpen  2024-06-01  2024-12-01   2024-12-20  lost-contact, none
    D5   Lina    Jan     Gent       2024-06-02  2024-12-02   2024-12-02  completed, job

2024, by a human reading of the definitions:
- positive within 12 months: D1, D2, D3, D4 are in (their twelve months ended on or
  before 2025-06-01; D5's end on 2025-06-02). Positive: D1 (job at close), D3
  (internship at a follow-up on the very last day). D2's training was recorded on
  2025-03-01, and twelve months after 2024-02-29 is 2025-02-28: not counted. 2 of 4.
- completed: closed in 2024: D6, D1, D2, D3, D5, D4 (6). On or after the planned end:
  D1 (on it), D4 (after it, although with an early reason), D5. 3 of 6. The older
  reached_planned_end_rate counts the reason completed only: D1, D5, 2 of 6.
- mentor retention: mentors with a duo closed in 2024: Jan, Mieke, Luc. Jan started
  Omar's duo after Karim's closed; Mieke's and Luc's later starts: none. 1 of 3.
"""

from __future__ import annotations

import csv
import io

import pytest

HEADLINE = ("positive_within_12_months_rate", "completed_rate", "mentor_retention")


def rate(n, d):
    return {"numerator": n, "denominator": d, "rate": round(n / d, 3) if d else None}


BLANK = {"numerator": None, "denominator": None, "rate": None}


@pytest.fixture
def programme(cli, monkeypatch):
    def on(day, *args):
        monkeypatch.setenv("MENTORCLI_TODAY", day)
        return cli(*args)

    def enrol(day, role, name, city, *extra):
        on(day, "enrol", role, "--name", name, "--city", city, "--languages", "nl",
           "--sector", "zorg", *extra)  # fmt: skip

    def duo(day, mentee, mentor, city):
        enrol(day, "mentee", mentee, city)
        on(day, "match", "--apply", "--pin", f"{mentee}:{mentor}")

    def close(day, mentee, outcome, *reason):
        on(day, "close", mentee, "--outcome", outcome, *reason)

    enrol("2023-08-01", "mentor", "Mieke Maes", "Gent", "--capacity", "2")
    enrol("2023-08-01", "mentor", "Jan Peeters", "Gent")
    enrol("2023-08-01", "mentor", "Luc Wouters", "Antwerpen")
    duo("2023-09-01", "Karim Idrissi", "Jan Peeters", "Gent")
    close("2024-01-10", "Karim Idrissi", "none", "--reason", "mentee-withdrew")
    duo("2024-01-15", "Amina Benali", "Mieke Maes", "Gent")
    duo("2024-02-29", "Omar Haddad", "Jan Peeters", "Gent")
    duo("2024-03-10", "Sara Tesfaye", "Mieke Maes", "Gent")
    close("2024-06-01", "Omar Haddad", "none", "--reason", "moved")
    duo("2024-06-01", "Yusuf Demir", "Luc Wouters", "Antwerpen")
    duo("2024-06-02", "Lina Aziz", "Jan Peeters", "Gent")
    close("2024-07-15", "Amina Benali", "job", "--contract", "permanent")
    close("2024-08-01", "Sara Tesfaye", "none", "--reason", "lost-contact")
    close("2024-12-02", "Lina Aziz", "job", "--contract", "interim")
    close("2024-12-20", "Yusuf Demir", "none", "--reason", "lost-contact")
    on("2025-03-01", "follow-up", "Omar Haddad", "--outcome", "training")
    on("2025-03-10", "follow-up", "Sara Tesfaye", "--outcome", "internship")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")
    return cli


def figures(cli, *args):
    return cli.json("stats", *args)


def test_the_headline_figures_of_2024(programme):
    [r] = figures(programme, "--year", "2024")
    assert r["positive_within_12_months_rate"] == rate(2, 4)
    assert r["completed_rate"] == rate(3, 6)
    assert r["reached_planned_end_rate"] == rate(2, 6)
    assert r["mentor_retention"] == rate(1, 3)


def test_the_twelve_months_must_have_passed_by_as_of(programme):
    # a day earlier, Yusuf's twelve months (to 2025-06-01) have not passed
    [r] = figures(programme, "--year", "2024", "--as-of", "2025-05-31")
    assert r["positive_within_12_months_rate"] == rate(2, 3)
    # the year before: Karim's duo, withdrawn without a result
    [r] = figures(programme, "--year", "2023")
    assert r["positive_within_12_months_rate"] == rate(0, 1)
    assert r["completed_rate"] == rate(0, 0)
    # nobody started in 2025: nothing counted, no rate
    [r] = figures(programme, "--year", "2025")
    assert r["positive_within_12_months_rate"] == rate(0, 0)


def test_city_filter_and_by_city(programme):
    [r] = figures(programme, "--year", "2024", "--city", "Antwerpen")
    assert [r[k] for k in HEADLINE] == [rate(0, 1), rate(1, 1), rate(0, 1)]
    rows = figures(programme, "--year", "2024", "--by", "city")
    assert [row["city"] for row in rows] == [None, "Antwerpen", "Gent"]
    assert [rows[2][k] for k in HEADLINE] == [rate(2, 3), rate(2, 5), rate(1, 2)]
    assert [rows[0][k] for k in HEADLINE] == [rate(2, 4), rate(3, 6), rate(1, 3)]


def test_suppression_blanks_a_small_numerator_or_rest(programme):
    [r] = figures(programme, "--year", "2024", "--suppress-below", "3")
    assert r["completed_rate"] == rate(3, 6)  # 3 reached, 3 did not: both shown
    assert r["positive_within_12_months_rate"] == BLANK  # 2 of 4
    assert r["mentor_retention"] == BLANK  # 1 of 3
    assert {"positive_within_12_months_rate", "mentor_retention"} <= set(r["suppressed"])
    [r] = figures(programme, "--year", "2024", "--suppress-below", "2")
    assert r["positive_within_12_months_rate"] == rate(2, 4)
    assert r["mentor_retention"] == BLANK  # one mentor is one person
    [r] = figures(programme, "--year", "2024", "--city", "Antwerpen", "--suppress-below", "2")
    assert r["completed_rate"] == BLANK  # 1 of 1


def test_csv_and_table_show_the_same_figures(programme):
    result = programme("stats", "--year", "2024", "--format", "csv")
    [row] = list(csv.DictReader(io.StringIO(result.stdout)))
    assert row["positive_within_12_months_rate"] == "0.5"
    assert row["positive_within_12_months_rate_numerator"] == "2"
    assert row["positive_within_12_months_rate_denominator"] == "4"
    assert (row["completed_rate_numerator"], row["completed_rate_denominator"]) == ("3", "6")
    assert row["mentor_retention_numerator"] == "1"
    table = programme("stats", "--year", "2024").stdout
    assert "Headline figures" in table
    lines = {line.strip("│ ").split("  ")[0]: line for line in table.splitlines()}
    assert "50.0% (2/4)" in lines["positive within 12 months"]
    assert "50.0% (3/6)" in lines["lasted to the planned end"]
    assert "33.3% (1/3)" in lines["mentors starting another duo"]


def test_a_city_blanked_alone_is_not_the_total_minus_the_others(programme):
    rows = figures(programme, "--year", "2024", "--by", "city", "--suppress-below", "2")
    total, antwerpen, gent = rows
    assert antwerpen["completed_rate"] == BLANK  # 1 of 1
    assert total["completed_rate"] == rate(3, 6)
    # Gent's 2 of 5 would be 3 of 6 minus Antwerpen's: blanked as well
    assert gent["completed_rate"] == BLANK and "completed_rate" in gent["suppressed"]
