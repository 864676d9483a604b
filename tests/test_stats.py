"""stats: every figure against a hand-computed cohort, JSON = CSV, suppression, privacy."""

from __future__ import annotations

import csv
import io
import stat

import pytest


@pytest.fixture
def cohort(cli, monkeypatch):
    def on(day, *args):
        monkeypatch.setenv("MENTORCLI_TODAY", day)
        return cli(*args)

    def enrol(day, role, name, city, sector, *extra):
        return on(
            day,
            "enrol",
            role,
            "--name",
            name,
            "--city",
            city,
            "--languages",
            "nl",
            "--sector",
            sector,
            *extra,
        )

    enrol("2024-03-01", "mentor", "Mieke Maes", "Gent", "zorg", "--capacity", "2")
    enrol("2024-03-01", "mentor", "Jan Peeters", "Gent", "haven")
    enrol(
        "2024-03-01",
        "mentee",
        "Amina Benali",
        "Gent",
        "zorg",
        "--birth-year",
        "2000",
        "--gender",
        "f",
        "--origin-country",
        "MA",
        "--education",
        "master",
        "--diploma-not-recognised",
        "--referral",
        "VDAB",
    )
    on("2024-04-01", "match", "--apply")  # Amina + Mieke
    on("2024-04-08", "log-session", "amina", "--minutes", "120")
    on("2024-05-06", "log-session", "amina", "--minutes", "60", "--topic", "cv,network")
    enrol(
        "2024-06-01",
        "mentee",
        "Omar Haddad",
        "Gent",
        "haven",
        "--birth-year",
        "1990",
        "--gender",
        "m",
        "--origin-country",
        "Syria",
        "--education",
        "upper-secondary",
        "--referral",
        "OCMW",
    )
    on("2024-06-10", "match", "--apply")  # Omar + Jan
    on("2024-07-01", "log-session", "omar", "--minutes", "90", "--topic", "interview-practice")
    enrol("2024-12-01", "mentor", "Luc Wouters", "Antwerpen", "ICT")
    enrol(
        "2024-12-15",
        "mentee",
        "Zoë Claes",
        "Antwerpen",
        "ICT",
        "--birth-year",
        "2001",
        "--gender",
        "x",
        "--origin-country",
        "BE",
        "--education",
        "bachelor",
        "--referral",
        "self",
    )
    on(
        "2025-01-02",
        "close",
        "Amina Benali",
        "--outcome",
        "job",
        "--contract",
        "permanent",
        "--date",
        "2024-12-31",
    )  # closed on the last day
    on("2025-01-10", "match", "--apply")  # Zoë + Luc, enrolled in Dec
    on("2025-01-15", "log-session", "omar", "--minutes", "120")  # Omar spans two years
    enrol("2025-01-15", "mentee", "Dawit Haile", "Gent", "zorg")
    on("2025-01-20", "match", "--apply")  # Dawit + Mieke again
    on("2025-02-01", "close", "Omar Haddad", "--outcome", "training")  # after its planned end
    on("2025-02-03", "log-session", "dawit", "--minutes", "60", "--topic", "cv")
    on("2025-03-01", "close", "zoe claes", "--outcome", "none", "--reason", "moved")
    on("2025-04-01", "follow-up", "amina", "--outcome", "job", "--contract", "fixed-term")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")
    return cli


def report(cli, *args):
    return cli.json("stats", *args)


def rate(n, d):
    return {"numerator": n, "denominator": d, "rate": round(n / d, 3) if d else None}


