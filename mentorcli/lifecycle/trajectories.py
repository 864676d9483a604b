"""The life of a duo after `match`: sessions, closing, and the follow-up a year on.

Closing follows mentoring practice (MENTOR's Elements of Effective Practice, iMentor's
closure form): a trajectory either reaches its planned end (reason ``completed``) or ends
early, and then the reason is required.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict, cast

from mentorcli import people
from mentorcli.core.clock import add_months, today
from mentorcli.core.errors import MentorError, UsageError
from mentorcli.core.numbers import parse_id
from mentorcli.core.vocabulary import EARLY_REASONS, REQUEUE_REASONS, TOPICS, parse_word
from mentorcli.lifecycle import esf
from mentorcli.store import settings
from mentorcli.store.db import log_event, new_id

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_MINUTES = 12 * 60


class Trajectory(TypedDict):
    """A trajectory's row and both names, as :func:`get` reads it."""

    id: int
    mentee_id: int
    mentor_id: int
    started_on: str
    planned_end: str
    score: float | None
    status: str  # active or closed
    closed_on: str | None
    outcome: str | None
    contract: str | None
    close_reason: str | None
    mentor_leaves: int  # 0 or 1, as stored
    close_note: str | None
    created_at: str
    waiting_since: str | None  # the day the mentee went on the list for this duo
    requeued: int  # 1: the mentee went back on the waiting list after this duo
    contract_months: int | None  # a fixed-term or interim job's length
    job_searching: int  # 0 or 1: left without a job, looking for one (ESF+)
    qualification: int  # 0 or 1: gained a qualification (ESF+)
    mentee_name: str
    mentor_name: str


class LoggedSession(TypedDict):
    """`log-session --format json`."""

    id: int
    trajectory_id: int
    date: str
    minutes: int
    topics: list[str]
    note: str | None


class Totals(TypedDict):
    """`sessions --format json`, before the session log."""

    trajectory_id: int
    sessions: int
    hours: float
    weeks: float
    weeks_with_sessions: int
    hours_per_week: float
    target_hours_per_week: list[float]  # [at least, at most]
    on_target: bool


class Closed(TypedDict):
    """`close --format json`."""

    trajectory_id: int
    closed_on: str
    outcome: str
    contract: str | None
    contract_months: int | None
    job_searching: bool
    qualification: bool
    reason: str
    early: bool
    weeks: float
    sessions: int
    hours: float
    changed: NotRequired[dict[str, list[Any]]]  # close --amend: each field as [from, to]


class FollowUp(TypedDict):
    """`follow-up --format json`."""

    trajectory_id: int
    recorded_on: str
    outcome: str
    contract: str | None
    situation: str | None  # employed, self-employed, education, job-searching, inactive, …
    contract_months: int | None
    due: str


class Session(TypedDict):
    """One row of `sessions`."""

    id: int
    date: str
    minutes: int
    topics: list[str]
    note: str | None


def get(db: Database, trajectory_id: int) -> Trajectory:
    rows = list(
        db.query(
            """
        SELECT t.*, mentee.name AS mentee_name, mentor.name AS mentor_name
        FROM trajectories t
        JOIN people mentee ON mentee.id = t.mentee_id
        JOIN people mentor ON mentor.id = t.mentor_id
        WHERE t.id = ?
        """,
            [trajectory_id],
        )
    )
    if not rows:
        raise MentorError(f"no trajectory {trajectory_id}")
    return cast(Trajectory, rows[0])


