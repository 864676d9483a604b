"""Sending the reminder text by e-mail, for cron jobs that should not rely on cron's mail.

STARTTLS is used whenever the server offers it, and a password is never sent over a
connection without TLS (port 465 means TLS from the first byte).
"""

from __future__ import annotations

import os
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from typing import TYPE_CHECKING

from mentorcli.core.errors import DatabaseLocked, MentorError

if TYPE_CHECKING:
    from mentorcli.store.settings import Settings


class MailTemporaryError(DatabaseLocked):
    """The server could not be reached: exit 75 so cron tries again later."""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    sender: str
    user: str | None
    password: str | None
    cafile: str | None


def config(values: Settings) -> SmtpConfig:
    """Environment first, then settings; the password only ever from the environment."""
    env = os.environ
    host = env.get("MENTORCLI_SMTP_HOST") or values.get("smtp.host") or ""
    if not host:
        raise MentorError("no SMTP server: set MENTORCLI_SMTP_HOST (or `config set smtp.host`)")
    raw_port = env.get("MENTORCLI_SMTP_PORT") or values.get("smtp.port") or 25
    try:
        port = int(raw_port)
    except ValueError:
        raise MentorError(f"MENTORCLI_SMTP_PORT {raw_port!r} is not a port number") from None
    sender = env.get("MENTORCLI_SMTP_SENDER") or values.get("smtp.sender") or ""
    source = "MENTORCLI_SMTP_SENDER" if env.get("MENTORCLI_SMTP_SENDER") else "smtp.sender"
    check_header(sender, source)
    if not sender:
        sender = f"mentorcli@{socket.getfqdn()}"
    user = env.get("MENTORCLI_SMTP_USER") or values.get("smtp.user") or None
    password = env.get("MENTORCLI_SMTP_PASSWORD") or None
    return SmtpConfig(host, port, sender, user, password, env.get("MENTORCLI_SMTP_CAFILE") or None)


def check_header(value: str, what: str, error: type[MentorError] = MentorError) -> None:
    """A line break in an address would add headers (Bcc: …) or fail deep in smtplib."""
    from mentorcli.core.reference import one_line_problem

    problem = one_line_problem(value)
    if problem:
        raise error(f"{what}: {problem}")


def check_recipient(to: str) -> None:
    """The --mail-to address, checked before anything is read: one line, or a usage error."""
    from mentorcli.core.errors import UsageError

    if not to.strip():
        raise UsageError("--mail-to needs an e-mail address")
    check_header(to, "--mail-to", UsageError)


def send(cfg: SmtpConfig, to: str, subject: str, body: str) -> None:
    check_header(to, "the recipient")
    check_header(cfg.sender, "the sender")
    message = EmailMessage()
    message["From"] = cfg.sender
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    context = ssl.create_default_context(cafile=cfg.cafile)
    try:
        if cfg.port == 465:
            client: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=30, context=context)
        else:
            client = smtplib.SMTP(cfg.host, cfg.port, timeout=30)
        with client:
            client.ehlo()
            encrypted = cfg.port == 465
            if not encrypted and client.has_extn("starttls"):
                client.starttls(context=context)
                client.ehlo()
                encrypted = True
            if cfg.user or cfg.password:
                if not encrypted:
                    raise MentorError(
                        f"{cfg.host} offers no TLS: the SMTP password is never sent in clear; "
                        "nothing was sent"
                    )
                client.login(cfg.user or "", cfg.password or "")
            client.send_message(message)
    except (
        ConnectionError,
        TimeoutError,
        socket.gaierror,
        smtplib.SMTPConnectError,
        smtplib.SMTPServerDisconnected,
    ) as e:
        raise MailTemporaryError(
            f"cannot reach SMTP server {cfg.host}:{cfg.port} ({e}); try again later"
        ) from None
    except smtplib.SMTPAuthenticationError:
        raise MentorError(f"SMTP server {cfg.host} refused the user name or password") from None
    except (smtplib.SMTPException, ssl.SSLError, OSError) as e:
        raise MentorError(f"sending mail through {cfg.host} failed: {e}") from None
