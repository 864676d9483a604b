"""The programme's headline figures (issue 14), the ones DUO for a JOB puts on its first
page: how many mentees have a job, internship or training within a year of their start,
how many duos last until their planned end, and (in ``stats``) how many mentors start
another duo. Definitions, as the README repeats them:

- positive_within_12_months_rate: of the duos started in the year whose twelve months
  after the start (``core.clock.add_months``) have passed by ``as_of``, those with a job,
  training or internship recorded on or before the day twelve months after the start:
  the outcome at closing (closed by then), or the follow-up (recorded by then). A
  follow-up recorded later says nothing about the first twelve months and does not count.
  A duo that ended early and was followed by a requeue is left out (its result is the
  next duo's, as in every outcome rate of ``reports.stats``).
- completed_rate: of the duos closed in the year (for any reason), those closed on or
  after their planned end (as last set). Unlike ``reached_planned_end_rate``, which counts
  the reason ``completed`` only, a duo that ends with ``job-found`` or ``lost-contact``
  once its planned end has passed has reached it too.

Both are read from one query over the trajectories of the years asked, counted here in
one pass, in Python because a calendar month is ``add_months``'s (2024-02-29 + 12 months
is 2025-02-28), not SQLite's (2025-03-01).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from mentorcli.core.clock import add_months
from mentorcli.core.vocabulary import FULFILLED_REASONS, OUTCOMES

if TYPE_CHECKING:
    from sqlite_utils import Database

POSITIVE = tuple(o for o in OUTCOMES if o != "none")  # job, training, internship
WINDOW_MONTHS = 12

Key = tuple[int, str | None]  # (year, city) as in reports.stats
ZERO = {"started_12": 0, "positive_12": 0, "closed": 0, "reached_end": 0}


def counts(
    db: Database, traj: str, group: str, p: dict[str, Any], as_of: dt.date
) -> dict[Key, dict[str, int]]:
    """For each (year, ``group``): started_12 and positive_12 (the first figure's
    denominator and numerator), closed and reached_end (the second's)."""
    found: dict[Key, dict[str, int]] = {}
    rows = db.execute(
        traj
        + f"""
        SELECT y.year, {group}, t.started_on, y.first_day, y.last_day, t.closed_on,
               t.planned_end, t.outcome, t.requeued, t.close_reason, f.recorded_on, f.outcome
        FROM t JOIN y ON t.started_on BETWEEN y.first_day AND y.last_day
            OR t.closed_on BETWEEN y.first_day AND y.last_day
        LEFT JOIN followups f ON f.trajectory_id = t.id
        """,
        p,
    )
    for year, key, started_on, first_day, last_day, closed_on, planned_end, outcome, *more in rows:
        at = found.setdefault((year, key), dict(ZERO))
        requeued, reason, f_on, f_out = more
        rated = not requeued or reason in FULFILLED_REASONS
        if rated and first_day <= started_on <= last_day:
            window_end = add_months(dt.date.fromisoformat(started_on), WINDOW_MONTHS).isoformat()
            if window_end <= as_of.isoformat():
                at["started_12"] += 1
                at["positive_12"] += (
                    closed_on is not None and closed_on <= window_end and outcome in POSITIVE
                ) or (f_on is not None and f_on <= window_end and f_out in POSITIVE)
        if closed_on is not None and first_day <= closed_on <= last_day:
            at["closed"] += 1
            at["reached_end"] += closed_on >= planned_end
    return found
