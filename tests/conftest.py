"""Shared fixtures: one strict build of the real project per test session, served on localhost."""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.build import REPO_ROOT, BuildResult, build
from tests.support.planted import build_planted_site

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def _server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[http.server.ThreadingHTTPServer]:
    """An HTTP server on 127.0.0.1 and a free port, bound before the build so the build knows its URL."""
    site_dir = tmp_path_factory.mktemp("site")
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.site_dir = site_dir  # type: ignore[attr-defined]
    yield server
    server.server_close()


@pytest.fixture(scope="session")
def site(_server: http.server.ThreadingHTTPServer) -> BuildResult:
    """The site, built with --strict from the working tree. Fails every dependent test if the build fails."""
    # site_url = the local server, so Material's instant navigation is active in the browser tests.
    site_url = f"http://127.0.0.1:{_server.server_address[1]}/"
    result = build(REPO_ROOT, _server.site_dir, site_url=site_url)  # type: ignore[attr-defined]
    assert result.returncode == 0, f"strict build failed:\n{result.log}"
    return result


@pytest.fixture(scope="session")
def planted_site(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The one fresh-process strict build with planted defects (tests.support.planted): it fails."""
    return build_planted_site(tmp_path_factory.mktemp("planted"))


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


def _is_browser(item: pytest.Item) -> bool:
    return item.get_closest_marker("browser") is not None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tiers by what a test needs: `browser` (Chromium), `site` (the built site), else `unit`.

    `make test-fast` runs `-m "not browser"`; `pytest -m unit` skips the build as well.
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
        needs_site = _SITE_FIXTURES & set(getattr(item, "fixturenames", ()))
        item.add_marker(pytest.mark.site if needs_site else pytest.mark.unit)
