"""The static site: pages, archive, feed, sitemap and charts, from a real ``briefing build``.

Three days of articles over two months (one of them hostile) are built once per module through
the command line.  The pages are then checked as files (links, escaping, XML validity) and in
headless Chromium over ``file://`` and over HTTP: no console or page errors, no script runs,
every link resolves, nothing is fetched from outside.
"""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from brief_factory import make_brief
from click.testing import CliRunner

from briefing import publish, site
from briefing.cli import main
from briefing.config import SiteConfig
from briefing.errors import ConfigError

ATOM = "{http://www.w3.org/2005/Atom}"
SVG = "{http://www.w3.org/2000/svg}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DAYS = ["2022-06-30", "2022-07-01", "2022-07-02"]
BASE = "https://example.org/briefs/"
CHROMIUM = Path("/usr/bin/chromium")

ARTICLES = {
    "2022-06-30-refugees.txt": """ date 2022-06-30 Refugees keep leaving Ukraine as shelling continues

The UN refugee agency UNHCR said 3.9 million Ukrainians have fled the country since the invasion began.

Ukraine's president Volodymyr Zelensky said on Thursday that "the shelling of our cities must stop."

A regional governor said at least 12 people were killed in Kharkiv overnight.

Russian and Ukrainian negotiators met in Istanbul for talks on Thursday.
""",
    "2022-07-01-refugees.txt": """ date 2022-07-01 More Ukrainians flee as attacks hit the east

UNHCR said 4.1 million Ukrainians have fled the country since February.

The regional governor said at least 20 people were killed in Kharkiv in new strikes.

Turkey's foreign minister said talks between Russia and Ukraine would continue in Istanbul.
""",
    "2022-07-02-hostile.txt": """ date 2022-07-02 <script>alert(1)</script> Hostile headline \
javascript:alert(1)

UNHCR said 4.3 million Ukrainians have fled the country, the agency reported on Saturday.

A spokesman said <script>window.__pwned = 1; alert(1)</script> was found in a comment, and a link \
<a href="javascript:alert(1)">click here</a> was shared with the text javascript:alert(1).

Officials said at least 25 people were killed in Kharkiv on Saturday.
""",
}


# ----------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    src = root / "in"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def out(work: Path) -> Path:
    """``briefing build`` of the three days, site included (no base URL)."""
    target = work / "out"
    res = CliRunner().invoke(
        main, ["build", str(work / "in"), "--out", str(target), "--cache", str(work / "cache"), "-q"]
    )
    assert res.exit_code == 0, res.output
    return target


@pytest.fixture(scope="module")
def out_abs(out: Path, work: Path) -> Path:
    """The same briefs with the site rewritten by ``briefing site --base-url``."""
    target = work / "out-abs"
    shutil.copytree(out, target)
    res = CliRunner().invoke(
        main, ["site", "--out", str(target), "--base-url", BASE, "--title", "Test briefs"]
    )
    assert res.exit_code == 0, res.output
    return target


def pages(out: Path) -> list[str]:
    """Every HTML page of the site, relative to ``out``: the home page, the archive, a page a
    month and a page a day (checked here, so a test looping over them cannot loop over none)."""
    found = sorted(p.relative_to(out).as_posix() for p in out.rglob("index.html")) + sorted(
        p.relative_to(out).as_posix() for p in (out / "archive").glob("*.html") if p.name != "index.html"
    )
    assert len(found) == 2 + 2 + len(DAYS), found
    return found


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.h1 = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        self.h1 += tag == "h1"
        if a.get("id"):
            self.ids.add(str(a["id"]))
        if tag in ("a", "link") and a.get("href") is not None:
            self.hrefs.append(str(a["href"]))
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler attribute {name}={value!r}"


def parse_page(path: Path) -> Links:
    p = Links()
    p.feed(path.read_text(encoding="utf-8"))
    return p


# ----------------------------------------------------------------------------- files