def test_every_figure_of_2024(cohort):
    [r] = report(cohort, "--year", "2024")
    expected = {
        "year": 2024,
        "city": None,
        "period_end": "2024-12-31",
        "mentees_enrolled": 3,
        "mentors_enrolled": 3,
        "mentees_served": 2,
        "mentors_served": 2,
        "people_served": 4,
        "mentees_waiting_at_end": 1,  # Zoë, enrolled in December
        "median_days_to_match": 20,
        "max_days_to_match": 31,  # 31 and 9 days
        "trajectories_started": 2,
        "trajectories_closed": 1,
        "trajectories_active_at_end": 1,  # Omar; Amina closed on 31 December
        "early_closures": 0,
        "reached_planned_end_rate": rate(1, 1),
        "mean_weeks_closed": 39.1,  # 2024-04-01 .. 2024-12-31
        "sessions": 3,
        "hours": 4.5,
        "hours_per_active_week": 0.07,  # 4.5 h over (275 + 205) days / 7
        "outcomes": {"job": 1, "stable_job": 1, "training": 0, "internship": 0, "none": 0},
        "positive_outcome_rate": rate(1, 1),
        "stable_job_rate": rate(1, 1),
        "followups_recorded": 0,
        "latest_outcomes": {
            "job": 1,
            "stable_job": 1,
            "training": 0,
            "internship": 0,
            "none": 0,
            "unreachable": 0,
        },
        "mentor_retention": rate(1, 1),  # Mieke started with Dawit afterwards
    }
    assert {k: r[k] for k in expected} == expected
    assert r["early_closure_reasons"] == dict.fromkeys(
        [
            "job-found",
            "mentee-withdrew",
            "mentor-withdrew",
            "lost-contact",
            "moved",
            "mismatch",
            "health",
            "other",
            "erased",
        ],
        0,
    )
    assert {k: v for k, v in r["topics"].items() if v} == {
        "cv": 1,
        "network": 1,
        "interview-practice": 1,
    }
    assert r["sessions_per_month"]["04"] == 1 and r["sessions_per_month"]["07"] == 1
    reach = r["reach"]
    assert reach["age_band"] == {
        "under_18": 0,
        "18_25": 1,
        "26_33": 0,
        "34_49": 1,
        "50_plus": 0,
        "unknown": 0,
    }
    assert reach["gender"] == {"f": 1, "m": 1, "x": 0, "unknown": 0}
    assert reach["origin"] == {"eu": 0, "non_eu": 2, "unknown": 0}
    assert reach["world_region"] == {"Northern Africa": 1, "Western Asia": 1}
    assert reach["education"]["isced7"] == 1 and reach["education"]["isced3"] == 1
    assert reach["diploma_recognised"] == {"yes": 0, "no": 1, "unknown": 1}
    assert reach["referral"] == {"OCMW": 1, "VDAB": 1}


def test_every_figure_of_2025_up_to_as_of(cohort):
    [r] = report(cohort, "--year", "2025")
    assert r["period_end"] == "2025-06-01"
    assert (r["mentees_enrolled"], r["mentors_enrolled"]) == (1, 0)
    assert (r["mentees_served"], r["mentors_served"], r["people_served"]) == (3, 3, 6)
    assert r["mentees_waiting_at_end"] == 0
    assert (r["median_days_to_match"], r["max_days_to_match"]) == (15.5, 26)  # 26 and 5
    assert (r["trajectories_started"], r["trajectories_closed"]) == (2, 2)
    assert r["trajectories_active_at_end"] == 1
    assert r["early_closures"] == 1 and r["early_closure_reasons"]["moved"] == 1
    assert r["reached_planned_end_rate"] == rate(1, 2)
    assert r["mean_weeks_closed"] == 20.4  # (236 + 50) / 2 days, in weeks
    assert (r["sessions"], r["hours"]) == (2, 3.0)
    assert r["outcomes"] == {"job": 0, "stable_job": 0, "training": 1, "internship": 0, "none": 1}
    assert r["positive_outcome_rate"] == rate(1, 2)
    assert r["stable_job_rate"] == rate(0, 2)
    assert r["followups_recorded"] == 1
    assert r["followup_outcomes"]["stable_job"] == 1
    assert r["followup_positive_rate"] == rate(1, 1)
    assert r["mentor_retention"] == rate(0, 2)
    # Zoë is from Belgium, Omar from Syria, Dawit's origin was not recorded
    assert r["reach"]["origin"] == {"eu": 1, "non_eu": 1, "unknown": 1}


def test_an_empty_year_is_all_zero(cohort):
    [r] = report(cohort, "--year", "2023")
    assert r["trajectories_started"] == r["sessions"] == r["mentees_served"] == 0
    assert r["median_days_to_match"] is None
    assert r["positive_outcome_rate"] == rate(0, 0)


def test_city_filter_and_by_city(cohort):
    [gent] = report(cohort, "--year", "2024", "--city", "gent")
    assert gent["city"] == "Gent"
    assert (gent["mentees_enrolled"], gent["mentees_waiting_at_end"]) == (2, 0)
    rows = report(cohort, "--year", "2025", "--by", "city")
    assert [r["city"] for r in rows] == [None, "Antwerpen", "Gent"]
    assert (
        rows[1]["trajectories_started"] + rows[2]["trajectories_started"]
        == rows[0]["trajectories_started"]
    )


