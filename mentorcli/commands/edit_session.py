"""`mentorcli edit-session`: correct a logged session's day, length, topics or note."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, day_option, format_option
from mentorcli.ui.output import TableOrJson


def edit_session(
    ctx: typer.Context,
    session: opt.SessionId,
    date: str = typer.Option(None, "--date", help="The day they really met, YYYY-MM-DD."),
    minutes: opt.Minutes = None,
    hours: opt.Hours = None,
    topic: opt.Topics = None,
    note: str = typer.Option(None, "--note", help='The right note ("" removes it).'),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Correct a logged session; only the options given change.

    The rules of log-session hold: a day within the trajectory's dates and not in the
    future, 1 minute to 12 hours. --topic replaces all the topics. Takes the session's
    id, as `mentorcli sessions` shows it. Example: mentorcli edit-session 5 --date 2025-02-04
    """
    from mentorcli.core.errors import UsageError
    from mentorcli.lifecycle import session_corrections, trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui.trajectory_view import render_session_edited

    changes: session_corrections.SessionChanges = {}
    if date is not None:
        if not date.strip():
            raise UsageError("--date is empty (an unset variable in a script?)")
        changes["day"] = day_option(date, "--date", past=True)
    if minutes is not None or hours is not None:
        changes["minutes"] = trajectories.minutes_from(minutes, hours)
    if topic:
        changes["topics"] = trajectories.parse_topics(topic)
    if note is not None:
        changes["note"] = note
    db = database(ctx, create=False)
    session_id = session_corrections.resolve(db, session)
    with transaction(db):
        edited = session_corrections.edit_session(db, session_id, changes)
    render_session_edited(edited, fmt)
