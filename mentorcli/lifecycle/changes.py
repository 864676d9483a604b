"""When a duo's life does not go to plan, or a coordinator typed something wrong: a close
or a follow-up corrected, a close undone, a planned end moved, a mentee put back on the
waiting list, a mentor who leaves while mentoring.

Each change has a ``check_*`` that refuses before anything is written; the command calls
it before its question, and the change calls it again inside the transaction the caller
holds. Every change is logged as what it was and what it became (never a note).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypedDict

from mentorcli import people
from mentorcli.core.clock import add_months, today
from mentorcli.core.errors import MentorError, UsageError
from mentorcli.core.vocabulary import ERASED_REASON, FULFILLED_REASONS, TIMED_CONTRACTS
from mentorcli.lifecycle import esf, trajectories
from mentorcli.lifecycle.trajectories import CLOSE_COLUMNS, Closed, FollowUp, Trajectory
from mentorcli.people import enrolment
from mentorcli.store import settings
from mentorcli.store.db import log_event

if TYPE_CHECKING:
    from sqlite_utils import Database

# What `close --amend` may correct, by the option that gives it.
AMENDABLE_CLOSE = {
    "closed_on": "--date",
    "outcome": "--outcome",
    "contract": "--contract",
    "close_reason": "--reason",
    "contract_months": "--contract-months",
    "job_searching": "--job-searching",
    "qualification": "--qualification",
}
AMENDABLE_FOLLOW_UP = {
    "recorded_on": "--date",
    "outcome": "--outcome",
    "contract": "--contract",
    "situation": "--situation",
    "contract_months": "--contract-months",
}


def _changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    """Each field that changes, as [from, to]: what the event log keeps."""
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def _merged(current: Mapping[str, Any], given: Mapping[str, Any]) -> dict[str, Any]:
    """The corrected fields: the given ones over the current; a contract goes with a job
    only, so an outcome that is no longer a job drops it."""
    merged = {**current, **given}
    if "outcome" in given and given["outcome"] != "job" and "contract" not in given:
        merged["contract"] = None
    # a length goes with a fixed-term or interim contract only, a situation with its
    # outcome: a new contract or outcome drops them unless they are given again
    if "contract_months" in current and "contract_months" not in given:
        if merged.get("contract") not in TIMED_CONTRACTS:
            merged["contract_months"] = None
    if "job_searching" in current and "job_searching" not in given:
        if merged.get("outcome") == "job":
            merged["job_searching"] = 0
    if "situation" in current and "situation" not in given:
        if any(given[key] != current[key] for key in given.keys() & {"outcome", "contract"}):
            merged["situation"] = None  # derived again from the new outcome, or asked for
    return merged


def _refuse_erased_duo(db: Database, trajectory: Trajectory) -> None:
    for person_id in (trajectory["mentee_id"], trajectory["mentor_id"]):
        people.refuse_erased(db, person_id)
    if trajectory["close_reason"] == ERASED_REASON:
        raise MentorError(f"trajectory {trajectory['id']} was ended by an erasure: it stays so")


def _closed(db: Database, trajectory_id: int) -> Trajectory:
    trajectory = trajectories.get(db, trajectory_id)
    if trajectory["status"] != "closed":
        raise MentorError(f"trajectory {trajectory_id} is active: there is no close to change")
    _refuse_erased_duo(db, trajectory)
    return trajectory


class Requeue(TypedDict):
    """The requeue that followed a duo, when there was one: on ``day``; ``next_id`` is the
    mentee's next duo (None while they wait)."""

    day: str
    next_id: int | None


def requeue_after(db: Database, trajectory: Trajectory) -> Requeue | None:
    """The requeue that followed this duo: the next duo's ``waiting_since``, or the
    mentee's ``requeued_on`` while they wait."""
    if not trajectory["requeued"]:
        return None
    row = db.execute(
        "SELECT id, waiting_since FROM trajectories WHERE mentee_id = ? AND id > ? "
        "ORDER BY started_on, id LIMIT 1",
        [trajectory["mentee_id"], trajectory["id"]],
    ).fetchone()
    if row:
        return {"day": row[1], "next_id": row[0]}
    waiting = db.execute(
        "SELECT requeued_on FROM people WHERE id = ?", [trajectory["mentee_id"]]
    ).fetchone()[0]
    return {"day": waiting, "next_id": None} if waiting else None


