"""`h200 mail RUN --to ADDRESS`: send a run's stored digest (``digest.<lang>.eml``).

The stored message is complete but for its envelope: this sets To, From, Date and
Message-ID, drops the draft mark (``X-Unsent``) and hands it to an SMTP server with
``smtplib`` (default ``localhost:25``; no login, no TLS: a relay of the local network,
as a nightly cron job has). Every failure is one line naming what is wrong: the run,
the digest, the address, the server.
"""

from __future__ import annotations

import smtplib
import socket
from email.parser import BytesParser
from email.utils import formatdate, make_msgid
from pathlib import Path

from ..errors import InputError
from . import digest

DEFAULT_SMTP = "localhost:25"
TIMEOUT_S = 30


def server(text: str) -> tuple[str, int]:
    """``HOST:PORT`` (or ``HOST``, port 25) as a pair; InputError when it is not one."""
    host, sep, port = text.rpartition(":")
    if not sep:
        host, port = text, "25"
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise InputError(text, "not HOST:PORT (for example localhost:25)")
    return host.strip("[]"), int(port)


def _address(text: str, what: str) -> str:
    if "@" not in text or any(c in text for c in "\r\n,;<> "):
        raise InputError(text, f"{what} is not one mail address (name@example.org)")
    return text


def run_folder(run: Path, reports: Path) -> Path:
    """A run folder as given, or by its name (or ``latest``) under ``reports``."""
    folder = run if run.is_dir() else reports / run
    if not folder.is_dir():
        raise InputError(run, "no such run (a folder, or a name under reports/)")
    return folder


def prepared(folder: Path, language: str, to: str, sender: str):
    """The stored message of ``folder`` in ``language`` with its envelope set."""
    path = folder / digest.eml_name(language)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            path, "this run has no digest (rendered before digests, or failed)"
        ) from None
    msg = BytesParser(policy=digest.POLICY).parsebytes(raw)
    for name in ("To", "From", "Date", "Message-ID", "X-Unsent"):
        del msg[name]
    msg["To"] = _address(to, "--to")
    msg["From"] = _address(sender, "--from")
    msg["Date"] = formatdate(localtime=False, usegmt=True)
    msg["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    return msg


def send(
    run: Path,
    to: str,
    *,
    smtp: str = DEFAULT_SMTP,
    language: str = "en",
    sender: str | None = None,
    reports: Path,
) -> str:
    """Send the digest; returns the message's Message-ID. InputError on any failure."""
    host, port = server(smtp)
    folder = run_folder(run, reports)
    sender = sender or f"h200report@{socket.getfqdn() or 'localhost'}"
    msg = prepared(folder, language, to, sender)
    try:
        with smtplib.SMTP(host, port, timeout=TIMEOUT_S) as client:
            refused = client.send_message(msg)
    except smtplib.SMTPRecipientsRefused as exc:
        raise InputError(to, f"refused by {host}:{port}: {_reason(exc.recipients)}") from None
    except smtplib.SMTPResponseException as exc:
        said = exc.smtp_error.decode("utf-8", "replace") if exc.smtp_error else ""
        raise InputError(f"{host}:{port}", f"the server said {exc.smtp_code} {said}") from None
    except (OSError, smtplib.SMTPException) as exc:
        why = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
        raise InputError(f"{host}:{port}", f"cannot send through this server: {why}") from None
    if refused:
        raise InputError(to, f"refused by {host}:{port}: {_reason(refused)}")
    return msg["Message-ID"]


def _reason(recipients: dict) -> str:
    code, words = next(iter(recipients.values()))
    return f"{code} {words.decode('utf-8', 'replace') if isinstance(words, bytes) else words}"


def command(args) -> int:
    msg_id = send(
        args.run,
        args.to,
        smtp=args.smtp,
        language=args.lang,
        sender=args.sender,
        reports=args.reports,
    )
    print(f"sent {digest.eml_name(args.lang)} of {args.run} to {args.to} via {args.smtp} {msg_id}")
    return 0
