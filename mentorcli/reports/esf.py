"""The ESF+ common indicators of one year (``stats --preset esf``, and the report's table).

The codes and labels are those of Regulation (EU) 2021/1057, Annex I, as the Commission's
SFC2021 system numbers them (the README's definitions table says where each was checked).
The participants are the mentees: a mentor is a volunteer, not a participant.

- Outputs (EECO): mentees whose first trajectory started in the year (1 January to the end
  of the year or ``as_of``). Their situation is the one recorded at enrolment; their age
  is the start year minus the birth year.
- Results upon leaving and six months after (EECR01-06) come with the results fields
  (m021_esf_results).

Each indicator is counted by gender (women ``f``, men ``m``, non-binary ``x``, unknown).
One query reads the cohort (each mentee with the start of their first trajectory); the
counting is one pass in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

from mentorcli.core.reference import canonical_city
from mentorcli.people import esf as people_esf

if TYPE_CHECKING:
    from sqlite_utils import Database

Count = int | None  # None once --suppress-below blanked it

GENDERS = {"f": "women", "m": "men", "x": "non_binary", None: "unknown"}
CELLS = ("total", "women", "men", "non_binary", "unknown")
SECTIONS = ("outputs",)


class Indicator(TypedDict):
    code: str
    label: str
    total: Count
    women: Count
    men: Count
    non_binary: Count
    unknown: Count


class EsfTable(TypedDict):
    """One year (and city) of ESF+ indicators; these keys, in this order, are the JSON."""

    year: int
    city: str | None  # None: all cities
    preset: Literal["esf"]
    period_end: str
    outputs: list[Indicator]
    suppressed: NotRequired[list[str]]  # with --suppress-below: "EECO03.women", …


Row = dict[str, Any]
# (code, label from Annex I, who counts: a test on one participant's row)
Rule = tuple[str, str, Callable[[Row], bool]]

ISCED = {f"isced{n}": n for n in range(9)}


def _isced(row: Row, low: int, high: int) -> bool:
    level = ISCED.get(row["education"] or "")
    return level is not None and low <= level <= high


def _age(row: Row) -> int | None:
    birth = row["birth_year"]
    return int(row["first_start"][:4]) - birth if birth else None


def _between(age: int | None, low: int | None, high: int | None) -> bool:
    return age is not None and (low is None or age >= low) and (high is None or age <= high)


def _consented(row: Row, column: str) -> bool:
    """Special-category data count only when recorded with its separate consent."""
    return row["special_consent_on"] is not None and row[column] == "yes"


def _long_term(row: Row) -> bool:
    return people_esf.long_term_unemployed(row) is True  # None: not known, not counted


def _third_country(row: Row) -> bool:
    return people_esf.third_country_national(row) is True


def _foreign_background(row: Row) -> bool:
    return row["origin_country"] is not None and row["origin_country"] != HOME_COUNTRY


HOME_COUNTRY = "BE"  # the programme's country: a mentee from elsewhere has a foreign background

OUTPUTS: list[Rule] = [
    ("EECO01", "total number of participants", lambda r: True),
    (
        "EECO02",
        "unemployed, including long-term unemployed",
        lambda r: r["labour_status"] == "unemployed",
    ),
    ("EECO03", "long-term unemployed", _long_term),
    ("EECO04", "inactive", lambda r: r["labour_status"] in ("inactive", "in-education")),
    (
        "EECO05",
        "employed, including self-employed",
        lambda r: r["labour_status"] in ("employed", "self-employed"),
    ),
    ("EECO06", "children below 18 years of age", lambda r: _between(_age(r), None, 17)),
    ("EECO07", "young people between 18 and 29 years of age", lambda r: _between(_age(r), 18, 29)),
    ("EECO08", "participants of 55 years of age and above", lambda r: _between(_age(r), 55, None)),
    ("EECO09", "with lower secondary education or less (ISCED 0-2)", lambda r: _isced(r, 0, 2)),
    (
        "EECO10",
        "with upper secondary (ISCED 3) or post-secondary education (ISCED 4)",
        lambda r: _isced(r, 3, 4),
    ),
    ("EECO11", "with tertiary education (ISCED 5 to 8)", lambda r: _isced(r, 5, 8)),
    ("EECO12", "participants with disabilities", lambda r: _consented(r, "disability")),
    ("EECO13", "third-country nationals", _third_country),
    ("EECO14", "participants with a foreign background", _foreign_background),
    ("EECO16", "homeless or affected by housing exclusion", lambda r: _consented(r, "homeless")),
]
_COHORT = """
    WITH first AS (
        SELECT mentee_id, min(started_on) AS first_start FROM trajectories
        GROUP BY mentee_id HAVING first_start BETWEEN :first_day AND :last_day
    )
    SELECT p.gender, p.birth_year, p.enrolled_on, p.labour_status, p.unemployed_since,
           p.education, p.nationality, p.nationality_eu, p.origin_country,
           p.special_consent_on, p.disability, p.homeless, first.first_start
    FROM first JOIN people p ON p.id = first.mentee_id
    WHERE :city IS NULL OR p.city = :city
