"""`mentorcli remind`: what is due, for cron; silent when nothing is."""

from __future__ import annotations

import typer

from mentorcli.commands import _options as opt
from mentorcli.commands._common import database, day_option, format_option
from mentorcli.ui.output import TextFormat


def remind(
    ctx: typer.Context,
    as_of: str = typer.Option(None, "--as-of", help="The day to check, YYYY-MM-DD (today)."),
    silent_days: opt.SilentDays = 14,
    ending_days: opt.EndingDays = 14,
    waiting_days: opt.WaitingDays = 30,
    check_in_days: opt.CheckInDays = 30,
    fmt: TextFormat = format_option(TextFormat.text, "text or json."),
    mail_to: str | None = typer.Option(
        None, "--mail-to", metavar="ADDRESS", help="Send the reminders by e-mail instead."
    ),
) -> None:
    """List reminders: quiet duos, planned ends, long waits, follow-ups due.

    Duos flagged at their last check-in (concern, at risk) come first, every time.
    Prints nothing and exits 0 when nothing is due, so cron mails only when there is
    something to do. Example (crontab, Mondays 7:00):
    0 7 * * 1 mentorcli remind --mail-to coordinator@example.org
    """
    from mentorcli.lifecycle import reminders
    from mentorcli.ui.reminder_view import render_reminders

    if mail_to is not None:
        from mentorcli.lifecycle.mail import check_recipient

        check_recipient(mail_to)
    day = day_option(as_of, "--as-of", past=False)
    db = database(ctx, create=False)
    items = reminders.due(
        db,
        as_of=day,
        silent_days=silent_days,
        ending_days=ending_days,
        waiting_days=waiting_days,
        check_in_days=check_in_days,
    )
    if mail_to is not None:
        reminders.mail(db, mail_to, items, day)
    else:
        render_reminders(items, day, fmt)
