"""What needs the coordinator's attention on a given day; run from cron by `remind`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, TypedDict

from mentorcli.core.clock import add_months
from mentorcli.core.vocabulary import REMINDER_KINDS, label
from mentorcli.store import settings

if TYPE_CHECKING:
    from sqlite_utils import Database

KINDS = REMINDER_KINDS


class Reminder(TypedDict):
    """One thing to do (`remind --format json` lists them)."""

    kind: str  # one of KINDS
    trajectory_id: int | None  # None for a mentee waiting for a mentor
    person_id: int | None
    name: str  # the duo, or the waiting mentee
    due: str
    days: int  # days without a session, waiting or late; "ending": days left (< 0: past)
    message: str


def _item(
    kind: str,
    trajectory_id: int | None,
    person_id: int | None,
    name: str,
    due: dt.date,
    days: int,
    message: str,
) -> Reminder:
    return {
        "kind": kind,
        "trajectory_id": trajectory_id,
        "person_id": person_id,
        "name": name,
        "due": due.isoformat(),
        "days": days,
        "message": message,
    }


def due(
    db: Database,
    *,
    as_of: dt.date,
    silent_days: int,
    ending_days: int,
    waiting_days: int,
    check_in_days: int = 30,
) -> list[Reminder]:
    """Every reminder due on ``as_of``, by kind, oldest first within a kind; the duos
    flagged at their last check-in first of all, every time."""
    from mentorcli.lifecycle import check_ins

    flagged, check_ins_due = check_ins.reminders(db, as_of=as_of, check_in_days=check_in_days)
    items: list[Reminder] = list(flagged)
    day = as_of.isoformat()
    active = list(
        db.query(
            """
        SELECT t.id, t.mentee_id, t.started_on, t.planned_end,
               mentee.name AS mentee_name, mentor.name AS mentor_name,
               (SELECT max(held_on) FROM sessions s
                 WHERE s.trajectory_id = t.id AND s.held_on <= :day) AS last_session
        FROM trajectories t
        JOIN people mentee ON mentee.id = t.mentee_id
        JOIN people mentor ON mentor.id = t.mentor_id
        WHERE t.status = 'active' AND t.started_on <= :day
          AND mentee.erased_on IS NULL AND mentor.erased_on IS NULL
        ORDER BY t.id
        """,
            {"day": day},
        )
    )
    for t in active:
        duo = f"{t['mentee_name']} + {t['mentor_name']}"
        since = dt.date.fromisoformat(t["last_session"] or t["started_on"])
        quiet = (as_of - since).days
        if quiet >= silent_days:
            what = (
                f"last session {t['last_session']}"
                if t["last_session"]
                else (f"none since the start on {t['started_on']}")
            )
            items.append(
                _item(
                    "no-session",
                    t["id"],
                    t["mentee_id"],
                    duo,
                    since + dt.timedelta(days=silent_days),
                    quiet,
                    f"no session for {quiet} days ({what})",
                )
            )
    for t in active:
        duo = f"{t['mentee_name']} + {t['mentor_name']}"
        end = dt.date.fromisoformat(t["planned_end"])
        left = (end - as_of).days
        if left <= ending_days:
            message = (
                f"planned end {t['planned_end']} passed {-left} days ago: close it"
                if left < 0
                else f"planned end {t['planned_end']} in {left} days"
            )
            items.append(_item("ending", t["id"], t["mentee_id"], duo, end, left, message))
    limit = (as_of - dt.timedelta(days=waiting_days)).isoformat()
    # a requeued mentee waits since the requeue, not since the enrolment
    for p in db.query(
        "SELECT id, name, city, waiting_since FROM (SELECT id, name, city, "
        "coalesce(requeued_on, enrolled_on) AS waiting_since FROM people_status "
        "WHERE role = 'mentee' AND status = 'waiting') WHERE waiting_since <= ? "
        "ORDER BY waiting_since, id",
        [limit],
    ):
        enrolled = dt.date.fromisoformat(p["waiting_since"])
        waited = (as_of - enrolled).days
        items.append(
            _item(
                "waiting",
                None,
                p["id"],
                p["name"],
                enrolled + dt.timedelta(days=waiting_days),
                waited,
                f"waiting for a mentor for {waited} days ({p['city']})",
            )
        )
    months = settings.load(db)["followup.months"]
    for t in db.query(
        """
        SELECT t.id, t.mentee_id, t.started_on, mentee.name AS mentee_name
        FROM trajectories t JOIN people mentee ON mentee.id = t.mentee_id
        WHERE NOT EXISTS (SELECT 1 FROM followups f WHERE f.trajectory_id = t.id)
          AND t.closed_on <= ?  -- a running duo gets its "ending" reminder instead
          AND t.requeued = 0  -- the mentee is back on the list: the next duo's follow-up counts
          AND mentee.erased_on IS NULL
        ORDER BY t.started_on, t.id
        """,
        [day],
    ):
        when = add_months(dt.date.fromisoformat(t["started_on"]), months)
        if when <= as_of:
            late = (as_of - when).days
            items.append(
                _item(
                    "follow-up",
                    t["id"],
                    t["mentee_id"],
                    t["mentee_name"],
                    when,
                    late,
                    f"follow-up due since {when} ({months} months after "
                    f"the start): record it with `mentorcli follow-up {t['id']}`",
                )
            )
    return items + check_ins_due


def as_text(items: list[Reminder], as_of: dt.date) -> str:
    """Plain text for a terminal, a cron mail or an e-mail: no colour, no box drawing."""
    lines = [f"mentorcli reminders for {as_of.isoformat()}: {len(items)} item(s)"]
    for kind in KINDS:
        group = [i for i in items if i["kind"] == kind]
        if not group:
            continue
        lines.append("")
        lines.append(f"{label('reminder', kind)} ({len(group)})")
        for item in group:
            ref = (
                f"trajectory {item['trajectory_id']}"
                if item["trajectory_id"]
                else f"mentee {item['person_id']}"
            )
            lines.append(f"  {ref}: {item['name']}: {item['message']}")
    return "\n".join(lines) + "\n"


def mail(db: Database, to: str, items: list[Reminder], as_of: dt.date) -> None:
    """E-mail the reminders (the text of ``as_text``) to ``to``; nothing when none is due."""
    if not items:
        return
    from mentorcli.lifecycle import mail as smtp

    smtp.send(
        smtp.config(settings.load(db)),
        to,
        f"mentorcli: {len(items)} reminder(s) for {as_of}",
        as_text(items, as_of),
    )