# --- close --amend -----------------------------------------------------------------------


def close_terms(
    outcome: str | None,
    contract: str | None,
    reason: str | None,
    day: dt.date | None,
    mentor_available: bool | None,
    note: str | None,
    contract_months: int | None = None,
    job_searching: bool | None = None,
    qualification: bool | None = None,
    *,
    requeue: bool,
    amend: bool,
) -> dict[str, Any]:
    """`close`'s options as the terms of a close (``trajectories.CloseTerms``) or, with
    ``amend``, as the close columns to correct; usage errors before the file is opened.
    The ESF+ results (a contract's length, job searching, a qualification) are optional."""
    mentor_leaves = mentor_available is False
    given = {
        "closed_on": day.isoformat() if day else None,
        "outcome": outcome,
        "contract": contract,
        "close_reason": reason,
    }
    results = {
        "contract_months": None if contract_months is None else int(contract_months),
        "job_searching": None if job_searching is None else int(job_searching),
        "qualification": None if qualification is None else int(qualification),
    }
    if amend:
        extras = [
            option
            for option, value in (
                ("--note", note),
                ("--mentor-available/--mentor-leaves", mentor_available),
                ("--requeue", requeue or None),
            )
            if value is not None
        ]
        if extras:
            raise UsageError(
                f"--amend corrects --outcome, --contract, --reason, --date and the ESF+ "
                f"results, not {extras[0]}"
            )
        amended: dict[str, Any] = {k: str(v) for k, v in given.items() if v is not None}
        amended.update({key: value for key, value in results.items() if value is not None})
        if not amended:
            raise UsageError(
                "nothing to change: give --outcome, --contract, --reason, --date, "
                "--contract-months, --job-searching or --qualification"
            )
        return amended
    if outcome is None:
        raise UsageError("missing --outcome (job, training, internship or none)")
    return {
        "day": day or today(),
        "outcome": str(outcome),
        "contract": str(contract) if contract else None,
        "reason": str(reason) if reason else None,
        "mentor_leaves": mentor_leaves,
        "requeue": requeue,
        "contract_months": results["contract_months"],
        "job_searching": bool(job_searching),
        "qualification": bool(qualification),
    }


def follow_up_fields(
    outcome: str | None,
    contract: str | None,
    day: dt.date | None,
    situation: str | None = None,
    contract_months: int | None = None,
    *,
    amend: bool,
) -> dict[str, Any]:
    """`follow-up`'s options: all of them for a first follow-up (the date defaults to
    today), only the given ones with ``amend``; usage errors before the file is opened."""
    months = None if contract_months is None else int(contract_months)
    if not amend:
        if outcome is None:
            raise UsageError("missing --outcome (job, training, internship, none or unreachable)")
        return {
            "day": day or today(),
            "outcome": str(outcome),
            "contract": str(contract) if contract else None,
            "situation": str(situation) if situation else None,
            "contract_months": months,
        }
    typed = {"recorded_on": day, "outcome": outcome, "contract": contract, "situation": situation}
    given: dict[str, Any] = {key: str(value) for key, value in typed.items() if value is not None}
    if months is not None:
        given["contract_months"] = months
    if not given:
        raise UsageError(
            "nothing to change: give --outcome, --contract, --date, --situation or "
            "--contract-months"
        )
    return given


class Amendment(TypedDict):
    """A checked correction of a close: the new close fields, and the dates that move
    with a close date (a mentor who left at the close, a requeue on the close day)."""

    trajectory: Trajectory
    fields: dict[str, Any]
    mentor_withdrawn_on: str | None  # the mentor's new withdrawal date, when it moves
    requeue: Requeue | None  # the requeue on the close day, when it moves


