"""`mentorcli doctor`: is the file sound, private, current, and are the GDPR duties met?"""

from __future__ import annotations

import typer

from mentorcli.commands._common import db_path, format_option
from mentorcli.ui.output import TextFormat


def doctor(
    ctx: typer.Context,
    fmt: TextFormat = format_option(TextFormat.text, "text or json."),
) -> None:
    """Check the file, its privacy and the GDPR duties; exits 1 on any problem.

    Integrity, references, schema, permissions, erasure follow-ups, consent and
    retention; suitable for cron.

    Example: mentorcli doctor
    """
    from mentorcli.core.clock import today
    from mentorcli.privacy import doctor as checks
    from mentorcli.ui.privacy_view import render_checks

    results = checks.run(db_path(ctx), today=today())
    render_checks(results, fmt)
    if not all(c.ok for c in results):
        raise typer.Exit(1)