def resolve(
    db: Database,
    ref: str,
    *,
    status: str | None = "active",
    choose: Callable[[list[Trajectory]], int | None] | None = None,
    exact: bool = False,
) -> int:
    """A trajectory id, or the name of its mentee or mentor (their one fitting trajectory).

    ``exact`` (for what cannot be undone): the name must be one person's whole name
    (``people.find_exact``), that person must have exactly one fitting trajectory, and
    no pick list is offered.
    """
    text = str(ref).strip()
    trajectory_id = parse_id(text, "no trajectory {}")
    if trajectory_id is not None:
        get(db, trajectory_id)
        return trajectory_id
    if exact:
        people.resolve(db, text, exact=True)  # refuses unless exactly one person has the name
        found = people.find_exact(db, text)
        choose = None
    else:
        found = people.find_by_name(db, text)
    if not found:
        raise MentorError(f"no person named {text!r} (give a trajectory id or a name)")
    where = "(mentee_id = ? OR mentor_id = ?)"
    options: list[int] = []
    for person in found:
        sql = f"SELECT id FROM trajectories WHERE {where}"
        params: list[Any] = [person.id, person.id]
        if status:
            sql += " AND status = ?"
            params.append(status)
        options += [r[0] for r in db.execute(sql + " ORDER BY id", params).fetchall()]
    options = sorted(set(options))
    state = f"{status} " if status else ""
    if not options:
        names = ", ".join(f"{p.id} {p.name}" for p in found[:5])
        raise MentorError(f"{names}: no {state}trajectory")
    if len(options) == 1:
        return options[0]
    described = [get(db, t) for t in options]
    if choose is not None:
        picked = choose(described)
        if picked is not None:
            return picked
    listing = "; ".join(
        f"{t['id']} {t['mentee_name']} + {t['mentor_name']} ({t['status']}, "
        f"since {t['started_on']})"
        for t in described[:8]
    )
    raise MentorError(f"{text!r} fits {len(options)} {state}trajectories: {listing}. Use the id")


def describe(trajectory: Trajectory) -> str:
    """A duo named in full with every id, for a question that cannot be taken back."""
    return (
        f"trajectory {trajectory['id']}: {trajectory['mentee_name']} "
        f"({trajectory['mentee_id']}) + {trajectory['mentor_name']} ({trajectory['mentor_id']})"
    )


def _check_day(day: dt.date, trajectory: Trajectory, what: str) -> None:
    if day > today():
        raise MentorError(f"{what} {day} is in the future")
    if day.isoformat() < trajectory["started_on"]:
        raise MentorError(
            f"{what} {day} is before the trajectory started ({trajectory['started_on']})"
        )


def check_session_day(day: dt.date, trajectory: Trajectory) -> None:
    """A session happens within its duo's dates: from the start to the close (or today,
    while the duo is active), never in the future. `log-session` and `edit-session`
    both ask this, so a corrected session obeys the rule a new one does."""
    _check_day(day, trajectory, "session date")
    closed_on = trajectory["closed_on"]
    if closed_on is not None and day.isoformat() > closed_on:
        raise MentorError(f"session date {day} is after the trajectory closed ({closed_on})")


def parse_topics(values: list[str]) -> list[str]:
    topics: list[str] = []
    for value in values:
        for word in value.split(","):
            if not word.strip():
                continue
            try:
                topic = parse_word("topic", word, TOPICS)
            except ValueError as e:
                raise UsageError(str(e)) from None
            if topic not in topics:
                topics.append(topic)
    return topics


def minutes_from(minutes: int | None, hours: float | None) -> int:
    """The duration in minutes; ``hours`` arrives finite and at most 12 (the option's
    parser, :func:`mentorcli.commands._common.number_option`, sees to that)."""
    if (minutes is None) == (hours is None):
        raise UsageError("give the duration as --minutes N or --hours H (one of them)")
    value = minutes if minutes is not None else round(float(hours) * 60)  # type: ignore[arg-type]
    if value <= 0:
        raise UsageError("a session lasts more than 0 minutes")
    if value > MAX_MINUTES:
        raise UsageError("a session of more than 12 hours is not a mentoring session")
    return int(value)


def _check_contract(outcome: str, contract: str | None) -> None:
    if outcome == "job" and contract is None:
        raise UsageError(
            "a job outcome needs --contract (permanent, fixed-term, interim, self-employed)"
        )
    if outcome != "job" and contract is not None:
        raise UsageError("--contract goes with --outcome job")


def log_session(
    db: Database,
    trajectory_id: int,
    *,
    day: dt.date,
    minutes: int,
    topics: list[str],
    note: str | None,
) -> LoggedSession:
    trajectory = get(db, trajectory_id)
    for person_id in (trajectory["mentee_id"], trajectory["mentor_id"]):
        people.refuse_erased(db, person_id)
    if trajectory["status"] != "active":
        raise MentorError(
            f"trajectory {trajectory_id} was closed on {trajectory['closed_on']}: "
            "no more sessions can be logged"
        )
    check_session_day(day, trajectory)
    cursor = db.execute(
        "INSERT INTO sessions (trajectory_id, held_on, minutes, topics, note) "
        "VALUES (?, ?, ?, ?, ?)",
        [trajectory_id, day.isoformat(), minutes, ",".join(topics), note or None],
    )
    session_id = new_id(cursor)
    log_event(
        db,
        "session",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory_id,
        details={"session_id": session_id},
    )
    return {
        "id": session_id,
        "trajectory_id": trajectory_id,
        "date": day.isoformat(),
        "minutes": minutes,
        "topics": topics,
        "note": note or None,
    }


