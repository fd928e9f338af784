"""Open a folium (Leaflet) HTML map in real headless Chromium, offline.

Every request the page makes goes through Playwright's request routing. A CDN URL is
answered from the npm packages that `make browser-deps` installs into
tests/browser/node_modules (versions pinned in package.json to the ones in folium's
URLs), or from the folium pip package; a map tile gets a blank 256x256 PNG made here;
anything else is aborted and recorded in ``PageResult.unrouted`` so a test can assert
that no asset was missed. The page itself is opened as a file:// URL, as a person
opening the written HTML would.

URL -> what answers it (see ``resolve``):

- ``https://cdn.jsdelivr.net/npm/<pkg>@<ver>/<path>``: ``node_modules/<pkg>/<path>``; the
  installed version must equal ``<ver>``. A missing ``x.min.js``/``x.min.css`` falls back to
  ``x.js``/``x.css``, as jsDelivr minifies on the fly (leaflet-textpath 1.2.3 ships no
  ``.min.js``).
- ``https://cdn.jsdelivr.net/gh/python-visualization/folium[@ref]/folium/templates/<file>``:
  that file in the installed folium's ``templates/`` (``leaflet_heat.min.js`` ships there).
  ``leaflet.awesome.rotate.min.css`` is not in pip's folium: ``ROTATE_CSS`` is made here,
  the same ``.fa-rotate-N`` rules (N = 0..359) that file holds.
- ``https://cdnjs.cloudflare.com/ajax/libs/<lib>/<ver>/<file>``: the ``CDNJS`` table below,
  library and version -> npm package and the folders of it to look in.
- ``https://code.jquery.com/jquery-<ver>[.min].js``: ``node_modules/jquery/dist/``.
- ``https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css``: an empty
  stylesheet. Bootstrap 3's glyphicon CSS has no npm package of its own (npm's bootstrap@3
  has it only inside the full Bootstrap 3 CSS, which would clash with the Bootstrap 5 the
  page loads). Only the glyph inside a ``prefix="glyphicon"`` folium Icon (folium's default
  prefix) goes missing; the marker itself still draws.
- a map tile (a host in ``TILE_HOSTS``, or a ``/z/x/y.png``-like path): ``BLANK_TILE``, a
  plain 256x256 PNG made here.
- anything else: aborted, and listed in ``PageResult.unrouted``.

Use::

    with Harness() as h, h.open_map(path, screenshot=tmp_path / "map.png") as r:
        r.assert_clean()
        assert r.page.locator(".leaflet-control-layers").count() == 1

or ``open_map(path)`` alone, which starts and stops its own browser. In pytest use the
``browser_harness`` fixture (tests/browser/conftest.py) instead: Playwright's sync API
cannot start a second time while the session's harness is running.
"""
from __future__ import annotations

import contextlib
import json
import mimetypes
import os
import re
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