def test_build_writes_the_site(out: Path) -> None:
    for day in DAYS:
        assert (out / day / "index.html").is_file()
        assert (out / day / "brief.pdf").is_file()
    assert (out / "index.html").is_file()
    assert (out / "archive" / "index.html").is_file()
    assert (out / "archive" / "2022-06.html").is_file() and (out / "archive" / "2022-07.html").is_file()
    assert (out / "feed.xml").is_file()
    assert not (out / "sitemap.xml").exists()  # no base URL: a sitemap needs absolute URLs


def test_pages_are_inert_and_accessible(out: Path) -> None:
    for rel in pages(out):
        text = (out / rel).read_text(encoding="utf-8")
        parsed = parse_page(out / rel)
        assert "script" not in parsed.tags, rel
        assert not any(h.strip().lower().startswith("javascript:") for h in parsed.hrefs), rel
        assert parsed.h1 == 1, f"{rel}: {parsed.h1} h1 elements"
        assert "main" in parsed.tags and "nav" in parsed.tags, rel
        assert '<html lang="en">' in text and 'name="viewport"' in text, rel
        assert "http://" not in text.split("</head>")[0].replace("http://www.w3.org", ""), rel
    hostile = (out / "2022-07-02" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "<script" not in hostile


def test_links_are_relative_and_resolve(out: Path) -> None:
    for rel in pages(out):
        page = out / rel
        parsed = parse_page(page)
        assert parsed.hrefs, f"{rel} has no links"
        for href in parsed.hrefs:
            parts = urlsplit(href)
            if parts.scheme in ("http", "https"):
                assert parts.netloc != "", href  # an article's own address, outside the site
                continue
            if parts.scheme == "data":
                continue
            assert not parts.scheme and not href.startswith("/"), f"{rel}: {href} is not relative"
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            assert target.is_file(), f"{rel}: {href} → {target} missing"
            if parts.fragment and target.suffix == ".html":
                assert parts.fragment in parse_page(target).ids, f"{rel}: {href} has no target"


def test_day_pages_link_neighbours(out: Path) -> None:
    middle = (out / "2022-07-01" / "index.html").read_text(encoding="utf-8")
    assert 'href="../2022-06-30/index.html" rel="prev"' in middle
    assert 'href="../2022-07-02/index.html" rel="next"' in middle
    for name in ("brief.pdf", "brief.json", "brief.md"):
        assert f'href="{name}"' in middle
    assert 'href="../index.html"' in middle and 'href="../archive/index.html"' in middle
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="2022-07-02/index.html"' in index and 'href="archive/index.html"' in index
    assert 'href="feed.xml"' in index
    month = (out / "archive" / "2022-06.html").read_text(encoding="utf-8")
    assert 'href="../2022-06-30/index.html"' in month and 'href="2022-07.html" rel="next"' in month


def test_feed_is_atom(out: Path) -> None:
    root = ET.parse(out / "feed.xml").getroot()
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    assert root.find(f"{ATOM}link[@rel='self']") is not None
    assert root.findtext(f"{ATOM}updated") == "2022-07-02T00:00:00Z"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == len(DAYS)
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(DAYS) and all(i and i.startswith("urn:uuid:") for i in ids)
    assert [e.findtext(f"{ATOM}updated") for e in entries] == [f"{d}T00:00:00Z" for d in reversed(DAYS)]
    for e in entries:
        assert e.findtext(f"{ATOM}title")
        content = e.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html"
        assert 'id="statements"' in (content.text or "")
    hostile = entries[0].find(f"{ATOM}content")
    assert hostile is not None and hostile.text is not None
    assert "<script" not in hostile.text and "&lt;script&gt;" in hostile.text
    feedparser = pytest.importorskip("feedparser")
    parsed = feedparser.parse((out / "feed.xml").read_bytes())
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10" and len(parsed.entries) == len(DAYS)


def test_base_url_feed_and_sitemap(out_abs: Path) -> None:
    feed = ET.parse(out_abs / "feed.xml").getroot()
    assert feed.findtext(f"{ATOM}id") == BASE + "feed.xml"
    assert feed.findtext(f"{ATOM}title") == "Test briefs"
    assert [e.findtext(f"{ATOM}id") for e in feed.findall(f"{ATOM}entry")] == [
        f"{BASE}{d}/index.html" for d in reversed(DAYS)
    ]
    urlset = ET.parse(out_abs / "sitemap.xml").getroot()
    assert urlset.tag == f"{SITEMAP}urlset"
    locs = [u.findtext(f"{SITEMAP}loc") or "" for u in urlset.findall(f"{SITEMAP}url")]
    assert len(locs) == 2 + 2 + len(DAYS)  # home, archive, two months, days
    assert all(loc.startswith(BASE) for loc in locs)
    for loc in locs:
        assert (out_abs / loc[len(BASE) :]).is_file(), loc
    lastmods = [u.findtext(f"{SITEMAP}lastmod") for u in urlset.findall(f"{SITEMAP}url")]
    assert all(m and re.fullmatch(r"\d{4}-\d{2}-\d{2}", m) for m in lastmods)


def svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg\b.*?</svg>", html, re.S)]


def test_charts_are_valid_svg(out: Path) -> None:
    index = (out / "index.html").read_text(encoding="utf-8")
    charts = svgs(index)
    assert charts, "a figure reported on three days must be charted"
    titles = [c.findtext(f"{SVG}title") for c in charts]
    assert "Refugees" in titles
    for chart in charts:
        assert chart.tag == f"{SVG}svg" and chart.get("role") == "img"
        assert chart.get("aria-labelledby") and chart.findtext(f"{SVG}desc")
        assert chart.find(f"{SVG}path") is not None
    assert "<table>" in index.split('id="chart-1"')[1]  # the text alternative
    assert "4.3 million" in index
    # A day's page charts only what was reported on it and before: nothing on the first day.
    assert svgs((out / DAYS[0] / "index.html").read_text(encoding="utf-8")) == []
    assert len(svgs((out / DAYS[2] / "index.html").read_text(encoding="utf-8"))) >= 1


def test_pdf_has_charts(out: Path) -> None:
    pypdf = pytest.importorskip("pypdf")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(out / DAYS[2] / "brief.pdf").pages)
    assert "Over time" in text and "Refugees" in text
    first = "".join(p.extract_text() for p in pypdf.PdfReader(out / DAYS[0] / "brief.pdf").pages)
    assert "Over time" not in first