def test_years_side_by_side_and_ranges(cohort):
    assert [r["year"] for r in report(cohort, "--from", "2023", "--to", "2025")] == [
        2023,
        2024,
        2025,
    ]
    table = cohort("stats", "--year", "2024", "--year", "2025").stdout
    assert "2024" in table and "2025" in table and "Outcomes" in table
    assert "--from and --to" in cohort("stats", "--from", "2024", code=2).stderr


def test_csv_gives_the_same_numbers_as_json(cohort):
    rows = report(cohort, "--from", "2024", "--to", "2025")
    text = cohort("stats", "--from", "2024", "--to", "2025", "--format", "csv").stdout
    flat = list(csv.DictReader(io.StringIO(text)))
    for r, f in zip(rows, flat, strict=True):
        assert int(f["trajectories_closed"]) == r["trajectories_closed"]
        assert int(f["outcome_job"]) == r["outcomes"]["job"]
        assert int(f["early_reason_moved"]) == r["early_closure_reasons"]["moved"]
        assert float(f["hours"]) == r["hours"]
        assert int(f["positive_outcome_rate_numerator"]) == r["positive_outcome_rate"]["numerator"]
        assert int(f["reach_gender_f"]) == r["reach"]["gender"]["f"]


def test_no_name_contact_or_note_ever_appears(cohort):
    for fmt in ("table", "json", "csv"):
        text = cohort(
            "stats", "--from", "2024", "--to", "2025", "--by", "city", "--format", fmt
        ).stdout
        for secret in ("Amina", "Omar", "Zoë", "Mieke", "Benali", "@", "+32"):
            assert secret not in text


def test_output_file_is_private(cohort, tmp_path):
    target = tmp_path / "stats.csv"
    result = cohort("stats", "--year", "2024", "--format", "csv", "--output", target)
    assert "Wrote" in result.stderr and result.stdout == ""
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_text().startswith("year,city")


SUMMED = [
    ("outcomes", "trajectories_closed", ("job", "training", "internship", "none")),
    ("early_closure_reasons", "early_closures", None),
    ("sessions_per_month", "sessions", None),
]


SPLIT = ("early_closure_rate_flagged", "early_closure_rate_unflagged")
HEADLINE = ("positive_within_12_months_rate", "completed_rate", "mentor_retention")


@pytest.mark.parametrize("threshold", [2, 3, 5, 10])
def test_suppression_leaves_no_small_count_and_none_recoverable(threshold, cli, tmp_path):
    cli("demo", "--db", tmp_path / "d.db", "--people", "120", "--years", "3", "--seed", "5")
    rows = cli.json(
        "--db",
        tmp_path / "d.db",
        "stats",
        "--from",
        "2024",
        "--to",
        "2026",
        "--by",
        "city",
        "--suppress-below",
        threshold,
    )
    for row in rows:
        cells = []
        for name, total, keys in SUMMED:
            values = [row[name][k] for k in (keys or row[name])]
            cells += values
            hidden = [v for v in values if v is None]
            if row[total] is not None:
                assert len(hidden) != 1, (name, row)  # one blank = total minus the rest
        for group in row["reach"].values():
            values = list(group.values())
            cells += values
            if row["mentees_served"] is not None:
                assert sum(v is None for v in values) != 1
        cells += [row["outcomes"]["stable_job"], *row["topics"].values()]
        assert not [v for v in cells if v is not None and 1 <= v < threshold]
        for name in ("positive_outcome_rate", "stable_job_rate", *HEADLINE):
            n, d = row[name]["numerator"], row[name]["denominator"]
            assert n is None or not 1 <= n < threshold
            assert d is None or not 1 <= d < threshold
            if name in HEADLINE and n is not None:  # nor the rest, published on its own
                assert not 1 <= d - n < threshold
    by_year = {}
    for row in rows:
        by_year.setdefault(row["year"], []).append(row)
    for year_rows in by_year.values():
        cities = [r for r in year_rows if r["city"] is not None]
        for figure in ("trajectories_started", "sessions", "mentees_served"):
            blanks = [r[figure] for r in cities if r[figure] is None]
            assert len(blanks) != 1
            assert not [
                r[figure] for r in cities if r[figure] is not None and 1 <= r[figure] < threshold
            ]
        # the check-in figures (test_check_ins.py has the definitions)
        for figure in ("check_ins", "duos_flagged"):
            assert len([r for r in cities if r[figure] is None]) != 1
        total = next(r for r in year_rows if r["city"] is None)
        for name in SPLIT:
            if total[name]["rate"] is not None:
                assert len([r for r in cities if r[name]["numerator"] is None]) != 1, name
    for row in rows:
        assert row["duos_flagged"] is None or not 1 <= row["duos_flagged"] < threshold
        flagged, unflagged = (row[name] for name in SPLIT)
        assert (flagged["numerator"] is None) == (unflagged["numerator"] is None)
        for rate in (flagged, unflagged):
            if rate["numerator"] is not None:
                n, d = rate["numerator"], rate["denominator"]
                assert not [x for x in (n, d, d - n) if 1 <= x < threshold], rate


