"""Over the built site: no event handler attributes, no unknown inline script, no unsafe link.

Data and Markdown come from pull requests, so the output is checked as a whole: any `on*`
attribute, any inline <script> that is not one of the known theme or project scripts below,
and any link whose scheme is not https (relative links and mailto: are fine) fails, naming
the page and the script or link.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

# Inline scripts the site is known to contain (all Material's), by how they begin (whitespace collapsed).
KNOWN_INLINE_SCRIPTS = {
    "__md_scope=new URL(": "Material: local storage scope (base.html)",
    'var palette=__md_get("__palette")': "Material: colour palette before first paint (base.html)",
    "var target=document.getElementById(location.hash.slice(1))": "Material: select the linked content tab",
}
# The project's own scripts are files in assets/: the Content-Security-Policy (hooks/csp.py)
# hashes only the theme's inline scripts, outside the page content.
_SCHEME = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.\-]*):")


class _Scan(HTMLParser):
    def __init__(self, own_origin: str = "") -> None:
        super().__init__(convert_charrefs=True)
        self.own_origin = own_origin  # the build's site_url (http://127.0.0.1:PORT/ in the tests)
        self.problems: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.problems.append(f"<{tag} {name}={value!r}>: event handler attribute")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value:
                match = _SCHEME.match(value)
                own = bool(self.own_origin) and value.startswith(self.own_origin)
                if match and not own and match.group(1).lower() not in ("https", "mailto"):
                    self.problems.append(f"<{tag} {name}={value[:80]!r}>: only https, mailto: or relative links")
        executable = values.get("type") in (None, "", "text/javascript", "module")
        if tag == "script" and "src" not in values and executable:
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            code = " ".join("".join(self._script).split())
            if code and not any(code.startswith(known) for known in KNOWN_INLINE_SCRIPTS):
                self.problems.append(f"unknown inline <script>: {code[:100]!r}")
            self._script = None


def scan(html: str, own_origin: str = "") -> list[str]:
    parser = _Scan(own_origin)
    parser.feed(html)
    return parser.problems


def test_the_scan_catches_each_kind() -> None:
    assert scan('<img src="x" onerror="alert(1)">')
    assert scan("<script>alert(1)</script>")
    assert scan('<a href="javascript:alert(1)">x</a>')
    assert scan('<a href="http://example.org/">x</a>')
    assert not scan('<a href="../page/">x</a><a href="mailto:a@b.c">m</a><a href="https://x.org/">h</a>')
    assert not scan('<script id="__config" type="application/json">{"a": 1}</script>')
    assert scan('<link rel="canonical" href="http://127.0.0.1:1/x/">')
    assert not scan('<link rel="canonical" href="http://127.0.0.1:1/x/">', own_origin="http://127.0.0.1:1/")


def test_the_built_site_has_no_live_markup_from_outside(site_dir: Path, site_url: str) -> None:
    problems = [
        f"{path.relative_to(site_dir)}: {problem}"
        for path in sorted(site_dir.rglob("*.html"))
        for problem in scan(path.read_text(encoding="utf-8"), own_origin=site_url + "/")
    ]
    assert not problems, "\n".join(problems[:40])
