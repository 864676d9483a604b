"""The annual report as one self-contained HTML file, or a PDF of it.

Jinja2 fills the template shipped in ``templates/`` (autoescape on: a city or a region is
data, never markup); the charts are inline SVG from ``reports.charts``; the CSS is in the
page. Nothing is fetched: a Content-Security-Policy forbids any request, the page has no
script, and the fonts are the reader's own (a system font stack). So the file opens offline,
prints on A4, and the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database

    from mentorcli.reports.annual import AnnualReport

PDF_MISSING = "--pdf needs WeasyPrint: pip install 'mentorcli[pdf]'"


def html(report: AnnualReport, *, version: str) -> str:
    import jinja2
    import markupsafe

    from mentorcli.reports import charts

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("mentorcli.reports", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    drawn: dict[int, Any] = {}
    number = 0
    for section in report["sections"]:
        for block in section["blocks"]:
            if "chart" in block:
                number += 1
                drawn[id(block)] = markupsafe.Markup(charts.svg(block["chart"], number))
    template = env.get_template("annual.html.j2")
    return template.render(
        report=report,
        charts=drawn,
        chart_count=number,
        version=version,
        block_id=id,
    )


def weasyprint() -> Any:
    """WeasyPrint, the optional extra ``mentorcli[pdf]``; asked for before any work."""
    from mentorcli.core.errors import MentorError

    try:
        import weasyprint
    except (ImportError, OSError):  # not installed, or its system libraries (pango) missing
        raise MentorError(PDF_MISSING) from None
    return weasyprint


def pdf(text: str) -> bytes:
    """The HTML printed to PDF (A4, as the page's @page rule asks)."""
    import logging

    # WeasyPrint warns about every SVG presentation property it reads as CSS first; the
    # page is ours and tested, so its warnings would only bury the one line that matters.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    return bytes(weasyprint().HTML(string=text).write_pdf())


def report_year(year: int | None, today: dt.date) -> int:
    """The year asked (this year by default), checked: one that has not begun is refused."""
    from mentorcli.core.errors import UsageError
    from mentorcli.reports.stats import years_asked

    (year,) = years_asked([year or today.year], None, None, default=today.year)
    if year > today.year:
        raise UsageError(f"{year} has not begun yet (today is {today.isoformat()})")
    return year


def default_name(year: int, city: str | None, *, as_pdf: bool) -> str:
    """mentorcli-report-2025.html, or mentorcli-report-2025-sint-niklaas.pdf for a city."""
    place = "".join(c if c.isalnum() else "-" for c in (city or "").casefold()).strip("-")
    return f"mentorcli-report-{year}{'-' + place if place else ''}.{'pdf' if as_pdf else 'html'}"


def make(
    db: Database,
    year: int,
    *,
    city: str | None,
    as_of: dt.date,
    suppress_below: int,
    as_pdf: bool,
    version: str,
) -> str | bytes:
    """The report's file content: HTML, or the PDF printed from it."""
    from mentorcli.reports import annual

    report = annual.build(db, year, city=city, as_of=as_of, suppress_below=suppress_below)
    text = html(report, version=version)
    return pdf(text) if as_pdf else text
