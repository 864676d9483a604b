"""The programme at a glance, per city: what a coordinator looks at first."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database


def per_city(db: Database) -> list[dict[str, Any]]:
    return list(
        db.query(
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
    )


def print_overview(db: Database) -> None:
    from mentorcli.ui.output import stdout_console, table

    rows = per_city(db)
    columns = [
        "city",
        "mentees_waiting",
        "free_places",
        "mentors_available",
        "active_trajectories",
        "mentees_done",
    ]
    stdout_console().print(table(rows, columns, title="The programme today"))
