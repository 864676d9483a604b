"""What the check-ins say in `stats` (issue 13): how often the coordinator checked in, how
many duos were flagged, and whether a flag foretells an early end. Definitions, as the
README repeats them:

- check_ins: check-ins dated in the year.
- duos_flagged: trajectories with at least one ``concern`` or ``at-risk`` check-in dated
  in the year.
- early_closure_rate_flagged: of the trajectories closed in the year that had a
  ``concern`` or ``at-risk`` check-in on or before their close (in any year), those closed
  early, as ``early_closures`` counts them (any reason but ``completed``).
- early_closure_rate_unflagged: the same for the trajectories closed in the year that
  had none. The two denominators add up to ``trajectories_closed``, the numerators to
  ``early_closures``.

Hooked into ``reports.stats`` like ``reports.headline``: one query per figure over the
trajectories of the years asked (with their mentee's city), grouped by year and city.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict

from mentorcli.core.vocabulary import FLAGGING_STATUSES

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mentorcli.reports.stats import Count, Rate

Key = tuple[int, str | None]  # (year, city) as in reports.stats
ZERO = {
    "check_ins": 0,
    "duos_flagged": 0,
    "closed_flagged": 0,
    "early_flagged": 0,
    "closed_unflagged": 0,
    "early_unflagged": 0,
}
_FLAGGING = "(" + ", ".join(f"'{s}'" for s in FLAGGING_STATUSES) + ")"


class CheckInFigures(TypedDict):
    """The check-in figures of one cohort, in the order the report shows them."""

    check_ins: Count
    duos_flagged: Count
    early_closure_rate_flagged: Rate
    early_closure_rate_unflagged: Rate


def counts(db: Database, traj: str, group: str, p: dict[str, Any]) -> dict[Key, dict[str, int]]:
    """For each (year, ``group``): the counts behind :func:`figures`."""
    found: dict[Key, dict[str, int]] = {}
    for year, key, held, flagged in db.execute(
        traj
        + f"""
        SELECT y.year, {group}, count(*),
               count(DISTINCT CASE WHEN c.status IN {_FLAGGING} THEN c.trajectory_id END)
        FROM check_ins c JOIN t ON t.id = c.trajectory_id
        JOIN y ON c.held_on BETWEEN y.first_day AND y.last_day
        GROUP BY 1, 2
        """,
        p,
    ):
        found.setdefault((year, key), dict(ZERO)).update(check_ins=held, duos_flagged=flagged)
    flag = (
        f"EXISTS (SELECT 1 FROM check_ins c WHERE c.trajectory_id = t.id "
        f"AND c.status IN {_FLAGGING} AND c.held_on <= t.closed_on)"
    )
    early = "t.close_reason != 'completed'"
    for year, key, *closed in db.execute(
        traj
        + f"""
        SELECT y.year, {group},
               sum({flag}), sum({flag} AND {early}),
               sum(NOT {flag}), sum(NOT {flag} AND {early})
        FROM t JOIN y ON t.closed_on BETWEEN y.first_day AND y.last_day
        GROUP BY 1, 2
        """,
        p,
    ):
        names = ("closed_flagged", "early_flagged", "closed_unflagged", "early_unflagged")
        found.setdefault((year, key), dict(ZERO)).update(
            {name: int(n or 0) for name, n in zip(names, closed, strict=True)}
        )
    return found


def figures(c: dict[str, int]) -> CheckInFigures:
    """One cohort's figures from its counts (``ZERO`` when it has none)."""
    from mentorcli.reports.stats import rate

    return {
        "check_ins": c["check_ins"],
        "duos_flagged": c["duos_flagged"],
        "early_closure_rate_flagged": rate(c["early_flagged"], c["closed_flagged"]),
        "early_closure_rate_unflagged": rate(c["early_unflagged"], c["closed_unflagged"]),
    }
