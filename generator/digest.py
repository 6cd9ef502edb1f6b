"""`papershelf digest`: the papers first seen since a date, grouped by tag, as e-mail-ready HTML and text.

--send delivers it over SMTP with settings from the environment:
PAPERSHELF_SMTP_HOST (required), PAPERSHELF_SMTP_PORT (25), PAPERSHELF_SMTP_FROM, PAPERSHELF_SMTP_TO
(comma-separated), PAPERSHELF_SMTP_USER and PAPERSHELF_SMTP_PASSWORD (optional), PAPERSHELF_SMTP_STARTTLS=1.
"""

from __future__ import annotations

import datetime as dt
import os
import smtplib
from collections.abc import Mapping
from dataclasses import dataclass
from email.message import EmailMessage

import jinja2

from generator.errors import ConfigError
from generator.model import Entry
from generator.outputs import first_seen, page_url


@dataclass(frozen=True)
class Digest:
    subject: str
    html: str
    text: str
    count: int


def parse_date(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise ConfigError(f"--since {value!r}: expected a date as YYYY-MM-DD") from None


def make(entries: list[Entry], since: str, site_url: str, site_name: str) -> Digest:
    """Each new paper once, under its strongest tag; tags in order of their first paper."""
    new = [e for e in entries if (first_seen(e) or "") >= since]
    groups: dict[str, list[Entry]] = {}
    for entry in new:
        groups.setdefault(entry.tags[0].tag.name if entry.tags else "Other", []).append(entry)
    context = {
        "groups": list(groups.items()), "count": len(new), "since": since, "site_name": site_name,
        "site_url": site_url.rstrip("/") + "/", "urls": {e.slug: page_url(site_url, e) for e in new},
    }
    loader = jinja2.PackageLoader("generator", "templates")
    html = jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True).get_template("digest.html.j2").render(context)
    text = jinja2.Environment(loader=loader, autoescape=False, trim_blocks=True).get_template("digest.txt.j2").render(context)
    subject = f"{site_name}: {len(new)} new paper{'s' if len(new) != 1 else ''} since {since}"
    return Digest(subject, html, text, len(new))


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int
    sender: str
    recipients: tuple[str, ...]
    user: str = ""
    password: str = ""
    starttls: bool = False


def smtp_settings(env: Mapping[str, str] = os.environ) -> Smtp:
    """The SMTP settings, checked before any work: a CR or LF in a header value could add headers
    (or recipients) to the message, and a port that is no number would end the run with a traceback (#21)."""
    host = env.get("PAPERSHELF_SMTP_HOST", "")
    recipients = tuple(r.strip() for r in env.get("PAPERSHELF_SMTP_TO", "").split(",") if r.strip())
    missing = [name for name, value in (("PAPERSHELF_SMTP_HOST", host), ("PAPERSHELF_SMTP_TO", recipients)) if not value]
    if missing:
        raise ConfigError(f"--send needs {' and '.join(missing)} in the environment")
    for name in ("PAPERSHELF_SMTP_HOST", "PAPERSHELF_SMTP_FROM", "PAPERSHELF_SMTP_TO", "PAPERSHELF_SMTP_USER", "PAPERSHELF_SMTP_PORT"):
        value = env.get(name, "")
        if any(ch in value for ch in "\r\n\0"):
            raise ConfigError(f"{name} {value!r}: holds a line break or NUL, which would add lines to the message; nothing was sent")
    port_text = env.get("PAPERSHELF_SMTP_PORT", "25").strip()
    if not (port_text.isascii() and port_text.isdigit() and 0 < int(port_text) < 65536):
        raise ConfigError(f"PAPERSHELF_SMTP_PORT {port_text!r}: not a port number (1 to 65535); nothing was sent")
    return Smtp(
        host, int(port_text), env.get("PAPERSHELF_SMTP_FROM", "papershelf@localhost"), recipients,
        env.get("PAPERSHELF_SMTP_USER", ""), env.get("PAPERSHELF_SMTP_PASSWORD", ""), env.get("PAPERSHELF_SMTP_STARTTLS") == "1",
    )


def send(digest: Digest, settings: Smtp) -> list[str]:
    """Deliver the digest as one multipart (text + HTML) message; returns the recipients."""
    message = EmailMessage()
    message["Subject"] = digest.subject
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.recipients)
    message.set_content(digest.text)
    message.add_alternative(digest.html, subtype="html")
    try:
        with smtplib.SMTP(settings.host, settings.port, timeout=30) as smtp:
            if settings.starttls:
                smtp.starttls()
            if settings.user:
                smtp.login(settings.user, settings.password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException, ValueError) as err:
        raise ConfigError(f"could not send the digest through {settings.host}:{settings.port}: {err}") from None
    return list(settings.recipients)
