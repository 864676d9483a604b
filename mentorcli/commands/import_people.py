"""`mentorcli import`: enrol many people from a CSV file, all or nothing."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands._common import Role, database


def import_people(
    ctx: typer.Context,
    file: Path = typer.Argument(..., help="CSV file; columns named like the enrol options."),
    role: Role = typer.Option(..., "--role", help="mentor or mentee: what every row is."),
    dry_run: bool = typer.Option(False, "--dry-run", help="Check every row, write nothing."),
    allow_duplicate: bool = typer.Option(
        False, "--allow-duplicate", help="Import rows that look like someone already enrolled."
    ),
    force: bool = typer.Option(False, "--force", help="Ignore the programme's age rules."),
) -> None:
    """Import people from a CSV file (UTF-8, UTF-16 or Windows-1252; comma or semicolon).

    Every row is checked first; if one is bad, each bad row is reported and nothing is
    written. Example: mentorcli import mentees.csv --role mentee --dry-run
    """
    from mentorcli.core.errors import MentorError
    from mentorcli.people import importer
    from mentorcli.ui import import_view as view

    result = importer.import_file(
        database(ctx, empty=dry_run),
        file,
        role.value,
        dry_run=dry_run,
        force=force,
        allow_duplicate=allow_duplicate,
        progress=view.progress,
    )
    if result.problems:
        view.report_problems(file, result.problems)
        raise MentorError(f"{len(result.problems)} bad row(s) in {file}: nothing was imported")
    view.render_imported(result, role.value, dry_run=dry_run)
