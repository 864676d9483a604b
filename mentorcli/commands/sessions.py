"""`mentorcli sessions`: a trajectory's sessions with their totals."""

from __future__ import annotations

import typer

from mentorcli.commands._common import database, format_option, resolve_trajectory
from mentorcli.ui.output import OutputFormat


def sessions(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="Trajectory id, or the mentee's or mentor's name."),
    fmt: OutputFormat = format_option(OutputFormat.table, "table, json or csv."),
) -> None:
    """List a trajectory's sessions: hours, weeks covered, hours a week against 2–3.

    Example: mentorcli sessions amina
    """
    from mentorcli.lifecycle import trajectories
    from mentorcli.ui.output import emit_csv, emit_json, message, stdout_console, table

    db = database(ctx, create=False)
    trajectory_id = resolve_trajectory(db, ref, status=None)
    rows = trajectories.sessions_of(db, trajectory_id)
    summary = trajectories.totals(db, trajectory_id)
    if fmt == OutputFormat.json:
        emit_json({**summary, "session_log": rows})
        return
    if fmt == OutputFormat.csv:
        emit_csv(rows, ["id", "date", "minutes", "topics", "note"])
        return
    t = trajectories.get(db, trajectory_id)
    title = f"Trajectory {trajectory_id}: {t['mentee_name']} + {t['mentor_name']}"
    if rows:
        stdout_console().print(
            table(rows, ["id", "date", "minutes", "topics", "note"], title=title)
        )
    else:
        message(f"{title}: no session logged yet.")
    low, high = summary["target_hours_per_week"]
    verdict = "on target" if summary["on_target"] else f"target {low:g}–{high:g}"
    stdout_console().print(
        f"{summary['sessions']} sessions, {summary['hours']:g} h over {summary['weeks']:g} weeks "
        f"({summary['weeks_with_sessions']} with a session): {summary['hours_per_week']:g} h a "
        f"week, {verdict}."
    )
