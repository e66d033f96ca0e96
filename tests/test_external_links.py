"""External links: every one in the built site is a well-formed https URL to an allowed host.

The list of hosts is data/allowed-external-hosts.yml. The tests never use the network; maintainers
check the links online with `make check-links` (scripts/check_external_links.py).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from scripts.check_external_links import (
    ALLOWED_HOSTS_FILE,
    LinkMap,
    collect_external_links,
    load_allowed_hosts,
    offline_problem,
    offline_problems,
    report,
)

HOST_NAME = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


@pytest.fixture(scope="module")
def external_links(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> LinkMap:
    """Every external URL of the built site, written to a report file under pytest's temporary directory."""
    links = collect_external_links(site_dir)
    report_file = tmp_path_factory.mktemp("reports") / "external-links.txt"
    report_file.write_text(report(links), encoding="utf-8")
    hosts = {urlsplit(url).hostname for url in links}
    print(f"\n{len(links)} external URLs on {len(hosts)} hosts; report: {report_file}")
    return links


def test_the_report_finds_the_links_every_page_has(external_links: LinkMap) -> None:
    # The repository link in the header is on every page: a collector that finds nothing is broken.
    assert any(url.startswith("https://github.com/") for url in external_links)


def test_every_external_link_is_https_to_an_allowed_host(external_links: LinkMap) -> None:
    assert offline_problems(external_links, load_allowed_hosts()) == []


def test_the_allowed_list_holds_bare_host_names() -> None:
    hosts = load_allowed_hosts()
    assert hosts
    assert sorted(host for host in hosts if not HOST_NAME.match(host)) == []


def test_the_allowed_list_says_how_to_add_a_host() -> None:
    assert "To add one" in ALLOWED_HOSTS_FILE.read_text(encoding="utf-8")


# --- planted defects ---------------------------------------------------------------------------

ALLOWED = frozenset({"arxiv.org", "github.com"})


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://arxiv.org/abs/2106.09685", None),
        ("http://arxiv.org/abs/2106.09685", "not https (http)"),
        ("https://example.com/paper", "host example.com is not in data/allowed-external-hosts.yml"),
        ("https://arxiv.org:8443/abs/1", "user name, password or port in the URL"),
        ("https://user@github.com/", "user name, password or port in the URL"),
        ("https://arxiv.org/abs/ 2106", "contains whitespace"),
        ("https:///no-host", "no host name"),
        ("https://[::1/", "malformed: Invalid IPv6 URL"),
        ("mailto:someone@example.org", "not https (mailto)"),
        ("javascript:void(0)", "not https (javascript)"),
    ],
)
def test_each_kind_of_bad_link_is_reported(url: str, problem: str | None) -> None:
    assert offline_problem(url, ALLOWED) == problem


def _site(tmp_path: Path, body: str) -> Path:
    (tmp_path / "index.html").write_text(
        f'<html><head><link rel="canonical" href="https://handbook.example.org/"></head><body>{body}</body></html>',
        encoding="utf-8",
    )
    return tmp_path


def test_a_planted_bad_link_is_collected_and_reported(tmp_path: Path) -> None:
    site_dir = _site(
        tmp_path,
        '<a href="https://arxiv.org/abs/1">ok</a><a href="http://tracker.example.com/x">bad</a>'
        '<img src="https://cdn.example.net/logo.png" alt="logo">',
    )
    links = collect_external_links(site_dir)
    assert offline_problems(links, ALLOWED) == [
        "http://tracker.example.com/x: not https (http) (on index.html)",
        "https://cdn.example.net/logo.png: host cdn.example.net is not in data/allowed-external-hosts.yml"
        " (on index.html)",
    ]


def test_links_within_the_site_are_not_external(tmp_path: Path) -> None:
    site_dir = _site(tmp_path, '<a href="https://handbook.example.org/en/">en</a><a href="../methods/#lora">x</a>')
    assert collect_external_links(site_dir) == {}


def test_the_report_lists_each_url_with_its_pages_and_counts_hosts() -> None:
    text = report({"https://arxiv.org/abs/1": ["index.html", "en/index.html"], "https://github.com/x": ["index.html"]})
    assert "https://arxiv.org/abs/1\t2 page(s): index.html, en/index.html" in text
    assert "2 distinct external URLs on 2 hosts:" in text
