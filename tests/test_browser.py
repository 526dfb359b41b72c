"""The built docs site, opened page by page in a real browser (headless Chromium driven by Playwright).

Give the built site in ``KZLR_SITE_DIR`` (``mkdocs build --site-dir DIR``).  The site is served from
127.0.0.1 on a free port, every ``.html`` page is opened, and the tests fail, listing each problem as
``page: what``, on a console error, an uncaught page error, a failed request or an HTTP status of 400 or
more, a request to any other host (blocked, so the site must work with no network), and an internal link
(``a[href]``, ``img[src]``, ``object[data]``, links inside inline SVG) that leads to no file or to an
anchor its page lacks.  The site's search is used offline from the home page, and full-page screenshots
of the home page, a case page and a person page are saved to ``KZLR_SCREENSHOTS`` (default: a temporary
directory) for people to look at; their paths are printed (run with ``-s`` to see them).

Chromium is Debian's (``/usr/bin/chromium``, or ``KZLR_CHROMIUM``); Playwright only drives it and
downloads no browser.  Without the site, Chromium or Playwright the tests skip, saying why, unless
``KZLR_BROWSER_REQUIRED=1`` (as in CI), which turns each skip into a failure.

    pip install ".[docs,browser]"
    kz-labour-rights catalogue --out docs/catalogue && mkdocs build --strict -d /tmp/site
    KZLR_SITE_DIR=/tmp/site python -m pytest -s tests/test_browser.py
"""

import asyncio
import functools
import http.server
import os
import re
import shutil
import socketserver
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple
from urllib.parse import unquote, urlsplit

import pytest

# Flags for Chromium as root on a machine with no network: no sandbox (root), no GPU, and none of the
# background traffic (component updates, sync, QUIC probes) that would try to reach other hosts.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Pages open a few at a time: each page's search worker builds its index (CPU-bound), so more tabs than
# cores gains little.
TABS = int(os.environ.get("KZLR_BROWSER_TABS", str(min(4, (os.cpu_count() or 1) + 1))))
# A page is done when no request of its own (the search worker's included) has been waiting for an answer
# for this long after "load": long enough for the worker to ask for the next file after the last one.
QUIET = 0.2
PAGE_TIMEOUT = 30.0
SCREENSHOTS = {
    "home": "index.html",
    "case": "catalogue/cases/case-baltabay-2019.html",
    "person": "catalogue/people/person-larisa-kharkova.html",
}
SEARCHES = ("Baltabay", "Kharkva", "Baltabai")

# Everything a page links to, resolved by the browser against the page's base; and every id (and
# a[name]) an anchor may point at.  HTML and SVG links are told apart by namespace, since CSS attribute
# selectors match an SVG <a href> too.
_COLLECT_JS = """() => {
  const XHTML = 'http://www.w3.org/1999/xhtml', XLINK = 'http://www.w3.org/1999/xlink';
  const links = [];
  const add = (kind, raw) => {
    if (raw === null || raw === undefined) return;
    let url;
    try { url = new URL(raw, document.baseURI).href; } catch (e) { url = raw; }
    links.push([kind, raw, url]);
  };
  for (const a of document.querySelectorAll('a[href]'))
    if (a.namespaceURI === XHTML) add('a href', a.getAttribute('href'));
  for (const img of document.querySelectorAll('img[src]')) add('img src', img.getAttribute('src'));
  for (const o of document.querySelectorAll('object[data]')) add('object data', o.getAttribute('data'));
  for (const el of document.querySelectorAll('svg a, svg image, svg use')) {
    const raw = el.getAttribute('href') !== null ? el.getAttribute('href') : el.getAttributeNS(XLINK, 'href');
    add('svg ' + el.localName + ' href', raw);
  }
  const ids = Array.from(document.querySelectorAll('[id]'), (e) => e.id);
  for (const a of document.querySelectorAll('a[name]')) ids.push(a.getAttribute('name'));
  return {links, ids};
}"""


@dataclass
class Crawl:
    """What the browser saw: problems as (page, what), the ids on each page, the links to check,
    search results per query (hrefs), the screenshots saved, and how long it took."""

    problems: List[Tuple[str, str]] = field(default_factory=list)
    ids: Dict[str, Set[str]] = field(default_factory=dict)
    links: List[Tuple[str, str, str, str]] = field(default_factory=list)  # page, kind, as written, resolved
    searches: Dict[str, List[str]] = field(default_factory=dict)
    screenshots: Dict[str, Path] = field(default_factory=dict)
    pages: List[str] = field(default_factory=list)
    seconds: float = 0.0


