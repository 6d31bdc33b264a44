"""The renderer: Markdown, HTML and PDF from hand-built briefs.

Article text is untrusted, so most tests feed hostile strings through every field and check
the output stays inert.  The golden files pin the whole default output; after an intended
template change rewrite them with ``pytest tests/test_render.py --regen-golden``.
"""

from __future__ import annotations

import dataclasses
import http.server
import io
import re
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from brief_factory import make_brief, make_figure, make_statement, ref, sample_brief

from briefing import models, render
from briefing.errors import RenderError
from briefing.models import ArticleRef, Brief, Development, DiplomacyItem, FigureRow, SourceRef

GOLDEN = Path(__file__).parent / "golden"

XSS = "<script>alert(1)</script>"
ATTR_XSS = '"><img src=x onerror=alert(1)>'
BAD_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "http:/no-host",
]


class Tags(HTMLParser):
    """Collects every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def parse(html: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Tags()
    p.feed(html)
    return p.tags


def hostile_brief(url: str = "javascript:alert(1)") -> Brief:
    art = ArticleRef(
        id="evil",
        title=f"Breaking {XSS} news",
        outlet=ATTR_XSS,
        url=url,
        path="evil.txt",
        anchor="art-evil",
        counts=(1, 1, 1),
    )
    src = SourceRef(
        article_id="evil",
        title=art.title,
        outlet=art.outlet,
        url=url,
        sentence=f"He said {XSS} and [click](javascript:alert(1)).",
        start=0,
        end=10,
        anchor="art-evil",
    )
    return make_brief(
        title=f"Brief {XSS}",
        topline=(f"Top {XSS}",),
        statements=(
            make_statement(speaker=ATTR_XSS, role=XSS, quote=f"{XSS} & more", cue=XSS, sources=(src,)),
            make_statement(direct=False, quote=XSS, sources=(src,)),
        ),
        figures=(
            FigureRow(
                key="k", label=XSS, items=(make_figure(text=XSS, what=XSS, source=ATTR_XSS, sources=(src,)),)
            ),
        ),
        diplomacy=(
            Development(
                key="d",
                type="CONSULT",
                label=XSS,
                actors=(XSS,),
                places=(ATTR_XSS,),
                items=(DiplomacyItem(type="CONSULT", actors=(XSS,), place=None, status=XSS, source=src),),
            ),
        ),
        articles=(art,),
    )


# ----------------------------------------------------------------------------- HTML safety


@pytest.mark.parametrize("url", BAD_URLS)
def test_html_is_inert(url: str) -> None:
    html = render.render_html(hostile_brief(url))
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    tags = parse(html)
    assert any(attrs.get("href") for _, attrs in tags), "no links parsed: the checks below saw nothing"
    for tag, attrs in tags:
        assert tag not in {"script", "img", "iframe", "object", "embed"}
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "cite", "action"):
            value = attrs.get(name)
            if value is not None:
                assert value.startswith(("#", "https://", "http://")), (tag, name, value)
    assert f'="{url}"' not in html


def test_http_urls_become_links() -> None:
    brief = make_brief()
    html = render.render_html(brief)
    hrefs = [a.get("href") for t, a in parse(html) if t == "a"]
    assert "https://www.ndtv.com/world-news/mariupol-siege-crime-against-humanity-2851234" in hrefs
    # The article without a URL is listed as plain text.
    assert "Mariupol city council: humanitarian catastrophe, 160,000 still trapped</span>" in html


def test_every_fragment_link_has_a_target() -> None:
    html = render.render_html(sample_brief())
    tags = parse(html)
    ids = {a["id"] for _, a in tags if a.get("id")}
    targets = {str(a["href"])[1:] for t, a in tags if t == "a" and str(a.get("href", "")).startswith("#")}
    assert targets and targets <= ids


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a?b=1#c", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG/", True),
        *[(u, False) for u in BAD_URLS],
        ("", False),
        (None, False),
        ("https://exa mple.org", False),
    ],
)
def test_http_url(url: str | None, ok: bool) -> None:
    assert render.http_url(url) == (url if ok else None)


# ----------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("plain words, 3.9 million", "plain words, 3.9 million"),
        ("*bold* and _it_", r"\*bold\* and \_it\_"),
        ("[x](javascript:alert(1))", r"\[x\](javascript:alert(1))"),
        ("a | b", r"a \| b"),
        ("<b>hi</b>", "&lt;b>hi&lt;/b>"),
        ("AT&T &amp; co", "AT&T &amp;amp; co"),
        ("# not a heading", r"\# not a heading"),
        ("> not a quote", r"\> not a quote"),
        ("- not a list", r"\- not a list"),
        ("1. not a list", r"\1. not a list"),
        ("2022) not a list", r"\2022) not a list"),
        ("#hashtag", "#hashtag"),
        ("line one\nline two", "line one line two"),
        ("back\\slash `code`", r"back\\slash \`code\`"),
        ("~~struck~~", "&#126;&#126;struck&#126;&#126;"),
        (None, ""),
    ],
)
def test_md_escape(text: str | None, escaped: str) -> None:
    assert render.md_escape(text) == escaped


def test_markdown_is_inert() -> None:
    md = render.render_markdown(hostile_brief())
    assert "<script" not in md.lower()
    assert "\\[click\\](javascript" in md  # shown as text: the brackets are escaped
    html = markdown.markdown(md, extensions=["tables"])
    tags = parse(html)
    assert any(attrs.get("href") for _, attrs in tags), "no links parsed: the checks below saw nothing"
    for tag, attrs in tags:
        assert tag not in {"script", "img"}
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "http://", "https://")), href


def test_markdown_is_inert_in_commonmark() -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = render.render_markdown(hostile_brief())
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(md)
    assert "<script" not in html.lower()
    tags = parse(html)
    assert any(attrs.get("href") for _, attrs in tags), "no links parsed: the checks below saw nothing"
    for _tag, attrs in tags:
        href = attrs.get("href")
        if href is not None:
            assert href.startswith(("#", "http://", "https://")), href


def test_markdown_links_http_urls_only() -> None:
    url = "https://example.org/a (b)"
    brief = make_brief(
        articles=(
            ArticleRef(
                id="a", title="T", outlet=None, url="https://example.org/a_(b)", path="a.txt", anchor="art-a"
            ),
            ArticleRef(
                id="b", title="U", outlet=None, url="javascript:alert(1)", path="b.txt", anchor="art-b"
            ),
        )
    )
    md = render.render_markdown(brief)
    assert "[T](https://example.org/a_%28b%29)" in md
    assert "**U**" in md and "javascript" not in md
    assert render.md_url(url) is None


# ----------------------------------------------------------------------------- content


def test_direct_and_reported_quotes() -> None:
    brief = make_brief(
        statements=(
            make_statement(quote="We will win", direct=True),
            make_statement(quote="the talks were useful", direct=False),
        )
    )
    html = render.render_html(brief)
    md = render.render_markdown(brief)
    assert "“We will win”" in html and "“We will win”" in md
    assert "“the talks were useful”" not in html and "“the talks were useful”" not in md
    assert "the talks were useful" in html and "the talks were useful" in md


def test_corroboration_shown_when_more_than_one() -> None:
    two = make_statement(sources=(ref("ndtv", "S one."), ref("reuters", "S two.")))
    html = render.render_html(make_brief(statements=(two,)))
    assert "2 sources" in html and "[1]" in html and "[2]" in html
    one = render.render_html(make_brief(statements=(make_statement(),)))
    assert "1 source<" not in one and "sources</span>" not in one


def test_conflicting_figures_side_by_side() -> None:
    brief = sample_brief()
    row = brief.figures[0]
    assert row.conflicting
    html = render.render_html(brief)
    md = render.render_markdown(brief)
    assert "Reports differ" in html and "Reports differ" in md
    tbody = html[html.index('<tbody id="fig-1"') : html.index("</tbody>", html.index('<tbody id="fig-1"'))]
    assert 'class="conflict"' in tbody
    for item in row.items:
        assert item.text in tbody and str(item.source) in tbody
        assert item.sources[0].sentence in tbody
    assert "[1]" in tbody and "[3]" in tbody
    line = next(x for x in md.splitlines() if x.startswith("- people killed in Mariupol"))
    assert "at least 5,000" in line and "nearly 5,000" in line and "vs" in line
    assert "a Ukrainian official" in line and "Mariupol city council" in line


def test_vague_figures_are_marked_vague() -> None:
    vague = make_figure(text="several thousand", value=3000.0, vague=True, qualifier=None, source=None)
    brief = make_brief(figures=(FigureRow(key="k", label="civilians trapped", items=(vague,)),))
    html = render.render_html(brief)
    md = render.render_markdown(brief)
    assert '<span class="figure vague">several thousand</span> <span class="tag">vague</span>' in html
    assert "*several thousand* (vague)" in md
    for out in (html, md):
        assert "3000" not in out and "3,000" not in out


def test_rate_denominator_is_shown() -> None:
    rate = make_figure(text="40,000", per="day")
    html = render.render_html(make_brief(figures=(FigureRow(key="k", label="refugees", items=(rate,)),)))
    assert "40,000 per day" in html


def test_every_item_shows_its_sentence_and_article() -> None:
    brief = sample_brief()
    html = render.render_html(brief)
    md = render.render_markdown(brief)
    sentences = {s.sentence for st in brief.statements for s in st.sources}
    sentences |= {s.sentence for row in brief.figures for i in row.items for s in i.sources}
    sentences |= {i.source.sentence for d in brief.diplomacy for i in d.items}
    assert sentences and brief.articles
    for s in sentences:
        assert s.replace('"', "&#34;").replace("'", "&#39;") in html
        assert render.md_escape(s) in md
    for a in brief.articles:
        assert f'id="{a.anchor}"' in html and f'<a id="{a.anchor}"></a>' in md


def test_empty_brief_renders() -> None:
    brief = make_brief(topline=(), articles=())
    assert "No statements were found" in render.render_markdown(brief)
    assert "No figures were found" in render.render_html(brief)
    assert render.render_pdf(brief).startswith(b"%PDF")


def test_output_is_deterministic() -> None:
    brief = sample_brief()
    assert render.render_html(brief) == render.render_html(brief)
    assert render.render_markdown(brief) == render.render_markdown(brief)
    assert render.render_pdf(brief) == render.render_pdf(brief)


def test_long_date() -> None:
    assert render.long_date("2022-03-29") == "Tuesday 29 March 2022"
    assert render.long_date("2022-03-29", weekday=False) == "29 March 2022"
    assert render.long_date("someday") == "someday"


def test_linked_stylesheet() -> None:
    html = render.render_html(make_brief(), css_href="../brief.css")
    assert '<link rel="stylesheet" href="../brief.css">' in html
    assert "--measure" not in html.split('<style media="print">')[0]
    assert render.stylesheet("brief.css").startswith("/*")


# ----------------------------------------------------------------------------- templates


def test_user_template_overrides_one_file(tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text(
        "CUSTOM {{ brief.date }} {{ brief.title|md_escape }}\n", encoding="utf-8"
    )
    (tmp_path / "brief.css").write_text("body { color: rebeccapurple; }\n", encoding="utf-8")
    brief = make_brief(title="A *b*")
    assert render.render_markdown(brief, templates=tmp_path) == "CUSTOM 2022-03-29 A \\*b\\*\n"
    html = render.render_html(brief, templates=tmp_path)
    assert html.startswith("<!DOCTYPE html>")  # the default page...
    assert "rebeccapurple" in html  # ...with the user's stylesheet
    assert render.render_markdown(brief).startswith("# A \\*b\\*: ")  # the default is untouched


def test_user_html_template_is_autoescaped(tmp_path: Path) -> None:
    (tmp_path / "brief.html.j2").write_text("<p>{{ brief.title }}</p>\n", encoding="utf-8")
    assert render.render_html(make_brief(title=XSS), templates=tmp_path) == (
        "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
    )


def test_missing_templates_folder(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="templates folder not found"):
        render.render_markdown(make_brief(), templates=tmp_path / "nope")


def test_missing_template_names_it_and_the_search_path(tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text('{% include "header.md.j2" %}\n', encoding="utf-8")
    with pytest.raises(RenderError) as err:
        render.render_markdown(make_brief(), templates=tmp_path)
    msg = str(err.value)
    assert "'header.md.j2' not found" in msg and str(tmp_path) in msg and str(render.DEFAULT_TEMPLATES) in msg
    assert "\n" not in msg


def test_template_errors_are_render_errors(tmp_path: Path) -> None:
    (tmp_path / "brief.md.j2").write_text("{{ brief.nope }}\n", encoding="utf-8")
    with pytest.raises(RenderError, match="nope"):
        render.render_markdown(make_brief(), templates=tmp_path)
    (tmp_path / "brief.md.j2").write_text("line\n{% if %}\n", encoding="utf-8")
    with pytest.raises(RenderError, match=r"brief\.md\.j2:2: template syntax error"):
        render.render_markdown(make_brief(), templates=tmp_path)


# ----------------------------------------------------------------------------- PDF


def test_pdf_pages_header_and_footer() -> None:
    pypdf = pytest.importorskip("pypdf")
    pdf = render.render_pdf(sample_brief())
    assert pdf.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    pages = len(reader.pages)
    assert pages >= 2
    first = reader.pages[0].extract_text()
    assert "29 March 2022" in first
    assert f"Page 1 of {pages}" in first
    second = reader.pages[1].extract_text()
    assert "Tuesday 29 March 2022" in second  # the running header
    assert f"Page 2 of {pages}" in second
    assert reader.pages[0].mediabox.width == pytest.approx(595.28, abs=1)  # A4


def test_pdf_is_inert() -> None:
    pypdf = pytest.importorskip("pypdf")
    pdf = render.render_pdf(hostile_brief())
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert XSS in text  # shown as text, not interpreted
    assert b"javascript" not in pdf.lower()


@pytest.fixture
def http_server() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request path."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", hits
    finally:
        server.shutdown()
        server.server_close()


def test_pdf_fetches_nothing_from_the_network(tmp_path: Path, http_server: tuple[str, list[str]]) -> None:
    base, hits = http_server
    (tmp_path / "brief.html.j2").write_text(
        f'<html><head><link rel="stylesheet" href="{base}/x.css">'
        f'<style>@import "{base}/y.css";</style></head>'
        f'<body><img src="{base}/a.png"><p style="background: url({base}/b.png)">{{{{ brief.date }}}}</p>'
        "</body></html>\n",
        encoding="utf-8",
    )
    pdf = render.render_pdf(make_brief(), templates=tmp_path)
    assert pdf.startswith(b"%PDF")
    assert hits == []


def test_url_fetcher_refuses_remote_schemes() -> None:
    fetcher = render._url_fetcher()
    for url in ("http://127.0.0.1:9/x.css", "https://example.org/x.png", "ftp://example.org/x"):
        with pytest.raises(ValueError):
            fetcher(url)


# ----------------------------------------------------------------------------- golden files


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_golden(fmt: str, regen_golden: bool) -> None:
    brief = sample_brief()
    out = render.render_markdown(brief) if fmt == "md" else render.render_html(brief)
    path = GOLDEN / f"brief.{fmt}"
    if regen_golden:
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8", newline="\n")
        return
    assert path.exists(), f"{path} missing; run pytest tests/test_render.py --regen-golden"
    assert out == path.read_text(encoding="utf-8"), (
        f"{path.name} differs from the rendered brief; if the change is intended, run "
        "pytest tests/test_render.py --regen-golden and review the diff"
    )


def test_context_documentation_lists_every_field() -> None:
    """``templates/README.md`` documents each record a template sees: every field (and
    property) of it, and nothing that is not one."""
    doc = (render.DEFAULT_TEMPLATES / "README.md").read_text(encoding="utf-8")
    checked = set()
    for section in re.split(r"^#{2,3} ", doc, flags=re.MULTILINE)[1:]:
        heading = section.splitlines()[0]
        names = [n for n in re.findall(r"`(\w+)`", heading) if n[0].isupper()]
        cls = getattr(models, names[0], None) if names else None
        if not dataclasses.is_dataclass(cls):
            continue
        documented = {
            name.strip().strip("`")
            for cell in re.findall(r"^\| (`[^|]+`) \|", section, flags=re.MULTILINE)
            for name in cell.split(",")
        }
        fields = {f.name for f in dataclasses.fields(cls)}
        fields |= {n for n in vars(cls) if isinstance(vars(cls)[n], property)}
        assert documented == fields, cls.__name__
        checked.add(cls.__name__)
    assert checked == {
        "Brief",
        "StatementItem",
        "FigureRow",
        "FigureItem",
        "Development",
        "DiplomacyItem",
        "SourceRef",
        "ArticleRef",
    }
