"""`mentorcli sessions`: a trajectory's sessions with their totals."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, format_option, resolve_trajectory
from mentorcli.ui.output import OutputFormat


def sessions(
    ctx: typer.Context,
    ref: opt.TrajectoryRef,
    fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv."),
) -> None:
    """List a trajectory's sessions: hours, weeks covered, hours a week against 2–3.

    Example: mentorcli sessions amina
    """
    from mentorcli.lifecycle import trajectories
    from mentorcli.ui.trajectory_view import render_sessions

    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref, status=None)
    render_sessions(
        trajectories.get(db, trajectory_id),
        trajectories.sessions_of(db, trajectory_id),
        trajectories.totals(db, trajectory_id),
        fmt,
    )