def totals(db: Database, trajectory_id: int, *, as_of: dt.date | None = None) -> Totals:
    """Sessions, hours and weeks of one trajectory, against the programme's hours a week."""
    trajectory = get(db, trajectory_id)
    values = settings.load(db)
    count, minutes, weeks_with_sessions = db.execute(
        "SELECT count(*), coalesce(sum(minutes), 0), "
        "count(DISTINCT strftime('%Y-%W', held_on)) FROM sessions WHERE trajectory_id = ?",
        [trajectory_id],
    ).fetchone()
    start = dt.date.fromisoformat(trajectory["started_on"])
    end = (
        dt.date.fromisoformat(trajectory["closed_on"])
        if trajectory["closed_on"]
        else (as_of or today())
    )
    weeks = max((end - start).days, 0) / 7
    hours = minutes / 60
    per_week = hours / weeks if weeks >= 1 else hours
    low, high = values["programme.hours_min"], values["programme.hours_max"]
    return {
        "trajectory_id": trajectory_id,
        "sessions": count,
        "hours": round(hours, 2),
        "weeks": round(weeks, 1),
        "weeks_with_sessions": weeks_with_sessions,
        "hours_per_week": round(per_week, 2),
        "target_hours_per_week": [low, high],
        "on_target": low <= round(per_week, 2) <= high,
    }


class CloseTerms(TypedDict):
    """How a trajectory is closed, as ``check_close`` and ``close`` take it."""

    day: dt.date
    outcome: str
    contract: str | None
    reason: str | None
    mentor_leaves: bool
    requeue: NotRequired[bool]  # the mentee goes back on the waiting list
    contract_months: NotRequired[int | None]  # ESF+: a fixed-term or interim job's length
    job_searching: NotRequired[bool]  # ESF+: left job searching
    qualification: NotRequired[bool]  # ESF+: gained a qualification


# The facts a close records, each with its value while the duo is active: `reopen` puts
# them all back, `close --amend` changes the given ones. A new close field goes here.
CLOSE_COLUMNS: dict[str, Any] = {
    "closed_on": None,
    "outcome": None,
    "contract": None,
    "close_reason": None,
    "mentor_leaves": 0,
    "close_note": None,
    "contract_months": None,
    "job_searching": 0,
    "qualification": 0,
}


def check_close_facts(
    db: Database,
    trajectory: Trajectory,
    *,
    day: dt.date,
    outcome: str,
    contract: str | None,
    reason: str | None,
) -> str:
    """The rules every close obeys, first or corrected: the date (on or after the start,
    the last session and the last check-in, not in the future), the contract (with a job
    only) and the reason (required before the planned end, ``completed`` only from it).
    Returns the reason (``completed`` when none was needed)."""
    _check_day(day, trajectory, "close date")
    last = db.execute(
        "SELECT max(held_on) FROM sessions WHERE trajectory_id = ?", [trajectory["id"]]
    ).fetchone()[0]
    if last and day.isoformat() < last:
        raise MentorError(f"close date {day} is before the last session ({last})")
    checked = db.execute(
        "SELECT max(held_on) FROM check_ins WHERE trajectory_id = ?", [trajectory["id"]]
    ).fetchone()[0]
    if checked and day.isoformat() < checked:
        raise MentorError(f"close date {day} is before the last check-in ({checked})")
    _check_contract(outcome, contract)
    early = day.isoformat() < trajectory["planned_end"]
    if reason is None:
        if early:
            raise UsageError(
                f"the trajectory ends before its planned end ({trajectory['planned_end']}): "
                f"say why with --reason ({', '.join(EARLY_REASONS)})"
            )
        reason = "completed"
    if reason == "completed" and early:
        raise UsageError(
            f"--reason completed is for a close on or after the planned end "
            f"({trajectory['planned_end']})"
        )
    return reason


