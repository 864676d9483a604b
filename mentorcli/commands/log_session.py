"""`mentorcli log-session`: record one meeting of a duo."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, day_option, format_option, resolve_trajectory
from mentorcli.ui.output import TableOrJson


def log_session(
    ctx: typer.Context,
    ref: opt.TrajectoryRef,
    date: str = typer.Option(None, "--date", help="When they met, YYYY-MM-DD (default today)."),
    minutes: opt.Minutes = None,
    hours: opt.Hours = None,
    topic: opt.Topics = None,
    note: str = typer.Option(None, "--note", help="A short note (never exported)."),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Log a session of an active trajectory.

    Example: mentorcli log-session amina --hours 2 --topic cv --topic interview-practice
    """
    from mentorcli.lifecycle import trajectories
    from mentorcli.store.db import transaction
    from mentorcli.ui.trajectory_view import render_session_logged

    day = day_option(date, "--date", past=True)
    duration = trajectories.minutes_from(minutes, hours)
    topics = trajectories.parse_topics(topic or [])
    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref)  # a pick list, so before the write lock
    with transaction(db):
        session = trajectories.log_session(
            db, trajectory_id, day=day, minutes=duration, topics=topics, note=note
        )
    render_session_logged(session, fmt)
