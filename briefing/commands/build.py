"""``briefing build``: articles → one brief per day in Markdown, HTML, PDF and JSON."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .. import pipeline
from ..assemble import AssembleOptions, assemble
from ..config import SiteConfig
from ..errors import ConfigError, InputError
from ..pipeline import DayRange, ProgressFactory, no_progress
from ..publish import FORMATS, write_brief


@dataclass(frozen=True)
class BuildOptions:
    out: Path = Path("build")
    formats: tuple[str, ...] = FORMATS
    templates: Path | None = None
    date: str | None = None
    days: DayRange = field(default_factory=DayRange)
    model: str | None = None
    title: str = "Daily brief"
    cache: Path | None = None
    # The static site written around the briefs when HTML is among the formats; None: no site.
    site: SiteConfig | None = field(default_factory=SiteConfig)

    def __post_init__(self) -> None:
        bad = [f for f in self.formats if f not in FORMATS]
        if bad or not self.formats:
            raise ConfigError(
                f"unknown format {', '.join(bad) or '(none)'}; choose from {', '.join(FORMATS)}"
            )
        if self.templates is not None and not self.templates.is_dir():
            raise ConfigError(f"{self.templates}: templates folder not found; give an existing folder")


@dataclass
class BuildReport:
    written: dict[str, list[Path]] = field(default_factory=dict)
    errors: list[InputError] = field(default_factory=list)
    articles: int = 0
    site: list[Path] = field(default_factory=list)


def build(
    paths: Iterable[str], *, options: BuildOptions, progress: ProgressFactory = no_progress
) -> BuildReport:
    result = pipeline.read(paths, date=options.date, days=options.days)
    report = BuildReport(errors=result.errors, articles=len(result.articles))
    extractions = list(
        pipeline.extract(result.articles, model=options.model, cache=options.cache, progress=progress)
    )
    briefs = assemble(extractions, options=AssembleOptions(title=options.title))
    with progress(len(briefs), "Rendering") as advance:
        for brief in briefs:
            report.written[brief.date] = write_brief(
                brief, options.out, formats=options.formats, templates=options.templates
            )
            advance(1)
    if options.site is not None and "html" in options.formats and briefs:
        from ..site import write_site

        report.site = write_site(options.out, site=options.site, templates=options.templates)
    return report
