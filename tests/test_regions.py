"""Origin regions in one scheme (issue 12): UN M49 sub-regions, and EU / non-EU apart.

stats' reach by origin and `forget` (which keeps the region of an erased person) use it;
regions stored under the old scheme are migrated by m016.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mentorcli.cli import app


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "80"})
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def test_every_country_has_one_m49_sub_region_and_eu_is_no_region():
    from mentorcli.core import reference, vocabulary

    path = Path(reference.__file__).parent.parent / "data" / "countries.csv"
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    regions = {r["alpha2"]: r["region"] for r in rows}
    assert set(regions.values()) - {""} == set(vocabulary.WORLD_REGIONS)
    assert [code for code, region in regions.items() if not region] == ["AQ"]
    expected = {
        "BE": ("Western Europe", True), "PL": ("Eastern Europe", True),
        "IT": ("Southern Europe", True), "SE": ("Northern Europe", True),
        "CY": ("Western Asia", True), "UA": ("Eastern Europe", False),
        "CH": ("Western Europe", False), "XK": ("Southern Europe", False),
        "MA": ("Northern Africa", False), "CD": ("Sub-Saharan Africa", False),
        "AU": ("Australia and New Zealand", False), "FJ": ("Melanesia", False),
    }  # fmt: skip
    for code, (region, eu) in expected.items():
        assert reference.origin_region(code) == region, code
        assert reference.country(code).eu is eu, code


ORIGINS = {"Amina": "FR", "Olena": "UA", "Eleni": "CY", "Nour": "MA", "Yara": None}


@pytest.fixture
def reached(cli, monkeypatch):
    """Five mentees in duos: France, Ukraine, Cyprus, Morocco and one who did not say."""
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-01-10")
    for n, (name, origin) in enumerate(ORIGINS.items()):
        cli(
            "enrol", "mentor", "--name", f"Mentor {name}", "--city", "Gent",
            "--languages", "nl", "--sector", "zorg", "--birth-year", str(1960 + n),
        )  # fmt: skip
        extra = ["--origin-country", origin] if origin else []
        cli(
            "enrol", "mentee", "--name", f"{name} Test", "--city", "Gent", "--languages", "nl",
            "--sector", "zorg", "--birth-year", "2000", *extra,
        )  # fmt: skip
    cli("match", "--apply")
    monkeypatch.setenv("MENTORCLI_TODAY", "2025-06-01")
    return cli


def test_reach_by_origin_uses_m49_sub_regions_and_eu_apart(reached):
    reach = reached.json("stats", "--year", "2025")[0]["reach"]
    assert reach["origin"] == {"eu": 2, "non_eu": 2, "unknown": 1}
    assert reach["world_region"] == {
        "Eastern Europe": 1,
        "Northern Africa": 1,
        "Western Asia": 1,
        "Western Europe": 1,
        "unknown": 1,
    }
    shown = run("stats", "--year", "2025").stdout
    assert "Western Europe" in shown and "EU" in shown and "non-EU" in shown


def test_forget_keeps_the_sub_region_and_eu_membership(reached):
    before = reached.json("stats", "--year", "2025")[0]["reach"]
    for name in ORIGINS:
        reached("forget", f"{name} Test", "--yes")
    assert reached.json("stats", "--year", "2025")[0]["reach"] == before
    erased = {p["id"]: p for p in reached.json("list", "mentees")}
    assert sorted(p["origin_region"] or "" for p in erased.values()) == [
        "", "Eastern Europe", "Northern Africa", "Western Asia", "Western Europe"
    ]  # fmt: skip


def test_regions_stored_before_m016_are_migrated(tmp_path):
    """People erased under the old scheme kept "EU", "Europe" or a sub-region."""
    from sqlite_utils import Database

    from mentorcli.store import db as dbmod
    from mentorcli.store.migrations import migrations

    path = tmp_path / "old.db"
    old = Database(path)
    migrations.apply(old, stop_before="m016_m49_regions")
    for n, region in enumerate(["EU", "Europe", "Sub-Saharan Africa", "Oceania", None], start=1):
        old.execute(
            "INSERT INTO people (id, role, name, city, languages, sector, enrolled_on, "
            "origin_region, erased_on, birth_year) VALUES "
            "(?, 'mentee', ?, 'Gent', 'nl', 'zorg', '2024-01-01', ?, '2024-06-01', 2000)",
            [n, f"erased person {n}", region],
        )
        old.execute(
            "INSERT INTO people (id, role, name, city, languages, sector, enrolled_on, capacity) "
            "VALUES (?, 'mentor', ?, 'Gent', 'nl', 'zorg', '2024-01-01', 1)",
            [10 + n, f"Mentor {n}"],
        )
        old.execute(
            "INSERT INTO trajectories (mentee_id, mentor_id, started_on, planned_end) "
            "VALUES (?, ?, '2024-02-01', '2024-08-01')",
            [n, 10 + n],
        )
    old.conn.commit()
    old.close()
    dbmod.open_db(path).conn.commit()
    dbmod.close_all()
    conn = sqlite3.connect(path)
    rows = conn.execute("SELECT origin_region, origin_eu FROM people WHERE id < 10 ORDER BY id")
    assert rows.fetchall() == [
        ("Europe", 1),
        ("Europe", 0),
        ("Sub-Saharan Africa", 0),
        ("Oceania", 0),
        (None, None),
    ]
    conn.close()
    reach = json.loads(
        run(
            "--db", path, "stats", "--year", "2024", "--as-of", "2024-12-31", "--format", "json"
        ).stdout
    )[0]["reach"]
    assert reach["origin"] == {"eu": 1, "non_eu": 3, "unknown": 1}
    assert reach["world_region"] == {
        "Europe": 2, "Oceania": 1, "Sub-Saharan Africa": 1, "unknown": 1
    }  # fmt: skip
