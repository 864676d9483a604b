"""`mentorcli edit`: correct or complete what was recorded about a person."""

from __future__ import annotations

import typer

from mentorcli.commands._common import database, format_option, resolve_person
from mentorcli.commands._person_options import PERSON_OPTIONS, PersonFields, with_person_options
from mentorcli.ui.output import TableOrJson


@with_person_options
def edit(
    ctx: typer.Context,
    ref: str = typer.Argument(..., help="An id or a name."),
    fields: PersonFields = PERSON_OPTIONS,
    force: bool = typer.Option(
        False, "--force", help="Change it even if a programme age rule says no."
    ),
    clear: list[str] = typer.Option(
        [], "--clear", metavar="FIELD", help="Empty an optional field, e.g. --clear phone."
    ),
    fmt: TableOrJson = format_option(TableOrJson.table, "table or json."),
) -> None:
    """Change fields of an enrolled person; only the options given change.

    Example: mentorcli edit 12 --phone "+32 475 12 34 56" --clear email
    """
    from mentorcli.people import enrolment
    from mentorcli.ui import person_view

    cleared = enrolment.fields_to_clear(fields, clear)  # usage errors before the file is opened
    db = database(ctx, create=False)
    person_id = resolve_person(db, ref)  # a pick list, so before the write lock
    person_view.render_edited(enrolment.edit(db, person_id, fields, cleared, force=force), fmt)