def check_requeue_reason(reason: str) -> None:
    """`--requeue` is for a duo that ended for a reason that is not the mentee's."""
    if reason not in REQUEUE_REASONS:
        raise UsageError(
            f"--requeue goes with --reason {', '.join(REQUEUE_REASONS)} (not {reason})"
        )


def check_close(
    db: Database,
    trajectory_id: int,
    *,
    day: dt.date,
    outcome: str,
    contract: str | None,
    reason: str | None,
    mentor_leaves: bool,
    requeue: bool = False,
    contract_months: int | None = None,
    job_searching: bool = False,
    qualification: bool = False,
) -> tuple[Trajectory, str]:
    """Refuse a close that cannot be (not active, a bad date, a missing contract or
    reason, a leaving mentor with other duos, a requeue after the mentee's own reason);
    returns the trajectory and the reason. ``close`` calls this before its question, and
    :func:`close` again in its transaction.
    """
    trajectory = get(db, trajectory_id)
    if trajectory["status"] != "active":
        raise MentorError(
            f"trajectory {trajectory_id} was already closed on {trajectory['closed_on']}"
        )
    reason = check_close_facts(
        db, trajectory, day=day, outcome=outcome, contract=contract, reason=reason
    )
    esf.check_close_results(outcome, contract, contract_months, job_searching)
    if requeue:
        check_requeue_reason(reason)
    if mentor_leaves:
        others = db.execute(
            "SELECT id FROM trajectories WHERE mentor_id = ? AND status = 'active' AND id != ?",
            [trajectory["mentor_id"], trajectory_id],
        ).fetchall()
        if others:
            ids = ", ".join(str(r[0]) for r in others)
            raise MentorError(
                f"{trajectory['mentor_name']} still mentors in trajectory {ids}: "
                "close those first, or keep the mentor available"
            )
    return trajectory, reason


def close(
    db: Database,
    trajectory_id: int,
    *,
    day: dt.date,
    outcome: str,
    contract: str | None,
    reason: str | None,
    mentor_leaves: bool,
    note: str | None,
    requeue: bool = False,
    contract_months: int | None = None,
    job_searching: bool = False,
    qualification: bool = False,
) -> Closed:
    """Close an active trajectory (see :func:`check_close`); with ``requeue`` the mentee
    goes back on the waiting list that day. The ESF+ results (a fixed-term or interim
    job's length, job searching, a qualification) are recorded with it. The caller holds
    the transaction."""
    trajectory, reason = check_close(
        db,
        trajectory_id,
        day=day,
        outcome=outcome,
        contract=contract,
        reason=reason,
        mentor_leaves=mentor_leaves,
        requeue=requeue,
        contract_months=contract_months,
        job_searching=job_searching,
    )
    db.execute(
        "UPDATE trajectories SET status = 'closed', closed_on = ?, outcome = ?, contract = ?, "
        "close_reason = ?, mentor_leaves = ?, close_note = ?, contract_months = ?, "
        "job_searching = ?, qualification = ? WHERE id = ?",
        [
            day.isoformat(),
            outcome,
            contract,
            reason,
            int(mentor_leaves),
            note or None,
            contract_months,
            int(job_searching),
            int(qualification),
            trajectory_id,
        ],
    )
    if mentor_leaves:
        people.update_person(db, trajectory["mentor_id"], {"withdrawn_on": day.isoformat()})
    log_event(
        db,
        "close",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory_id,
        details={
            "outcome": outcome,
            "reason": reason,
            "mentor_leaves": mentor_leaves,
            **esf.close_details(contract_months, job_searching, qualification),
        },
    )
    if requeue:
        mark_requeued(db, trajectory["mentee_id"], day, trajectory_id)
    return closed_result(db, trajectory, day=day, outcome=outcome, contract=contract, reason=reason)


def mark_requeued(
    db: Database, mentee_id: int, day: dt.date, trajectory_id: int | None, **extra: Any
) -> None:
    """Put a mentee back on the waiting list on ``day``; ``trajectory_id`` is the duo the
    requeue follows (None for a mentee who withdrew before any duo)."""
    people.update_person(db, mentee_id, {"requeued_on": day.isoformat()})
    if trajectory_id is not None:
        db.execute("UPDATE trajectories SET requeued = 1 WHERE id = ?", [trajectory_id])
    log_event(
        db,
        "requeue",
        person_id=mentee_id,
        trajectory_id=trajectory_id,
        details={"requeued_on": [None, day.isoformat()], **extra},
    )


