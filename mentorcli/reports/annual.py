"""The annual report for funders, as plain data: sections of figures, tables and charts.

Every number comes from ``stats.published`` for the five years up to the report's year,
called once, exactly as ``mentorcli stats --from Y-4 --to Y --suppress-below N --format
json`` calls it; each shown figure keeps the year and the dotted key it has there, so a
test (and a sceptical reader) can find it again. Nothing here knows about HTML or charts:
``reports.document`` turns this into the file.

What is never in it: a name, contact, note, free-text referral or id of a person. The
figures are counts and rates of the cohort, small counts blanked by ``suppress_below``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal, NotRequired, TypedDict

from mentorcli.core.vocabulary import label

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mentorcli.reports.esf import EsfTable
    from mentorcli.reports.stats import Cohort

TREND_YEARS = 5
# The programme's headline figures (reports.headline), first in the report.
HEADLINE_POSITIVE = "positive_within_12_months_rate"
HEADLINE_COMPLETED = "completed_rate"
OUTCOMES = ("job", "stable_job", "training", "internship", "none")
# Who was reached: the groups the funders ask for (referral is typed by hand: left out).
REACH_GROUPS = ("age_band", "gender", "world_region", "education")


class Figure(TypedDict):
    """One number as shown, and where it is in ``stats --format json``."""

    year: int
    path: str  # dotted key in that year's row: "outcomes.job", "positive_outcome_rate"
    value: Any  # exactly as in the JSON (a rate is its whole object)
    text: str  # as a reader sees it


class Table(TypedDict):
    columns: list[str]  # the first names the row labels
    rows: list[tuple[str, list[Figure]]]


class Chart(TypedDict):
    kind: Literal["bar", "barh", "line"]
    title: str
    xlabel: str
    ylabel: str
    categories: list[str]
    series: list[tuple[str, list[float | None]]]  # None: suppressed


class Block(TypedDict):
    """A chart with its numbers, or a table alone (``chart`` absent)."""

    heading: str
    table: Table
    chart: NotRequired[Chart]


class Section(TypedDict):
    key: str
    title: str
    intro: str
    cards: list[tuple[str, Figure]]  # headline figures: label, figure
    blocks: list[Block]


class AnnualReport(TypedDict):
    year: int
    city: str | None
    period_end: str
    as_of: str
    years: list[int]
    suppress_below: int
    stats_command: str  # the command that prints the same figures
    esf_command: str  # and the one that prints the ESF+ table
    sections: list[Section]


def _dig(row: Mapping[str, Any], path: str) -> Any:
    value: Any = row
    for key in path.split("."):
        value = value[key]
    return value


def _text(value: Any, hidden: bool) -> str:
    if hidden:
        return "hidden"
    if value is None:
        return "–"
    if isinstance(value, dict):  # a rate
        if value["rate"] is None:
            return "–"
        return f"{value['rate'] * 100:.1f}% ({value['numerator']} of {value['denominator']})"
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def figure(row: Cohort, path: str) -> Figure:
    value = _dig(row, path)
    hidden = value is None or (isinstance(value, dict) and value.get("numerator") is None)
    hidden = hidden and path in row.get("suppressed", [])
    return {"year": row["year"], "path": path, "value": value, "text": _text(value, hidden)}


def _number(f: Figure) -> float | None:
    value = f["value"]
    if isinstance(value, dict):
        value = value["numerator"]
    return None if value is None else float(value)


def _block(
    heading: str,
    labels: list[str],
    columns: list[str],
    cells: list[list[Figure]],
    chart: tuple[Literal["bar", "barh", "line"], str, str] | None = None,
    series_by_column: bool = False,
) -> Block:
    """A table (one row per label, one cell per column) and, when asked, its chart:
    categories are the labels, one series per column (``series_by_column``), or the
    columns are the categories and each row a series."""
    block: Block = {
        "heading": heading,
        "table": {"columns": columns, "rows": list(zip(labels, cells, strict=True))},
    }
    if chart is not None:
        kind, xlabel, ylabel = chart
        if series_by_column:
            categories = labels
            series = [
                (columns[i + 1], [_number(row[i]) for row in cells])
                for i in range(len(columns) - 1)
            ]
        else:
            categories = columns[1:]
            series = [
                (name, [_number(f) for f in row]) for name, row in zip(labels, cells, strict=True)
            ]
        block["chart"] = {
            "kind": kind,
            "title": heading,
            "xlabel": xlabel,
            "ylabel": ylabel,
            "categories": categories,
            "series": series,
        }
    return block


def _trend(
    rows: list[Cohort],
    heading: str,
    lines: list[tuple[str, str]],
    kind: Literal["bar", "line"],
    ylabel: str,
    extra: list[tuple[str, str]] | None = None,
) -> Block:
    """Figures year by year: the ``lines`` charted, the ``extra`` rows in the table only."""
    columns = ["", *[str(r["year"]) for r in rows]]
    block = _block(
        heading,
        [text for text, _ in lines],
        columns,
        [[figure(r, path) for r in rows] for _, path in lines],
        chart=(kind, "year", ylabel),
    )
    for text, path in extra or []:
        block["table"]["rows"].append((text, [figure(r, path) for r in rows]))
    return block


def esf_figure(table: EsfTable, section: str, code: str, cell: str) -> Figure:
    """One cell of the ESF+ table, found again as ``esf.<section>.<code>.<cell>``."""
    indicator = next(i for i in table[section] if i["code"] == code)  # type: ignore[literal-required]
    value = indicator[cell]
    hidden = value is None and f"{code}.{cell}" in table.get("suppressed", [])
    return {
        "year": table["year"],
        "path": f"esf.{section}.{code}.{cell}",
        "value": value,
        "text": _text(value, hidden),
    }


ESF_CELLS = (
    ("total", "total"),
    ("women", "women"),
    ("men", "men"),
    ("non_binary", "non-binary"),
    ("unknown", "unknown"),
)
ESF_TITLES = {
    "outputs": "Outputs: participants who started in the year",
    "results": "Results upon leaving: participants who left in the year",
    "longer_term_results": "Longer-term results: follow-ups 5 to 8 months after leaving",
}
# Labour status at entry: the ESF+ outputs that say it (EECO03 is part of EECO02).
LABOUR = (
    ("EECO02", "unemployed (including long-term)"),
    ("EECO03", "of whom long-term unemployed"),
    ("EECO04", "inactive (including in education)"),
    ("EECO05", "employed (including self-employed)"),
)


def _esf(table: EsfTable) -> Section:
    from mentorcli.reports import esf

    blocks: list[Block] = []
    for section in esf.SECTIONS:
        rows = table[section]  # type: ignore[literal-required]
        blocks.append(
            _block(
                ESF_TITLES.get(section, section),
                [f"{i['code']} {i['label']}" for i in rows],
                ["indicator", *[text for _, text in ESF_CELLS]],
                [[esf_figure(table, section, i["code"], c) for c, _ in ESF_CELLS] for i in rows],
            )
        )
    return {
        "key": "esf",
        "title": "ESF+ common indicators",
        "intro": (
            "The indicators of Regulation (EU) 2021/1057, Annex I, by gender. The "
            "participants are the mentees: the outputs count those whose first duo started "
            "in the year, in their situation at enrolment; the results upon leaving, those "
            "whose last duo closed in the year; the longer-term results, the follow-ups "
            "recorded in the year 5 to 8 months after they left."
        ),
        "cards": [],
        "blocks": blocks,
    }


def _labour(table: EsfTable) -> Block:
    return _block(
        "Labour status at entry",
        [text for _, text in LABOUR],
        ["labour status", "participants"],
        [[esf_figure(table, "outputs", code, "total")] for code, _ in LABOUR],
        chart=("barh", "participants who started in the year", "labour status"),
        series_by_column=True,
    )


def _headline(row: Cohort) -> Section:
    cards = [
        ("people served", "people_served"),
        ("mentees served", "mentees_served"),
        ("duos started", "trajectories_started"),
        ("duos closed", "trajectories_closed"),
        ("job, training or internship within 12 months of the start", HEADLINE_POSITIVE),
        ("duos that reached their planned end", HEADLINE_COMPLETED),
        ("mentors starting another duo", "mentor_retention"),
        ("positive outcome at closing", "positive_outcome_rate"),
        ("stable job at closing", "stable_job_rate"),
        ("median days to a match", "median_days_to_match"),
        ("hours of mentoring", "hours"),
    ]
    return {
        "key": "headline",
        "title": "The year in figures",
        "intro": (
            "The programme's key figures for the year. Within 12 months: of the duos "
            "started in the year whose first twelve months have passed."
        ),
        "cards": [(text, figure(row, path)) for text, path in cards],
        "blocks": [],
    }


def _outcomes(row: Cohort) -> Section:
    names = [label("outcome", k) for k in OUTCOMES]
    cells = [
        [figure(row, f"outcomes.{k}"), figure(row, f"followup_outcomes.{k}")] for k in OUTCOMES
    ]
    rates = _block(
        "Rates",
        ["positive outcome", "stable job"],
        ["", "at closing", "at follow-up", "latest known"],
        [
            [
                figure(row, "positive_outcome_rate"),
                figure(row, "followup_positive_rate"),
                figure(row, "latest_positive_rate"),
            ],
            [
                figure(row, "stable_job_rate"),
                figure(row, "followup_stable_job_rate"),
                figure(row, "latest_stable_job_rate"),
            ],
        ],
    )
    return {
        "key": "outcomes",
        "title": "Outcomes at closing and at follow-up",
        "intro": (
            "What mentees had when their duo closed in the year, and at the follow-ups "
            "recorded in the year (a stable job is also counted as a job)."
        ),
        "cards": [
            ("duos closed", figure(row, "trajectories_closed")),
            ("follow-ups recorded", figure(row, "followups_recorded")),
        ],
        "blocks": [
            _block(
                "Outcomes",
                names,
                ["outcome", "at closing", "at follow-up"],
                cells,
                chart=("bar", "outcome", "mentees"),
                series_by_column=True,
            ),
            rates,
        ],
    }


def _reach(row: Cohort, table: EsfTable) -> Section:
    blocks = []
    for group in REACH_GROUPS:
        keys = list(row["reach"][group])  # type: ignore[literal-required]
        blocks.append(
            _block(
                f"Mentees by {label('reach', group)}",
                [label(group, k) for k in keys],
                [label("reach", group), "mentees"],
                [[figure(row, f"reach.{group}.{k}")] for k in keys],
                chart=("barh", "mentees", label("reach", group)),
                series_by_column=True,
            )
        )
    blocks.append(_labour(table))
    return {
        "key": "reach",
        "title": "Who was reached",
        "intro": (
            "Mentees in a duo on at least one day of the year (age in that year); their "
            "labour status at entry as the ESF+ table counts it, for those who started."
        ),
        "cards": [("mentees served", figure(row, "mentees_served"))],
        "blocks": blocks,
    }


def _activity(row: Cohort) -> Section:
    months = list(row["sessions_per_month"])
    names = [label("month", m)[:3] for m in months]
    sessions = [figure(row, f"sessions_per_month.{m}") for m in months]
    hours = [figure(row, f"hours_per_month.{m}") for m in months]
    columns = ["", *names]
    sessions_block = _block(
        "Sessions per month",
        ["sessions"],
        columns,
        [sessions],
        chart=("bar", "month", "sessions"),
    )
    hours_block = _block(
        "Hours per month", ["hours"], columns, [hours], chart=("bar", "month", "hours")
    )
    return {
        "key": "activity",
        "title": "Sessions and hours",
        "intro": "Mentoring sessions held in the year, and their hours, month by month.",
        "cards": [
            ("sessions", figure(row, "sessions")),
            ("hours", figure(row, "hours")),
            ("hours per active week", figure(row, "hours_per_active_week")),
        ],
        "blocks": [sessions_block, hours_block],
    }


def _check_city(db: Database, city: str) -> None:
    """A city nobody was ever enrolled in is a typing error: its report, all zeros under
    the misspelt name, must not reach a funder."""
    from mentorcli.core.errors import UsageError
    from mentorcli.core.reference import canonical_city

    name = canonical_city(city)
    if db.execute("SELECT 1 FROM people WHERE city = ? LIMIT 1", [name]).fetchone() is None:
        known = [r[0] for r in db.execute("SELECT DISTINCT city FROM people ORDER BY city")]
        listed = ", ".join(known[:10]) + (", …" if len(known) > 10 else "")
        raise UsageError(f"nobody was ever enrolled in {name} (cities: {listed or 'none yet'})")


def build(
    db: Database, year: int, *, city: str | None, as_of: dt.date, suppress_below: int
) -> AnnualReport:
    """The report of ``year``: its figures and the four years before it, for the trends."""
    import shlex

    from mentorcli.reports import esf, stats

    if city is not None:
        _check_city(db, city)
    years = list(range(year - TREND_YEARS + 1, year + 1))
    rows = stats.published(
        db, years, city=city, by_city=False, as_of=as_of, suppress_below=suppress_below or None
    )
    row = rows[-1]
    table = esf.published(
        db,
        year,
        city=city,
        as_of=as_of,
        suppress_below=suppress_below if suppress_below > 1 else None,
    )
    command = f"mentorcli stats --from {years[0]} --to {year}"
    if city:
        command += f" --city {shlex.quote(city)}"  # a reader can paste it: La Louvière
    if suppress_below > 1:
        command += f" --suppress-below {suppress_below}"
    command += f" --as-of {as_of.isoformat()} --format json"
    esf_command = f"mentorcli stats --year {year} --preset esf" + command.split(f"--to {year}")[1]
    sections: list[Section] = [
        _headline(row),
        {
            "key": "trend",
            "title": f"Five years: {years[0]}–{year}",
            "intro": "Duos started and closed each year, and those closed with a job, "
            "training or internship.",
            "cards": [],
            "blocks": [
                _trend(
                    rows,
                    "Duos started, closed and with a positive outcome",
                    [
                        ("started", "trajectories_started"),
                        ("closed", "trajectories_closed"),
                        ("positive outcome", "positive_outcome_rate"),
                    ],
                    "line",
                    "duos",
                )
            ],
        },
        _outcomes(row),
        _reach(row, table),
        {
            "key": "waiting",
            "title": "Waiting for a mentor",
            "intro": "Days from a mentee's enrolment to the start of their duo, for duos "
            "started in the year; and mentees still waiting at the year's end.",
            "cards": [
                ("median days to a match", figure(row, "median_days_to_match")),
                ("longest wait, days", figure(row, "max_days_to_match")),
                ("waiting at the end of the year", figure(row, "mentees_waiting_at_end")),
            ],
            "blocks": [
                _trend(
                    rows,
                    "Median days to a match",
                    [("median days", "median_days_to_match")],
                    "bar",
                    "days",
                    extra=[
                        ("longest wait, days", "max_days_to_match"),
                        ("waiting at end", "mentees_waiting_at_end"),
                    ],
                )
            ],
        },
        _activity(row),
        {
            "key": "mentors",
            "title": "Mentors",
            "intro": "Mentors enrolled in the year (new), in a duo during it (active), and "
            "mentors whose duo closed in the year who started another one (retained).",
            "cards": [
                ("new mentors", figure(row, "mentors_enrolled")),
                ("active mentors", figure(row, "mentors_served")),
                ("mentors starting another duo", figure(row, "mentor_retention")),
            ],
            "blocks": [
                _trend(
                    rows,
                    "Mentors: new, active and retained",
                    [
                        ("new", "mentors_enrolled"),
                        ("active", "mentors_served"),
                        ("retained", "mentor_retention"),
                    ],
                    "bar",
                    "mentors",
                )
            ],
        },
        _esf(table),
    ]
    return {
        "year": year,
        "city": city,
        "period_end": row["period_end"],
        "as_of": as_of.isoformat(),
        "years": years,
        "suppress_below": suppress_below if suppress_below > 1 else 0,
        "stats_command": command,
        "esf_command": esf_command,
        "sections": sections,
    }


def figures(report: AnnualReport) -> list[Figure]:
    """Every figure the report shows, cards and tables (what the tests compare)."""
    found: list[Figure] = []
    for section in report["sections"]:
        found += [f for _, f in section["cards"]]
        for block in section["blocks"]:
            found += [f for _, cells in block["table"]["rows"] for f in cells]
    return found


def chart_count(report: AnnualReport) -> int:
    return sum(1 for s in report["sections"] for b in s["blocks"] if "chart" in b)
