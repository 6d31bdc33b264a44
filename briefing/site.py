"""The static site: every built brief as a browsable page, an archive, an Atom feed and a sitemap.

``write_site(out, site=...)`` reads the briefs ``briefing build`` left in ``OUT/<date>/brief.json``
and writes, beside them:

* ``OUT/<date>/index.html``: the day's brief (``brief.html.j2``) in the site's chrome, with
  links to the previous and next day and to the day's PDF, Markdown and JSON;
* ``OUT/archive/index.html`` (every month) and ``OUT/archive/<YYYY-MM>.html`` (a month's days);
* ``OUT/index.html``: the latest brief's highlights, the figures charted over time, recent days;
* ``OUT/feed.xml``: an Atom 1.0 feed with the full brief of each recent day;
* ``OUT/sitemap.xml``: only when ``base_url`` is set, since a sitemap needs absolute URLs.

Every link between pages is relative, so the folder can be served from any path of any web
server or opened from disk.  Pages carry no script and fetch nothing: stylesheets are inlined
and the charts are inline SVG drawn here, so they also appear in the PDF (WeasyPrint draws
inline SVG): a day whose brief has charts gets its ``brief.pdf`` rendered again from the day
page.

The output is a function of the briefs, the templates and the version only (no clock): the
feed's ``updated`` is the brief's date at midnight UTC.  Files are written through
``publish.atomic_write`` and only when their bytes change, so an unchanged page keeps its mtime
and web caches stay valid.  Day pages are written first and the index, feed and sitemap last:
an interrupted run never leaves an index pointing at a page that does not exist yet.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from . import __version__, render
from .config import SiteConfig
from .errors import ConfigError
from .lexicons import load_json
from .models import Brief, FigureItem
from .publish import atomic_write, load_brief, remove
from .readers import valid_date

__all__ = ["Chart", "Day", "Month", "write_site"]

DAY_TEMPLATE = "site/day.html.j2"
INDEX_TEMPLATE = "site/index.html.j2"
ARCHIVE_TEMPLATE = "site/archive.html.j2"
MONTH_TEMPLATE = "site/month.html.j2"
FEED_TEMPLATE = "site/feed.xml.j2"
SITEMAP_TEMPLATE = "site/sitemap.xml.j2"

#: Days in the feed, newest first.  Every entry carries a whole brief, so the feed is capped.
FEED_ENTRIES = 60
#: Days listed under "Recent days" on the home page (besides the latest).
RECENT_DAYS = 10
#: Calendar days a chart spans, ending on the day it is drawn for.
CHART_WINDOW = 31
#: Charts on one page.
MAX_CHARTS = 4
#: The digest of the chart-bearing PDF a day was last rendered from (see ``_update_pdf``).
PDF_DIGEST_FILE = ".site-pdf.digest"

_DOWNLOADS = (("brief.pdf", "PDF"), ("brief.md", "Markdown"), ("brief.json", "JSON"))

# ----------------------------------------------------------------------------- days and months


@dataclass(frozen=True)
class Day:
    """One built day: its brief and the downloads that exist beside it."""

    date: str
    brief: Brief
    files: tuple[tuple[str, str], ...] = ()  # (file name, label), e.g. ("brief.pdf", "PDF")

    @property
    def month(self) -> str:
        return self.date[:7]

    @property
    def month_label(self) -> str:
        return month_label(self.month)


@dataclass(frozen=True)
class Month:
    """A month of the archive: ``key`` ``2022-07``, ``label`` ``July 2022``, days newest first."""

    key: str
    label: str
    days: tuple[Day, ...]


def month_label(key: str) -> str:
    year, month = key.split("-")
    return f"{render.MONTHS[int(month) - 1]} {year}"


def find_days(out: Path, *, pdf: bool = False) -> list[Day]:
    """Every ``OUT/<YYYY-MM-DD>/brief.json``, oldest first; with ``pdf`` each day's PDF is
    listed as a download even before the site has rendered it."""
    days = []
    for path in sorted(out.glob("*/brief.json")):
        date = path.parent.name
        if not valid_date(date):
            continue
        files = tuple(
            (name, label)
            for name, label in _DOWNLOADS
            if (path.parent / name).is_file() or (pdf and name == "brief.pdf")
        )
        days.append(Day(date=date, brief=load_brief(path), files=files))
    return days


def group_months(days: Sequence[Day]) -> list[Month]:
    """Months newest first, each with its days newest first."""
    by_month: dict[str, list[Day]] = {}
    for day in sorted(days, key=lambda d: d.date, reverse=True):
        by_month.setdefault(day.month, []).append(day)
    return [Month(key=k, label=month_label(k), days=tuple(v)) for k, v in by_month.items()]


# ----------------------------------------------------------------------------- charts


@dataclass(frozen=True)
class Tick:
    pos: float
    label: str


@dataclass(frozen=True)
class ChartPoint:
    """One day of a series: every value reported that day, the highest one drawn on the line."""

    date: str
    label: str  # "18 Jul"
    x: float
    y: float  # of the highest value
    value: float
    value_label: str  # the highest value, compact ("4.1M")
    texts: tuple[str, ...]  # every figure of the day as the articles wrote it
    others: tuple[float, ...]  # y of the other values
    current: bool = False


@dataclass(frozen=True)
class Chart:
    """A figure tracked over days, laid out for ``site/_site.html.j2``'s ``chart`` macro.

    Coordinates are in the SVG's user units (``width`` × ``height``); ``left``, ``top``,
    ``right`` and ``bottom`` bound the plot area.
    """

    id: str
    key: str
    title: str
    unit: str
    scale: str  # "linear" or "log"
    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    points: tuple[ChartPoint, ...]
    path: str
    yticks: tuple[Tick, ...]
    xticks: tuple[Tick, ...]
    summary: str


_W, _H = 360, 180
_LEFT, _RIGHT, _TOP, _BOTTOM = 46.0, 346.0, 16.0, 152.0

_PEOPLE_TITLES = {
    "killed": "People killed",
    "wounded": "People wounded",
    "displaced": "People displaced",
    "refugees": "Refugees",
    "trapped": "People trapped",
    "detained": "People detained",
}


def _kinds() -> tuple[str, ...]:
    kinds: dict[str, list[str]] = load_json("figure_kinds.json")["kinds"]
    return tuple(kinds)


def series_title(key: str) -> str:
    """A row key (``unit|kind|per|places``, see ``assemble.figure_key``) as a chart title."""
    unit, base, per, places = key.split("|")
    if unit == "people" and base in _PEOPLE_TITLES:
        title = _PEOPLE_TITLES[base]
    else:
        title = base[:1].upper() + base[1:]
        if unit and unit != base:
            title += f" ({unit})"
    if per:
        title += f" per {per}"
    if places:
        title += " in " + ", ".join(p.title() for p in places.split())
    return title


def compact(value: float, unit: str = "") -> str:
    """``4100000`` → ``4.1M``; ``25000`` → ``25k``; ``1351`` → ``1,351``; percent gets ``%``."""
    if unit == "percent":
        return f"{value:,.1f}".rstrip("0").rstrip(".") + "%"
    for threshold, size, suffix in ((1e9, 1e9, "bn"), (1e6, 1e6, "M"), (1e4, 1e3, "k")):
        if abs(value) >= threshold:
            return f"{value / size:,.1f}".rstrip("0").rstrip(".") + suffix
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def short_date(date: str) -> str:
    d = dt.date.fromisoformat(date)
    return f"{d.day} {render.MONTHS[d.month - 1][:3]}"


def _nice(x: float) -> float:
    """The smallest of 1, 2, 2.5, 5 × 10^k that is ≥ ``x``."""
    if x <= 0:
        return 1.0
    exp = math.floor(math.log10(x))
    for n in (1, 2, 2.5, 5, 10):
        if x <= n * 10**exp * (1 + 1e-9):
            return n * 10**exp
    return 10.0 ** (exp + 1)  # pragma: no cover - the loop ends at 10


def _y_scale(values: Sequence[float], unit: str) -> tuple[str, Any, tuple[Tick, ...]]:
    """(scale name, value → y, ticks).  Logarithmic when the values span two orders of
    magnitude or more (a chart of 2 and 5,500 would otherwise show only one dot), else linear
    from zero so heights compare honestly."""
    lo, hi = min(values), max(values)
    span = _BOTTOM - _TOP
    if lo > 0 and hi / lo >= 100:
        e0, e1 = math.floor(math.log10(lo)), math.ceil(math.log10(hi))
        if e1 == e0:
            e1 += 1

        def log_y(v: float) -> float:
            return _BOTTOM - (math.log10(max(v, 10.0**e0)) - e0) / (e1 - e0) * span

        every = max(1, math.ceil((e1 - e0) / 4))
        ticks = tuple(Tick(log_y(10.0**e), compact(10.0**e, unit)) for e in range(e0, e1 + 1, every))
        return "log", log_y, ticks
    step = _nice(hi / 4) if hi > 0 else 1.0
    top = step * max(1, math.ceil(hi / step - 1e-9))

    def lin_y(v: float) -> float:
        return _BOTTOM - v / top * span

    n = round(top / step)
    ticks = tuple(Tick(lin_y(step * i), compact(step * i, unit)) for i in range(n + 1))
    return "linear", lin_y, ticks


def _usable(item: FigureItem) -> bool:
    return not item.vague and item.value is not None and math.isfinite(item.value) and item.value >= 0


def collect_series(days: Sequence[Day]) -> dict[str, dict[str, list[FigureItem]]]:
    """Row key → date → the day's non-vague figures under that key.

    Only keys with a unit and a kind of count are kept: a row that got a per-article suffix
    (two values in one article) or has no unit is not one quantity followed over time.
    """
    series: dict[str, dict[str, list[FigureItem]]] = {}
    for day in days:
        for row in day.brief.figures:
            parts = row.key.split("|")
            if len(parts) != 4 or not parts[0] or not parts[1]:
                continue
            items = [i for i in row.items if _usable(i)]
            if items:
                series.setdefault(row.key, {}).setdefault(day.date, []).extend(items)
    return series


def build_charts(
    days: Sequence[Day], *, current: str | None = None, limit: int = MAX_CHARTS
) -> tuple[Chart, ...]:
    """Charts of the figures reported on two or more days of the ``CHART_WINDOW`` days ending on
    ``current`` (or the last day).  With ``current`` only series reported that day are drawn, so
    a day's page never depends on later days.

    Only the kinds of count of ``lexicons/figure_kinds.json`` (killed, wounded, refugees, grain
    …) are charted: other rows are keyed by the words of one sentence and rarely count the same
    thing from day to day.  The series reported on most days and by most articles come first.
    """
    if not days:
        return ()
    end = current or max(d.date for d in days)
    end_day = dt.date.fromisoformat(end)
    start_day = end_day - dt.timedelta(days=CHART_WINDOW - 1)
    window = [d for d in days if start_day <= dt.date.fromisoformat(d.date) <= end_day]
    if not window:
        return ()
    first_day = min(dt.date.fromisoformat(d.date) for d in window)
    span_days = max(1, (end_day - first_day).days)
    kinds = _kinds()
    local = set(load_json("figure_kinds.json").get("local", ()))
    candidates = []
    for key, by_date in collect_series(window).items():
        _, kind, _, places = key.split("|")
        if (
            kind not in kinds
            or (kind in local and not places)
            or len(by_date) < 2
            or (current is not None and current not in by_date)
        ):
            continue
        reports = sum(len(i.sources) for items in by_date.values() for i in items)
        candidates.append(((-len(by_date), -reports, kinds.index(key.split("|")[1]), key), key, by_date))
    candidates.sort(key=lambda c: c[0])
    charts = []
    for n, (_, key, by_date) in enumerate(candidates[:limit], 1):
        charts.append(
            _chart(
                f"chart-{n}", key, by_date, first_day=first_day, span_days=span_days, end=end, current=current
            )
        )
    return tuple(charts)


def _chart(
    chart_id: str,
    key: str,
    by_date: dict[str, list[FigureItem]],
    *,
    first_day: dt.date,
    span_days: int,
    end: str,
    current: str | None,
) -> Chart:
    unit = key.split("|")[0]
    values = [float(i.value) for items in by_date.values() for i in items if i.value is not None]
    scale, y_of, yticks = _y_scale(values, unit)

    def x_of(date: str) -> float:
        return _LEFT + (dt.date.fromisoformat(date) - first_day).days / span_days * (_RIGHT - _LEFT)

    points = []
    for date in sorted(by_date):
        items = by_date[date]
        vals = sorted({float(i.value) for i in items if i.value is not None})
        top = vals[-1]
        texts = tuple(
            dict.fromkeys(render.figure_text(i) for i in sorted(items, key=lambda i: -(i.value or 0)))
        )
        points.append(
            ChartPoint(
                date=date,
                label=short_date(date),
                x=round(x_of(date), 1),
                y=round(y_of(top), 1),
                value=top,
                value_label=compact(top, unit),
                texts=texts,
                others=tuple(round(y_of(v), 1) for v in vals[:-1]),
                current=date == current,
            )
        )
    path = " ".join(f"{'M' if i == 0 else 'L'}{p.x},{p.y}" for i, p in enumerate(points))
    first_date = first_day.isoformat()
    xdates = [first_date, end]
    if span_days >= 6:
        xdates.insert(1, (first_day + dt.timedelta(days=span_days // 2)).isoformat())
    xticks = tuple(Tick(round(x_of(d), 1), short_date(d)) for d in xdates)
    title = series_title(key)
    last = points[-1]
    first_long, last_long = (render.long_date(p.date, weekday=False) for p in (points[0], last))
    summary = (
        f"{title}: the highest figure reported on each of {len(points)} days between "
        f"{first_long} and {last_long}; {'; '.join(last.texts)} on {last_long}."
        + (" Logarithmic scale." if scale == "log" else "")
    )
    return Chart(
        id=chart_id,
        key=key,
        title=title,
        unit=unit,
        scale=scale,
        width=_W,
        height=_H,
        left=_LEFT,
        top=_TOP,
        right=_RIGHT,
        bottom=_BOTTOM,
        points=tuple(points),
        path=path,
        yticks=tuple(Tick(round(t.pos, 1), t.label) for t in yticks),
        xticks=xticks,
        summary=summary,
    )


# ----------------------------------------------------------------------------- feed helpers

_XML_INVALID_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_HEADER_RE = re.compile(r"<header\b[^>]*>.*?</header>", re.S)
_MAIN_RE = re.compile(r"<main\b[^>]*>(.*?)</main>", re.S)
_BODY_RE = re.compile(r"<body\b[^>]*>(.*)</body>", re.S)


def xml_text(value: str) -> str:
    """``value`` without the characters XML 1.0 forbids (article text may hold control codes)."""
    return _XML_INVALID_RE.sub("", value)


def feed_html(page: str) -> str:
    """The part of a rendered brief page that goes into a feed entry: its masthead and ``<main>``
    (no styles, no skip link, no section menu); the whole ``<body>`` for a page without them."""
    main = _MAIN_RE.search(page)
    if main:
        header = _HEADER_RE.search(page[: main.start()])
        return ((header.group(0) + "\n") if header else "") + main.group(1).strip() + "\n"
    body = _BODY_RE.search(page)
    return body.group(1) if body else page


def _base_url(value: str) -> str:
    """``base_url`` with a trailing slash, ``""`` when unset; anything but http(s) is refused."""
    value = value.strip()
    if not value:
        return ""
    if render.http_url(value) is None:
        raise ConfigError(
            f"site base_url {value!r} is not an absolute http(s) URL; e.g. https://example.org/briefs/"
        )
    return value if value.endswith("/") else value + "/"


def _midnight(date: str) -> str:
    return f"{date}T00:00:00Z"


def _entry_id(base: str, title: str, date: str) -> str:
    """The entry's Atom id: the day page's URL when the site has a base URL, else a name-based
    UUID of the site title and the date, which stays the same from build to build."""
    if base:
        return f"{base}{date}/index.html"
    return uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{title}:{date}").urn


# ----------------------------------------------------------------------------- writing


def write_if_changed(path: Path, data: str | bytes) -> bool:
    """``atomic_write`` unless ``path`` already holds exactly these bytes; True when written."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        if path.read_bytes() == payload:
            return False
    except OSError:
        pass
    atomic_write(path, payload, make_parents=True, what="site file")
    return True