def check_amend_close(db: Database, trajectory_id: int, given: dict[str, Any]) -> Amendment:
    """Refuse a correction that a close would refuse, or that would put the close after
    what followed it (the follow-up, a later requeue, the next duo's start)."""
    trajectory = _closed(db, trajectory_id)
    current = {key: trajectory[key] for key in AMENDABLE_CLOSE}  # type: ignore[literal-required]
    fields = _merged(current, given)
    if fields == current:
        raise UsageError(f"nothing to change: trajectory {trajectory_id} already closes so")
    day = dt.date.fromisoformat(fields["closed_on"])
    fields["close_reason"] = trajectories.check_close_facts(
        db,
        trajectory,
        day=day,
        outcome=fields["outcome"],
        contract=fields["contract"],
        reason=fields["close_reason"],
    )
    esf.check_close_results(
        fields["outcome"], fields["contract"], fields["contract_months"], fields["job_searching"]
    )
    new_day, old_day = fields["closed_on"], trajectory["closed_on"]
    followup = db.execute(
        "SELECT recorded_on FROM followups WHERE trajectory_id = ?", [trajectory_id]
    ).fetchone()
    if followup and new_day > followup[0]:
        raise MentorError(f"close date {new_day} is after the follow-up ({followup[0]})")
    requeue = requeue_after(db, trajectory)
    moving = requeue if requeue and requeue["day"] == old_day and new_day != old_day else None
    if requeue and not moving and new_day > requeue["day"]:
        raise MentorError(
            f"close date {new_day} is after the mentee was requeued ({requeue['day']})"
        )
    if moving and moving["next_id"] is not None:
        start = trajectories.get(db, moving["next_id"])["started_on"]
        if new_day > start:
            raise MentorError(
                f"close date {new_day} is after the mentee's next duo started ({start})"
            )
    mentor = people.get_person(db, trajectory["mentor_id"])
    left_then = trajectory["mentor_leaves"] and mentor["withdrawn_on"] == old_day
    return {
        "trajectory": trajectory,
        "fields": fields,
        "mentor_withdrawn_on": new_day if left_then and new_day != old_day else None,
        "requeue": moving,
    }


def amend_close(db: Database, trajectory_id: int, given: dict[str, Any]) -> Closed:
    """Correct a close (see :func:`check_amend_close`); the caller holds the transaction."""
    amendment = check_amend_close(db, trajectory_id, given)
    trajectory, fields = amendment["trajectory"], amendment["fields"]
    changed = _changes(trajectory, fields)
    sets = ", ".join(f"{column} = ?" for column in fields)
    db.execute(f"UPDATE trajectories SET {sets} WHERE id = ?", [*fields.values(), trajectory_id])
    new_day = fields["closed_on"]
    if amendment["mentor_withdrawn_on"]:
        people.update_person(db, trajectory["mentor_id"], {"withdrawn_on": new_day})
        changed["mentor_withdrawn_on"] = [trajectory["closed_on"], new_day]
    moving = amendment["requeue"]
    if moving:
        if moving["next_id"] is None:
            people.update_person(db, trajectory["mentee_id"], {"requeued_on": new_day})
        else:
            db.execute(
                "UPDATE trajectories SET waiting_since = ? WHERE id = ?",
                [new_day, moving["next_id"]],
            )
        changed["requeued_on"] = [moving["day"], new_day]
    log_event(
        db,
        "close-amend",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory_id,
        details=changed,
    )
    result = trajectories.closed_result(
        db,
        trajectories.get(db, trajectory_id),
        day=dt.date.fromisoformat(new_day),
        outcome=fields["outcome"],
        contract=fields["contract"],
        reason=fields["close_reason"],
    )
    result["changed"] = changed
    return result


# --- reopen ------------------------------------------------------------------------------


class Reopening(TypedDict):
    """A checked reopen: what the close did that is undone with it."""

    trajectory: Trajectory
    mentor_back: bool  # the mentor left at this close: they are back
    requeue_undone: bool  # the mentee was requeued after it and waits: no longer


