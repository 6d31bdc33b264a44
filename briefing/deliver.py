"""Email delivery: the day's brief as a multipart message, sent over SMTP.

The message is built from the files ``briefing build`` already wrote to ``OUT/<date>/``
(nothing is rendered again, so the email always matches the published brief):

* ``multipart/alternative`` body: ``text/plain`` is ``brief.md`` as it is, ``text/html`` is
  that Markdown converted with the ``markdown`` package into a small page with inline
  styles (email clients drop ``<style>`` blocks and external CSS);
* ``brief.pdf`` attached as ``brief-<date>.pdf``.

Article text is untrusted: raw HTML in the Markdown is escaped rather than passed through,
link targets other than http(s), mailto and in-page anchors are dropped, and images become
their alt text (remote images in email are trackers and usually blocked anyway).

The ``Message-ID`` is derived from the date and a hash of the Markdown, so sending the same
brief twice gives the same id and a resend is recognisable (and deduplicated by most
clients).

Every failure to send is raised as :class:`SendError` (a ``PublishError``) with a one-line
message; ``SendError.temporary`` says whether trying again later can help.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import ipaddress
import re
import smtplib
import socket
import ssl
import xml.etree.ElementTree as etree
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from . import publish
from .config import EmailConfig
from .errors import ConfigError, PublishError
from .publish import atomic_write
from .text import squash

__all__ = [
    "BriefParts",
    "SendError",
    "build_message",
    "load_brief",
    "markdown_to_email_html",
    "send",
    "write_eml",
]

#: Link schemes kept in the HTML part; anything else (javascript:, data:, file:, relative
#: paths that mean nothing inside a mailbox) loses its target and stays plain text.
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})


class SendError(PublishError):
    """The message could not be handed to the SMTP server.

    ``temporary`` is true when the same send may succeed later unchanged (connection
    refused or dropped, timeouts, 4xx replies); false when a setting must be fixed first
    (authentication, certificates, 5xx replies, a missing password).
    """

    def __init__(self, message: str, *, temporary: bool) -> None:
        super().__init__(message)
        self.temporary = temporary


@dataclass(frozen=True)
class BriefParts:
    """The files of one day's brief, as read from ``OUT/<date>/``."""

    date: str
    title: str
    markdown: str
    pdf: bytes
    folder: Path | None = None

    @property
    def digest(self) -> str:
        """Hash of the brief's content.  The Markdown, not the PDF: PDF files carry
        creation timestamps, so two builds of the same brief would hash differently."""
        return hashlib.sha256(self.markdown.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------------------
# Reading the built brief


def load_brief(out: Path, date: str) -> BriefParts:
    """Read ``OUT/<date>/brief.md`` and ``brief.pdf`` (and the title from ``brief.json``)."""
    folder = out / date
    md_path, pdf_path = folder / "brief.md", folder / "brief.pdf"
    for path in (md_path, pdf_path):
        if not path.is_file():
            raise PublishError(
                f"{path}: not found; run `briefing build` first (with the md and pdf formats) "
                f"to write the brief of {date} to {out}/"
            )
    try:
        text = md_path.read_text(encoding="utf-8")
        pdf = pdf_path.read_bytes()
    except (OSError, UnicodeDecodeError) as exc:
        raise PublishError(f"{folder}: the brief cannot be read ({exc}); run `briefing build` again") from exc
    if not pdf.startswith(b"%PDF"):
        raise PublishError(f"{pdf_path}: not a PDF file; run `briefing build` again")
    return BriefParts(date=date, title=_title(folder, text), markdown=text, pdf=pdf, folder=folder)


def _title(folder: Path, text: str) -> str:
    """The brief's title: from ``brief.json`` when present, else the first Markdown heading."""
    title = ""
    if (folder / "brief.json").is_file():
        # A damaged brief.json only loses the title: the email is made from brief.md.
        with contextlib.suppress(PublishError):
            title = publish.load_brief(folder / "brief.json").title
    if not title.strip():
        match = re.search(r"^#\s+(.+?)\s*#*\s*$", text, re.MULTILINE)
        title = match.group(1) if match else "Daily brief"
    return squash(title)


# ---------------------------------------------------------------------------------------
# Markdown → safe, email-friendly HTML

#: Inline styles per tag.  Kept small and conservative: these render the same in webmail,
#: Outlook and Apple Mail.
_STYLES: dict[str, str] = {
    "h1": "font-size:24px;line-height:1.25;margin:0 0 16px;",
    "h2": "font-size:19px;line-height:1.3;margin:28px 0 10px;padding-bottom:4px;"
    "border-bottom:1px solid #ddd;",
    "h3": "font-size:16px;line-height:1.3;margin:20px 0 8px;",
    "p": "margin:0 0 12px;",
    "ul": "margin:0 0 12px;padding-left:22px;",
    "ol": "margin:0 0 12px;padding-left:22px;",
    "li": "margin:0 0 6px;",
    "blockquote": "margin:0 0 12px;padding:2px 0 2px 12px;border-left:3px solid #bbb;color:#333;",
    "table": "border-collapse:collapse;margin:0 0 16px;font-size:14px;",
    "th": "border:1px solid #ccc;padding:4px 8px;text-align:left;background:#f2f2f2;",
    "td": "border:1px solid #ccc;padding:4px 8px;vertical-align:top;",
    "a": "color:#0b57d0;",
    "code": "font-family:Menlo,Consolas,monospace;font-size:90%;",
    "hr": "border:0;border-top:1px solid #ddd;margin:20px 0;",
}

_WRAPPER = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f4;">
<div style="max-width:680px;margin:0 auto;padding:24px;background:#ffffff;color:#1a1a1a;\
font-family:Georgia,'Times New Roman',serif;font-size:16px;line-height:1.5;">
{body}
</div>
</body>
</html>
"""

# An empty anchor target such as ``<a id="src-3"></a>`` is the one piece of raw HTML a brief
# template may legitimately emit (to make source links jump); it is rebuilt as an element
# from the captured id, never copied through, so it cannot carry attributes or script.
_ANCHOR_RE = r'<a\s+(?:id|name)="([A-Za-z0-9_.:-]{1,120})"\s*>\s*</a>'


class _AnchorTarget(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        el = etree.Element("a")
        el.set("id", m.group(1))
        el.text = ""
        return el, m.start(0), m.end(0)


class _EmailTree(Treeprocessor):
    """Drops unsafe link targets, turns images into text and adds the inline styles."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if el.tag == "img":
                alt = el.get("alt") or ""
                el.attrib.clear()
                el.tag, el.text = "span", alt
                continue
            if el.tag == "a":
                href = el.get("href")
                if href is not None and not _safe_href(href):
                    del el.attrib["href"]
            for name in list(el.attrib):
                if name not in ("href", "id", "title", "align"):
                    del el.attrib[name]
            style = _STYLES.get(el.tag)
            if style:
                el.set("style", style)


class _SafeEmail(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Raw HTML, block and inline, is treated as text and therefore escaped.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.inlinePatterns.register(_AnchorTarget(_ANCHOR_RE, md), "briefing_anchor", 95)
        # After "inline" (20), which creates the links and images.
        md.treeprocessors.register(_EmailTree(md), "briefing_email", 15)


def _safe_href(href: str) -> bool:
    href = href.strip()
    if href.startswith("#"):
        return True
    try:
        parts = urlsplit(href)
    except ValueError:
        return False
    return parts.scheme.lower() in SAFE_SCHEMES and (parts.scheme.lower() == "mailto" or bool(parts.netloc))


def markdown_to_email_html(text: str, *, title: str) -> str:
    """Convert the Markdown brief to a standalone, inline-styled HTML page for email."""
    body = markdown.markdown(text, extensions=["tables", "sane_lists", _SafeEmail()], output_format="html")
    return _WRAPPER.format(title=html.escape(title), body=body)


# ---------------------------------------------------------------------------------------
# The message


def _address(value: str, what: str) -> str:
    """Check one address (``a@b`` or ``Name <a@b>``); a bad one is a settings problem."""
    value = value.strip()
    _, addr = parseaddr(value)
    if "\r" in value or "\n" in value or not re.fullmatch(r"[^@\s<>,;]+@[^@\s<>,;]+", addr):
        raise ConfigError(f"{what} {value!r} is not an email address; use name@example.org")
    return value


_SUBJECT_FIELD = re.compile(r"\{(title|date)\}")


def _subject(fmt: str, *, title: str, date: str) -> str:
    """``fmt`` with ``{title}`` and ``{date}`` filled in.  Only these two, substituted as
    plain text: ``str.format`` would also evaluate ``{0}``, ``{title.__class__}`` and
    format specs, none of which a subject line needs."""
    if "{" in _SUBJECT_FIELD.sub("", fmt) or "}" in _SUBJECT_FIELD.sub("", fmt):
        raise ConfigError(f"[email] subject {fmt!r} cannot be filled in; use only {{title}} and {{date}}")
    values = {"title": title, "date": date}
    subject = _SUBJECT_FIELD.sub(lambda m: values[m.group(1)], fmt)
    return squash(subject)


def _message_id(parts: BriefParts, sender: str) -> str:
    domain = parseaddr(sender)[1].rpartition("@")[2].lower()
    if not re.fullmatch(r"[a-z0-9](?:[a-z0-9.-]{0,250}[a-z0-9])?", domain):
        domain = "briefing.localhost"
    return f"<brief-{parts.date}-{parts.digest[:20]}@{domain}>"


def build_message(
    parts: BriefParts,
    *,
    config: EmailConfig,
    to: Sequence[str] | None = None,
    title: str | None = None,
    now: datetime | None = None,
) -> EmailMessage:
    """The brief as ``multipart/mixed``: text + HTML alternatives, then the PDF.

    ``to`` defaults to ``config.to``; ``title`` to the brief's own title; ``now`` (the Date
    header) to the current local time.
    """
    recipients = [_address(a, "recipient") for a in (to if to is not None else config.to)]
    if not recipients:
        raise ConfigError("no recipients; give --to ADDRESS or set [email] to in briefing.toml")
    sender = _address(config.sender, "[email] sender")
    title = squash(title or parts.title) or "Daily brief"

    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = ", ".join(recipients)
    msg["Subject"] = _subject(config.subject, title=title, date=parts.date)
    msg["Date"] = format_datetime(now or datetime.now().astimezone())
    msg["Message-ID"] = _message_id(parts, sender)
    # RFC 3834: a daily job's mail, so auto-responders (vacation replies) stay quiet.
    msg["Auto-Submitted"] = "auto-generated"
    # Quoted-printable keeps the text parts 7-bit clean, so relays without 8BITMIME pass
    # them unchanged whatever the language of the articles.
    msg.set_content(parts.markdown, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(
        markdown_to_email_html(parts.markdown, title=title),
        subtype="html",
        charset="utf-8",
        cte="quoted-printable",
    )
    msg.add_attachment(parts.pdf, maintype="application", subtype="pdf", filename=f"brief-{parts.date}.pdf")
    return msg


def write_eml(message: EmailMessage, path: Path) -> None:
    """Write the message as an ``.eml`` file (what ``--dry-run`` produces), atomically."""
    atomic_write(path, message.as_bytes(), what="message")


# ---------------------------------------------------------------------------------------
# Sending


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _tls_context(config: EmailConfig) -> ssl.SSLContext:
    if not config.verify:
        # Only for servers with self-signed certificates the user chose to trust blindly.
        ctx = ssl.create_default_context()
        ctx.check_hostname = False
        ctx.verify_mode = ssl.CERT_NONE
        return ctx
    try:
        return ssl.create_default_context(cafile=config.cafile)
    except (OSError, ssl.SSLError) as exc:
        raise SendError(
            f"[email] cafile {config.cafile}: cannot be loaded ({_one_line(exc)}); "
            "give a PEM certificate file",
            temporary=False,
        ) from exc


def _one_line(value: object) -> str:
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    return squash(value) or "no details"


def _reason(exc: BaseException, config: EmailConfig) -> tuple[str, bool]:
    """A one-line reason for ``exc`` and whether a later retry can help."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{a}: {c} {_one_line(m)}" for a, (c, m) in exc.recipients.items())
        codes = [c for c, _ in exc.recipients.values()]
        return f"every recipient was refused ({refused})", all(400 <= c < 500 for c in codes)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        return (
            f"login as {config.username!r} refused ({exc.smtp_code} {_one_line(exc.smtp_error)}); "
            f"check [email] username and ${config.password_env}"
        ), False
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (
            f"sender {exc.sender} refused ({exc.smtp_code} {_one_line(exc.smtp_error)})",
            400 <= exc.smtp_code < 500,
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_one_line(exc.smtp_error)}", 400 <= exc.smtp_code < 500
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        if "STARTTLS" in str(exc).upper():
            return 'the server does not offer STARTTLS; use security = "ssl" or "none"', False
        return _one_line(exc), False
    if isinstance(exc, smtplib.SMTPServerDisconnected):
        # smtplib reports a read timeout as a disconnection; the timeout is the real story.
        if isinstance(exc.__context__, TimeoutError):
            return f"no answer within {config.timeout:g} s", True
        return f"the server closed the connection ({_one_line(exc)})", True
    if isinstance(exc, ssl.SSLCertVerificationError):
        return (
            f"TLS certificate not trusted ({_one_line(exc.verify_message)}); "
            "set [email] cafile to the server's CA, or verify = false"
        ), False
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed ({_one_line(exc.reason or exc)})", False
    if isinstance(exc, socket.gaierror):
        return f"unknown host ({_one_line(exc.strerror)})", True
    if isinstance(exc, TimeoutError):
        return f"no answer within {config.timeout:g} s", True
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused (is the server running on that port?)", True
    if isinstance(exc, OSError):
        return _one_line(exc.strerror or exc), True
    return _one_line(exc), False


def send(message: EmailMessage, *, config: EmailConfig) -> dict[str, str]:
    """Send ``message`` to its ``To`` recipients through the server of ``config``.

    Returns the recipients the server refused while accepting others (address → reply);
    empty when all were accepted.  Raises :class:`SendError` when nothing was sent.
    """
    where = f"{config.host}:{config.port}"
    password = config.password
    if config.username and not password:
        raise SendError(
            f"[email] username is set but ${config.password_env} is empty; "
            f"set the environment variable {config.password_env} to the SMTP password",
            temporary=False,
        )
    if config.username and config.security == "none" and not _is_loopback(config.host):
        raise SendError(
            f'refusing to send the SMTP password unencrypted to {where}; use security = "starttls" or "ssl"',
            temporary=False,
        )
    context = _tls_context(config) if config.security != "none" else None
    try:
        smtp: smtplib.SMTP
        if config.security == "ssl":
            smtp = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout, context=context)
        else:
            smtp = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
        with smtp:
            smtp.ehlo()
            if config.security == "starttls":
                smtp.starttls(context=context)
                smtp.ehlo()
            if config.username and password:
                smtp.login(config.username, password)
            refused = smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as exc:
        reason, temporary = _reason(exc, config)
        raise SendError(
            f"cannot send to {where}: {reason}; check [email] settings", temporary=temporary
        ) from exc
    return {addr: f"{code} {_one_line(msg)}" for addr, (code, msg) in refused.items()}
