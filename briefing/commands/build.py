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
from ..publish import FORMATS, templates_fingerprint, write_brief


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
    # With the site, each day's PDF is rendered once, by the site, with its charts.
    site = options.site is not None and "html" in options.formats
    own_pdf = site and "pdf" in options.formats
    formats = tuple(f for f in options.formats if not (own_pdf and f == "pdf"))
    # Hashing the templates reads every file of the search path: once per build, not per day.
    fingerprint = templates_fingerprint(options.templates) if briefs else ""
    with progress(len(briefs), "Rendering") as advance:
        for brief in briefs:
            report.written[brief.date] = write_brief(
                brief, options.out, formats=formats, templates=options.templates, fingerprint=fingerprint
            )
            advance(1)
    if site and briefs:
        from ..site import write_site

        assert options.site is not None
        report.site = write_site(options.out, site=options.site, templates=options.templates, pdf=own_pdf)
        if own_pdf:
            for day, files in report.written.items():
                files.append(options.out / day / "brief.pdf")
    return report