BROWSER_DIR = Path(__file__).resolve().parent
NODE_MODULES = BROWSER_DIR / "node_modules"
PACKAGE_JSON = BROWSER_DIR / "package.json"
CHROMIUM = Path(os.environ.get("CONFLICTMAP_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SETUP_HINT = "run `make browser-deps` (as root it installs Debian's chromium too)"

# cdnjs library/version -> (npm package, the package's folders to look in, in order).
# The npm package's version must equal the cdnjs version.
CDNJS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("leaflet.markercluster", "1.1.0"): ("leaflet.markercluster", ("dist",)),
    # drmonty-leaflet-awesome-markers 2.0.2 is a plain npm copy of the upstream 2.0.2
    # release (js/, css/, css/images/); npm's leaflet.awesome-markers has 2.0.0/2.0.4/2.0.5.
    ("Leaflet.awesome-markers", "2.0.2"): ("drmonty-leaflet-awesome-markers", ("js", "css")),
}
EMPTY_CSS_URLS = {
    "https://netdna.bootstrapcdn.com/bootstrap/3.0.0/css/bootstrap-glyphicons.css",
}
TILE_HOSTS = (
    "tile.openstreetmap.org",
    "tile.openstreetmap.fr",
    "tile.opentopomap.org",
    "basemaps.cartocdn.com",
    "tiles.stadiamaps.com",
    "server.arcgisonline.com",
    "tile.thunderforest.com",
    "api.mapbox.com",
)
_TILE_PATH = re.compile(r"/\d+/\d+/\d+(@\dx)?(\.(png|jpe?g|webp|pbf))?$")
_JSDELIVR_NPM = re.compile(r"^/npm/((?:@[^/@]+/)?[^/@]+)@([^/]+)/(.+)$")
_JSDELIVR_FOLIUM = re.compile(r"^/gh/python-visualization/folium(?:@[^/]+)?/folium/templates/(.+)$")
_CDNJS = re.compile(r"^/ajax/libs/([^/]+)/([^/]+)/(.+)$")
_JQUERY = re.compile(r"^/jquery-(\d+\.\d+\.\d+)(\.min)?\.js$")


def _png(width: int, height: int, rgb: tuple[int, int, int], edge: tuple[int, int, int]) -> bytes:
    """An RGB PNG of one colour with a 1-pixel top and left edge of another (so tile
    seams show in a screenshot), made with zlib alone."""
    fill, line = bytes(rgb), bytes(edge)
    top = b"\x00" + line * width
    row = b"\x00" + line + fill * (width - 1)
    raw = top + row * (height - 1)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


BLANK_TILE = _png(256, 256, (242, 239, 233), (225, 221, 212))
ROTATE_CSS = "".join(
    f".fa-rotate-{n}{{-ms-transform:rotate({n}deg);-webkit-transform:rotate({n}deg);"
    f"transform:rotate({n}deg);}}\n"
    for n in range(360)
).encode()


@dataclass(frozen=True)
class Resolved:
    """How one URL is answered: from a local file, or with bytes made here."""

    kind: str  # "file" | "generated" | "tile"
    body: bytes | None = None
    path: Path | None = None
    content_type: str = "application/octet-stream"


class Unresolved(Exception):
    """A URL the harness cannot serve; the message says why."""


def _content_type(name: str) -> str:
    ext = Path(name).suffix.lower()
    known = {".js": "application/javascript", ".css": "text/css", ".png": "image/png",
             ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf",
             ".svg": "image/svg+xml", ".map": "application/json", ".json": "application/json"}
    return known.get(ext) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def _npm_file(pkg: str, version: str, rel: str) -> Path:
    root = NODE_MODULES / pkg
    manifest = root / "package.json"
    if not manifest.is_file():
        raise Unresolved(f"npm package {pkg} is not installed in {NODE_MODULES}")
    installed = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if installed != version:
        raise Unresolved(f"npm package {pkg} is {installed}, the page wants {version}")
    rel = unquote(rel)
    candidates = [rel]
    m = re.match(r"^(.*)\.min\.(js|css)$", rel)
    if m:  # jsDelivr minifies on the fly a .min file a package does not ship
        candidates.append(f"{m.group(1)}.{m.group(2)}")
    for cand in candidates:
        path = (root / cand).resolve()
        if root.resolve() in path.parents and path.is_file():
            return path
    raise Unresolved(f"{pkg}@{version} has no file {rel}")


def _folium_templates() -> Path:
    import folium

    return Path(folium.__file__).resolve().parent / "templates"


def resolve(url: str) -> Resolved:
    """Map a URL the page requests to what answers it; raise ``Unresolved`` if none."""
    parts = urlsplit(url)
    host, path = parts.hostname or "", parts.path
    if url.split("?")[0] in EMPTY_CSS_URLS:
        return Resolved("generated", body=b"/* empty: see tests/browser/harness.py */\n",
                        content_type="text/css")
    if host in TILE_HOSTS or any(host.endswith("." + h) for h in TILE_HOSTS) \
            or _TILE_PATH.search(path) or re.search(r"/tile/\d+/\d+/\d+$", path):
        return Resolved("tile", body=BLANK_TILE, content_type="image/png")
    if host == "cdn.jsdelivr.net":
        m = _JSDELIVR_NPM.match(path)
        if m:
            pkg, version, rel = m.groups()
            p = _npm_file(pkg, version, rel)
            return Resolved("file", path=p, content_type=_content_type(p.name))
        m = _JSDELIVR_FOLIUM.match(path)
        if m:
            name = m.group(1)
            if name == "leaflet.awesome.rotate.min.css":
                return Resolved("generated", body=ROTATE_CSS, content_type="text/css")
            p = _folium_templates() / name
            if p.is_file():
                return Resolved("file", path=p, content_type=_content_type(p.name))
            raise Unresolved(f"folium's templates/ has no {name}")
    if host == "cdnjs.cloudflare.com":
        m = _CDNJS.match(path)
        if m:
            lib, version, rel = m.groups()
            if (lib, version) not in CDNJS:
                raise Unresolved(f"cdnjs {lib}/{version} is not in harness.CDNJS")
            pkg, folders = CDNJS[(lib, version)]
            for folder in folders:
                with contextlib.suppress(Unresolved):
                    p = _npm_file(pkg, version, f"{folder}/{rel}")
                    return Resolved("file", path=p, content_type=_content_type(p.name))
            raise Unresolved(f"{pkg}@{version} has no {rel} under {', '.join(folders)}")
    if host == "code.jquery.com":
        m = _JQUERY.match(path)
        if m:
            version, mini = m.groups()
            p = _npm_file("jquery", version, f"dist/jquery{mini or ''}.js")
            return Resolved("file", path=p, content_type="application/javascript")
    raise Unresolved("no rule for this URL")


def missing_deps() -> list[str]:
    """What is missing for the browser tests, one line each (empty when all is there)."""
    problems = []
    if not (CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK)):
        problems.append(f"no Chromium at {CHROMIUM} (Debian package `chromium`)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        problems.append("Python package playwright is not installed (the `test` extra)")
    wanted = json.loads(PACKAGE_JSON.read_text(encoding="utf-8")).get("dependencies", {})
    for pkg, version in sorted(wanted.items()):
        manifest = NODE_MODULES / pkg / "package.json"
        if not manifest.is_file():
            problems.append(f"npm package {pkg} is not in {NODE_MODULES}")
            continue
        got = json.loads(manifest.read_text(encoding="utf-8")).get("version")
        if got != version:
            problems.append(
                f"npm package {pkg} is {got} in node_modules, package.json pins {version}")
    return problems


@dataclass
class PageResult:
    """What one page did. ``page`` is live until the ``open_map`` block ends."""

    page: Any
    url: str
    map_names: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    console_messages: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[tuple[str, str]] = field(default_factory=list)  # (type, message)
    unrouted: list[tuple[str, str]] = field(default_factory=list)  # (url, why)
    served: list[tuple[str, str]] = field(default_factory=list)  # (url, what answered)
    tiles: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # offline: every request refused
    failed_requests: list[tuple[str, str]] = field(default_factory=list)
    screenshot: Path | None = None

    @property
    def map_name(self) -> str:
        """The JavaScript name of the (first) folium map, e.g. ``map_5f3c...``."""
        if not self.map_names:
            raise AssertionError(f"no Leaflet map on the page; {self.problems() or 'no errors'}")
        return self.map_names[0]

    def eval_map(self, js_function: str, arg: Any = None) -> Any:
        """Evaluate ``js_function(map, arg)`` in the page, with the folium map."""
        return self.page.evaluate(
            f"([name, arg]) => ({js_function})(window[name], arg)", [self.map_name, arg])

    def problems(self) -> list[str]:
        out = [f"console error: {m}" for m in self.console_errors]
        out += [f"page error: {m}" for m in self.page_errors]
        out += [f"dialog ({t}): {m}" for t, m in self.dialogs]
        out += [f"unrouted asset: {u} ({why})" for u, why in self.unrouted]
        out += [f"failed request: {u} ({why})" for u, why in self.failed_requests]
        return out

    def assert_clean(self) -> None:
        """No console error, page error, dialog, unrouted asset or failed request."""
        problems = self.problems()
        assert not problems, "the page was not clean:\n  " + "\n  ".join(problems)


_READY_JS = """
() => {
  if (!window.L || !L.Map) return false;
  const names = Object.keys(window).filter(
    k => /^map_[0-9a-f]+$/.test(k) && window[k] instanceof L.Map);
  if (!names.length || !names.every(k => window[k]._loaded)) return false;
  return names;
}
"""


class Harness:
    """One Playwright + one Chromium, reused by every ``open_map`` until closed."""

    def __init__(self, *, headless: bool = True) -> None:
        problems = missing_deps()
        if problems:
            raise RuntimeError("browser test dependencies missing: " + "; ".join(problems)
                               + f". To install them, {SETUP_HINT}.")
        from playwright.sync_api import sync_playwright

        self._pw_cm = sync_playwright()
        self._pw = self._pw_cm.start()
        try:
            self.browser = self._pw.chromium.launch(
                executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=headless)
        except Exception:
            self._pw_cm.__exit__(None, None, None)
            raise

    def close(self) -> None:
        try:
            self.browser.close()
        finally:
            self._pw_cm.__exit__(None, None, None)

    def __enter__(self) -> Harness:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def open_map(self, html_path: str | Path, *, screenshot: str | Path | None = None,
                 wait_for_map: bool = True, viewport: tuple[int, int] = (1024, 768),
                 timeout_ms: int = 15_000, cpu_slowdown: float | None = None,
                 refuse_tiles: bool = False, offline: bool = False, fragment: str = ""
                 ) -> Iterator[PageResult]:
        """Open ``html_path`` in a fresh browser context and yield its ``PageResult``.

        With ``wait_for_map`` (the default) it waits until every folium map on the page
        has loaded, failing with the page's errors if none does; without it, it waits
        for the load event only (for pages expected to break). Then it waits for the
        network to go idle and the fonts to load, and writes ``screenshot`` if given.
        ``cpu_slowdown`` (say 10) runs the page that many times slower, as on a slow or
        busy machine, to bring out races between timers and events. ``refuse_tiles``
        fails every tile request; ``offline`` fails every request the page makes but
        for its own file (as with no network: CDN assets too), listing them in
        ``PageResult.refused``; ``fragment`` (``"#from=..."``) is added to the page's URL.
        """
        html_path = Path(html_path).resolve()
        context = self.browser.new_context(
            viewport={"width": viewport[0], "height": viewport[1]},
            service_workers="block")
        context.set_default_timeout(timeout_ms)
        page = context.new_page()
        if cpu_slowdown:
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        result = PageResult(page=page, url=html_path.as_uri() + fragment)

        def on_console(msg: Any) -> None:
            result.console_messages.append((msg.type, msg.text))
            if (refuse_tiles or offline) and "ERR_INTERNET_DISCONNECTED" in msg.text:
                return  # a tile (or, offline, any asset) refused on purpose
            if msg.type == "error":
                result.console_errors.append(msg.text)

        def on_dialog(dialog: Any) -> None:
            result.dialogs.append((dialog.type, dialog.message))
            with contextlib.suppress(Exception):
                dialog.dismiss()

        def on_request_failed(request: Any) -> None:
            if any(request.url == u for u, _ in result.unrouted):
                return
            # Leaflet cancels the tiles of a view it leaves (fitBounds, zoom): not an error.
            if request.url in result.refused:
                return
            if request.url in result.tiles and (refuse_tiles
                                                or "ERR_ABORTED" in (request.failure or "")):
                return
            result.failed_requests.append((request.url, request.failure or "?"))

        def handler(route: Any) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:", "blob:", "about:")):
                route.continue_()
                return
            if offline:
                result.refused.append(url)
                route.abort("internetdisconnected")
                return
            try:
                res = resolve(url)
            except Unresolved as exc:
                result.unrouted.append((url, str(exc)))
                route.abort("blockedbyclient")
                return
            headers = {"Access-Control-Allow-Origin": "*", "Cache-Control": "no-store"}
            if res.kind == "tile":
                result.tiles.append(url)
                if refuse_tiles:
                    route.abort("internetdisconnected")
                    return
            result.served.append((url, str(res.path) if res.path else res.kind))
            if res.path is not None:
                route.fulfill(status=200, path=str(res.path), content_type=res.content_type,
                              headers=headers)
            else:
                route.fulfill(status=200, body=res.body, content_type=res.content_type,
                              headers=headers)

        page.on("console", on_console)
        page.on("pageerror", lambda err: result.page_errors.append(str(err)))
        page.on("dialog", on_dialog)
        page.on("requestfailed", on_request_failed)
        page.route("**/*", handler)
        try:
            page.goto(result.url, wait_until="load")
            if wait_for_map:
                try:
                    handle = page.wait_for_function(_READY_JS, timeout=timeout_ms)
                except Exception as exc:
                    problems = "\n  ".join(result.problems()) or "none recorded"
                    raise AssertionError(
                        f"no Leaflet map became ready in {html_path}: {exc}\n"
                        f"  page problems:\n  {problems}") from exc
                result.map_names = handle.json_value()
            else:
                result.map_names = page.evaluate(
                    "() => window.L && L.Map ? Object.keys(window).filter(k => "
                    "/^map_[0-9a-f]+$/.test(k) && window[k] instanceof L.Map) : []")
            with contextlib.suppress(Exception):
                page.wait_for_load_state("networkidle", timeout=5_000)
            page.evaluate("() => document.fonts.ready.then(() => new Promise("
                          "r => requestAnimationFrame(() => requestAnimationFrame(r))))")
            if screenshot is not None:
                result.screenshot = Path(screenshot)
                result.screenshot.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(result.screenshot))
            yield result
        finally:
            context.close()


@contextlib.contextmanager
def open_map(html_path: str | Path, *, screenshot: str | Path | None = None,
             **kwargs: Any) -> Iterator[PageResult]:
    """``Harness().open_map(...)`` with a browser of its own, closed at the end."""
    with Harness() as harness, harness.open_map(html_path, screenshot=screenshot,
                                                **kwargs) as result:
        yield result
