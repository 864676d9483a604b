"""`mentorcli log-session`: record one meeting of a duo."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import (
    database,
    day_option,
    format_option,
    number_option,
    resolve_trajectory,
)
from mentorcli.ui.output import TableOrJson


def log_session(
    ctx: typer.Context,
    ref: opt.TrajectoryRef,
    date: str = typer.Option(None, "--date", help="When they met, YYYY-MM-DD (default today)."),
    minutes: int = typer.Option(None, "--minutes", help="How long, in minutes."),
    hours: float = typer.Option(
        None,
        "--hours",
        metavar="HOURS",
        parser=number_option(0, 12, unit=" hours"),
        help="Or how long, in hours (1.5).",
    ),
    topic: list[str] = typer.Option(
        [],
        "--topic",
        help="What they worked on (repeatable): cv, motivation-letter, interview-practice, "
        "skills-mapping, network, job-search, job-application, training, language, other.",
    ),
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
    topics = trajectories.parse_topics(topic)
    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref)  # a pick list, so before the write lock
    with transaction(db):
        session = trajectories.log_session(
            db, trajectory_id, day=day, minutes=duration, topics=topics, note=note
        )
    render_session_logged(session, fmt)