def check_reopen(db: Database, trajectory_id: int) -> Reopening:
    """A close is undone only while the duo can run again: the mentee in no other duo
    (nor withdrawn, nor matched again since), the mentor with a free place (and back
    only if they left at this very close), and no follow-up recorded after it."""
    trajectory = _closed(db, trajectory_id)
    mentee = people.get_person(db, trajectory["mentee_id"])
    mentor = people.get_person(db, trajectory["mentor_id"])
    followup = db.execute(
        "SELECT recorded_on FROM followups WHERE trajectory_id = ?", [trajectory_id]
    ).fetchone()
    if followup:
        raise MentorError(
            f"trajectory {trajectory_id} has a follow-up (recorded {followup[0]}): a running "
            "duo has none, so it stays closed"
        )
    later = db.execute(
        "SELECT id, status FROM trajectories WHERE mentee_id = ? AND id != ? "
        "AND (status = 'active' OR started_on >= ?) ORDER BY id LIMIT 1",
        [trajectory["mentee_id"], trajectory_id, trajectory["started_on"]],
    ).fetchone()
    if later:
        raise MentorError(
            f"{mentee['name']} is in a later duo (trajectory {later[0]}, {later[1]}): "
            "this one stays closed"
        )
    if mentee["withdrawn_on"]:
        raise MentorError(
            f"{mentee['name']} withdrew on {mentee['withdrawn_on']}: the duo cannot run again"
        )
    mentor_back = bool(
        trajectory["mentor_leaves"] and mentor["withdrawn_on"] == trajectory["closed_on"]
    )
    if mentor["withdrawn_on"] and not mentor_back:
        raise MentorError(
            f"{mentor['name']} withdrew on {mentor['withdrawn_on']}: the duo cannot run again"
        )
    if mentor["active_trajectories"] >= (mentor.get("capacity") or 0):
        raise MentorError(
            f"{mentor['name']} has no free place ({mentor['active_trajectories']} active "
            f"duo(s), capacity {mentor.get('capacity')})"
        )
    return {
        "trajectory": trajectory,
        "mentor_back": mentor_back,
        "requeue_undone": bool(trajectory["requeued"]),
    }


def reopen(db: Database, trajectory_id: int) -> Reopening:
    """Undo a close (see :func:`check_reopen`): the duo is active again as if never
    closed; a mentor who left at the close is back, a requeue after it is undone. The
    caller holds the transaction."""
    reopening = check_reopen(db, trajectory_id)
    trajectory = reopening["trajectory"]
    undone = {**CLOSE_COLUMNS, "status": "active", "requeued": 0}
    changed = _changes(trajectory, {k: v for k, v in undone.items() if k != "close_note"})
    sets = ", ".join(f"{column} = ?" for column in undone)
    db.execute(f"UPDATE trajectories SET {sets} WHERE id = ?", [*undone.values(), trajectory_id])
    if reopening["mentor_back"]:
        people.update_person(db, trajectory["mentor_id"], {"withdrawn_on": None})
        changed["mentor_withdrawn_on"] = [trajectory["closed_on"], None]
    if reopening["requeue_undone"]:
        was = db.execute(
            "SELECT requeued_on FROM people WHERE id = ?", [trajectory["mentee_id"]]
        ).fetchone()[0]
        people.update_person(db, trajectory["mentee_id"], {"requeued_on": None})
        changed["requeued_on"] = [was, None]
    log_event(
        db,
        "reopen",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory_id,
        details=changed,
    )
    return reopening


# --- follow-up --amend -------------------------------------------------------------------


def check_amend_follow_up(
    db: Database, trajectory_id: int, given: dict[str, Any]
) -> tuple[Trajectory, dict[str, Any], dict[str, Any]]:
    """The corrected follow-up obeys a follow-up's rules: on or after the close, not in the
    future, a contract with a job only; refused, as a first follow-up is, only when the
    mentee was erased (a mentor's erasure leaves the mentee's follow-up due). Returns the
    trajectory, the follow-up as it is and as it will be."""
    trajectory = trajectories.get(db, trajectory_id)
    if trajectory["status"] != "closed":
        raise MentorError(f"trajectory {trajectory_id} is active: there is no close to change")
    people.refuse_erased(db, trajectory["mentee_id"])
    rows = list(
        db.query(
            "SELECT recorded_on, outcome, contract, situation, contract_months FROM followups "
            "WHERE trajectory_id = ?",
            [trajectory_id],
        )
    )
    if not rows:
        raise MentorError(
            f"trajectory {trajectory_id} has no follow-up yet: record it without --amend"
        )
    current = rows[0]
    fields = _merged(current, given)
    if fields == current:
        raise UsageError(f"nothing to change: the follow-up of trajectory {trajectory_id} says so")
    trajectories.check_follow_up_facts(
        trajectory,
        day=dt.date.fromisoformat(fields["recorded_on"]),
        outcome=fields["outcome"],
        contract=fields["contract"],
    )
    # a follow-up recorded before situations were (an old "none") keeps none until its
    # outcome or situation is corrected
    moved = any(fields[key] != current[key] for key in ("outcome", "contract", "situation"))
    if fields["situation"] is not None or moved:
        fields["situation"] = esf.follow_up_situation(
            fields["outcome"], fields["contract"], fields["situation"], fields["contract_months"]
        )
    esf.check_contract_months(fields["contract"], fields["contract_months"])
    return trajectory, current, fields


