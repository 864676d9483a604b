"""One duo's whole story, for `mentorcli trajectory`: who, where, when, every session and
check-in, how it ended, the follow-up, and the event log lines about it.

A reading view: session notes stay in `sessions` (as the brief of issue 13 lists a
session's id, date, hours and topics); a check-in's note is shown, since no other view at
a terminal shows it. The event log never holds note text in the first place.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, TypedDict, cast

from mentorcli.lifecycle import check_ins
from mentorcli.lifecycle.trajectories import get

if TYPE_CHECKING:
    from sqlite_utils import Database


class Party(TypedDict):
    id: int
    name: str


class StorySession(TypedDict):
    id: int
    date: str
    hours: float
    topics: list[str]


class StoryClose(TypedDict):
    closed_on: str
    outcome: str
    contract: str | None
    reason: str
    early: bool
    mentor_leaves: bool


class StoryFollowUp(TypedDict):
    recorded_on: str
    outcome: str
    contract: str | None


class StoryEvent(TypedDict):
    id: int
    at: str
    actor: str
    action: str
    person_id: int | None
    details: dict[str, Any] | None


class Story(TypedDict):
    """`trajectory ID --format json`: these keys, in this order."""

    id: int
    status: str  # active or closed
    mentee: Party
    mentor: Party
    city: str
    started_on: str
    planned_end: str
    closed_on: str | None
    score: float | None
    sessions: int
    hours: float
    session_log: list[StorySession]
    check_ins: list[check_ins.CheckIn]
    close: StoryClose | None
    follow_up: StoryFollowUp | None
    events: list[StoryEvent]


def story(db: Database, trajectory_id: int) -> Story:
    """Everything about one trajectory, oldest first in every list."""
    t = get(db, trajectory_id)
    city = db.execute("SELECT city FROM people WHERE id = ?", [t["mentee_id"]]).fetchone()[0]
    rows = list(
        db.query(
            "SELECT id, held_on, minutes, topics FROM sessions WHERE trajectory_id = ? "
            "ORDER BY held_on, id",
            [trajectory_id],
        )
    )
    sessions = [
        StorySession(
            id=row["id"],
            date=row["held_on"],
            hours=round(row["minutes"] / 60, 2),
            topics=[topic for topic in row["topics"].split(",") if topic],
        )
        for row in rows
    ]
    close: StoryClose | None = None
    if t["status"] == "closed" and t["closed_on"] and t["outcome"] and t["close_reason"]:
        close = {
            "closed_on": t["closed_on"],
            "outcome": t["outcome"],
            "contract": t["contract"],
            "reason": t["close_reason"],
            "early": t["closed_on"] < t["planned_end"],
            "mentor_leaves": bool(t["mentor_leaves"]),
        }
    follow_up = [
        cast(StoryFollowUp, row)
        for row in db.query(
            "SELECT recorded_on, outcome, contract FROM followups WHERE trajectory_id = ?",
            [trajectory_id],
        )
    ]
    events = [
        StoryEvent(
            id=row["id"],
            at=row["at"],
            actor=row["actor"],
            action=row["action"],
            person_id=row["person_id"],
            details=json.loads(row["details"]) if row["details"] else None,
        )
        for row in db.query(
            "SELECT id, at, actor, action, person_id, details FROM events "
            "WHERE trajectory_id = ? ORDER BY id",
            [trajectory_id],
        )
    ]
    return {
        "id": t["id"],
        "status": t["status"],
        "mentee": {"id": t["mentee_id"], "name": t["mentee_name"]},
        "mentor": {"id": t["mentor_id"], "name": t["mentor_name"]},
        "city": city,
        "started_on": t["started_on"],
        "planned_end": t["planned_end"],
        "closed_on": t["closed_on"],
        "score": t["score"],
        "sessions": len(sessions),
        "hours": round(sum(row["minutes"] for row in rows) / 60, 2),
        "session_log": sessions,
        "check_ins": check_ins.of_trajectory(db, trajectory_id),
        "close": close,
        "follow_up": follow_up[0] if follow_up else None,
        "events": events,
    }
