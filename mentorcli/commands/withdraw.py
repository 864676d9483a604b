"""`mentorcli withdraw`: a person leaves the programme; kept for statistics, never matched."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import confirm_irreversible, database, day_option, resolve_person


def withdraw(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An id, or the person's whole name."),
    date: str = typer.Option(None, "--date", help="Date they left, YYYY-MM-DD (default today)."),
    yes: opt.YesAtTerminal = False,
) -> None:
    """Withdraw a person from the programme (they stay in the statistics).

    Takes an id or the whole name (a part of a name is refused: this cannot be undone).
    Example: mentorcli withdraw "Jan Peeters" --date 2025-03-01
    """
    from mentorcli import people
    from mentorcli.people import enrolment
    from mentorcli.ui.output import message

    day = day_option(date, "--date", past=True)
    db = database(ctx, create=False)
    person_id = resolve_person(db, ref, exact=True)
    who = people.describe(enrolment.check_withdraw(db, person_id, day))
    confirm_irreversible(yes, f"Withdraw {who} on {day}?")
    person = enrolment.withdraw(db, person_id, day)
    message(f"{person['name']} ({person_id}) withdrew on {day}.")
