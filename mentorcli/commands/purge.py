"""`mentorcli purge`: erase everyone past the retention period."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import confirm_irreversible, database, require_yes


def purge(
    ctx: typer.Context,
    older_than: int = typer.Option(
        None,
        "--older-than",
        min=1,
        max=100,
        metavar="YEARS",
        help="Retention period in years (default: the retention.years setting).",
    ),
    dry_run: bool = typer.Option(False, "--dry-run", help="List who would be erased."),
    yes: opt.YesForScripts = False,
) -> None:
    """Erase everyone whose involvement ended longer ago than the retention period.

    Example: mentorcli purge --older-than 7 --dry-run
    """
    from mentorcli.core.clock import today
    from mentorcli.privacy import gdpr
    from mentorcli.store import settings
    from mentorcli.store.db import transaction
    from mentorcli.ui.output import message
    from mentorcli.ui.privacy_view import purge_question, render_purge_preview

    db = database(ctx, create=False)
    years = older_than or settings.load(db)["retention.years"]
    due = gdpr.due_for_purge(db, older_than_years=years, today=today())
    if not due:
        message(f"Nobody's involvement ended more than {years} years ago.")
        return
    if dry_run:
        render_purge_preview(due)
        return
    require_yes(yes, "purge cannot be undone: confirm with --yes (or use --dry-run)")
    confirm_irreversible(yes, purge_question(due))
    with transaction(db):
        for person in due:
            gdpr.forget(db, person["id"], day=today())
    gdpr.finish_erasure(db, f"{len(due)} person(s)")
    message(f"Erased {len(due)} person(s) past the {years}-year retention period.")
