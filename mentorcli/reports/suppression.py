"""Small-count suppression for figures that leave the organisation.

Every breakdown count from 1 to N-1 is blanked (primary suppression). A blank that a
published total could give back (the only blank cell of a group whose total is shown) is
protected by blanking the smallest other cell of that group too (secondary suppression),
and so is a blank total whose cells are all shown (their sum) or all but one (that one
is the total), repeated until no group has a single blank. A rate built on a blanked
cell is blanked (a headline rate also when the rest, denominator - numerator, is a small
count). The count
of flagged duos is blanked when small; the early-closure rates of flagged and unflagged
duos are blanked together. With
``--by city`` the cities of a figure form a group whose total is the all-cities row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from mentorcli.reports.stats import Cohort

Cell = tuple[Any, ...]  # (row index, key, key...): where one figure sits in the rows

# (breakdown, the top-level count its parts add up to, or None when they do not add up)
BREAKDOWNS: list[tuple[str, str | None]] = [
    ("outcomes", "closures_rated"),
    ("followup_outcomes", "followups_recorded"),
    ("latest_outcomes", "closures_rated"),
    ("early_closure_reasons", "early_closures"),
    ("sessions_per_month", "sessions"),
    ("topics", None),
]
REACH_TOTAL = "mentees_served"
TOP_LEVEL = (
    "mentees_enrolled",
    "mentors_enrolled",
    "mentees_served",
    "mentors_served",
    "people_served",
    "mentees_waiting_at_end",
    "trajectories_started",
    "trajectories_closed",
    "trajectories_active_at_end",
    "early_closures",
    "requeued_closures",
    "closures_rated",
    "sessions",
    "followups_recorded",
    "check_ins",
    "duos_flagged",
)
RATES = {
    "positive_outcome_rate": "outcomes",
    "stable_job_rate": "outcomes",
    "followup_positive_rate": "followup_outcomes",
    "followup_stable_job_rate": "followup_outcomes",
    "latest_positive_rate": "latest_outcomes",
    "latest_stable_job_rate": "latest_outcomes",
    "reached_planned_end_rate": "early_closure_reasons",
    "mentor_retention": None,
    "positive_within_12_months_rate": None,
    "completed_rate": "trajectories_closed",  # its denominator
    "early_closure_rate_flagged": None,  # with its twin, below
    "early_closure_rate_unflagged": None,
}
# Flagged and unflagged duos split trajectories_closed and early_closures in two
# (reports.check_in_stats): one rate shown beside a blanked twin gives the twin back by
# subtraction, so they are blanked together, and with either total. Like a headline
# rate, each is blanked when its rest (closed, not early) is a small count too.
SPLIT_RATES = ("early_closure_rate_flagged", "early_closure_rate_unflagged")
SPLIT_TOTALS = {"trajectories_closed", "early_closures"}
# Counts of duos that point at a few duos in trouble: blanked when small, like a breakdown.
SMALL_ON_THEIR_OWN = ("duos_flagged",)
# The headline figures (reports.headline) are published on their own: a rate whose
# numerator or the rest (denominator - numerator) is a small count is blanked.
HEADLINE_RATES = ("positive_within_12_months_rate", "completed_rate", "mentor_retention")


def _get(rows: list[dict[str, Any]], path: Cell) -> Any:
    value: Any = rows[path[0]]
    for key in path[1:]:
        value = value[key]
    return value


def _set(rows: list[dict[str, Any]], path: Cell, value: Any) -> None:
    target: Any = rows[path[0]]
    for key in path[1:-1]:
        target = target[key]
    target[path[-1]] = value


def groups(rows: list[dict[str, Any]], by_city: bool) -> list[tuple[list[Cell], Cell | None]]:
    """Every set of cells that adds up to a published total (or stands alone)."""
    found: list[tuple[list[Cell], Cell | None]] = []
    for r, row in enumerate(rows):
        for name, total in BREAKDOWNS:
            keys = [k for k in row[name] if not (name.endswith("outcomes") and k == "stable_job")]
            found.append(([(r, name, k) for k in keys], (r, total) if total else None))
            if name.endswith("outcomes"):
                # stable jobs are part of the jobs
                found.append(([(r, name, "stable_job")], (r, name, "job")))
        for name, values in row["reach"].items():
            found.append(([(r, "reach", name, k) for k in values], (r, REACH_TOTAL)))
        for name in SMALL_ON_THEIR_OWN:
            found.append(([(r, name)], None))
        # people served = mentees + mentors served: a blanked mentees_served (the total of
        # a reach group blanked whole) would be people_served - mentors_served
        found.append(([(r, "mentees_served"), (r, "mentors_served")], (r, "people_served")))
    if by_city:
        # rows of one year: the first has city None (all cities), the others each a city
        for year in sorted({row["year"] for row in rows}):
            indices = [i for i, row in enumerate(rows) if row["year"] == year]
            total_row = next(i for i in indices if rows[i]["city"] is None)
            city_rows = [i for i in indices if i != total_row]
            for figure in TOP_LEVEL:
                found.append(([(i, figure) for i in city_rows], (total_row, figure)))
            for name, _ in BREAKDOWNS:
                for key in rows[total_row][name]:
                    found.append(([(i, name, key) for i in city_rows], (total_row, name, key)))
            for name, values in rows[total_row]["reach"].items():
                for key in values:
                    found.append(
                        (
                            [(i, "reach", name, key) for i in city_rows],
                            (total_row, "reach", name, key),
                        )
                    )
    return found


def suppress(report: list[Cohort], threshold: int, *, by_city: bool) -> None:
    """Blank small counts in place; each row gets ``suppressed``: the dotted keys blanked."""
    # Cells are reached by their path of keys, which a TypedDict cannot be indexed with.
    rows = cast(list[dict[str, Any]], report)
    if threshold <= 1:
        for row in rows:
            row["suppressed"] = []
        return
    all_groups = groups(rows, by_city)
    small = {
        cell
        for cells, _ in all_groups
        for cell in cells
        if isinstance(_get(rows, cell), int) and 1 <= _get(rows, cell) < threshold
    }
    hidden = set(small)
    changed = True
    while changed:
        changed = False
        for cells, total in all_groups:
            if total is None:
                continue
            blank = [c for c in cells if c in hidden]
            others = [c for c in cells if c not in hidden]
            if total in hidden:
                # a blank total whose parts are all shown is their sum, and a part alone
                # blank is the total: blank one more part
                if len(blank) > 1 or not others:
                    continue
                pick = min(others, key=lambda c: (_get(rows, c), cells.index(c)))
                hidden.add(pick)
                changed = True
                continue
            if len(blank) != 1:
                continue
            pick = min(others, key=lambda c: (_get(rows, c), cells.index(c))) if others else total
            hidden.add(pick)
            changed = True
    suppressed: dict[int, list[str]] = {r: [] for r in range(len(rows))}
    for cell in hidden:
        suppressed[cell[0]].append(".".join(str(k) for k in cell[1:]))
    for cell in hidden:
        _set(rows, cell, None)
        if cell[1] == "sessions_per_month":  # a month's hours would tell its few sessions
            _set(rows, (cell[0], "hours_per_month", cell[2]), None)
            suppressed[cell[0]].append(f"hours_per_month.{cell[2]}")
    for r, row in enumerate(rows):
        touched = {name.split(".")[0] for name in suppressed[r]}
        for name, source in RATES.items():
            value = row[name]
            numbers: tuple[int | None, ...] = (value["numerator"], value["denominator"])
            if name in (*HEADLINE_RATES, *SPLIT_RATES) and value["numerator"] is not None:
                numbers += (value["denominator"] - value["numerator"],)
            if (
                source in touched
                or any(n is not None and 1 <= n < threshold for n in numbers)
                or ("trajectories_closed" in touched and source)
            ):
                row[name] = {"numerator": None, "denominator": None, "rate": None}
                suppressed[r].append(name)
    while True:  # each rule may blank a cell another rule then has to protect
        blanked = sum(len(names) for names in suppressed.values())
        _blank_twins(rows, suppressed)
        if by_city:
            _protect_city_rates(rows, suppressed)
        if sum(len(names) for names in suppressed.values()) == blanked:
            break
    for r, row in enumerate(rows):
        row["suppressed"] = sorted(set(suppressed[r]))


def _blank_twins(rows: list[dict[str, Any]], suppressed: dict[int, list[str]]) -> None:
    """The flagged and unflagged early-closure rates go together, and with the totals
    they split (SPLIT_RATES)."""
    for r, row in enumerate(rows):
        touched = {name.split(".")[0] for name in suppressed[r]}
        if touched & SPLIT_TOTALS or any(name in suppressed[r] for name in SPLIT_RATES):
            for name in SPLIT_RATES:
                if name not in suppressed[r]:
                    row[name] = {"numerator": None, "denominator": None, "rate": None}
                    suppressed[r].append(name)


def _protect_city_rates(rows: list[dict[str, Any]], suppressed: dict[int, list[str]]) -> None:
    """A headline rate (or an early-closure rate of flagged or unflagged duos) blanked for
    one city alone, beside the all-cities row, would be that row minus the other cities:
    blank the smallest other city's too."""
    for year in sorted({row["year"] for row in rows}):
        indices = [i for i, row in enumerate(rows) if row["year"] == year]
        total = next(i for i in indices if rows[i]["city"] is None)
        for name in (*HEADLINE_RATES, *SPLIT_RATES):
            if rows[total][name]["numerator"] is None:
                continue
            cities = [i for i in indices if i != total]
            shown = [i for i in cities if rows[i][name]["numerator"] is not None]
            if len(cities) - len(shown) == 1 and shown:
                pick = min(shown, key=lambda i: (rows[i][name]["denominator"], i))
                rows[pick][name] = {"numerator": None, "denominator": None, "rate": None}
                suppressed[pick].append(name)
