"""Check-ins: the coordinator asks a duo how it is going, about once a month.

Good practice (MENTOR's Elements of Effective Practice; Mentorloop's check-ins) is a
regular check-in with each duo and a flag on the duos at risk. A check-in is good,
concern or at-risk; a duo whose last check-in is concern or at-risk stays flagged in
`remind` until a later check-in says good or the duo closes.

A closed duo may still get a check-in dated on or before its close: the coordinator
may write down late a call made while it ran. Its note is personal data: `forget`
clears it with the session notes, and the event log never holds it.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict, cast

from mentorcli import people
from mentorcli.core.clock import today
from mentorcli.core.errors import MentorError, UsageError
from mentorcli.core.vocabulary import CHECK_IN_STATUSES, CHECK_IN_WITH, FLAGGING_STATUSES, label
from mentorcli.lifecycle.trajectories import get
from mentorcli.store.db import log_event, new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mentorcli.lifecycle.reminders import Reminder

DEFAULT_CHECK_IN_DAYS = 30
FLAGGING_SQL = "(" + ", ".join(f"'{s}'" for s in FLAGGING_STATUSES) + ")"


class CheckIn(TypedDict):
    """One check-in (`check-in --format json`, and each of `trajectory`'s)."""

    id: int
    trajectory_id: int
    date: str
    status: str  # good, concern or at-risk
    with_whom: str  # both, mentor or mentee
    note: str | None


def check_status(status: str, with_whom: str) -> None:
    """The command's choices already hold these; a caller from Python gets the same rule."""
    if status not in CHECK_IN_STATUSES:
        raise UsageError(f"unknown check-in status {status!r}: use {', '.join(CHECK_IN_STATUSES)}")
    if with_whom not in CHECK_IN_WITH:
        raise UsageError(f"--with is one of {', '.join(CHECK_IN_WITH)}, not {with_whom!r}")


def record(
    db: Database,
    trajectory_id: int,
    *,
    day: dt.date,
    status: str,
    with_whom: str,
    note: str | None,
) -> CheckIn:
    """Record one check-in; the caller holds the transaction. Refused for an erased
    person's duo, and for a day outside the duo's dates or after today."""
    check_status(status, with_whom)
    trajectory = get(db, trajectory_id)
    for person_id in (trajectory["mentee_id"], trajectory["mentor_id"]):
        people.refuse_erased(db, person_id)
    if day > today():
        raise MentorError(f"check-in date {day} is in the future")
    if day.isoformat() < trajectory["started_on"]:
        raise MentorError(
            f"check-in date {day} is before the trajectory started ({trajectory['started_on']})"
        )
    closed_on = trajectory["closed_on"]
    if closed_on is not None and day.isoformat() > closed_on:
        raise MentorError(
            f"trajectory {trajectory_id} was closed on {closed_on}: a check-in after that "
            "has no duo to check in with"
        )
    cursor = db.execute(
        "INSERT INTO check_ins (trajectory_id, held_on, status, with_whom, note) "
        "VALUES (?, ?, ?, ?, ?)",
        [trajectory_id, day.isoformat(), status, with_whom, note or None],
    )
    check_in_id = new_id(cursor)
    log_event(
        db,
        "check-in",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory_id,
        details={
            "check_in_id": check_in_id,
            "status": status,
            "with": with_whom,
            "date": day.isoformat(),
        },
    )
    return {
        "id": check_in_id,
        "trajectory_id": trajectory_id,
        "date": day.isoformat(),
        "status": status,
        "with_whom": with_whom,
        "note": note or None,
    }


def of_trajectory(db: Database, trajectory_id: int) -> list[CheckIn]:
    """A duo's check-ins, oldest first."""
    return [
        cast(CheckIn, row)
        for row in db.query(
            "SELECT id, trajectory_id, held_on AS date, status, with_whom, note FROM check_ins "
            "WHERE trajectory_id = ? ORDER BY held_on, id",
            [trajectory_id],
        )
    ]


def reminders(
    db: Database, *, as_of: dt.date, check_in_days: int
) -> tuple[list[Reminder], list[Reminder]]:
    """`remind`'s two kinds: the active duos whose last check-in (by ``as_of``) was
    concern or at-risk ("flagged"), and those with no check-in for ``check_in_days``
    days, counted from the last one or else from the start ("check-in")."""
    from mentorcli.lifecycle.reminders import _item as item

    flagged: list[Reminder] = []
    overdue: list[Reminder] = []
    rows: list[dict[str, Any]] = list(
        db.query(
            """
        SELECT t.id, t.mentee_id, t.started_on,
               mentee.name AS mentee_name, mentor.name AS mentor_name,
               c.held_on AS last_on, c.status AS last_status, c.with_whom AS last_with
        FROM trajectories t
        JOIN people mentee ON mentee.id = t.mentee_id
        JOIN people mentor ON mentor.id = t.mentor_id
        LEFT JOIN check_ins c ON c.id = (
            SELECT id FROM check_ins l WHERE l.trajectory_id = t.id AND l.held_on <= :day
            ORDER BY l.held_on DESC, l.id DESC LIMIT 1)
        WHERE t.status = 'active' AND t.started_on <= :day
          AND mentee.erased_on IS NULL AND mentor.erased_on IS NULL
        ORDER BY t.id
        """,
            {"day": as_of.isoformat()},
        )
    )
    for t in rows:
        duo = f"{t['mentee_name']} + {t['mentor_name']}"
        if t["last_status"] in FLAGGING_STATUSES:
            since = dt.date.fromisoformat(t["last_on"])
            flagged.append(
                item(
                    "flagged",
                    t["id"],
                    t["mentee_id"],
                    duo,
                    since,
                    (as_of - since).days,
                    f"last check-in {t['last_on']}: {label('check_in', t['last_status'])} "
                    f"(spoke with {_with_words(t['last_with'])})",
                )
            )
        since = dt.date.fromisoformat(t["last_on"] or t["started_on"])
        quiet = (as_of - since).days
        if quiet >= check_in_days:
            what = (
                f"last check-in {t['last_on']}"
                if t["last_on"]
                else f"none since the start on {t['started_on']}"
            )
            overdue.append(
                item(
                    "check-in",
                    t["id"],
                    t["mentee_id"],
                    duo,
                    since + dt.timedelta(days=check_in_days),
                    quiet,
                    f"no check-in for {quiet} days ({what})",
                )
            )
    flagged.sort(key=lambda r: (r["due"], r["trajectory_id"] or 0))
    return flagged, overdue


def _with_words(with_whom: str) -> str:
    return "both" if with_whom == "both" else f"the {with_whom}"