def _update_pdf(ts: render.TemplateSet, day_dir: Path, html: str, *, has_charts: bool, own: bool) -> bool:
    """Render ``brief.pdf`` from the day page, charts included, when it is out of date.

    With ``own`` the site is the PDF's only writer (``briefing build`` leaves it to the site so
    that each PDF is rendered once).  Otherwise a PDF written by the build is replaced only
    when the day has charts.  ``.site-pdf.digest`` records the page's hash and the PDF's
    hash: a PDF rewritten since no longer matches and is rendered again; an unchanged one is
    left alone.
    """
    pdf = day_dir / "brief.pdf"
    digest_path = day_dir / PDF_DIGEST_FILE
    if not own and (not pdf.is_file() or (not has_charts and not digest_path.is_file())):
        return False
    want = hashlib.sha256(f"{__version__}\0{html}".encode()).hexdigest()
    try:
        recorded = digest_path.read_text(encoding="utf-8").split()
    except OSError:
        recorded = []
    if pdf.is_file() and recorded == [want, hashlib.sha256(pdf.read_bytes()).hexdigest()]:
        return False
    # The PDF writer is the renderer's: it fetches nothing but local files.
    data = render._write_pdf(html, base_url=ts.search_path[0])
    written = write_if_changed(pdf, data)
    write_if_changed(digest_path, f"{want} {hashlib.sha256(data).hexdigest()}\n")
    return written


