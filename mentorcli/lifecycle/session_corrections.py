"""Correcting a logged session: `edit-session` and `delete-session`.

A session logged on the wrong day, with the wrong length or topics, or twice, is
corrected in place rather than compensated by another entry, so that every figure
(`stats`, `remind`, `sessions`) equals what it would be had the right thing been typed
first. A corrected session obeys the rules of a new one (the checks of
:func:`mentorcli.lifecycle.trajectories.log_session`, called here, not copied), and the
event log says what changed, from what to what; of a note only that it changed, never
its text.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, TypedDict

from mentorcli import people
from mentorcli.core.errors import MentorError, UsageError
from mentorcli.core.numbers import parse_id
from mentorcli.lifecycle import trajectories
from mentorcli.lifecycle.trajectories import LoggedSession, Trajectory
from mentorcli.store.db import log_event

if TYPE_CHECKING:
    from sqlite_utils import Database


class SessionChanges(TypedDict, total=False):
    """What an edit gives; an absent key stays as it is."""

    day: dt.date
    minutes: int
    topics: list[str]
    note: str | None  # "" or None clears the note


class EditedSession(TypedDict):
    """`edit-session --format json`: the session as it is now, and what changed."""

    session: LoggedSession
    changed: list[str]  # of date, minutes, topics, note; empty when it already said so


class DeletedSession(TypedDict):
    """`delete-session --format json`: what was deleted (never its note)."""

    id: int
    trajectory_id: int
    date: str
    minutes: int
    topics: list[str]


def resolve(db: Database, text: str) -> int:
    """A session id, exactly: a session has no name, and a correction is made to the one
    the coordinator read in `sessions`, never to a guess."""
    session_id = parse_id(text, "no session {}")
    if session_id is None:
        raise UsageError(
            f"{str(text).strip()!r} is not a session id (see the id column of `mentorcli sessions`)"
        )
    get(db, session_id)
    return session_id


def get(db: Database, session_id: int) -> LoggedSession:
    row = db.execute(
        "SELECT id, trajectory_id, held_on, minutes, topics, note FROM sessions WHERE id = ?",
        [session_id],
    ).fetchone()
    if row is None:
        raise MentorError(f"no session {session_id}")
    return {
        "id": row[0],
        "trajectory_id": row[1],
        "date": row[2],
        "minutes": row[3],
        "topics": [t for t in row[4].split(",") if t],
        "note": row[5],
    }


def describe(db: Database, session_id: int) -> str:
    """The session named in full (date, length, duo with ids), for the question before a
    deletion that cannot be taken back; refused, before any question, when the duo has
    an erased person."""
    session = get(db, session_id)
    duo = trajectories.describe(_open_to_change(db, session))
    return f"session {session_id} of {session['date']} ({session['minutes'] / 60:g} h), {duo}"


def _open_to_change(db: Database, session: LoggedSession) -> Trajectory:
    """The session's trajectory, unless one of its people was erased (nothing about them
    changes, as for `log-session`)."""
    trajectory = trajectories.get(db, session["trajectory_id"])
    for person_id in (trajectory["mentee_id"], trajectory["mentor_id"]):
        people.refuse_erased(db, person_id)
    return trajectory


def edit_session(db: Database, session_id: int, changes: SessionChanges) -> EditedSession:
    """Change the given fields of one session; the caller holds the transaction.

    Each new value is checked as `log-session` checks it before anything is written,
    so a refused edit changes nothing. A value equal to the present one is no change:
    then nothing is written and no event is logged.
    """
    if not changes:
        raise UsageError("nothing to change: give --date, --hours or --minutes, --topic or --note")
    before = get(db, session_id)
    trajectory = _open_to_change(db, before)
    after: LoggedSession = {**before}
    if "day" in changes:
        trajectories.check_session_day(changes["day"], trajectory)
        after["date"] = changes["day"].isoformat()
    if "minutes" in changes:
        after["minutes"] = changes["minutes"]
    if "topics" in changes:
        after["topics"] = changes["topics"]
    if "note" in changes:
        after["note"] = changes["note"] or None
    old: dict[str, Any] = dict(before)
    new: dict[str, Any] = dict(after)
    changed = [field for field in ("date", "minutes", "topics", "note") if new[field] != old[field]]
    if changed:
        db.execute(
            "UPDATE sessions SET held_on = ?, minutes = ?, topics = ?, note = ? WHERE id = ?",
            [new["date"], new["minutes"], ",".join(new["topics"]), new["note"], session_id],
        )
        details: dict[str, Any] = {"session_id": session_id}
        for field in changed:
            details[field] = (
                "changed" if field == "note" else {"from": old[field], "to": new[field]}
            )
        log_event(
            db,
            "edit-session",
            person_id=trajectory["mentee_id"],
            trajectory_id=trajectory["id"],
            details=details,
        )
    return {"session": after, "changed": changed}


def delete_session(db: Database, session_id: int) -> DeletedSession:
    """Delete one session (logged twice, or for a meeting that did not happen); the caller
    holds the transaction. The event keeps its date and length, never its note."""
    session = get(db, session_id)
    trajectory = _open_to_change(db, session)
    db.execute("DELETE FROM sessions WHERE id = ?", [session_id])
    log_event(
        db,
        "delete-session",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory["id"],
        details={"session_id": session_id, "date": session["date"], "minutes": session["minutes"]},
    )
    return {
        "id": session_id,
        "trajectory_id": session["trajectory_id"],
        "date": session["date"],
        "minutes": session["minutes"],
        "topics": session["topics"],
    }