def closed_result(
    db: Database,
    trajectory: Trajectory,
    *,
    day: dt.date,
    outcome: str,
    contract: str | None,
    reason: str,
) -> Closed:
    """What `close` shows of a closed duo (and `close --amend` once corrected)."""
    trajectory_id = trajectory["id"]
    summary = totals(db, trajectory_id)
    months, searching, qualified = db.execute(
        "SELECT contract_months, job_searching, qualification FROM trajectories WHERE id = ?",
        [trajectory_id],
    ).fetchone()
    return {
        "trajectory_id": trajectory_id,
        "closed_on": day.isoformat(),
        "outcome": outcome,
        "contract": contract,
        "contract_months": months,
        "job_searching": bool(searching),
        "qualification": bool(qualified),
        "reason": reason,
        "early": day.isoformat() < trajectory["planned_end"],
        "weeks": summary["weeks"],
        "sessions": summary["sessions"],
        "hours": summary["hours"],
    }


def check_follow_up_facts(
    trajectory: Trajectory, *, day: dt.date, outcome: str, contract: str | None
) -> None:
    """The rules every follow-up obeys, first or corrected: on or after the close, not in
    the future, a contract with a job only."""
    _check_day(day, trajectory, "follow-up date")
    closed_on = trajectory["closed_on"] or ""
    if day.isoformat() < closed_on:
        raise MentorError(f"follow-up date {day} is before the close on {closed_on}")
    _check_contract(outcome, contract)


def follow_up(
    db: Database,
    trajectory_id: int,
    *,
    day: dt.date,
    outcome: str,
    contract: str | None,
    situation: str | None = None,
    contract_months: int | None = None,
) -> FollowUp:
    """Record the follow-up of a closed trajectory: the outcome then, and the situation it
    means (given, or derived from the outcome: after "none" it must be given)."""
    trajectory = get(db, trajectory_id)
    closed_on = trajectory["closed_on"]  # set exactly when closed (the table's CHECK)
    if trajectory["status"] != "closed" or closed_on is None:
        raise MentorError(
            f"trajectory {trajectory_id} is still active: a follow-up comes after the close, "
            f"so close it first (mentorcli close {trajectory_id} …)"
        )
    # the follow-up is the mentee's news: asked (by `remind`) and taken unless they were
    # erased; a mentor's erasure leaves it due
    people.refuse_erased(db, trajectory["mentee_id"])
    check_follow_up_facts(trajectory, day=day, outcome=outcome, contract=contract)
    existing = db.execute(
        "SELECT recorded_on FROM followups WHERE trajectory_id = ?", [trajectory_id]
    ).fetchone()
    if existing:
        raise MentorError(
            f"trajectory {trajectory_id} already has a follow-up (recorded {existing[0]}): "
            "correct it with --amend"
        )
    situation = esf.follow_up_situation(outcome, contract, situation, contract_months)
    db.execute(
        "INSERT INTO followups (trajectory_id, recorded_on, outcome, contract, situation, "
        "contract_months) VALUES (?, ?, ?, ?, ?, ?)",
        [trajectory_id, day.isoformat(), outcome, contract, situation, contract_months],
    )
    log_event(
        db,
        "follow-up",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory_id,
        details={"outcome": outcome, "situation": situation},
    )
    due = add_months(
        dt.date.fromisoformat(trajectory["started_on"]), settings.load(db)["followup.months"]
    )
    return {
        "trajectory_id": trajectory_id,
        "recorded_on": day.isoformat(),
        "outcome": outcome,
        "contract": contract,
        "situation": situation,
        "contract_months": contract_months,
        "due": due.isoformat(),
    }


def sessions_of(db: Database, trajectory_id: int) -> list[Session]:
    return [
        cast(Session, {**row, "topics": [t for t in row["topics"].split(",") if t]})
        for row in db.query(
            "SELECT id, held_on AS date, minutes, topics, note FROM sessions "
            "WHERE trajectory_id = ? ORDER BY held_on, id",
            [trajectory_id],
        )
    ]
