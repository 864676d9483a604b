"""`mentorcli enrol`: add a mentor or a mentee."""

from __future__ import annotations

import typer

from mentorcli.commands._common import Role, database, format_option
from mentorcli.commands._person_options import PERSON_OPTIONS, PersonFields, with_person_options
from mentorcli.ui.output import TableOrJson


@with_person_options
def enrol(
    ctx: typer.Context,
    role: Role = typer.Argument(..., help="mentor or mentee."),
    fields: PersonFields = PERSON_OPTIONS,
    force: bool = typer.Option(False, "--force", help="Enrol even if a programme rule says no."),
    allow_duplicate: bool = typer.Option(
        False, "--allow-duplicate", help="Enrol even if someone similar is already enrolled."
    ),
    fmt: TableOrJson = format_option(
        TableOrJson.table, "table prints the new id; json the stored person."
    ),
) -> None:
    """Enrol a mentor or a mentee; prints the new id.

    Example: mentorcli enrol mentee --name "Nour El Amrani" --city Gent --languages nl,ar
    --sector "logistiek" --birth-year 2001 --origin-country MA --referral VDAB
    """
    from mentorcli.people import enrolment
    from mentorcli.ui import person_view, prompts

    person = prompts.complete_person(role.value, fields)  # before the file is opened
    stored = enrolment.enrol(
        database(ctx), role.value, person, force=force, allow_duplicate=allow_duplicate
    )
    person_view.render_enrolled(stored, fmt)