def site_files(out: Path) -> dict[str, int]:
    names = ["index.html", "feed.xml", "archive/index.html", "archive/2022-06.html", "archive/2022-07.html"]
    names += [f"{d}/{f}" for d in DAYS for f in ("index.html", "brief.pdf", "brief.html")]
    return {n: (out / n).stat().st_mtime_ns for n in names}


def test_rebuild_rewrites_nothing(out: Path, work: Path) -> None:
    before = site_files(out)
    res = CliRunner().invoke(
        main, ["build", str(work / "in"), "--out", str(out), "--cache", str(work / "cache"), "-q"]
    )
    assert res.exit_code == 0, res.output
    assert site_files(out) == before
    assert site.write_site(out, site=SiteConfig()) == []


def test_write_order(out: Path, work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = work / "order"
    shutil.copytree(out, copy)
    for p in {copy / "index.html", copy / "feed.xml", *copy.glob("archive/*"), *copy.glob("*/index.html")}:
        p.unlink()
    order: list[str] = []
    real = site.atomic_write

    def record(path: Path, data: bytes | str, **kwargs: Any) -> None:
        order.append(path.relative_to(copy).as_posix())
        real(path, data, **kwargs)

    monkeypatch.setattr(site, "atomic_write", record)
    written = site.write_site(copy, site=SiteConfig(title="Daily brief"))
    assert [p.relative_to(copy).as_posix() for p in written] == order
    kinds = ["day" if re.match(r"\d{4}-", n) else n.split("/")[0] for n in order]
    first = {k: kinds.index(k) for k in ("day", "archive", "index.html", "feed.xml")}
    last_day = len(kinds) - 1 - kinds[::-1].index("day")
    assert last_day < first["archive"] < first["index.html"] < first["feed.xml"]
    assert order[-1] == "feed.xml"


def test_no_site_flag(work: Path, tmp_path: Path) -> None:
    target = tmp_path / "plain"
    res = CliRunner().invoke(
        main,
        ["build", str(work / "in"), "--out", str(target), "--cache", str(work / "cache"), "--no-site", "-q"],
    )
    assert res.exit_code == 0, res.output
    assert (target / DAYS[0] / "brief.html").is_file()
    assert not (target / "index.html").exists() and not (target / DAYS[0] / "index.html").exists()


def test_site_command_needs_a_built_folder(tmp_path: Path) -> None:
    res = CliRunner().invoke(main, ["site", "--out", str(tmp_path / "missing")])
    assert res.exit_code == 2 and "build the briefs first" in res.output


def test_site_without_figures_has_no_charts(tmp_path: Path) -> None:
    for day in ("2022-03-28", "2022-03-29"):
        publish.atomic_write(
            tmp_path / day / "brief.json", publish.brief_json(make_brief(date=day)), make_parents=True
        )
    written = site.write_site(tmp_path, site=SiteConfig(title="Plain <b>site</b>"))
    assert tmp_path / "index.html" in written
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<svg" not in index and "charts appear when one has" in index
    assert "Plain &lt;b&gt;site&lt;/b&gt;" in index
    assert site.write_site(tmp_path / "empty", site=SiteConfig()) == []


def test_bad_base_url() -> None:
    with pytest.raises(ConfigError, match="base_url"):
        site.write_site(Path("."), site=SiteConfig(base_url="javascript:alert(1)"))


@pytest.mark.parametrize(
    ("value", "unit", "text"),
    [
        (4_100_000, "people", "4.1M"),
        (25_000, "people", "25k"),
        (1351, "people", "1,351"),
        (40, "percent", "40%"),
        (2.7e9, "USD", "2.7bn"),
        (0.5, "", "0.5"),
    ],
)
def test_compact(value: float, unit: str, text: str) -> None:
    assert site.compact(value, unit) == text


def test_series_titles() -> None:
    assert site.series_title("people|refugees||") == "Refugees"
    assert site.series_title("people|killed||mariupol") == "People killed in Mariupol"
    assert site.series_title("tonnes|grain||") == "Grain (tonnes)"


# ----------------------------------------------------------------------------- browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip("needs Chromium at /usr/bin/chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        try:
            yield b
        finally:
            b.close()


@pytest.fixture(scope="module")
def server(out: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(out)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        # Served below a sub-path would need a proxy; the root of a local server is enough to
        # show that no link assumes the site's location.
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("mode", ["file", "http"])
@pytest.mark.parametrize("width", [1280, 390])
def test_pages_in_chromium(
    browser: Any, server: str, out: Path, tmp_path: Path, mode: str, width: int
) -> None:
    base = out.resolve().as_uri() + "/" if mode == "file" else server
    context = browser.new_context(viewport={"width": width, "height": 900})
    outside: list[str] = []

    def route(r: Any) -> None:
        url = r.request.url
        if url.startswith(("file:", "data:")) or url.startswith(server):
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        for rel in pages(out):
            response = page.goto(base + rel)
            if mode == "http":
                assert response is not None and response.status == 200, rel
            hrefs = page.eval_on_selector_all(
                "a[href]", "els => els.map(e => [e.getAttribute('href'), e.href])"
            )
            assert hrefs, f"{rel} has no links"
            assert not [h for h, _ in hrefs if h.strip().lower().startswith("javascript:")], rel
            for raw, resolved in hrefs:
                if resolved.startswith(("https://", "http://")) and not resolved.startswith(server):
                    continue  # an article's address: not part of the site, not fetched
                target = resolved.split("#", 1)[0]
                if mode == "file":
                    assert Path(unquote(urlsplit(target).path)).is_file(), f"{rel}: {raw}"
                else:
                    assert page.request.get(target).status == 200, f"{rel}: {raw}"
            assert page.evaluate("typeof window.__pwned") == "undefined", rel
            assert page.locator("h1").count() == 1, rel
            shot = tmp_path / f"{rel.replace('/', '_')}.png"
            page.screenshot(path=str(shot), full_page=True)
            assert shot.stat().st_size > 1000
            # Nothing wider than the viewport: readable on a phone without sideways scrolling.
            assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, rel
    finally:
        context.close()
    assert errors == []
    assert dialogs == []
    assert outside == []
