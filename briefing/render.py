"""Render: a ``Brief`` → Markdown, HTML and PDF through Jinja templates.

Templates are looked up in the user's templates folder first (one file may override one
default: ``brief.md.j2`` alone, say) and then in the packaged defaults.  Article text is
untrusted input: HTML templates are autoescaped, links are only emitted for http(s) URLs
(the ``http_url`` filter), Markdown text goes through ``md_escape``, and the PDF writer
refuses to fetch anything that is not a local ``file:`` or inline ``data:`` resource, so a
brief never reaches out to the network while it is being rendered.

The template context is ``brief`` (the ``Brief``), ``output`` (``"markdown"``, ``"html"``
or ``"pdf"``) and ``css_href`` (a stylesheet URL to link instead of inlining, or ``None``);
``templates/README.md`` documents every field and filter.
"""

from __future__ import annotations

import datetime as _dt
import functools
import logging
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

import briefing

from .errors import RenderError
from .lexicons import calendar
from .models import Brief
from .text import squash

__all__ = [
    "DEFAULT_TEMPLATES",
    "TemplateSet",
    "anchor_id",
    "http_url",
    "long_date",
    "md_escape",
    "md_url",
    "render_html",
    "render_markdown",
    "render_pdf",
    "template_set",
]

MARKDOWN_TEMPLATE = "brief.md.j2"
HTML_TEMPLATE = "brief.html.j2"
SCREEN_CSS = "brief.css"