def _unavailable(reason: str) -> None:
    """Skip, saying why; or fail, when KZLR_BROWSER_REQUIRED=1 forbids a silent pass."""
    if os.environ.get("KZLR_BROWSER_REQUIRED") == "1":
        pytest.fail(f"{reason} (KZLR_BROWSER_REQUIRED=1: the browser test may not skip)")
    pytest.skip(reason)


def _chromium() -> str:
    """The Chromium executable, or a skip (a failure when required) naming what to install."""
    for candidate in (os.environ.get("KZLR_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    _unavailable("Chromium not found: apt-get install chromium (or set KZLR_CHROMIUM to its executable)")
    raise AssertionError("unreachable")


def _playwright() -> None:
    """Playwright's Python package is importable, or a skip (a failure when required)."""
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        _unavailable('Playwright is not installed: pip install "kz-labour-rights[browser]" (no browser download needed)')


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr."""

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True  # a stuck connection never keeps the test process alive

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A browser leaving a page mid-download drops its connection: not worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Served:
    """A directory served over HTTP on 127.0.0.1 at a free port, in a daemon thread, until closed."""

    def __init__(self, root: Path) -> None:
        handler = functools.partial(_QuietHandler, directory=str(root))
        self.server = _Server(("127.0.0.1", 0), handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


def _html_pages(root: Path) -> List[str]:
    """Every .html file of the site, as a path relative to its root, sorted."""
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*.html"))


def _target(root: Path, base: str, url: str) -> Optional[Tuple[str, Path, str]]:
    """The site file a resolved URL points at (relative path, path, fragment), or None when the URL
    leads outside the site (another host, mailto:, javascript:...)."""
    parts = urlsplit(url)
    if f"{parts.scheme}://{parts.netloc}/" != base:
        return None
    rel = unquote(parts.path).lstrip("/")
    path = root / rel
    if rel == "" or path.is_dir():
        rel = (rel.rstrip("/") + "/index.html").lstrip("/")
        path = root / rel
    return rel, path, unquote(parts.fragment)


def broken_links(crawl: Crawl, root: Path, base: str) -> List[Tuple[str, str]]:
    """Internal links that lead to no file, or to an anchor that is not an id (or a[name]) of its page."""
    problems = []
    for page, kind, raw, url in crawl.links:
        target = _target(root, base, url)
        if target is None:
            continue
        rel, path, fragment = target
        if not path.is_file():
            problems.append((page, f"broken link: {kind}={raw!r} -> no file {rel}"))
        elif fragment and rel in crawl.ids and fragment not in crawl.ids[rel]:
            problems.append((page, f"broken link: {kind}={raw!r} -> {rel} has no id {fragment!r}"))
    return sorted(set(problems))


class _Shown:
    """One page as a tab shows it: the requests it started, those still waiting for an answer, and
    whether its events still count (not once the tab is leaving it)."""

    def __init__(self, rel: str) -> None:
        self.rel = rel
        self.seen: Set[Any] = set()
        self.pending: Set[Any] = set()
        self.foreign: Set[str] = set()
        self.last = time.monotonic()
        self.counts = True


class _Tab:
    """A browser tab reused page after page (a new tab per page costs a third more time); each event
    is put down to the page the tab is showing, and a request only to the page that started it."""

    def __init__(self, page: Any, base: str, crawl: Crawl, root: Optional[Path] = None) -> None:
        self.page, self.base, self.crawl, self.root = page, base, crawl, root
        self.shown: Optional[_Shown] = None
        page.on("request", self._request)
        page.on("requestfinished", self._answered)
        page.on("requestfailed", self._failed)
        page.on("response", self._response)
        page.on("console", self._console)
        page.on("pageerror", lambda error: self._problem(f"uncaught page error: {error}"))

    def _problem(self, what: str) -> None:
        if self.shown is not None and self.shown.counts:
            self.crawl.problems.append((self.shown.rel, what))

    def _mine(self, request: Any) -> Optional[_Shown]:
        """The page shown, if it started this request (one left behind may still report)."""
        shown = self.shown
        return shown if shown is not None and request in shown.seen else None

    def _request(self, request: Any) -> None:
        shown = self.shown
        if shown is None or not shown.counts:
            return
        shown.seen.add(request)
        shown.pending.add(request)
        shown.last = time.monotonic()
        if not request.url.startswith(self.base) and request.url.split(":", 1)[0] in ("http", "https", "ws", "wss"):
            shown.foreign.add(request.url)
            self._problem(f"request to another host (blocked): {request.url}")

    def _answered(self, request: Any) -> None:
        shown = self._mine(request)
        if shown is not None:
            shown.pending.discard(request)
            shown.last = time.monotonic()

    def _failed(self, request: Any) -> None:
        shown = self._mine(request)
        if shown is not None:
            self._answered(request)
            # A download the browser itself drops ("net::ERR_ABORTED") of a file the site has is the
            # browser's choice, not a fault of the site: CI twice saw the search worker's lunr.js dropped
            # so, on one page of 302.  A file the site lacks is answered 404 and reported below; any
            # other failure counts.
            target = _target(self.root, self.base, request.url) if self.root is not None else None
            if "ERR_ABORTED" in str(request.failure) and target is not None and target[1].is_file():
                return
            if request.url not in shown.foreign:
                self._problem(f"request failed: {request.url} ({request.failure})")

    def _response(self, response: Any) -> None:
        if self._mine(response.request) is not None:
            self._answered(response.request)
            if response.status >= 400:
                self._problem(f"HTTP {response.status}: {response.url}")

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self._problem(f"console error: {message.text}")

    async def show(self, rel: str) -> None:
        """Open a page and wait until it has settled, noting what goes wrong on the way.

        A request counts as answered at its response's headers, not at the end of its body: the
        search worker downloads the whole index and then builds it on every page (about a second of
        CPU), which would triple the crawl; the search test builds it once, on the home page."""
        shown = self.shown = _Shown(rel)
        try:
            await self.page.goto(self.base + rel, wait_until="load", timeout=PAGE_TIMEOUT * 1000)
        except Exception as error:  # a page that does not load is a problem to list, not a crash of the crawl
            self._problem(f"did not load: {error}")
        deadline = time.monotonic() + PAGE_TIMEOUT
        while shown.pending or time.monotonic() - shown.last < QUIET:
            if time.monotonic() > deadline:
                self._problem(f"requests unanswered after {PAGE_TIMEOUT:.0f} s: {sorted(r.url for r in shown.pending)}")
                break
            await asyncio.sleep(0.05)

    async def leave(self) -> None:
        """Leave the page for a blank one; what it reports from now on (aborted downloads) is not counted."""
        if self.shown is not None:
            self.shown.counts = False
        await self.page.goto("about:blank")
        self.shown = None


async def _visit(tab: _Tab, rel: str) -> None:
    """Open a page, collect its links and ids (also from frames, e.g. an SVG <object>), leave it."""
    await tab.show(rel)
    try:
        for frame in tab.page.frames:
            if not frame.url.startswith(tab.base):
                continue
            found = await frame.evaluate(_COLLECT_JS)
            tab.crawl.links.extend((rel, kind, raw, url) for kind, raw, url in found["links"])
            if frame is tab.page.main_frame:
                tab.crawl.ids[rel] = set(found["ids"])
    finally:
        await tab.leave()


async def _search(tab: _Tab, queries: Tuple[str, ...]) -> None:
    """Use the home page's search as a visitor would: open the modal, type each query, note the results.

    The theme searches on keyup, and listens only once its worker has built the index, so the key is
    pressed again until results (or "No results found") appear."""
    await tab.show("index.html")
    page = tab.page
    try:
        await page.click('a[data-bs-target="#mkdocs_search_modal"]')
        box = page.locator("#mkdocs-search-query")
        await box.wait_for(state="visible")
        for query in queries:
            await page.evaluate("() => { document.getElementById('mkdocs-search-results').innerHTML = ''; }")
            deadline = time.monotonic() + PAGE_TIMEOUT
            while time.monotonic() < deadline:
                # The whole query at once, then a key that changes nothing: typed letter by letter, the
                # first ones would already show "No results found" (too short to search).
                await box.fill(query)
                await box.press("End")
                try:
                    await page.wait_for_selector("#mkdocs-search-results > *", timeout=1000)
                    break
                except Exception:  # the index is not ready yet: type again
                    continue
            tab.crawl.searches[query] = await page.eval_on_selector_all(
                "#mkdocs-search-results article a[href]", "els => els.map(e => e.href)"
            )
    finally:
        await tab.leave()


async def _screenshot(tab: _Tab, rel: str, out: Path) -> Path:
    """A full-page PNG of one page."""
    await tab.show(rel)
    try:
        await tab.page.screenshot(path=str(out), full_page=True)
    finally:
        await tab.leave()
    return out


async def _crawl(
    base: str,
    executable: str,
    pages: List[str],
    searches: Tuple[str, ...] = (),
    screenshots: Optional[Dict[str, str]] = None,
    shots_dir: Optional[Path] = None,
    root: Optional[Path] = None,
) -> Crawl:
    """Open every page in one browser and one context, a few tabs at a time; then search and screenshot."""
    from playwright.async_api import async_playwright

    crawl = Crawl(pages=pages)
    start = time.monotonic()
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            # Anything not from the local server is aborted (and reported by the tab): the site must work
            # with no network.  The pattern is matched in the browser, so local requests cost no round trip.
            await context.route(
                re.compile(r"^(?!" + re.escape(base) + r")(https?|wss?)://"), lambda route: route.abort("blockedbyclient")
            )
            tabs = [_Tab(await context.new_page(), base, crawl, root) for _ in range(min(TABS, len(pages)) or 1)]
            todo = iter(pages)  # shared: each tab takes the next page when it is free

            async def run(tab: _Tab) -> None:
                for rel in todo:
                    await _visit(tab, rel)

            await asyncio.gather(*(run(tab) for tab in tabs))
            if searches:
                await _search(tabs[0], searches)
            for name, rel in (screenshots or {}).items():
                assert shots_dir is not None
                crawl.screenshots[name] = await _screenshot(tabs[0], rel, shots_dir / f"{Path(rel).stem}.png")
            await context.close()
        finally:
            await browser.close()
    crawl.seconds = time.monotonic() - start
    crawl.problems = sorted(set(crawl.problems))
    return crawl


def _listing(problems: List[Tuple[str, str]]) -> str:
    return f"{len(problems)} problem(s):\n" + "\n".join(f"  {page}: {what}" for page, what in problems)


@pytest.fixture(scope="module")
def site() -> Path:
    """The built site given in KZLR_SITE_DIR."""
    value = os.environ.get("KZLR_SITE_DIR")
    if not value:
        _unavailable("KZLR_SITE_DIR not set: build the site (mkdocs build -d DIR) and set KZLR_SITE_DIR=DIR")
    root = Path(str(value))
    if not (root / "index.html").is_file():
        _unavailable(f"KZLR_SITE_DIR={value} holds no built site (no index.html)")
    return root


@pytest.fixture(scope="module")
def browser_ready() -> str:
    """Chromium's executable, once Playwright and Chromium are both there."""
    _playwright()
    return _chromium()


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[_Served]:
    server = _Served(site)
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def crawl(site: Path, served: _Served, browser_ready: str) -> Crawl:
    """The whole site opened once; the tests below read what it saw."""
    shots = Path(os.environ.get("KZLR_SCREENSHOTS") or tempfile.mkdtemp(prefix="kzlr-screenshots-"))
    shots.mkdir(parents=True, exist_ok=True)
    pages = _html_pages(site)
    result = asyncio.run(_crawl(served.base, browser_ready, pages, SEARCHES, SCREENSHOTS, shots, site))
    print(f"\nbrowser: opened {len(pages)} pages, searched and took {len(result.screenshots)} screenshots "
          f"in {result.seconds:.1f} s ({TABS} tabs)")
    for name, path in result.screenshots.items():
        print(f"screenshot ({name}): {path}")
    return result


def test_every_page_opens_cleanly(crawl: Crawl) -> None:
    """Every page loads with no console error, uncaught error, failed request, HTTP error or other host."""
    assert [] == crawl.problems, _listing(crawl.problems)


def test_every_page_was_opened(site: Path, crawl: Crawl) -> None:
    """The crawl read every .html page of the site (a page skipped would pass unseen), the catalogue's too."""
    assert (_html_pages(site), True) == (sorted(crawl.ids), any(p.startswith("catalogue/people/") for p in crawl.ids))


def test_internal_links_resolve(site: Path, served: _Served, crawl: Crawl) -> None:
    """Every link, image, object and inline-SVG link inside the site leads to a file, and its #anchor to an id."""
    problems = broken_links(crawl, site, served.base)
    assert [] == problems, _listing(problems)


def test_search_works_offline(site: Path, served: _Served, crawl: Crawl) -> None:
    """Typing "Baltabay" into the home page's search lists pages, Baltabay's case among them, all existing."""
    results = crawl.searches["Baltabay"]
    targets = [_target(site, served.base, url) for url in results]
    missing = [url for url, t in zip(results, targets) if t is None or not t[1].is_file()]
    found = any(t is not None and t[0] == "catalogue/cases/case-baltabay-2019.html" for t in targets)
    assert (True, True, []) == (len(results) > 0, found, missing), f"search for 'Baltabay' listed {results}"


def test_search_tolerates_misspellings(crawl: Crawl) -> None:
    """"Kharkva" finds Larisa Kharkova's page and "Baltabai" Baltabay's case, as the sources' spellings would."""
    kharkova = any(url.endswith("/catalogue/people/person-larisa-kharkova.html") for url in crawl.searches["Kharkva"])
    baltabay = any(url.endswith("/catalogue/cases/case-baltabay-2019.html") for url in crawl.searches["Baltabai"])
    assert (True, True) == (kharkova, baltabay)


def test_screenshots_saved(crawl: Crawl) -> None:
    """The home, case and person pages are saved as full-page PNGs for people to look at."""
    saved = {name: path.read_bytes()[:8] for name, path in crawl.screenshots.items() if path.is_file()}
    assert {name: b"\x89PNG\r\n\x1a\n" for name in SCREENSHOTS} == saved


def test_faults_are_caught(tmp_path: Path, browser_ready: str) -> None:
    """A small site with one fault of each kind is reported fault by fault, and its clean page not at all."""
    (tmp_path / "index.html").write_text(
        """<!doctype html><html><head><title>faults</title>
<link rel="stylesheet" href="http://example.invalid/theme.css"></head><body>
<script>console.error("deliberate console error")</script>
<script>notDefinedAnywhere()</script>
<img src="missing.png" alt="">
<object data="absent.svg"></object> <object data="figure.svg"></object>
<a href="nowhere.html">gone</a> <a href="clean.html#here">fine</a> <a href="clean.html#nope">no anchor</a>
<a href="https://example.org/">outside, not followed</a> <a href="#top">own anchor</a> <p id="top">top</p>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10">
<a href="svg-gone.html"><text>a</text></a><a xlink:href="clean.html#svg-nope"><text>b</text></a></svg>
</body></html>""",
        encoding="utf-8",
    )
    (tmp_path / "clean.html").write_text(
        '<!doctype html><html><head><title>clean</title></head><body><p id="here">here</p></body></html>', encoding="utf-8"
    )
    # An SVG shown by <object> is a document of its own: its links are checked too.
    (tmp_path / "figure.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><a href="clean.html#here"><text>ok</text></a>'
        '<a href="figure-gone.html"><text>x</text></a></svg>',
        encoding="utf-8",
    )
    server = _Served(tmp_path)
    try:
        crawl = asyncio.run(_crawl(server.base, browser_ready, _html_pages(tmp_path), root=tmp_path))
        problems = crawl.problems + broken_links(crawl, tmp_path, server.base)
    finally:
        server.close()
    expected = [
        "request to another host (blocked): http://example.invalid/theme.css",
        "console error: deliberate console error",
        "uncaught page error: ",
        "HTTP 404: " + server.base + "missing.png",
        "HTTP 404: " + server.base + "absent.svg",
        "broken link: img src='missing.png' -> no file missing.png",
        "broken link: object data='absent.svg' -> no file absent.svg",
        "broken link: a href='nowhere.html' -> no file nowhere.html",
        "broken link: a href='clean.html#nope' -> clean.html has no id 'nope'",
        "broken link: svg a href='svg-gone.html' -> no file svg-gone.html",
        "broken link: svg a href='clean.html#svg-nope' -> clean.html has no id 'svg-nope'",
        "broken link: svg a href='figure-gone.html' -> no file figure-gone.html",
    ]
    caught = {what: sorted({page for page, w in problems if w.startswith(what)}) for what in expected}
    # The sound links (an existing anchor on another page, one on the page itself, another host's
    # page, which is not followed) and the clean page are not reported.
    sound = ("'clean.html#here'", "'#top'", "example.org")
    wrongly = [(page, what) for page, what in problems if page != "index.html" or any(s in what for s in sound)]
    assert ({what: ["index.html"] for what in expected}, []) == (caught, wrongly), _listing(problems)
