"""The lists behind `list trajectories` and `list forbidden`.

Every duo on one page: dates, status, outcome, sessions, hours. One grouped query,
whatever the number of duos: the sessions are aggregated once and joined, never looked
up per trajectory (the ``trajectory_overview`` view's correlated subqueries, run row by
row, would cost a scan of the sessions per duo).

``year`` keeps the duos active on at least one day of that year (started by 31
December, not closed before 1 January): the same reading as ``stats``' people served,
so a year's list holds exactly the duos behind that year's figures.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypedDict, cast

from mentorcli.core.reference import canonical_city

if TYPE_CHECKING:
    from sqlite_utils import Database

STATUSES = ("active", "closed", "all")


class TrajectoryRow(TypedDict):
    """One row of `list trajectories --format json` (and a CSV line)."""

    id: int
    mentee_id: int
    mentee_name: str
    mentor_id: int
    mentor_name: str
    city: str  # the mentee's, as in stats
    started_on: str
    planned_end: str
    closed_on: str | None
    status: str
    outcome: str | None
    contract: str | None
    close_reason: str | None
    sessions: int
    hours: float
    last_session: str | None


def trajectories(
    db: Database, *, status: str = "all", city: str | None = None, year: int | None = None
) -> list[TrajectoryRow]:
    """The duos by id, filtered by status (active, closed or all), the mentee's city and
    the year they were active in."""
    where: list[str] = []
    params: dict[str, Any] = {}
    if status != "all":
        where.append("t.status = :status")
        params["status"] = status
    if city:
        where.append("mentee.city = :city")
        params["city"] = canonical_city(city)
    if year is not None:
        where.append("t.started_on <= :last AND (t.closed_on IS NULL OR t.closed_on >= :first)")
        params.update(first=f"{year:04d}-01-01", last=f"{year:04d}-12-31")
    # The sessions of the chosen duos only are aggregated (the active ones, by default,
    # are a small part of a programme's history), through the index on trajectory_id.
    rows = db.query(
        f"""
        WITH chosen AS (
            SELECT t.*, mentee.name AS mentee_name, mentee.city
            FROM trajectories t JOIN people mentee ON mentee.id = t.mentee_id
            {"WHERE " + " AND ".join(where) if where else ""}
        )
        SELECT t.id, t.mentee_id, t.mentee_name, t.mentor_id, mentor.name AS mentor_name,
               t.city, t.started_on, t.planned_end, t.closed_on, t.status, t.outcome,
               t.contract, t.close_reason, coalesce(s.sessions, 0) AS sessions,
               round(coalesce(s.minutes, 0) / 60.0, 2) AS hours, s.last_session
        FROM chosen t
        JOIN people mentor ON mentor.id = t.mentor_id
        LEFT JOIN (
            SELECT trajectory_id, count(*) AS sessions, sum(minutes) AS minutes,
                   max(held_on) AS last_session
            FROM sessions WHERE trajectory_id IN (SELECT id FROM chosen)
            GROUP BY trajectory_id
        ) s ON s.trajectory_id = t.id
        ORDER BY t.id
        """,
        params,
    )
    return [cast(TrajectoryRow, row) for row in rows]


class ForbiddenPair(TypedDict):
    """One row of `list forbidden`."""

    mentee_id: int
    mentee_name: str
    mentor_id: int
    mentor_name: str
    since: str  # the day the pair was forbidden


def forbidden_pairs(db: Database) -> list[ForbiddenPair]:
    """Every forbidden pair with both names, oldest first."""
    return [
        {
            "mentee_id": row[0],
            "mentee_name": row[1],
            "mentor_id": row[2],
            "mentor_name": row[3],
            "since": row[4][:10],
        }
        for row in db.execute(
            "SELECT f.mentee_id, mentee.name, f.mentor_id, mentor.name, f.created_at "
            "FROM forbidden_pairs f JOIN people mentee ON mentee.id = f.mentee_id "
            "JOIN people mentor ON mentor.id = f.mentor_id "
            "ORDER BY f.created_at, f.mentee_id, f.mentor_id"
        )
    ]
