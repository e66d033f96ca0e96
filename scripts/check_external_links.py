"""External links of the built site: collect them, check them offline, and (maintainers) online.

    make check-links                      # build site/, then check every external link online
    .venv/bin/python scripts/check_external_links.py [SITE_DIR] [--timeout 15] [--workers 8]

Offline, every link must be a well-formed https URL to a host listed in
data/allowed-external-hosts.yml; tests/test_external_links.py runs that part on every test run.
Online, each distinct URL must answer below HTTP 400. The tests never use the network.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # run as a script from anywhere: macros/ is beside scripts/
from macros.data_files import read_yaml, relative  # noqa: E402
from macros.schemas.base import validate  # noqa: E402
from macros.schemas.hosts import AllowedHostsFile  # noqa: E402

ALLOWED_HOSTS_FILE = REPO_ROOT / "data" / "allowed-external-hosts.yml"
# Attributes that make the browser or the reader go somewhere.
URL_ATTRIBUTES = frozenset({"href", "src", "action", "poster", "data"})
USER_AGENT = "fine-tuning-handbook-link-check/1.0 (+https://github.com/fine-tuning-handbook/fine-tuning-handbook)"

# url -> the pages (relative to the site) that contain it
LinkMap = dict[str, list[str]]


class _UrlCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.canonical: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.urls += [value.strip() for name, value in attrs if name in URL_ATTRIBUTES and value]
        values = dict(attrs)
        if tag == "link" and values.get("rel") == "canonical" and values.get("href"):
            self.canonical.append(str(values["href"]))


def _parse(html: str) -> _UrlCollector:
    collector = _UrlCollector()
    collector.feed(html)
    return collector


def page_urls(html: str) -> list[str]:
    return _parse(html).urls


def is_external(url: str, own_origin: str) -> bool:
    """A URL with a scheme or a host (//host/...) that is not the site itself. Fragments and paths are internal."""
    parts = urlsplit(url)
    if not (parts.scheme or parts.netloc):
        return False
    return f"{parts.scheme}://{parts.netloc}" != own_origin


def site_origin(site_dir: Path) -> str:
    """The site's own scheme://host, from the canonical link of its home page (MkDocs writes it from site_url)."""
    canonical = _parse((site_dir / "index.html").read_text(encoding="utf-8")).canonical
    if not canonical:
        return ""
    parts = urlsplit(canonical[0])
    return f"{parts.scheme}://{parts.netloc}"


def html_pages(site_dir: Path) -> list[Path]:
    return sorted(path for path in site_dir.rglob("*.html") if path.relative_to(site_dir).parts[0] != "assets")


def collect_external_links(site_dir: Path) -> LinkMap:
    origin = site_origin(site_dir)
    links: defaultdict[str, list[str]] = defaultdict(list)
    for page in html_pages(site_dir):
        relative = page.relative_to(site_dir).as_posix()
        for url in page_urls(page.read_text(encoding="utf-8")):
            if is_external(url, origin) and relative not in links[url]:
                links[url].append(relative)
    return dict(sorted(links.items()))


def load_allowed_hosts(path: Path = ALLOWED_HOSTS_FILE) -> frozenset[str]:
    """The allowed hosts (schema: macros/schemas/hosts.py); bad data raises DataError naming the file."""
    return frozenset(validate(AllowedHostsFile, read_yaml(path), relative(path), "host").hosts)


def offline_problem(url: str, allowed_hosts: frozenset[str]) -> str | None:
    """Why this URL may not appear on the site, or None when it is a well-formed https link to an allowed host."""
    if url != url.strip() or any(character.isspace() for character in url):
        return "contains whitespace"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        return f"malformed: {error}"
    if parts.scheme != "https":
        return f"not https ({parts.scheme or 'no scheme'})"
    if not parts.hostname or "." not in parts.hostname:
        return "no host name"
    if parts.username or parts.password or port is not None:
        return "user name, password or port in the URL"
    if parts.hostname not in allowed_hosts:
        return f"host {parts.hostname} is not in data/allowed-external-hosts.yml"
    return None


def offline_problems(links: LinkMap, allowed_hosts: frozenset[str]) -> list[str]:
    problems = []
    for url, pages in links.items():
        if problem := offline_problem(url, allowed_hosts):
            problems.append(f"{url}: {problem} (on {', '.join(pages)})")
    return problems


def report(links: LinkMap) -> str:
    """One line per URL with the pages it appears on, then a count per host."""
    per_host: defaultdict[str, int] = defaultdict(int)
    for url in links:
        per_host[urlsplit(url).hostname or "(none)"] += 1
    lines = [f"{url}\t{len(pages)} page(s): {', '.join(pages)}" for url, pages in links.items()]
    lines += ["", f"{len(links)} distinct external URLs on {len(per_host)} hosts:"]
    lines += [f"  {host}: {count}" for host, count in sorted(per_host.items(), key=lambda item: (-item[1], item[0]))]
    return "\n".join(lines) + "\n"


def online_problem(url: str, timeout: float) -> str | None:
    """None when the URL answers below 400 (HEAD, or GET for servers that refuse HEAD)."""
    problem = "no answer"
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                if response.status < 400:
                    return None
                problem = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            problem = f"HTTP {error.code}"
            if error.code not in (403, 405, 501):  # some servers refuse HEAD but answer GET
                return problem
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            return f"unreachable: {getattr(error, 'reason', error)}"
    return problem


def check_online(urls: Iterable[str], timeout: float, workers: int) -> dict[str, str]:
    """url -> problem, for every URL that does not answer (in parallel, each with a timeout)."""
    urls = list(urls)
    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = pool.map(lambda url: online_problem(url, timeout), urls)
    return {url: problem for url, problem in zip(urls, results, strict=True) if problem}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site_dir", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per request (default: 15)")
    parser.add_argument("--workers", type=int, default=8, help="requests in parallel (default: 8)")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        parser.error(f"{args.site_dir} holds no built site: run `make build` first")

    links = collect_external_links(args.site_dir)
    print(report(links))
    allowed_hosts = load_allowed_hosts()
    failures = {url: problem for url in links if (problem := offline_problem(url, allowed_hosts))}
    online = [url for url in links if url not in failures]  # never request a disallowed or malformed URL
    failures |= check_online(online, args.timeout, args.workers)
    for url, problem in sorted(failures.items()):
        print(f"FAIL {url}: {problem} (on {', '.join(links[url])})", file=sys.stderr)
    print(f"{len(links) - len(failures)} of {len(links)} external URLs OK")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
