"""`mentorcli export`: every table, as JSON or CSV, for your own use (it holds personal data)."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands._common import database, format_option, path_option
from mentorcli.ui.output import JsonOrCsv


def export(
    ctx: typer.Context,
    fmt: JsonOrCsv = format_option(JsonOrCsv.json, "json or csv."),
    output: Path | None = typer.Option(
        None,
        "--output",
        parser=path_option,
        metavar="FOLDER",
        help="Folder for the files (CSV: one per table). JSON: stdout if absent.",
    ),
) -> None:
    """Export every table: names and notes included, so keep the files private.

    Example: mentorcli export --format csv --output ~/mentorcli-export
    """
    from mentorcli.core.errors import UsageError
    from mentorcli.reports import exporting
    from mentorcli.store.db import log_event, transaction
    from mentorcli.ui import export_view as view

    if fmt == JsonOrCsv.csv and output is None:
        raise UsageError("--format csv writes one file per table: give --output FOLDER")
    if output is not None:
        exporting.check_folder(output)
    db = database(ctx, create=False)
    data = exporting.tables(db)
    # The event is logged in the same transaction that writes the files: a write that
    # fails rolls it back, and a database that cannot be written is refused first.
    with transaction(db):
        if output is None:
            view.print_now(exporting.as_json(data))
        else:
            written = exporting.write_files(data, fmt.value, output)
        log_event(db, "export", details={"what": "all tables", "format": fmt.value})
    if output is not None:
        view.render_written(written, output, fmt)
