"""Everything held about one person, as plain data (the GDPR subject access export)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast

from mentorcli import people

if TYPE_CHECKING:
    from sqlite_utils import Database


class SessionRecord(TypedDict):
    id: int
    held_on: str
    minutes: int
    topics: list[str]
    note: str | None


class FollowUpRecord(TypedDict):
    recorded_on: str
    outcome: str
    contract: str | None
    situation: str | None
    contract_months: int | None


class CheckInRecord(TypedDict):
    id: int
    held_on: str
    status: str
    with_whom: str
    note: str | None


class TrajectoryRecord(TypedDict):
    """One of the person's trajectories: its row, whom with, and what happened in it."""

    id: int
    mentee_id: int
    mentor_id: int
    started_on: str
    planned_end: str
    score: float | None
    status: str
    closed_on: str | None
    outcome: str | None
    contract: str | None
    close_reason: str | None
    mentor_leaves: bool
    close_note: str | None
    created_at: str
    waiting_since: str | None  # the day the mentee went on the waiting list for this duo
    requeued: bool  # the mentee went back on the waiting list after this duo
    contract_months: int | None  # ESF+: a fixed-term or interim job's length
    job_searching: bool  # ESF+: left job searching
    qualification: bool  # ESF+: gained a qualification
    partner: str
    partner_id: int
    sessions: int
    hours: float
    session_log: list[SessionRecord]
    followup: FollowUpRecord | None
    check_ins: list[CheckInRecord]


class ForbiddenPair(TypedDict):
    mentee_id: int
    mentor_id: int
    created_at: str


class EventRecord(TypedDict):
    id: int
    at: str
    actor: str
    action: str
    trajectory_id: int | None
    details: dict[str, Any] | None


class PersonRecord(people.Person):
    """``show --format json``: the person, then their trajectories, pairs and events.

    A mentee's special-category answers are there only when asked for (``show`` at a
    terminal, to the coordinator's own eyes)."""

    disability: NotRequired[str | None]
    homeless: NotRequired[str | None]
    trajectories: list[TrajectoryRecord]
    forbidden_pairs: list[ForbiddenPair]
    events: list[EventRecord]


def person_record(db: Database, person_id: int, *, special: bool = False) -> PersonRecord:
    """Everything held about a person; with ``special``, a mentee's special-category
    answers too."""
    forbidden_pairs = [
        cast(ForbiddenPair, row)
        for row in db.query(
            "SELECT mentee_id, mentor_id, created_at FROM forbidden_pairs "
            "WHERE mentee_id = ? OR mentor_id = ?",
            [person_id, person_id],
        )
    ]
    events = [
        cast(
            EventRecord,
            {**row, "details": json.loads(row["details"]) if row["details"] else None},
        )
        for row in db.query(
            "SELECT id, at, actor, action, trajectory_id, details FROM events "
            "WHERE person_id = ? ORDER BY id",
            [person_id],
        )
    ]
    person = people.get_person(db, person_id)
    extra: dict[str, Any] = {}
    if special and person["role"] == "mentee":
        extra = people.special_category(db, person_id)
    return {
        **person,
        **extra,  # type: ignore[typeddict-item]
        "trajectories": trajectories_of(db, person_id),
        "forbidden_pairs": forbidden_pairs,
        "events": events,
    }


def trajectories_of(db: Database, person_id: int) -> list[TrajectoryRecord]:
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
        row["requeued"] = bool(row["requeued"])
        row["job_searching"] = bool(row["job_searching"])
        row["qualification"] = bool(row["qualification"])
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
                "SELECT recorded_on, outcome, contract, situation, contract_months FROM followups "
                "WHERE trajectory_id = ?",
                [row["id"]],
            )
        )
        row["followup"] = followup[0] if followup else None
        row["check_ins"] = list(
            db.query(
                "SELECT id, held_on, status, with_whom, note FROM check_ins "
                "WHERE trajectory_id = ? ORDER BY held_on, id",
                [row["id"]],
            )
        )
    return cast(list[TrajectoryRecord], rows)  # the columns above, row by row


class Event(TypedDict):
    """One line of the event log: who did what, when, to whom."""

    id: int
    at: str
    actor: str
    action: str
    person_id: int | None
    trajectory_id: int | None
    details: Any


def event_log(
    db: Database, *, person_id: int | None = None, action: str | None = None, limit: int = 0
) -> list[Event]:
    """The event log, newest first; only one person's or one action's events if asked;
    at most ``limit`` (0: all)."""
    where: list[str] = []
    params: list[object] = []
    if person_id is not None:
        where.append("person_id = ?")
        params.append(person_id)
    if action:
        where.append("action = ?")
        params.append(action)
    sql = "SELECT id, at, actor, action, person_id, trajectory_id, details FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += " ORDER BY id DESC" + (f" LIMIT {int(limit)}" if limit else "")
    return [
        Event(
            id=row["id"],
            at=row["at"],
            actor=row["actor"],
            action=row["action"],
            person_id=row["person_id"],
            trajectory_id=row["trajectory_id"],
            details=json.loads(row["details"]) if row["details"] else None,
        )
        for row in db.query(sql, params)
    ]