def _default_templates_dir() -> Path:
    """The packaged templates: inside the package in a wheel, the repository's top-level
    ``templates/`` folder in a source checkout or an editable install."""
    packaged = Path(briefing.__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(briefing.__file__).parent.parent / "templates"


DEFAULT_TEMPLATES = _default_templates_dir()

# ----------------------------------------------------------------------------- filters

# English names from ``calendar.json``, not the locale: the output is the same on every machine.
MONTHS = tuple(names[0] for names in calendar("months"))
WEEKDAYS = tuple(names[0] for names in calendar("weekdays"))


def long_date(value: str, weekday: bool = True) -> str:
    """``2022-03-29`` → ``Tuesday 29 March 2022``.  English names from a table, not the
    locale, so the output is the same on every machine; anything unparsable is returned as is."""
    try:
        day = _dt.date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    text = f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    return f"{WEEKDAYS[day.weekday()]} {text}" if weekday else text


_CONTROL_RE = re.compile(r"[\x00-\x20\x7f]")


def http_url(value: object) -> str | None:
    """``value`` if it is an absolute http(s) URL with a host, else ``None``.

    The only gate through which an article URL becomes a link: ``javascript:``, ``data:``,
    relative and malformed URLs are never emitted as ``href``.  Whitespace and control
    characters are rejected rather than stripped because browsers strip them and then
    read a different scheme than the one checked here.
    """
    if not isinstance(value, str) or not value or _CONTROL_RE.search(value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def md_url(value: object) -> str | None:
    """An http(s) URL made safe as a Markdown link destination, else ``None``.

    Parentheses, angle brackets and other characters that would end the destination early
    are percent-encoded; existing escapes (``%20``) are kept.
    """
    url = http_url(value)
    if url is None:
        return None
    return quote(url, safe=":/?#@!$&'*+,;=%-._~")


_MD_INLINE_RE = re.compile(r"([\\`*_\[\]|])")
_MD_ENTITY_RE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Constructs that only mean something at the start of a line (or of a list item's text):
# ATX headings, block quotes, bullet and ordered-list markers, setext underlines.
_MD_LINE_START_RE = re.compile(r"^(\s*)(#{1,6}(?=\s|$)|>|[-+](?=\s|$)|\d{1,9}(?=[.)](?:\s|$))|[=-]+\s*$)")


def md_escape(value: object) -> str:
    """Escape article text for Markdown so it reads as plain text in any renderer.

    Newlines are folded into spaces so a value never breaks out of its list item or table
    cell.  ``<`` and entity-like ``&`` become HTML entities rather than backslash escapes
    because Python-Markdown does not honour ``\\<`` and would pass raw HTML through.
    """
    if value is None:
        return ""
    text = squash(value)
    text = _MD_ENTITY_RE.sub("&amp;", text)
    text = text.replace("<", "&lt;")
    text = _MD_INLINE_RE.sub(r"\\\1", text)
    # "~~" is strikethrough in GitHub Markdown; an entity is honoured by every renderer.
    text = text.replace("~", "&#126;")
    m = _MD_LINE_START_RE.match(text)
    if m:
        text = f"{m.group(1)}\\{text[m.end(1) :]}"
    return text


_ANCHOR_RE = re.compile(r"[^A-Za-z0-9_-]+")


def anchor_id(value: object) -> str:
    """A fragment identifier safe in an ``id`` attribute and in a Markdown link: anything but
    letters, digits, ``-`` and ``_`` becomes ``-``.  Clean anchors pass through unchanged, so
    ``id="{{ a.anchor|anchor_id }}"`` and ``href="#{{ a.anchor|anchor_id }}"`` always match."""
    return _ANCHOR_RE.sub("-", str(value)).strip("-") or "x"


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``2|plural("report")`` → ``2 reports``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def article_numbers(brief: Brief) -> dict[str, int]:
    """Anchor → 1-based position in ``brief.articles``: the ``[n]`` an item cites."""
    return {a.anchor: n for n, a in enumerate(brief.articles, 1)}


def figure_text(item: Any) -> str:
    """A figure as written, with its rate denominator when the text leaves it out
    (``40,000`` per ``day`` → ``40,000 per day``).  Never a re-formatted number: the text as
    written keeps the article's precision, so ``about 3,000`` never becomes ``3000.0``."""
    text = str(item.text)
    per = item.per
    if per and per.lower() not in text.lower():
        text = f"{text} per {per}"
    return text


FILTERS: Mapping[str, Callable[..., Any]] = {
    "anchor_id": anchor_id,
    "figure_text": figure_text,
    "http_url": http_url,
    "long_date": long_date,
    "md_escape": md_escape,
    "md_url": md_url,
    "plural": plural,
}

# ----------------------------------------------------------------------------- environment


class TemplateSet:
    """A Jinja environment over [user templates, default templates] and the three renderers.

    Build one per templates folder and reuse it for every day: Jinja caches compiled
    templates per environment.
    """

    def __init__(self, templates: Path | str | None = None) -> None:
        search: list[Path] = []
        if templates is not None:
            user = Path(templates)
            if not user.is_dir():
                raise RenderError(f"{user}: templates folder not found; give an existing folder")
            search.append(user)
        search.append(DEFAULT_TEMPLATES)
        self.search_path: tuple[Path, ...] = tuple(search)
        # One FileSystemLoader per folder inside a ChoiceLoader: a file in the user folder
        # overrides the default of the same name, every other name falls back.
        loader = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(p)) for p in self.search_path])
        self.env = jinja2.Environment(
            loader=loader,
            autoescape=jinja2.select_autoescape(
                enabled_extensions=("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2"),
                disabled_extensions=("md.j2", "txt.j2", "md", "txt", "css"),
                default_for_string=True,
                default=True,
            ),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
        self.env.filters.update(FILTERS)
        self.env.globals.update(
            article_numbers=article_numbers,
            stylesheet=self.stylesheet_markup,
        )

    # -- helpers ---------------------------------------------------------------------

    def _where(self) -> str:
        return ", ".join(str(p) for p in self.search_path)

    def source(self, name: str) -> str:
        """The raw text of a template-folder file (a stylesheet), user folder first."""
        try:
            text, _, _ = self.env.loader.get_source(self.env, name)  # type: ignore[union-attr]
        except jinja2.TemplateNotFound:
            raise RenderError(f"template {name!r} not found in {self._where()}") from None
        return text

    def stylesheet_markup(self, name: str) -> Markup:
        """A stylesheet's text for a ``<style>`` element.  Marked safe because it comes from
        the templates folder, never from an article; ``</`` is escaped so the text cannot
        close the element early."""
        return Markup(self.source(name).replace("</", "<\\/"))

    def render(self, name: str, brief: Brief, **context: object) -> str:
        """Render template ``name`` with ``brief`` and extra context; errors → ``RenderError``."""
        try:
            template = self.env.get_template(name)
            return template.render(brief=brief, **context)
        except jinja2.TemplateNotFound as exc:
            missing = exc.name if exc.name != name else name
            raise RenderError(f"template {missing!r} not found in {self._where()}") from None
        except jinja2.TemplateSyntaxError as exc:
            where = exc.filename or exc.name or name
            raise RenderError(f"{where}:{exc.lineno}: template syntax error: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            raise RenderError(f"template {name!r}: {exc.message}") from None
        except RenderError:
            raise
        except Exception as exc:  # a filter or a user template failing on odd data
            raise RenderError(f"template {name!r}: {type(exc).__name__}: {exc}") from exc

    # -- the three outputs -----------------------------------------------------------

    def render_markdown(self, brief: Brief) -> str:
        return self.render(MARKDOWN_TEMPLATE, brief, output="markdown", css_href=None)

    def render_html(self, brief: Brief, *, css_href: str | None = None) -> str:
        return self.render(HTML_TEMPLATE, brief, output="html", css_href=css_href)

    def render_pdf(self, brief: Brief) -> bytes:
        # The page embeds print.css itself (media="print"): stylesheets handed to WeasyPrint
        # separately are user-origin and would lose the cascade to the page's own brief.css.
        html = self.render(HTML_TEMPLATE, brief, output="pdf", css_href=None)
        return _write_pdf(html, base_url=self.search_path[0])


@functools.lru_cache(maxsize=8)
def _cached_set(templates: str | None) -> TemplateSet:
    return TemplateSet(templates)


def template_set(templates: Path | str | None = None) -> TemplateSet:
    """The ``TemplateSet`` for a templates folder, cached so a run over many days compiles
    each template once.  (Jinja still reloads a template whose file changed.)"""
    key = None if templates is None else str(Path(templates).resolve())
    if key is not None and not Path(key).is_dir():
        raise RenderError(f"{templates}: templates folder not found; give an existing folder")
    return _cached_set(key)


# ----------------------------------------------------------------------------- PDF

_LOCAL_SCHEMES = frozenset({"file", "data"})


def _url_fetcher() -> Any:
    """A WeasyPrint URL fetcher that only serves ``file:`` and ``data:`` URLs.

    WeasyPrint ≥ 66 takes a ``URLFetcher`` object (it reads attributes off it); older
    versions take a plain function.  Either way any other scheme raises, WeasyPrint logs a
    warning and leaves the resource out.
    """
    from weasyprint import urls

    fetcher_cls = getattr(urls, "URLFetcher", None)
    if fetcher_cls is not None:
        return fetcher_cls(allowed_protocols=_LOCAL_SCHEMES, allow_redirects=False)

    def fetch(url: str, *args: Any, **kwargs: Any) -> Any:  # pragma: no cover - WeasyPrint < 66
        scheme = url.split(":", 1)[0].lower()
        if scheme not in _LOCAL_SCHEMES:
            raise ValueError(f"refusing to fetch {url!r} while rendering a brief")
        return urls.default_url_fetcher(url, *args, **kwargs)

    return fetch


def _write_pdf(html: str, *, base_url: Path) -> bytes:
    try:
        import weasyprint
    except (ImportError, OSError) as exc:  # OSError: pango or another system library missing
        raise RenderError(f"PDF writer unavailable: {exc}") from exc
    # WeasyPrint logs every CSS property it does not know at WARNING; the stylesheets are
    # written for browsers too, so that is noise here.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    fetcher = _url_fetcher()
    try:
        document = weasyprint.HTML(string=html, base_url=base_url.as_uri() + "/", url_fetcher=fetcher)
        pdf = document.write_pdf()
    except Exception as exc:
        raise RenderError(f"PDF could not be written: {type(exc).__name__}: {exc}") from exc
    if not isinstance(pdf, bytes):  # pragma: no cover - write_pdf without a target returns bytes
        raise RenderError("PDF could not be written: the writer returned no data")
    return pdf


# ----------------------------------------------------------------------------- public API


def render_markdown(brief: Brief, *, templates: Path | str | None = None) -> str:
    """The brief as Markdown (``brief.md.j2``)."""
    return template_set(templates).render_markdown(brief)


def render_html(brief: Brief, *, templates: Path | str | None = None, css_href: str | None = None) -> str:
    """The brief as a standalone HTML page (``brief.html.j2``), ``brief.css`` inlined unless
    ``css_href`` names a stylesheet to link instead (a static site shares one file)."""
    return template_set(templates).render_html(brief, css_href=css_href)


def render_pdf(brief: Brief, *, templates: Path | str | None = None) -> bytes:
    """The brief as an A4 PDF: the HTML page with ``print.css``, nothing fetched from the network."""
    return template_set(templates).render_pdf(brief)


def stylesheet(name: str = SCREEN_CSS, *, templates: Path | str | None = None) -> str:
    """A stylesheet's text (user folder first), for publishing it beside pages that link it."""
    return template_set(templates).source(name)
