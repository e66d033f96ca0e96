"""Shared fixtures: one strict build of the real project per test session, served on localhost,
and one build with planted defects; both start in the background when collection ends.

The test order is unit modules first, then modules that read the built site, then the browser
tier, so the unit tests run while the builds do."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.build import REPO_ROOT, BuildResult, PendingBuild
from tests.support.planted import start_planted_build

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _Builds:
    """The session's two fresh-process builds, started as soon as collection ends (when a
    collected test needs them), so they run on the second core while the unit tests run."""

    def __init__(self) -> None:
        self.server: http.server.ThreadingHTTPServer | None = None
        self.site: PendingBuild | None = None
        self.planted: PendingBuild | None = None
        self.folders: list[Path] = []

    def _folder(self, prefix: str) -> Path:
        folder = Path(tempfile.mkdtemp(prefix=f"handbook-{prefix}-"))
        self.folders.append(folder)
        return folder

    def start_site(self) -> PendingBuild:
        """An HTTP server on 127.0.0.1 and a free port, bound first so the build knows its URL,
        then the strict build of the working tree into the folder it serves."""
        if self.site is None:
            site_dir = self._folder("site")
            handler = functools.partial(_QuietHandler, directory=str(site_dir))
            self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
            # site_url = the local server, so Material's instant navigation is active in the browser tests.
            site_url = f"http://127.0.0.1:{self.server.server_address[1]}/"
            self.site = PendingBuild(REPO_ROOT, site_dir, site_url=site_url)
        return self.site

    def start_planted(self) -> PendingBuild:
        if self.planted is None:
            self.planted = start_planted_build(self._folder("planted"))
        return self.planted

    def close(self) -> None:
        for pending in (self.site, self.planted):
            if pending is not None:
                pending.stop()
        if self.server is not None:
            self.server.server_close()
        for folder in self.folders:
            shutil.rmtree(folder, ignore_errors=True)


_BUILDS = _Builds()


def pytest_collection_finish(session: pytest.Session) -> None:
    if session.config.option.collectonly:
        return
    needed: set[str] = set()
    for item in session.items:
        needed.update(getattr(item, "fixturenames", ()))
    if needed & _SITE_FIXTURES:
        _BUILDS.start_site()
    if "planted_site" in needed:
        _BUILDS.start_planted()


def pytest_sessionfinish(session: pytest.Session) -> None:
    _BUILDS.close()


@pytest.fixture(scope="session")
def _server() -> http.server.ThreadingHTTPServer:
    _BUILDS.start_site()
    assert _BUILDS.server is not None
    return _BUILDS.server


@pytest.fixture(scope="session")
def site(_server: http.server.ThreadingHTTPServer) -> BuildResult:
    """The site, built with --strict from the working tree. Fails every dependent test if the build fails."""
    result = _BUILDS.start_site().result()
    assert result.returncode == 0, f"strict build failed:\n{result.log}"
    return result


@pytest.fixture(scope="session")
def planted_site() -> BuildResult:
    """The one fresh-process strict build with planted defects (tests.support.planted): it fails."""
    return _BUILDS.start_planted().result()


@pytest.fixture(scope="session")
def site_dir(site: BuildResult) -> Path:
    return site.site_dir


@pytest.fixture(scope="session")
def site_url(site: BuildResult, _server: http.server.ThreadingHTTPServer) -> Iterator[str]:
    """The built site served over HTTP, e.g. http://127.0.0.1:PORT (no trailing slash).

    Not named base_url: pytest-base-url verifies that fixture for every test (autouse), which
    would make even the unit tests wait for, and fail with, the site build.
    """
    thread = threading.Thread(target=_server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{_server.server_address[1]}"
    _server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Drive Debian's Chromium: Playwright's own browser download is not available here."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test` (it installs it) or set CHROMIUM=/path")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "headless": True,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


_SITE_FIXTURES = {"site", "site_dir", "site_url"}
_BUILD_FIXTURES = _SITE_FIXTURES | {"planted_site"}


def _is_browser(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tiers by what a test needs: `browser` (Chromium), `site` (the built site), else `unit`.

    `make test-fast` runs `-m "not browser"`; `pytest -m unit` skips the builds as well (the
    session build and the planted one).
    """
    # pytest-playwright's `page` fixture opens a browser: a parameter named `page` outside the
    # browser tier would silently start Chromium (and be parametrized per browser) for a file check.
    stray = [item.nodeid for item in items if "page" in getattr(item, "fixturenames", ()) and not _is_browser(item)]
    if stray:
        raise pytest.UsageError(
            "these tests take a parameter named `page`, which is pytest-playwright's browser fixture: "
            "rename the parameter, or mark the module `pytestmark = pytest.mark.browser`:\n  " + "\n  ".join(stray)
        )
    for item in items:
        if item.get_closest_marker("browser"):
            continue
        needs_site = _BUILD_FIXTURES & set(getattr(item, "fixturenames", ()))
        item.add_marker(pytest.mark.site if needs_site else pytest.mark.unit)
    # Whole modules move (a module's fixtures are set up once): pure-unit modules first, while the
    # background builds run, then modules that read a build, then the browser tier. sort is stable.
    rank: dict[str, int] = {}
    for item in items:
        tier = 2 if _is_browser(item) else 1 if item.get_closest_marker("site") else 0
        rank[item.module.__name__] = max(rank.get(item.module.__name__, 0), tier)
    items.sort(key=lambda item: rank[item.module.__name__])