def amend_follow_up(db: Database, trajectory_id: int, given: dict[str, Any]) -> FollowUp:
    trajectory, current, fields = check_amend_follow_up(db, trajectory_id, given)
    sets = ", ".join(f"{column} = ?" for column in fields)
    db.execute(
        f"UPDATE followups SET {sets} WHERE trajectory_id = ?", [*fields.values(), trajectory_id]
    )
    changed = _changes(current, fields)
    log_event(
        db,
        "follow-up-amend",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory_id,
        details=changed,
    )
    due = add_months(
        dt.date.fromisoformat(trajectory["started_on"]), settings.load(db)["followup.months"]
    )
    return {
        "trajectory_id": trajectory_id,
        "recorded_on": fields["recorded_on"],
        "outcome": fields["outcome"],
        "contract": fields["contract"],
        "situation": fields["situation"],
        "contract_months": fields["contract_months"],
        "due": due.isoformat(),
    }


# --- extend ------------------------------------------------------------------------------


class Extended(TypedDict):
    """`extend --format json`."""

    trajectory_id: int
    planned_end: str
    was: str


def check_end_options(until: dt.date | None, months: int | None) -> None:
    if (until is None) == (months is None):
        raise UsageError("give the new planned end as --until D or --months N (one of them)")


def new_planned_end(trajectory: Trajectory, until: dt.date | None, months: int | None) -> dt.date:
    """The date of ``--until``, or ``--months`` after the current planned end."""
    check_end_options(until, months)
    if months is not None:
        return add_months(dt.date.fromisoformat(trajectory["planned_end"]), months)
    assert until is not None
    return until


def extend(
    db: Database, trajectory_id: int, *, until: dt.date | None, months: int | None
) -> Extended:
    """Move the planned end of an active duo; `remind`'s "ending" follows it. Checked
    before anything is written; the caller holds the transaction."""
    trajectory = trajectories.get(db, trajectory_id)
    _refuse_erased_duo(db, trajectory)
    if trajectory["status"] != "active":
        raise MentorError(
            f"trajectory {trajectory_id} was closed on {trajectory['closed_on']}: only a "
            "running duo gets a new planned end"
        )
    end = new_planned_end(trajectory, until, months).isoformat()
    was = trajectory["planned_end"]
    if end == was:
        raise UsageError(f"nothing to change: trajectory {trajectory_id} already ends on {end}")
    if end <= trajectory["started_on"]:
        raise MentorError(f"planned end {end} is not after the start ({trajectory['started_on']})")
    db.execute("UPDATE trajectories SET planned_end = ? WHERE id = ?", [end, trajectory_id])
    log_event(
        db,
        "extend",
        person_id=trajectory["mentee_id"],
        trajectory_id=trajectory_id,
        details={"planned_end": [was, end]},
    )
    return {"trajectory_id": trajectory_id, "planned_end": end, "was": was}


# --- requeue -----------------------------------------------------------------------------


class Requeued(TypedDict):
    """`requeue --format json`."""

    mentee_id: int
    requeued_on: str
    after_trajectory: int | None  # the duo the requeue follows
    was_withdrawn_on: str | None  # they had withdrawn and came back


def check_requeue(
    db: Database, mentee_id: int, day: dt.date, *, force: bool = False
) -> tuple[people.Person, int | None]:
    """A mentee goes back on the list after a duo that ended early, or after withdrawing;
    never while in a duo or already waiting, never before what came last. A duo that
    reached its aim (completed, job found) needs ``force``. Returns the mentee and their
    last duo."""
    people.refuse_erased(db, mentee_id)
    mentee = people.get_person(db, mentee_id)
    name = mentee["name"]
    if mentee["role"] != "mentee":
        raise MentorError(f"{name} is a mentor: only a mentee is requeued")
    if mentee["status"] == "matched":
        raise MentorError(f"{name} is in an active duo: close it with --requeue instead")
    if mentee["status"] == "waiting":
        raise MentorError(f"{name} is already waiting for a mentor")
    rows = list(
        db.query(
            "SELECT id, closed_on, close_reason FROM trajectories WHERE mentee_id = ? "
            "ORDER BY started_on DESC, id DESC LIMIT 1",
            [mentee_id],
        )
    )
    last = rows[0] if rows else None
    if last and last["close_reason"] in FULFILLED_REASONS and not force:
        raise MentorError(
            f"{name}'s last duo (trajectory {last['id']}) ended {last['close_reason']} on "
            f"{last['closed_on']}: requeue only with --force (its outcome then stays counted)"
        )
    if day > today():
        raise MentorError(f"requeue date {day} is in the future")
    for what, since in (
        ("the enrolment", mentee["enrolled_on"]),
        ("the last close", last["closed_on"] if last else None),
        ("the withdrawal", mentee["withdrawn_on"]),
    ):
        if since and day.isoformat() < since:
            raise MentorError(f"requeue date {day} is before {what} ({since})")
    return mentee, last["id"] if last else None