def test_export_every_table_with_formula_cells_neutralised(cli, tmp_path):
    cli(
        "enrol",
        "mentee",
        "--name",
        '=HYPERLINK("x")',
        "--city",
        "Gent",
        "--languages",
        "nl",
        "--sector",
        "zorg",
        "--notes",
        "+32 needs help",
    )
    data = cli.json("export")
    assert set(data) >= {"people", "trajectories", "sessions", "events", "settings"}
    assert data["people"][0]["name"] == '=HYPERLINK("x")'
    out = tmp_path / "export"
    out.mkdir()
    cli("export", "--format", "csv", "--output", out)
    people = (out / "people.csv").read_text()
    assert "'=HYPERLINK" in people and "'+32 needs help" in people
    row = next(csv.DictReader(io.StringIO(people)))
    assert row["id"] == "1" and row["birth_year"] == ""
    assert stat.S_IMODE((out / "people.csv").stat().st_mode) == 0o600
    assert "give --output" in cli("export", "--format", "csv", code=2).stderr


def test_reporting_views_exist(cohort, db_path):
    import sqlite3

    conn = sqlite3.connect(db_path)
    rows = conn.execute(
        "SELECT trajectory_id, sessions, hours, followup_outcome "
        "FROM trajectory_overview ORDER BY trajectory_id"
    ).fetchall()
    assert rows[0] == (1, 2, 3.0, "job")
    months = conn.execute("SELECT month, city, sessions FROM sessions_per_month").fetchall()
    assert ("2024-04", "Gent", 1) in months
    conn.close()


def test_by_city_gives_what_each_city_and_year_gives_alone(cohort, monkeypatch):
    # Luc (Antwerpen) takes a mentee from Gent after Zoë: in 2025 he served both cities,
    # so the cities' mentor counts do not add up to the all-cities one.
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-03-10")
    cohort("config", "set", "match.same_city", "false")
    cohort(
        "enrol", "mentee", "--name", "Sara Vermeulen", "--city", "Gent", "--languages", "nl",
        "--sector", "ICT",
    )  # fmt: skip
    cohort("match", "--pin", "sara:luc", "--apply")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")

    def nonzero_reach(row):  # a report lists every region and referral any of its rows has
        for group in ("world_region", "referral"):
            row["reach"][group] = {k: n for k, n in row["reach"][group].items() if n}
        return row

    rows = report(cohort, "--from", "2023", "--to", "2025", "--by", "city")
    assert [(r["year"], r["city"]) for r in rows] == [
        (year, city) for year in (2023, 2024, 2025) for city in (None, "Antwerpen", "Gent")
    ]
    for row in rows:
        alone = ["--city", row["city"]] if row["city"] else []
        [expected] = report(cohort, "--year", str(row["year"]), *alone)
        assert nonzero_reach(row) == nonzero_reach(expected), (row["year"], row["city"])
    every, antwerpen, gent = rows[6:]
    assert every["mentors_served"] == 3 < antwerpen["mentors_served"] + gent["mentors_served"]
    assert every["sessions"] == antwerpen["sessions"] + gent["sessions"]


def test_a_blanked_mentees_served_is_not_people_served_minus_mentors_served(cli, monkeypatch):
    """A small city's one region blanks its reach group whole, and so mentees_served; the
    people and mentors served shown beside it would give it back by subtraction."""
    monkeypatch.setenv("MENTORCLI_TODAY", "2024-03-01")
    for role, name, *extra in (
        ("mentor", "Mieke Maes"),
        ("mentee", "Amina Benali", "--origin-country", "MA"),
    ):
        cli("enrol", role, "--name", name, "--city", "Gent", "--languages", "nl",
            "--sector", "zorg", *extra)  # fmt: skip
    cli("match", "--apply")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")
    for args in (["--city", "Gent"], []):
        [row] = cli.json("stats", "--year", "2024", "--suppress-below", "5", *args)
        assert row["mentees_served"] is None  # the reach group of one region is blanked
        assert row["mentors_served"] is None or row["people_served"] is None
        assert "mentors_served" in row["suppressed"]


