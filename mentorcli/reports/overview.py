"""The programme at a glance, per city: what a coordinator looks at first."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

if TYPE_CHECKING:
    from sqlite_utils import Database


class CityFigures(TypedDict):
    city: str
    mentors_available: int
    free_places: int
    mentees_waiting: int
    active_trajectories: int
    mentees_done: int


def per_city(db: Database) -> list[CityFigures]:
    return [
        CityFigures(
            city=row["city"],
            mentors_available=row["mentors_available"],
            free_places=row["free_places"],
            mentees_waiting=row["mentees_waiting"],
            active_trajectories=row["active_trajectories"],
            mentees_done=row["mentees_done"],
        )
        for row in db.query(
            """
            SELECT city,
                   sum(role = 'mentor' AND status = 'available') AS mentors_available,
                   sum(CASE WHEN role = 'mentor' AND status NOT IN ('inactive', 'erased')
                            THEN max(capacity - active_trajectories, 0) ELSE 0 END)
                       AS free_places,
                   sum(role = 'mentee' AND status = 'waiting') AS mentees_waiting,
                   sum(role = 'mentee' AND status = 'matched') AS active_trajectories,
                   sum(role = 'mentee' AND status = 'done') AS mentees_done
            FROM people_status GROUP BY city ORDER BY city
            """
        )
    ]
