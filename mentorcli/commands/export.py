"""`mentorcli export`: every table, as JSON or CSV, for your own use (it holds personal data)."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands._common import database
from mentorcli.output import OutputFormat


def export(
    fmt: OutputFormat = typer.Option(OutputFormat.json, "--format", help="json or csv."),
    output: Path = typer.Option(
        None, "--output", help="Folder for the files (CSV: one per table). JSON: stdout if absent."
    ),
) -> None:
    """Export every table: names and notes included, so keep the files private.

    Example: mentorcli export --format csv --output ~/mentorcli-export
    """
    import json
    import sys

    from mentorcli import exporting
    from mentorcli.db import log_event, transaction
    from mentorcli.errors import UsageError
    from mentorcli.files import write_private
    from mentorcli.output import message

    if fmt == OutputFormat.table:
        raise UsageError("export writes json or csv")
    if fmt == OutputFormat.csv and output is None:
        raise UsageError("--format csv writes one file per table: give --output FOLDER")
    db = database(create=False)
    data = exporting.tables(db)
    with transaction(db):
        log_event(db, "export", details={"what": "all tables", "format": fmt.value})
    if fmt == OutputFormat.csv:
        written = exporting.write_csv_folder(data, output)
        message(f"Wrote {len(written)} files to {output} (readable by you only).")
        return
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        sys.stdout.write(text)
        return
    path = output / "mentorcli-export.json"
    write_private(path, text)
    message(f"Wrote {path} (readable by you only).")