"""


def _count(rules: list[Rule], rows: Iterable[Row]) -> list[Indicator]:
    counts = [dict.fromkeys(CELLS, 0) for _ in rules]
    for row in rows:
        gender = GENDERS.get(row["gender"], "unknown")
        for cells, (_, _, counted) in zip(counts, rules, strict=True):
            if counted(row):
                cells["total"] += 1
                cells[gender] += 1
    return [
        {"code": code, "label": label, **cells}  # type: ignore[typeddict-item]
        for (code, label, _), cells in zip(rules, counts, strict=True)
    ]


def indicators(db: Database, year: int, city: str | None, as_of: dt.date) -> EsfTable:
    """The ESF+ table of ``year`` (to ``as_of`` when that comes first), for one city or all."""
    first_day = dt.date(year, 1, 1).isoformat()
    last_day = min(dt.date(year, 12, 31), as_of).isoformat()
    city = canonical_city(city) if city else None
    rows = db.query(_COHORT, {"first_day": first_day, "last_day": last_day, "city": city})
    return {
        "year": year,
        "city": city,
        "preset": "esf",
        "period_end": last_day,
        "outputs": _count(OUTPUTS, rows),
    }


def suppress(table: EsfTable, threshold: int) -> None:
    """Blank in place every cell from 1 to ``threshold`` - 1 and, where one gender cell
    alone is blank beside a shown total, the smallest other cell too (it would be the
    total minus the rest); ``suppressed`` lists the cells as ``CODE.cell``."""
    blanked: list[str] = []
    for section in SECTIONS:
        for indicator in table[section]:  # type: ignore[literal-required]
            cells: dict[str, Any] = indicator
            hidden = {c for c in CELLS if 1 <= cells[c] < threshold}
            parts = [c for c in CELLS if c != "total"]
            if "total" not in hidden and sum(c in hidden for c in parts) == 1:
                shown = [c for c in parts if c not in hidden]
                hidden.add(min(shown, key=lambda c: (cells[c], parts.index(c))))
            for cell in CELLS:
                if cell in hidden:
                    cells[cell] = None
                    blanked.append(f"{indicator['code']}.{cell}")
    table["suppressed"] = blanked


def published(
    db: Database, year: int, *, city: str | None, as_of: dt.date, suppress_below: int | None
) -> EsfTable:
    """The table as it leaves the tool: with ``suppress_below``, small cells blanked."""
    table = indicators(db, year, city, as_of)
    if suppress_below:
        suppress(table, suppress_below)
    return table


def one_year(
    years: list[int], from_year: int | None, to_year: int | None, by: str | None, *, default: int
) -> int:
    """The one year a preset reports; several years, a range or ``--by`` is a usage error."""
    from mentorcli.core.errors import UsageError

    if len(years) > 1 or from_year is not None or to_year is not None:
        raise UsageError("--preset esf reports one --year at a time")
    if by is not None:
        raise UsageError("--preset esf reports one city (--city) or all, not --by city")
    year = years[0] if years else default
    if not 1990 <= year <= 2200:
        raise UsageError("a year is between 1990 and 2200")
    return year