def requeue(db: Database, mentee_id: int, day: dt.date, *, force: bool = False) -> Requeued:
    """Put a mentee back on the waiting list (see :func:`check_requeue`); a withdrawal
    ends with it. The caller holds the transaction."""
    mentee, last = check_requeue(db, mentee_id, day, force=force)
    extra: dict[str, Any] = {"forced": True} if force else {}
    if mentee["withdrawn_on"]:
        people.update_person(db, mentee_id, {"withdrawn_on": None})
        extra["withdrawn_on"] = [mentee["withdrawn_on"], None]
    trajectories.mark_requeued(db, mentee_id, day, last, **extra)
    return {
        "mentee_id": mentee_id,
        "requeued_on": day.isoformat(),
        "after_trajectory": last,
        "was_withdrawn_on": mentee["withdrawn_on"],
    }


# --- a mentor who leaves while mentoring ---------------------------------------------------

DUO_CHOICES = ("requeue", "close")


def duo_choice(requeue: bool, close_duos: bool) -> str | None:
    """`withdraw`'s --requeue or --close-duos (None: neither given)."""
    if requeue and close_duos:
        raise UsageError("--requeue and --close-duos exclude each other: give one")
    return "requeue" if requeue else "close" if close_duos else None


def active_duos(db: Database, person_id: int) -> list[int]:
    """The active duos a mentor leaves behind (none for a mentee: they close theirs)."""
    return [
        r[0]
        for r in db.execute(
            "SELECT t.id FROM trajectories t JOIN people p ON p.id = t.mentor_id "
            "WHERE t.mentor_id = ? AND t.status = 'active' AND p.role = 'mentor' ORDER BY t.id",
            [person_id],
        )
    ]


def check_withdraw(
    db: Database, person_id: int, day: dt.date, duos: str | None
) -> tuple[people.Person, list[int]]:
    """As `withdraw` without duos; a mentor with active duos needs ``duos`` (requeue the
    mentees, or close the duos) and each duo must be closable on ``day``."""
    active = active_duos(db, person_id)
    if not active:
        return enrolment.check_withdraw(db, person_id, day), []
    person = enrolment.check_withdraw(db, person_id, day, duos_follow=True)
    if duos not in DUO_CHOICES:
        ids = ", ".join(map(str, active))
        raise UsageError(
            f"{person['name']} mentors in active trajectory {ids}: add --requeue (their "
            "mentees wait for a new mentor) or --close-duos"
        )
    for trajectory_id in active:
        trajectories.check_close(db, trajectory_id, **_mentor_withdrew(day, duos))
    return person, active


def _mentor_withdrew(day: dt.date, duos: str) -> trajectories.CloseTerms:
    return {
        "day": day,
        "outcome": "none",
        "contract": None,
        "reason": "mentor-withdrew",
        "mentor_leaves": False,  # set on all of them once every one is closed
        "requeue": duos == "requeue",
    }


def withdraw(db: Database, person_id: int, day: dt.date, duos: str | None) -> list[int]:
    """Withdraw a person; a mentor's active duos close first (reason mentor-withdrew,
    outcome none), their mentees requeued with ``duos == "requeue"``. Returns the closed
    duos. One transaction, held here."""
    from mentorcli.store.db import transaction

    with transaction(db):
        _, active = check_withdraw(db, person_id, day, duos)
        for trajectory_id in active:
            trajectories.close(db, trajectory_id, **_mentor_withdrew(day, duos or ""), note=None)
        if active:
            db.execute(
                "UPDATE trajectories SET mentor_leaves = 1 WHERE id IN "
                f"({', '.join('?' for _ in active)})",
                active,
            )
        enrolment.withdraw(db, person_id, day)
    return active
