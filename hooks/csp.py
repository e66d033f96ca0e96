"""A Content-Security-Policy on every page, as a <meta> at the top of <head>, and as a header file.

GitHub Pages cannot send response headers, so the policy travels in the page. It allows
scripts only from the site itself plus the inline scripts the theme writes (Material's
local-storage scope, its colour palette before first paint, its content-tab selection), each
by the sha256 hash of its text. The hashes are computed here, after the build, from the
final HTML of every page: a Material upgrade that changes one of those scripts changes its
hash with it, instead of silently breaking the page.

Only the theme's scripts are hashed: an inline script outside the page content whose code
is that of a <script> in the installed Material's templates (not overrides/), string literals
aside (Material's local-storage scope differs per page only in the base URL it is given).
Any other inline script is not allowed and the build warns (so `--strict` fails) naming the
page and the script:
- inside the page content (from the opening `<article class="md-content__inner ...">` to the
  last `</article>`), which comes from Markdown, macros and data, i.e. from pull requests;
- anywhere else, e.g. markup that escaped from front matter into <head>.
The project's own JavaScript lives in assets/, which 'self' allows.

One policy serves the whole site (the union of the hashes of every page): Material's instant
navigation adds the next page's <head> elements to the current page, and two different CSP
<meta> elements would both be enforced, each blocking the other's scripts.

The same policy, plus the directives a <meta> cannot carry (frame-ancestors), is written to
site/_headers, the header file format of Netlify and Cloudflare Pages: see README, "Deploying".

Under `mkdocs serve` the live-reload script MkDocs injects is inline and changes on every
request, so there the policy allows inline scripts (and logs that it does).
"""

from __future__ import annotations

import base64
import hashlib
import logging
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.csp")

# Each directive and why. The sha256 hashes are appended to script-src at build time.
DIRECTIVES: dict[str, list[str]] = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Stylesheets only from the site, no <style> elements. Style *attributes* stay allowed:
    # Python-Markdown writes table column alignment as style="text-align: ..." and the
    # training-stages diagram sets its bar widths with style="--share: ...". (Material itself
    # sets styles through the CSSOM, which a policy does not restrict.)
    "style-src": ["'self'"],
    "style-src-attr": ["'unsafe-inline'"],
    "img-src": ["'self'", "data:"],  # Material's CSS draws some icons from data: SVGs
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # the search index and the sitemap instant navigation reads
    "worker-src": ["'self'"],  # Material's search worker
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],  # the search box is a <form>; Material never submits it
}
# Directives a <meta> policy ignores: only the header form carries them.
HEADER_ONLY: dict[str, list[str]] = {"frame-ancestors": ["'self'"]}
HEADERS_FILE = "_headers"

_SERVING = False

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_ATTRIBUTE = re.compile(r"""(?:^|\s)([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")
_STRING = re.compile(r""""(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'""")
_CONTENT_START = re.compile(r'<article\b[^>]*\bclass="md-content__inner\b[^"]*"[^>]*>')
_CONTENT_END = "</article>"
_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
# The types that make a <script> executable (HTML's "JavaScript MIME type" list, plus module
# and importmap); any other type is a data block such as type="application/json".
_EXECUTABLE_TYPES = {
    "",
    "module",
    "importmap",
    "application/ecmascript",
    "application/javascript",
    "application/x-ecmascript",
    "application/x-javascript",
    "text/ecmascript",
    "text/javascript",
    "text/javascript1.0",
    "text/javascript1.1",
    "text/javascript1.2",
    "text/javascript1.3",
    "text/javascript1.4",
    "text/javascript1.5",
    "text/jscript",
    "text/livescript",
    "text/x-ecmascript",
    "text/x-javascript",
}


class CspError(Exception):
    """A page the policy cannot be applied to, naming the page and the problem."""


def script_hash(code: str) -> str:
    """The CSP source expression for an inline script: 'sha256-<base64 of its UTF-8 text>'."""
    text = code.replace("\r\n", "\n").replace("\r", "\n")  # as the HTML parser normalizes it
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def shape(code: str) -> str:
    """A script's code with every string literal emptied and whitespace collapsed."""
    return " ".join(_STRING.sub('""', code).split())


def theme_scripts(template_dirs: list[str]) -> set[str]:
    """The shapes of the executable inline <script>s in the theme's templates."""
    shapes = set()
    for directory in template_dirs:
        for template in sorted(Path(directory).rglob("*.html")):
            for match in _SCRIPT.finditer(template.read_text(encoding="utf-8", errors="replace")):
                if _executable_inline(_attributes(match.group(1))):
                    shapes.add(shape(match.group(2)))
    return shapes