def write_site(
    out: Path, *, site: SiteConfig, templates: Path | None = None, pdf: bool = False
) -> list[Path]:
    """Write the site for every brief in ``out``; return the files written (unchanged files,
    left as they were, are not listed).  Nothing is written when ``out`` holds no brief.

    With ``pdf`` the site also writes every day's ``brief.pdf`` (with its charts)."""
    base = _base_url(site.base_url)
    days = find_days(out, pdf=pdf)
    if not days:
        return []
    if site.title is None:
        # No [site] title: the site is called what its briefs are called.
        site = replace(site, title=days[-1].brief.title)
    title: str = site.title or ""
    ts = render.template_set(templates)
    written: list[Path] = []

    def put(path: Path, data: str | bytes) -> None:
        if write_if_changed(path, data):
            written.append(path)

    common: dict[str, Any] = {"site": site, "base_url": base, "css_href": None}
    latest = days[-1]
    months = group_months(days)

    # 1. Day pages (and their PDFs with charts): what every other page links to.
    for i, day in enumerate(days):
        charts = build_charts(days[: i + 1], current=day.date)
        ctx = {
            **common,
            "day": day,
            "prev_day": days[i - 1] if i else None,
            "next_day": days[i + 1] if i + 1 < len(days) else None,
            "charts": charts,
            "root": "../",
        }
        put(out / day.date / "index.html", ts.render(DAY_TEMPLATE, day.brief, output="html", **ctx))
        pdf_html = ts.render(DAY_TEMPLATE, day.brief, output="pdf", **ctx)
        if _update_pdf(ts, out / day.date, pdf_html, has_charts=bool(charts), own=pdf):
            written.append(out / day.date / "brief.pdf")

    # 2. The archive: month pages, then the list of months.
    for j, month in enumerate(months):
        put(
            out / "archive" / f"{month.key}.html",
            ts.render(
                MONTH_TEMPLATE,
                latest.brief,
                output="html",
                **common,
                root="../",
                current="archive",
                month=month,
                newer=months[j - 1] if j else None,
                older=months[j + 1] if j + 1 < len(months) else None,
            ),
        )
    put(
        out / "archive" / "index.html",
        ts.render(
            ARCHIVE_TEMPLATE,
            latest.brief,
            output="html",
            **common,
            root="../",
            current="archive",
            months=months,
        ),
    )

    # 3. The home page.
    newest_first = list(reversed(days))
    put(
        out / "index.html",
        ts.render(
            INDEX_TEMPLATE,
            latest.brief,
            output="html",
            **common,
            root="",
            current="home",
            day=latest,
            recent=newest_first[1 : RECENT_DAYS + 1],
            charts=build_charts(days),
            months=months,
        ),
    )

    # 4. The feed and the sitemap.
    entries = []
    for day in newest_first[:FEED_ENTRIES]:
        page = ts.render_html(day.brief)
        entries.append(
            {
                "day": day,
                "id": _entry_id(base, title, day.date),
                "title": xml_text(f"{day.brief.title} – {render.long_date(day.date)}"),
                "summary": xml_text(" ".join(day.brief.topline)),
                "content": xml_text(feed_html(page)),
                "updated": _midnight(day.date),
            }
        )
    feed_id = f"{base}feed.xml" if base else uuid.uuid5(uuid.NAMESPACE_URL, f"briefing:{title}").urn
    put(
        out / "feed.xml",
        ts.render(
            FEED_TEMPLATE,
            latest.brief,
            output="xml",
            **common,
            root="",
            feed_id=feed_id,
            site_title=xml_text(title),
            updated=_midnight(latest.date),
            entries=entries,
            version=__version__,
        ),
    )
    sitemap = out / "sitemap.xml"
    if base:
        urls = [(f"{base}index.html", latest.date), (f"{base}archive/index.html", latest.date)]
        urls += [(f"{base}archive/{m.key}.html", m.days[0].date) for m in months]
        urls += [(f"{base}{d.date}/index.html", d.date) for d in newest_first]
        put(sitemap, ts.render(SITEMAP_TEMPLATE, latest.brief, output="xml", **common, root="", urls=urls))
    else:
        # A sitemap needs absolute URLs; one left from a build with another base URL would
        # point search engines at the wrong place.
        remove(sitemap)
    return written
