"""No third-party request at page view: every page, both languages, asks only the local server.

Every request of the browser context is recorded, and any to another host is aborted, so nothing
leaves the machine even when the gate fails. Lazy images are made eager so they count too. The
pages are visited once, in both colour schemes, by the shared site walk (tests/browser/site_walk.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser.built_pages import page_paths
from tests.browser.site_walk import SiteWalk

pytestmark = pytest.mark.browser


def test_no_page_requests_another_host(site_walk: SiteWalk, site_dir: Path) -> None:
    assert sorted({visit.path for visit in site_walk.visits}) == sorted(page_paths(site_dir)), "the walk missed pages"
    found = {f"{visit.path} ({visit.scheme})": visit.third_party for visit in site_walk.visits if visit.third_party}
    if site_walk.unattributed:
        found["(no page)"] = site_walk.unattributed
    assert found == {}


def test_a_planted_third_party_request_is_caught_blocked_and_named(planted_walk: SiteWalk) -> None:
    """The walk's recording, on a page that asks three other hosts (one image lazily)."""
    assert planted_walk.unattributed == []
    for visit in planted_walk.visits:
        assert visit.path == "/planted/"
        assert sorted({urlsplit(url).netloc for url in visit.third_party}) == [
            "cdn.example.com",
            "fonts.googleapis.com",
            "images.example.net",
        ], visit
    assert sorted(planted_walk.blocked) == sorted(url for visit in planted_walk.visits for url in visit.third_party)
