"""`mentorcli report`: the annual report for funders, one self-contained HTML (or PDF) file."""

from __future__ import annotations

from pathlib import Path

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database
from mentorcli.ui.output import message


def report(
    ctx: typer.Context,
    year: int | None = typer.Option(None, "--year", help="Year to report (default this year)."),
    city: opt.City = None,
    output: Path | None = typer.Option(
        None, "--output", help="File to write (default mentorcli-report-YEAR.html here)."
    ),
    suppress_below: int | None = typer.Option(
        None,
        "--suppress-below",
        min=0,
        help="Hide counts below this (default: config report.suppress_below, 5; 0: off).",
    ),
    as_pdf: bool = typer.Option(False, "--pdf", help="Write a PDF (needs mentorcli[pdf])."),
) -> None:
    """Write the year's report for funders: figures, five-year trends, charts, one file.

    No name, contact, note or id of a person; small counts hidden. Example:
    mentorcli report --year 2025 --city Gent --output gent-2025.html
    """
    from mentorcli import __version__
    from mentorcli.core.clock import today
    from mentorcli.reports import document, exporting
    from mentorcli.store import settings
    from mentorcli.store.files import check_target

    day = today()
    year = document.report_year(year, day)
    target = output or Path(document.default_name(year, city, as_pdf=as_pdf))
    check_target(target)
    if as_pdf:
        document.weasyprint()  # a missing extra is said before any work
    db = database(ctx, create=False)
    threshold = suppress_below
    if threshold is None:  # the document leaves the house: the setting, 5 by default
        threshold = settings.load(db)["report.suppress_below"]
    content = document.make(
        db, year, city=city, as_of=day, suppress_below=threshold, as_pdf=as_pdf, version=__version__
    )
    if threshold <= 1:  # said once the report is made: a refusal stays one line
        message("Small counts are not hidden (suppression off): keep this report in the house.")
    fmt = "pdf" if as_pdf else "html"
    exporting.write_logged(db, target, content, what="report", fmt=fmt)
    message(f"Wrote {target} (readable by you only).")
