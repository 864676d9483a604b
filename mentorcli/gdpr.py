"""The GDPR duties of the person who keeps the file: erasure on request and after retention.

Erasure is physical: identifying values are overwritten with secure_delete on, then the
WAL is checkpointed and truncated, so the erased text is in neither the database file
nor its WAL. What the yearly statistics need stays, anonymous: role, city, dates,
gender, birth year (for the age band), education, diploma, referral, the origin's region
instead of its country, trajectories and their outcomes, sessions without notes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from mentorcli import people
from mentorcli.db import log_event
from mentorcli.errors import MentorError
from mentorcli.reference import origin_region

if TYPE_CHECKING:
    from sqlite_utils import Database

ERASED_FIELDS = ("email", "phone", "notes", "occupation", "organisation", "origin_country")


def erased_name(person_id: int) -> str:
    return f"erased person {person_id}"


def forget(db: Database, person_id: int, *, day: dt.date) -> dict[str, Any]:
    """Erase one person's identifying data; the caller holds the transaction."""
    person = people.get_person(db, person_id)
    if person.get("erased_on"):
        raise MentorError(f"person {person_id} was already erased on {person['erased_on']}")
    region = origin_region(person.get("origin_country"))
    db.execute(
        f"UPDATE people SET name = ?, {', '.join(f'{f} = NULL' for f in ERASED_FIELDS)}, "
        "origin_region = coalesce(?, origin_region), erased_on = ?, "
        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
        [erased_name(person_id), region, day.isoformat(), person_id],
    )
    trajectories = [
        r[0]
        for r in db.execute(
            "SELECT id FROM trajectories WHERE mentee_id = ? OR mentor_id = ?",
            [person_id, person_id],
        )
    ]
    if trajectories:
        marks = ", ".join("?" for _ in trajectories)
        db.execute(
            f"UPDATE sessions SET note = NULL WHERE trajectory_id IN ({marks})", trajectories
        )
        db.execute(f"UPDATE trajectories SET close_note = NULL WHERE id IN ({marks})", trajectories)
    log_event(db, "forget", person_id=person_id)
    return {"person_id": person_id, "erased_on": day.isoformat(), "trajectories": trajectories}


def scrub_files(db: Database) -> None:
    """After the erasing transaction: move every page into the main file and empty the WAL."""
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def due_for_purge(db: Database, *, older_than_years: int, today: dt.date) -> list[dict]:
    """People not yet erased whose involvement ended more than the retention period ago.

    Ended means: the last trajectory closed, or, for someone never in a trajectory, the
    withdrawal (or, failing that, the enrolment). Nobody in an active trajectory is due.
    """
    limit = dt.date(today.year - older_than_years, today.month, min(today.day, 28)).isoformat()
    rows = db.query(
        """
        SELECT p.id, p.name, p.role, p.city,
               coalesce((SELECT max(t.closed_on) FROM trajectories t
                         WHERE t.mentee_id = p.id OR t.mentor_id = p.id),
                        p.withdrawn_on, p.enrolled_on) AS ended_on
        FROM people p
        WHERE p.erased_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM trajectories t WHERE t.status = 'active'
                          AND (t.mentee_id = p.id OR t.mentor_id = p.id))
        ORDER BY p.id
        """
    )
    return [r for r in rows if r["ended_on"] < limit]