def _executable_inline(attributes: dict[str, str]) -> bool:
    # A script with src runs the file (allowed by 'self'); any other type is a data block
    # (type="application/json"), never executed, needing no hash.
    return "src" not in attributes and attributes.get("type", "").strip().lower() in _EXECUTABLE_TYPES


def _attributes(text: str) -> dict[str, str]:
    return {
        match.group(1).lower(): next((v for v in match.group(2, 3, 4) if v is not None), "")
        for match in _ATTRIBUTE.finditer(text)
    }


def inline_scripts(html: str) -> tuple[list[str], list[str]]:
    """The executable inline scripts of a page: (outside the page content, inside it)."""
    start = _CONTENT_START.search(html)
    end = html.rfind(_CONTENT_END)
    content = (start.start(), end) if start and end > start.start() else (-1, -1)
    outside, inside = [], []
    for match in _SCRIPT.finditer(html):
        if _executable_inline(_attributes(match.group(1))):
            (inside if content[0] <= match.start() < content[1] else outside).append(match.group(2))
    return outside, inside


def policy(hashes: list[str], *, header: bool = False, serving: bool = False) -> str:
    """The policy text; `header` adds the directives only a response header can carry."""
    directives = {name: list(values) for name, values in DIRECTIVES.items()}
    directives["script-src"] += ["'unsafe-inline'"] if serving else sorted(set(hashes))
    if header:
        directives.update(HEADER_ONLY)
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_policy(html: str, text: str, name: str) -> str:
    """The page with its CSP <meta> (replaced if there is one) right after <meta charset>."""
    html = _META.sub("", html, count=1)
    anchor = _CHARSET.search(html) or _HEAD.search(html)
    if anchor is None:
        raise CspError(f"{name}: no <head> to put the Content-Security-Policy <meta> in")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{text}">'
    return f"{html[: anchor.end()]}\n    {meta}{html[anchor.end() :]}"


def headers_file(text: str) -> str:
    return (
        "# Written by hooks/csp.py on every build: the Content-Security-Policy every page also\n"
        "# carries as a <meta>, plus frame-ancestors, which only a header can set.\n"
        f"/*\n  Content-Security-Policy: {text}\n"
    )


def apply(site_dir: Path, theme: set[str], *, serving: bool = False) -> list[str]:
    """Put the site-wide policy into every page; return the problems (inline scripts not allowed).

    `theme` holds the shapes of the theme's inline scripts (theme_scripts()).
    """
    pages = sorted(site_dir.rglob("*.html"))
    texts = {page: page.read_text(encoding="utf-8") for page in pages}
    hashes: list[str] = []
    problems = []
    for page, html in texts.items():
        outside, inside = inline_scripts(html)
        hashes += [script_hash(code) for code in outside if shape(code) in theme]
        unknown = [(code, "in the page content") for code in inside]
        unknown += [(code, "that is not one of the theme's") for code in outside if shape(code) not in theme]
        for code, where in unknown:
            problems.append(
                f"{page.relative_to(site_dir)}: an inline <script> {where} is blocked by the "
                f"Content-Security-Policy, put the code in assets/ instead: {' '.join(code.split())[:80]!r}"
            )
    meta_policy = policy(hashes, serving=serving)
    for page, html in texts.items():
        updated = with_policy(html, meta_policy, str(page.relative_to(site_dir)))
        if updated != html:
            page.write_text(updated, encoding="utf-8")
    (site_dir / HEADERS_FILE).write_text(headers_file(policy(hashes, header=True, serving=serving)), encoding="utf-8")
    return problems


def on_startup(command: str, dirty: bool) -> None:
    global _SERVING
    _SERVING = command == "serve"


# Last of all: after i18n (which builds the other languages from the default language's
# post-build) and after every hook that writes pages. Each language build calls this; the
# last call sees every page, and each call rewrites the policy in place (idempotent).
@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    if _SERVING:
        log.info("Content-Security-Policy: inline scripts allowed under `mkdocs serve` (its live reload is inline)")
    try:
        # Material's (and MkDocs') templates, not overrides/: the project adds no inline script.
        theme = theme_scripts([d for d in config.theme.dirs if d != config.theme.custom_dir])
        problems = apply(Path(config.site_dir), theme, serving=_SERVING)
    except CspError as error:
        raise PluginError(f"Content-Security-Policy: {error}") from error
    for problem in problems:
        log.warning("Content-Security-Policy: %s", problem)
