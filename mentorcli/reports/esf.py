"""The ESF+ common indicators of one year (``stats --preset esf``, and the report's table).

The codes and labels are those of Regulation (EU) 2021/1057, Annex I, as the Commission's
SFC2021 system numbers them (the README's definitions table says where each was checked).
The participants are the mentees: a mentor is a volunteer, not a participant.

- Outputs (EECO): mentees whose first trajectory started in the year (1 January to the end
  of the year or ``as_of``). Their situation is the one recorded at enrolment; their age
  is the start year minus the birth year.
- Results upon leaving (EECR01-04): mentees who left in the year: the trajectory they
  were in last (by ``as_of``) was closed in the year, and they were not put back on the
  waiting list after it. What was recorded at that close is their situation upon
  leaving; EECR01 and EECR04 exclude each other (the Commission's 28-day rule: a job
  counts, not the search before it).
- Longer-term results (EECR05-06): follow-ups recorded in the year, of that last
  trajectory, from 5 to 8 calendar months (``core.clock.add_months``) after the mentee
  left, both days included.

Each indicator is counted by gender (women ``f``, men ``m``, non-binary ``x``, unknown).
One query reads the cohort (each mentee with their last trajectory and its follow-up);
the counting is one pass in Python.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

from mentorcli.core.clock import add_months
from mentorcli.core.reference import canonical_city
from mentorcli.lifecycle.esf import stable_job
from mentorcli.people import esf as people_esf

if TYPE_CHECKING:
    from sqlite_utils import Database

Count = int | None  # None once --suppress-below blanked it

GENDERS = {"f": "women", "m": "men", "x": "non_binary", None: "unknown"}
CELLS = ("total", "women", "men", "non_binary", "unknown")
SECTIONS = ("outputs", "results", "longer_term_results")
WINDOW = (5, 8)  # months after leaving in which a follow-up is the longer-term result


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
    results: list[Indicator]
    longer_term_results: list[Indicator]
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
RESULTS: list[Rule] = [
    (
        "EECR01",
        "participants engaged in job searching upon leaving",
        lambda r: bool(r["job_searching"]) and r["outcome"] != "job",
    ),
    (
        "EECR02",
        "participants in education or training upon leaving",
        lambda r: r["outcome"] in ("training", "internship"),
    ),
    (
        "EECR03",
        "participants gaining a qualification upon leaving",
        lambda r: bool(r["qualification"]),
    ),
    (
        "EECR04",
        "participants in employment, including self-employment, upon leaving",
        lambda r: r["outcome"] == "job",
    ),
]


def _employed_then(row: Row) -> bool:
    return row["f_situation"] in ("employed", "self-employed")


def _improved(row: Row) -> bool:
    """Employed at entry, and in a stable job at the follow-up: mentorcli does not record
    the job held at entry, so a stable job then is read as the improvement (from a
    precarious to a stable job) that Annex I counts."""
    return (
        row["labour_status"] in ("employed", "self-employed")
        and _employed_then(row)
        and stable_job(row["f_contract"], row["f_contract_months"], row["min_months"])
    )


LONGER_TERM: list[Rule] = [
    (
        "EECR05",
        "participants in employment, including self-employment, six months after leaving",
        _employed_then,
    ),
    (
        "EECR06",
        "participants with an improved labour market situation six months after leaving",
        _improved,
    ),
]

_COHORT = """
    WITH ranked AS (
        SELECT t.*,
            min(started_on) OVER (PARTITION BY mentee_id) AS first_start,
            row_number() OVER (PARTITION BY mentee_id ORDER BY started_on DESC, id DESC) AS rn
        FROM trajectories t WHERE started_on <= :as_of
    )
    SELECT p.gender, p.birth_year, p.enrolled_on, p.labour_status, p.unemployed_since,
           p.education, p.nationality, p.nationality_eu, p.origin_country, p.special_consent_on,
           p.disability, p.homeless,
           t.first_start, t.closed_on, t.requeued, t.outcome, t.job_searching, t.qualification,
           f.recorded_on AS f_recorded_on, f.situation AS f_situation,
           f.contract AS f_contract, f.contract_months AS f_contract_months
    FROM ranked t JOIN people p ON p.id = t.mentee_id
    LEFT JOIN followups f ON f.trajectory_id = t.id
    WHERE t.rn = 1 AND (:city IS NULL OR p.city = :city)
      AND (t.first_start BETWEEN :first_day AND :last_day
           OR t.closed_on BETWEEN :first_day AND :last_day
           OR f.recorded_on BETWEEN :first_day AND :last_day)
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


def _left_in(row: Row, first_day: str, last_day: str) -> bool:
    """Left in the period: the last trajectory closed in it, and not requeued after."""
    closed = row["closed_on"]
    return closed is not None and bool(first_day <= closed <= last_day) and not row["requeued"]


def _followed_up(row: Row, first_day: str, last_day: str) -> bool:
    """A follow-up recorded in the period, 5 to 8 months after the mentee left."""
    recorded, closed = row["f_recorded_on"], row["closed_on"]
    if recorded is None or closed is None or row["requeued"]:
        return False
    if not first_day <= recorded <= last_day:
        return False
    left = dt.date.fromisoformat(closed)
    window = [add_months(left, months).isoformat() for months in WINDOW]
    return bool(window[0] <= recorded <= window[1])


def indicators(db: Database, year: int, city: str | None, as_of: dt.date) -> EsfTable:
    """The ESF+ table of ``year`` (to ``as_of`` when that comes first), for one city or all."""
    from mentorcli.store import settings

    first_day = dt.date(year, 1, 1).isoformat()
    last_day = min(dt.date(year, 12, 31), as_of).isoformat()
    city = canonical_city(city) if city else None
    min_months = settings.load(db)["stable_job.min_months"]
    params = {"first_day": first_day, "last_day": last_day, "city": city}
    rows = [
        dict(r, min_months=min_months)
        for r in db.query(_COHORT, params | {"as_of": as_of.isoformat()})
    ]
    return {
        "year": year,
        "city": city,
        "preset": "esf",
        "period_end": last_day,
        "outputs": _count(OUTPUTS, (r for r in rows if first_day <= r["first_start"] <= last_day)),
        "results": _count(RESULTS, (r for r in rows if _left_in(r, first_day, last_day))),
        "longer_term_results": _count(
            LONGER_TERM, (r for r in rows if _followed_up(r, first_day, last_day))
        ),
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
