"""`mentorcli withdraw`: a person leaves the programme; kept for statistics, never matched."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import confirm_irreversible, database, day_option, resolve_person


def withdraw(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An id, or the person's whole name."),
    date: str = typer.Option(None, "--date", help="Date they left, YYYY-MM-DD (default today)."),
    requeue: bool = typer.Option(False, "--requeue", help="A mentor's mentees wait again."),
    close_duos: bool = typer.Option(False, "--close-duos", help="Or: their duos just close."),
    yes: opt.YesAtTerminal = False,
) -> None:
    """Withdraw a person from the programme (they stay in the statistics).

    A mentor's active duos close that day (reason mentor-withdrew, outcome none): give
    --requeue to put their mentees back on the waiting list, or --close-duos. Takes an id
    or the whole name (this cannot be undone). Example: mentorcli withdraw "Jan Peeters"
    """
    from mentorcli import people
    from mentorcli.lifecycle import changes
    from mentorcli.ui import prompts
    from mentorcli.ui.trajectory_view import duos_question, render_withdrawn

    day = day_option(date, "--date", past=True)
    duos = changes.duo_choice(requeue, close_duos)
    db = database(ctx, create=False)
    person_id = resolve_person(db, ref, exact=True)
    if duos is None and changes.active_duos(db, person_id) and prompts.interactive():
        duos = prompts.choose(*duos_question(changes.active_duos(db, person_id)))
    person, _ = changes.check_withdraw(db, person_id, day, duos)
    confirm_irreversible(yes, f"Withdraw {people.describe(person)} on {day}?")
    closed = changes.withdraw(db, person_id, day, duos)
    render_withdrawn(person, day, closed, duos)
