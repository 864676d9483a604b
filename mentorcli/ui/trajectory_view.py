"""How the commands of a duo's life show what they did: `log-session`, `edit-session`,
`delete-session`, `sessions`, `close`, `follow-up` and `unmatch`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from mentorcli.core.vocabulary import label
from mentorcli.ui.output import (
    OutputFormat,
    emit_csv,
    emit_json,
    message,
    stdout_console,
    table,
)

if TYPE_CHECKING:
    from mentorcli.lifecycle.changes import Amendment, Extended, Reopening, Requeued
    from mentorcli.lifecycle.pairing import Undone
    from mentorcli.lifecycle.session_corrections import DeletedSession, EditedSession
    from mentorcli.lifecycle.trajectories import (
        Closed,
        FollowUp,
        LoggedSession,
        Session,
        Totals,
        Trajectory,
    )
    from mentorcli.people import Person

SESSION_COLUMNS = ["id", "date", "minutes", "topics", "note"]


def render_session_logged(session: LoggedSession, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(session)
        return
    topics = session["topics"]
    what = f" on {', '.join(label('topic', t) for t in topics)}" if topics else ""
    message(
        f"Logged session {session['id']} of trajectory {session['trajectory_id']}: "
        f"{session['minutes']} minutes{what} on {session['date']}."
    )


def render_session_edited(edited: EditedSession, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(edited)
        return
    session = edited["session"]
    if not edited["changed"]:
        message(f"Session {session['id']} already says so: nothing was changed.")
        return
    topics = session["topics"]
    what = f" on {', '.join(label('topic', t) for t in topics)}" if topics else ""
    message(
        f"Corrected session {session['id']} of trajectory {session['trajectory_id']} "
        f"({', '.join(edited['changed'])}): {session['minutes']} minutes{what} on "
        f"{session['date']}."
    )


def render_session_deleted(deleted: DeletedSession, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(deleted)
        return
    message(
        f"Deleted session {deleted['id']} of trajectory {deleted['trajectory_id']} "
        f"({deleted['minutes']} minutes on {deleted['date']})."
    )


def render_sessions(trajectory: Trajectory, rows: list[Session], summary: Totals, fmt: str) -> None:
    """The sessions and their totals; JSON and CSV for scripts, a table and a verdict on the
    hours a week for the coordinator."""
    if fmt == OutputFormat.json:
        emit_json({**summary, "session_log": rows})
        return
    if fmt == OutputFormat.csv:
        emit_csv(rows, SESSION_COLUMNS)
        return
    title = (
        f"Trajectory {trajectory['id']}: {trajectory['mentee_name']} + {trajectory['mentor_name']}"
    )
    if rows:
        stdout_console().print(table(rows, SESSION_COLUMNS, title=title))
    else:
        message(f"{title}: no session logged yet.")
    low, high = summary["target_hours_per_week"]
    verdict = "on target" if summary["on_target"] else f"target {low:g}–{high:g}"
    stdout_console().print(
        f"{summary['sessions']} sessions, {summary['hours']:g} h over {summary['weeks']:g} weeks "
        f"({summary['weeks_with_sessions']} with a session): {summary['hours_per_week']:g} h a "
        f"week, {verdict}."
    )


def close_question(trajectory: Trajectory, day: dt.date, outcome: str) -> str:
    from mentorcli.lifecycle import trajectories

    return (
        f"Close {trajectories.describe(trajectory)} on {day} with outcome "
        f"{label('outcome', outcome)}?"
    )


# How a changed close or follow-up field is named and shown in a sentence.
_FIELD_WORDS = {
    "closed_on": ("close date", None),
    "recorded_on": ("date", None),
    "outcome": ("outcome", "outcome"),
    "contract": ("contract", "contract"),
    "close_reason": ("reason", "reason"),
    "mentor_withdrawn_on": ("mentor's withdrawal", None),
    "requeued_on": ("back on the waiting list", None),
    "planned_end": ("planned end", None),
    "status": ("status", "status"),
    "mentor_leaves": ("mentor left", None),
    "requeued": ("requeued", None),
    "contract_months": ("contract months", None),
    "job_searching": ("job searching", "yes/no"),
    "qualification": ("qualification", "yes/no"),
    "situation": ("situation", "situation"),
}


def changes_text(changed: dict[str, list[object]]) -> str:
    """``{"outcome": ["none", "job"]}`` as "outcome no result yet → job"."""

    def word(kind: str | None, value: object) -> str:
        if value is None:
            return "–"
        if kind == "yes/no":
            return "yes" if value else "no"
        return label(kind, value) if kind else str(value)

    parts = []
    for field, (before, after) in changed.items():
        name, kind = _FIELD_WORDS.get(field, (field, None))
        parts.append(f"{name} {word(kind, before)} → {word(kind, after)}")
    return "; ".join(parts)


def amend_question(amendment: Amendment) -> str:
    from mentorcli.lifecycle import trajectories

    trajectory = amendment["trajectory"]
    changed = {
        k: [trajectory[k], v]  # type: ignore[literal-required]
        for k, v in amendment["fields"].items()
        if trajectory[k] != v  # type: ignore[literal-required]
    }
    return f"Correct the close of {trajectories.describe(trajectory)}: {changes_text(changed)}?"


def render_closed(trajectory_id: int, result: Closed, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(result)
        return
    if "changed" in result:
        changed = changes_text(result["changed"])
        message(f"Corrected the close of trajectory {trajectory_id}: {changed}.")
        return
    early = "early, " if result["early"] else ""
    message(
        f"Closed trajectory {trajectory_id} on {result['closed_on']} ({early}"
        f"{label('reason', result['reason'])}): outcome {label('outcome', result['outcome'])}"
        f"{_contract(result['contract'], result['contract_months'])}{_results(result)}; "
        f"{result['sessions']} sessions, {result['hours']:g} h over {result['weeks']:g} weeks."
    )


def _contract(contract: str | None, months: int | None) -> str:
    """ " (fixed-term, 6 months)", or "" without a contract."""
    if not contract:
        return ""
    return f" ({label('contract', contract)}{f', {months} months' if months else ''})"


def _results(result: Closed) -> str:
    """What else ESF+ asks about leaving: job searching, a qualification."""
    said = [("job searching", result["job_searching"]), ("qualified", result["qualification"])]
    return "".join(f", {words}" for words, yes in said if yes)


def render_follow_up(result: FollowUp, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(result)
    else:
        situation = result["situation"] if result["outcome"] != "unreachable" else None
        message(
            f"Follow-up of trajectory {result['trajectory_id']} recorded on "
            f"{result['recorded_on']}: {label('outcome', result['outcome'])}"
            f"{_contract(result['contract'], result['contract_months'])}"
            f"{'; ' + label('situation', situation) if situation else ''}."
        )


def render_reopened(reopened: Reopening) -> None:
    trajectory = reopened["trajectory"]
    also = ""
    if reopened["mentor_back"]:
        also += f"; {trajectory['mentor_name']} is a mentor again"
    if reopened["requeue_undone"]:
        also += f"; {trajectory['mentee_name']} is no longer on the waiting list"
    message(
        f"Reopened trajectory {trajectory['id']} ({trajectory['mentee_name']} + "
        f"{trajectory['mentor_name']}): active again, planned end {trajectory['planned_end']}"
        f"{also}."
    )


def render_extended(result: Extended, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(result)
    else:
        message(
            f"Trajectory {result['trajectory_id']}: planned end {result['was']} → "
            f"{result['planned_end']}."
        )


def render_requeued(mentee: Person, result: Requeued, fmt: str) -> None:
    if fmt == OutputFormat.json:
        emit_json(result)
        return
    came_back = (
        f" (they had withdrawn on {result['was_withdrawn_on']})"
        if result["was_withdrawn_on"]
        else ""
    )
    message(
        f"{mentee['name']} ({mentee['id']}) is back on the waiting list since "
        f"{result['requeued_on']}{came_back}; never matched again with a mentor they had."
    )


def duos_question(active: list[int]) -> tuple[str, list[tuple[str, str]]]:
    """At a terminal, `withdraw` asks what becomes of a leaving mentor's duos."""
    ids = ", ".join(map(str, active))
    return (
        f"This mentor has active duo(s) {ids}. They close on the withdrawal date "
        "(reason: mentor withdrew):",
        [
            ("Put their mentees back on the waiting list (--requeue)", "requeue"),
            ("Only close the duos (--close-duos)", "close"),
        ],
    )


def render_withdrawn(person: Person, day: dt.date, closed: list[int], duos: str | None) -> None:
    message(f"{person['name']} ({person['id']}) withdrew on {day}.")
    if closed:
        ids = ", ".join(map(str, closed))
        then = "their mentees wait for a new mentor" if duos == "requeue" else "closed"
        message(f"Trajectory {ids}: closed on {day} (mentor withdrew); {then}.")


def render_unmatched(undone: Undone) -> None:
    message(
        f"Trajectory {undone['trajectory_id']} undone: mentee {undone['mentee_id']} is waiting "
        f"again, mentor {undone['mentor_id']} has the place back."
    )
