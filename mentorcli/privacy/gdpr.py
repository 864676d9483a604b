"""The GDPR duties of the person who keeps the file: erasure on request and after retention.

Erasure is physical: identifying values are overwritten with secure_delete on, then the
WAL is checkpointed and truncated, so the erased text is in neither the database file
nor its WAL. What the yearly statistics need stays, anonymous: role, city, dates,
gender, birth year (for the age band), education, diploma, referral, the origin's UN M49
sub-region and EU membership instead of its country, whether the nationality was an EU
one instead of the nationality, the labour status at entry (and since when unemployed,
for long-term unemployment), trajectories and their outcomes, sessions and check-ins
without notes. Disability and homelessness are special-category data: they go, with
their consent.

Erasure is also for good: an erased person's active trajectory ends with it (reason
``erased``), and the erasure register (ids and dates, never a name) lets ``restore``
erase them again in an older backup before it takes the live file's place.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from typing import TYPE_CHECKING, Any, TypedDict, cast

from mentorcli import people
from mentorcli.core.errors import MentorError
from mentorcli.core.reference import origin_eu, origin_region
from mentorcli.core.vocabulary import ERASED_REASON, SPECIAL_FIELDS
from mentorcli.lifecycle import trajectories
from mentorcli.store.db import log_event

if TYPE_CHECKING:
    from sqlite_utils import Database

ERASED_FIELDS = (
    "email",
    "phone",
    "notes",
    "occupation",
    "organisation",
    "origin_country",
    "nationality",
    # special-category data goes with its consent: counted while the person is known only
    *SPECIAL_FIELDS,
    "special_consent_on",
)


class Forgotten(TypedDict):
    """What one erasure did."""

    person_id: int
    erased_on: str
    trajectories: list[int]  # every trajectory of theirs: notes cleared
    ended_trajectories: list[int]  # the active ones, closed with reason erased


class DueForPurge(TypedDict):
    """A person past the retention period (`purge --dry-run` lists them)."""

    id: int
    name: str
    role: str
    city: str
    ended_on: str


def erased_name(person_id: int) -> str:
    return f"erased person {person_id}"


def active_trajectories(db: Database, person_id: int) -> list[trajectories.Trajectory]:
    """The trajectories that erasing this person ends, for the question asked first."""
    rows = db.execute(
        "SELECT id FROM trajectories WHERE status = 'active' "
        "AND (mentee_id = ? OR mentor_id = ?) ORDER BY id",
        [person_id, person_id],
    ).fetchall()
    return [trajectories.get(db, r[0]) for r in rows]


def forget(db: Database, person_id: int, *, day: dt.date, reapplied: bool = False) -> Forgotten:
    """Erase one person's identifying data; the caller holds the transaction.

    An active trajectory of theirs ends first, with reason ``erased`` (an early closure
    in the statistics): nobody can meet a person the programme no longer knows. The
    register gets the person's id and the day; ``reapplied`` is for ``restore``, which
    copies the register itself.
    """
    person = people.get_person(db, person_id)
    if person.get("erased_on"):
        raise MentorError(f"person {person_id} was already erased on {person['erased_on']}")
    ended = [
        trajectories.close(
            db,
            t["id"],
            day=day,
            outcome="none",
            contract=None,
            reason=ERASED_REASON,
            mentor_leaves=False,
            note=None,
        )["trajectory_id"]
        for t in active_trajectories(db, person_id)
    ]
    origin = person.get("origin_country")
    eu = origin_eu(origin)
    citizen = origin_eu(person.get("nationality"))
    db.execute(
        f"UPDATE people SET name = ?, {', '.join(f'{f} = NULL' for f in ERASED_FIELDS)}, "
        "origin_region = CASE WHEN ? THEN ? ELSE origin_region END, "
        "origin_eu = coalesce(?, origin_eu), nationality_eu = coalesce(?, nationality_eu), "
        "erased_on = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
        [
            erased_name(person_id),
            origin is not None,
            origin_region(origin),
            None if eu is None else int(eu),
            None if citizen is None else int(citizen),
            day.isoformat(),
            person_id,
        ],
    )
    trajectory_ids: list[int] = [
        r[0]
        for r in db.execute(
            "SELECT id FROM trajectories WHERE mentee_id = ? OR mentor_id = ?",
            [person_id, person_id],
        )
    ]
    if trajectory_ids:
        marks = ", ".join("?" for _ in trajectory_ids)
        db.execute(
            f"UPDATE sessions SET note = NULL WHERE trajectory_id IN ({marks})", trajectory_ids
        )
        db.execute(
            f"UPDATE trajectories SET close_note = NULL WHERE id IN ({marks})", trajectory_ids
        )
        db.execute(
            f"UPDATE check_ins SET note = NULL WHERE trajectory_id IN ({marks})", trajectory_ids
        )
    if not reapplied:
        db.execute(
            "INSERT OR REPLACE INTO erasures (person_id, person_created_at, erased_on, scrubbed) "
            "SELECT id, created_at, ?, 0 FROM people WHERE id = ?",
            [day.isoformat(), person_id],
        )
    details: dict[str, Any] = {"ended_trajectories": ended} if ended else {}
    if reapplied:
        details["reapplied"] = True
    log_event(db, "forget", person_id=person_id, details=details or None)
    return {
        "person_id": person_id,
        "erased_on": day.isoformat(),
        "trajectories": trajectory_ids,
        "ended_trajectories": ended,
    }


def reapply_register(live: Database, incoming: sqlite3.Connection) -> int:
    """Erase again, in a backup about to be restored, everyone in the live register.

    ``incoming`` is the backup opened in memory. It is brought to the current schema,
    gets every register entry (so a later restore erases them too), and every person
    of the register who is still in it unerased is erased with the original date. A
    person is matched by id and creation time: an id given to someone else after an
    earlier restore is not theirs. Returns how many people were erased again.
    """
    from sqlite_utils import Database

    from mentorcli.store.db import transaction
    from mentorcli.store.migrations import migrations

    register = live.execute(
        "SELECT person_id, person_created_at, erased_on, recorded_at FROM erasures "
        "ORDER BY person_id"
    ).fetchall()
    target = Database(incoming, execute_plugins=False)
    erased = 0
    try:
        target.execute("PRAGMA secure_delete = ON")
        target.execute("PRAGMA foreign_keys = ON")
        with transaction(target):
            migrations.apply(target)
        with transaction(target):
            for person_id, created_at, erased_on, recorded_at in register:
                target.execute(
                    "INSERT OR IGNORE INTO erasures "
                    "(person_id, person_created_at, erased_on, scrubbed, recorded_at) "
                    "VALUES (?, ?, ?, 1, ?)",
                    [person_id, created_at, erased_on, recorded_at],
                )
                row = target.execute(
                    "SELECT erased_on FROM people WHERE id = ? AND created_at = ?",
                    [person_id, created_at],
                ).fetchone()
                if row is not None and row[0] is None:
                    day = dt.date.fromisoformat(erased_on)
                    forget(target, person_id, day=day, reapplied=True)
                    erased += 1
        if erased:
            target.execute("VACUUM")  # no page keeps a trace of what was overwritten
    except (sqlite3.Error, MentorError) as e:
        raise MentorError(
            f"the backup cannot take the erasures made since ({e}); nothing was changed"
        ) from None
    return erased


def due_for_purge(db: Database, *, older_than_years: int, today: dt.date) -> list[DueForPurge]:
    """People not yet erased whose involvement ended more than the retention period ago.

    Ended means: the last trajectory closed, or, for someone never in a trajectory, the
    withdrawal (or, failing that, the enrolment). Nobody in an active trajectory is due.
    """
    limit = dt.date(today.year - older_than_years, today.month, min(today.day, 28)).isoformat()
    rows = db.query(
        """
        SELECT p.id, p.name, p.role, p.city,
               coalesce(p.requeued_on,  -- back on the waiting list: not ended
                        (SELECT max(t.closed_on) FROM trajectories t
                         WHERE t.mentee_id = p.id OR t.mentor_id = p.id),
                        p.withdrawn_on, p.enrolled_on) AS ended_on
        FROM people p
        WHERE p.erased_on IS NULL
          AND NOT EXISTS (SELECT 1 FROM trajectories t WHERE t.status = 'active'
                          AND (t.mentee_id = p.id OR t.mentor_id = p.id))
        ORDER BY p.id
        """
    )
    return [cast(DueForPurge, r) for r in rows if r["ended_on"] < limit]


def finish_erasure(db: Database, who: str) -> None:
    """Report success only once the erased bytes are gone from the file and its WAL: else
    DatabaseLocked (exit 75), and the next command that opens the file finishes it."""
    from mentorcli.core.errors import DatabaseLocked
    from mentorcli.store import scrub

    if not scrub.scrub_files(db):
        raise DatabaseLocked(
            f"{who} is erased, but another program has the database open and keeps the old "
            "data in its write-ahead log; the next mentorcli command that opens the file "
            "finishes the erasure once that program lets go"
        )