def _worked_back(rows):
    """The blanked counts a reader can work back from the published ones: every sum the
    report implies (breakdowns, reach groups, people = mentees + mentors, cities = all),
    solved one unknown at a time."""
    sums = []
    for i, row in enumerate(rows):
        sums.append(([(i, "mentees_served"), (i, "mentors_served")], (i, "people_served")))
        for name, total in (
            ("outcomes", "closures_rated"),
            ("latest_outcomes", "closures_rated"),
            ("followup_outcomes", "followups_recorded"),
            ("early_closure_reasons", "early_closures"),
            ("sessions_per_month", "sessions"),
        ):
            keys = [k for k in row[name] if k != "stable_job"]
            sums.append(([(i, name, k) for k in keys], (i, total)))
        for group, values in row["reach"].items():
            sums.append(([(i, "reach", group, k) for k in values], (i, "mentees_served")))
    cells = {cell for parts, total in list(sums) for cell in (*parts, total)}
    for year in {row["year"] for row in rows}:
        at = [i for i, row in enumerate(rows) if row["year"] == year]
        whole = next((i for i in at if rows[i]["city"] is None), None)
        if whole is None or len(at) == 1:
            continue
        for cell in {c[1:] for c in cells if c[0] == whole}:
            sums.append(([(i, *cell) for i in at if i != whole], (whole, *cell)))

    def value(cell):
        return dig(rows[cell[0]], cell[1:])

    known = {c: value(c) for c in cells if value(c) is not None}
    found, changed = [], True
    while changed:
        changed = False
        for parts, total in sums:
            unknown = [c for c in (*parts, total) if c not in known]
            if len(unknown) != 1:
                continue
            (cell,) = unknown
            rest = sum(known[c] for c in parts if c != cell)
            known[cell] = rest if cell == total else known[total] - rest
            found.append((rows[cell[0]]["year"], rows[cell[0]]["city"], cell[1:], known[cell]))
            changed = True
    return found


def dig(row, keys):
    for key in keys:
        row = row[key]
    return row


@pytest.mark.parametrize("threshold", [2, 5, 10])
def test_no_blanked_count_can_be_worked_back_from_the_published_ones(threshold, cli, tmp_path):
    """A blank total whose parts are all shown is their sum; a city's blank is the
    all-cities figure minus the others: none may be solved from what is published."""
    cli("demo", "--db", tmp_path / "d.db", "--people", "120", "--years", "3", "--seed", "5")
    rows = cli.json("--db", tmp_path / "d.db", "stats", "--from", "2023", "--to", "2025",
                    "--by", "city", "--suppress-below", threshold)  # fmt: skip
    assert _worked_back(rows) == []
    for city in ("Gent", None):
        where = ["--city", city] if city else []
        one = cli.json("--db", tmp_path / "d.db", "stats", "--from", "2023", "--to", "2025",
                       *where, "--suppress-below", threshold)  # fmt: skip
        assert _worked_back(one) == []


def test_a_referral_typed_by_hand_never_leaves_the_house(cli, monkeypatch):
    """--suppress-below is for figures that leave the house: a referral typed by hand
    (it may name a person and a phone number) counts as other, its text nowhere."""
    monkeypatch.setenv("MENTORCLI_TODAY", "2024-03-01")
    cli("enrol", "mentor", "--name", "Mieke Maes", "--city", "Gent", "--languages", "nl",
        "--sector", "zorg", "--capacity", "3")  # fmt: skip
    for name, referral in (("Amina Benali", "VDAB"), ("Omar Haddad", "sent by Johanna Xq 0499")):
        cli("enrol", "mentee", "--name", name, "--city", "Gent", "--languages", "nl",
            "--sector", "zorg", "--referral", referral)  # fmt: skip
    cli("match", "--apply")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")
    inside = cli("stats", "--year", "2024", "--format", "json").stdout
    assert "Johanna Xq" in inside  # the coordinator's own figures keep what was typed
    for fmt in ("json", "csv"):
        for by in ([], ["--by", "city"]):
            out = cli("stats", "--year", "2024", "--suppress-below", "2", "--format", fmt, *by)
            assert "Johanna" not in out.stdout and "0499" not in out.stdout
    [row] = cli.json("stats", "--year", "2024", "--suppress-below", "2")
    assert row["reach"]["referral"] == {"VDAB": None, "other": None}
