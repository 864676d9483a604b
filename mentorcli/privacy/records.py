"""Everything held about one person, as plain data (the GDPR subject access export)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from mentorcli import people

if TYPE_CHECKING:
    from sqlite_utils import Database


def person_record(db: Database, person_id: int) -> dict[str, Any]:
    record = people.get_person(db, person_id)
    record["trajectories"] = trajectories_of(db, person_id)
    record["forbidden_pairs"] = [
        dict(row)
        for row in db.query(
            "SELECT mentee_id, mentor_id, created_at FROM forbidden_pairs "
            "WHERE mentee_id = ? OR mentor_id = ?",
            [person_id, person_id],
        )
    ]
    record["events"] = [
        {**row, "details": json.loads(row["details"]) if row["details"] else None}
        for row in db.query(
            "SELECT id, at, actor, action, trajectory_id, details FROM events "
            "WHERE person_id = ? ORDER BY id",
            [person_id],
        )
    ]
    return record


def trajectories_of(db: Database, person_id: int) -> list[dict[str, Any]]:
    rows = list(
        db.query(
            """
            SELECT t.*, CASE WHEN t.mentee_id = :p THEN mentor.name ELSE mentee.name END
                   AS partner,
                   CASE WHEN t.mentee_id = :p THEN t.mentor_id ELSE t.mentee_id END
                   AS partner_id,
                   (SELECT count(*) FROM sessions s WHERE s.trajectory_id = t.id) AS sessions,
                   (SELECT round(coalesce(sum(minutes), 0) / 60.0, 2) FROM sessions s
                     WHERE s.trajectory_id = t.id) AS hours
            FROM trajectories t
            JOIN people mentee ON mentee.id = t.mentee_id
            JOIN people mentor ON mentor.id = t.mentor_id
            WHERE t.mentee_id = :p OR t.mentor_id = :p
            ORDER BY t.started_on, t.id
            """,
            {"p": person_id},
        )
    )
    for row in rows:
        row["mentor_leaves"] = bool(row["mentor_leaves"])
        row["session_log"] = [
            {**s, "topics": [t for t in s["topics"].split(",") if t]}
            for s in db.query(
                "SELECT id, held_on, minutes, topics, note FROM sessions "
                "WHERE trajectory_id = ? ORDER BY held_on, id",
                [row["id"]],
            )
        ]
        followup = list(
            db.query(
                "SELECT recorded_on, outcome, contract FROM followups WHERE trajectory_id = ?",
                [row["id"]],
            )
        )
        row["followup"] = followup[0] if followup else None
    return rows
