"""``briefing send``: email one day's built brief (or write it as an ``.eml`` file).

The brief must have been built first (``OUT/<date>/brief.md`` and ``brief.pdf``); nothing is
rendered here, and the brief's files are only read.

A failed send raises :class:`briefing.deliver.SendError` (a ``PublishError``); its
``temporary`` flag tells a scheduled job whether to try again on its next run.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .. import deliver
from ..config import EmailConfig
from ..errors import ConfigError
from ..readers import valid_date


@dataclass(frozen=True)
class SendResult:
    """What was sent (or written, with ``dry_run``)."""

    date: str
    recipients: tuple[str, ...]
    message_id: str
    subject: str
    #: The brief's files the message was built from.
    paths: tuple[Path, ...]
    #: The ``.eml`` file written by a dry run; ``None`` when the message was sent.
    eml: Path | None = None
    #: Recipients the server refused while accepting the others: address → server reply.
    refused: dict[str, str] = field(default_factory=dict)

    @property
    def sent(self) -> bool:
        return self.eml is None

    @property
    def path(self) -> Path:
        """The ``.eml`` file of a dry run, else the PDF that was sent."""
        return self.eml or self.paths[-1]


def default_eml(date: str) -> Path:
    """Where ``--dry-run`` writes without a file name: the current folder, not the output
    folder, so a published site never carries the recipients' addresses."""
    return Path(f"brief-{date}.eml")


def send(
    *,
    out: Path,
    date: str,
    to: tuple[str, ...] = (),
    config: EmailConfig,
    dry_run: bool = False,
    eml: Path | None = None,
    templates: Path | None = None,
) -> SendResult:
    """Email the brief of ``date`` from ``out`` to ``to`` (default ``config.to``).

    With ``dry_run`` nothing is sent; the message is written to ``eml`` (default
    ``./brief-<date>.eml``).  ``templates`` is accepted for symmetry with ``build`` and
    unused: the email is made from the built files, so it always matches the published brief.
    """
    if not valid_date(date):
        raise ConfigError(f"{date!r} is not a date; use YYYY-MM-DD")
    recipients = tuple(to or config.to)
    if not recipients:
        raise ConfigError("no recipients; give --to ADDRESS or set [email] to in briefing.toml")
    parts = deliver.load_brief(out, date)
    message = deliver.build_message(parts, config=replace(config, to=recipients))
    folder = out / date
    result = SendResult(
        date=date,
        recipients=recipients,
        message_id=str(message["Message-ID"]),
        subject=str(message["Subject"]),
        paths=(folder / "brief.md", folder / "brief.pdf"),
    )
    if dry_run:
        target = eml or default_eml(date)
        deliver.write_eml(message, target)
        return replace(result, eml=target)
    refused = deliver.send(message, config=config)
    return replace(result, refused=refused)
