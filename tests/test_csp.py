"""The Content-Security-Policy of hooks/csp.py: its parts on strings, then over the built site.

The site checks parse the pages with html.parser, independently of the hook's own regular
expressions: every page carries one policy <meta> before anything that loads or runs, the
policy allows no inline script by category ('unsafe-inline') and lists the hash of every
inline script the pages contain, and site/_headers says the same. tests/browser/test_csp.py
loads every page under the policy.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
from html.parser import HTMLParser
from pathlib import Path

import material
import pytest

from tests.support.build import REPO_ROOT, html_pages


def _hook():
    spec = importlib.util.spec_from_file_location("csp_hook", REPO_ROOT / "hooks" / "csp.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


csp = _hook()

# The theme's inline scripts, as its templates have them (hooks/csp.py reads the installed theme's).
THEME = {csp.shape('var scope = new URL("{{ base_url }}", location)'), csp.shape("var tabs = 2")}

PAGE = """<!doctype html>
<html lang="en" class="no-js">
  <head>
    <meta charset="utf-8">
    <script>var scope = new URL("..", location)</script>
    <script src="assets/bundle.js"></script>
    <script id="__config" type="application/json">{"base": ".."}</script>
  </head>
  <body>
    <article class="md-content__inner md-typeset">CONTENT</article>
    <script>var tabs = 2</script>
  </body>
</html>
"""


# --- the hook's parts ----------------------------------------------------------------------------


def test_a_hash_is_the_one_the_csp_specification_gives() -> None:
    # CSP Level 3, section "hash-source": the example script and its sha256 source expression.
    assert csp.script_hash("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"


def test_inline_scripts_are_found_and_data_blocks_and_files_are_not() -> None:
    outside, inside = csp.inline_scripts(PAGE.replace("CONTENT", "<p>text</p>"))
    assert outside == ['var scope = new URL("..", location)', "var tabs = 2"]
    assert inside == []


def test_a_script_matches_its_template_whatever_its_string_literals() -> None:
    assert csp.shape('var scope = new URL("../..",  location)') in THEME
    assert csp.shape("var scope = new URL('x', location)") in THEME
    assert csp.shape('var scope = new URL("..", location); steal()') not in THEME
    assert csp.shape('var s = "a\\"b"; steal()') == 'var s = ""; steal()'  # an escaped quote stays inside


def test_the_installed_theme_has_the_scripts_the_site_uses() -> None:
    theme = csp.theme_scripts([str(Path(material.__file__).parent / "templates")])
    assert csp.shape('__md_scope=new URL("../..",location)') in {s.split(",__md_hash")[0] for s in theme}
    assert any(s.startswith('var palette=__md_get("")') for s in theme)


@pytest.mark.parametrize(
    "content",
    [
        "<script>alert(1)</script>",
        '<script type="module">alert(1)</script>',
        "<SCRIPT type='text/javascript'>alert(1)</SCRIPT >",
        # Closing the article early does not move a script out of the content: the last </article> counts.
        "</article><script>alert(1)</script><article>",
    ],
)
def test_an_inline_script_in_the_page_content_is_never_hashed(content: str) -> None:
    outside, inside = csp.inline_scripts(PAGE.replace("CONTENT", content))
    assert outside == ['var scope = new URL("..", location)', "var tabs = 2"]
    assert inside == ["alert(1)"]


def test_the_policy_lists_each_hash_once_and_never_unsafe_inline() -> None:
    text = csp.policy(["'sha256-b'", "'sha256-a'", "'sha256-b'"])
    directives = dict(part.split(" ", 1) for part in text.split("; "))
    assert directives["script-src"] == "'self' 'sha256-a' 'sha256-b'"
    assert "frame-ancestors" not in directives  # ignored in a <meta>: header form only
    assert csp.policy([], header=True).endswith("; frame-ancestors 'self'")


def test_under_mkdocs_serve_inline_scripts_are_allowed_for_live_reload() -> None:
    text = csp.policy(["'sha256-a'"], serving=True)
    assert "script-src 'self' 'unsafe-inline';" in text
    assert "sha256" not in text  # a hash would make browsers ignore 'unsafe-inline'


def test_apply_puts_one_policy_right_after_the_charset_idempotently(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text(PAGE.replace("CONTENT", ""), encoding="utf-8")
    (tmp_path / "en" / "index.html").write_text(PAGE.replace('"..", location', '"../..", location'), encoding="utf-8")
    assert csp.apply(tmp_path, THEME) == []
    first = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert csp.apply(tmp_path, THEME) == []
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == first
    assert first.count('http-equiv="Content-Security-Policy"') == 1
    head = first.split("<head>", 1)[1].split()
    assert head[:3] == ["<meta", 'charset="utf-8">', "<meta"], head[:3]
    # One policy for the whole site: both pages' scripts are in each page's policy.
    for code in ('var scope = new URL("..", location)', 'var scope = new URL("../..", location)', "var tabs = 2"):
        assert csp.script_hash(code) in first
    en = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert en.count(csp.script_hash('var scope = new URL("..", location)')) == 1
    assert "frame-ancestors 'self'" in (tmp_path / "_headers").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("where", "planted"),
    [
        ("in the page content", PAGE.replace("CONTENT", "<script>steal(document.cookie)</script>")),
        # e.g. markup that escaped from front matter into <head>: not a theme script either
        ("that is not one of the theme's", PAGE.replace("</head>", "<script>steal(document.cookie)</script></head>")),
        # the theme's script with code added: its shape no longer matches the template
        ("that is not one of the theme's", PAGE.replace("var tabs = 2", "var tabs = 2; steal(document.cookie)")),
    ],
)
def test_apply_names_the_page_and_the_script_it_will_not_hash(tmp_path: Path, where: str, planted: str) -> None:
    (tmp_path / "methods").mkdir()
    (tmp_path / "methods" / "index.html").write_text(planted, encoding="utf-8")
    problems = csp.apply(tmp_path, THEME)
    assert len(problems) == 1, problems
    assert problems[0].startswith(f"methods/index.html: an inline <script> {where} is blocked"), problems[0]
    assert "steal(document.cookie)" in problems[0]
    policy = (tmp_path / "methods" / "index.html").read_text(encoding="utf-8").split("script-src", 1)[1].split(";")[0]
    hashed = [code for code in csp.inline_scripts(planted)[0] + csp.inline_scripts(planted)[1] if "steal" in code]
    assert hashed and all(csp.script_hash(code) not in policy for code in hashed)


def test_a_page_without_head_is_a_named_error(tmp_path: Path) -> None:
    (tmp_path / "broken.html").write_text("<p>no head</p>", encoding="utf-8")
    with pytest.raises(csp.CspError, match=r"broken\.html: no <head>"):
        csp.apply(tmp_path, THEME)


def test_the_overrides_have_no_inline_script_of_their_own() -> None:
    for template in sorted((REPO_ROOT / "overrides").rglob("*.html")):
        outside, inside = csp.inline_scripts(template.read_text(encoding="utf-8"))
        assert outside + inside == [], f"{template.relative_to(REPO_ROOT)}: inline <script>; use a file in assets/"


# --- over the built site ----------------------------------------------------------------------------

_JS_TYPES = {"", "module", "text/javascript", "application/javascript"}


class _Head(HTMLParser):
    """The CSP <meta> elements, which element types precede the first, and every inline script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.policies: list[str] = []
        self.before_policy: list[str] = []
        self.inline: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and values.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(values.get("content", ""))
        elif not self.policies and tag not in ("html", "head"):
            self.before_policy.append(tag if tag != "meta" else f"meta {sorted(values)}")
        if tag == "script" and "src" not in values and values.get("type", "").lower() in _JS_TYPES:
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None


def _parse(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def _sha256(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


@pytest.fixture(scope="module")
def parsed(site_dir: Path) -> dict[str, _Head]:
    pages = html_pages(site_dir)
    assert any(page.name == "404.html" for page in pages) and any("en" in page.parts for page in pages)
    return {str(page.relative_to(site_dir)): _parse(page) for page in pages}


def test_every_page_has_one_policy_before_anything_that_loads(parsed: dict[str, _Head]) -> None:
    for name, page in parsed.items():
        assert len(page.policies) == 1, f"{name}: {len(page.policies)} Content-Security-Policy <meta>"
        assert page.before_policy == ["meta ['charset']"], f"{name}: before the policy: {page.before_policy}"


def test_one_policy_for_the_whole_site(parsed: dict[str, _Head]) -> None:
    # Instant navigation adds the next page's <head> elements: two different policies would both apply.
    assert len({page.policies[0] for page in parsed.values()}) == 1


def test_scripts_come_only_from_the_site_and_listed_hashes(parsed: dict[str, _Head]) -> None:
    directives = _directives(next(iter(parsed.values())).policies[0])
    script_src = directives["script-src"]
    assert script_src[0] == "'self'"
    assert all(source.startswith("'sha256-") for source in script_src[1:]), script_src
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"]
    assert directives["default-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"]  # only style attributes (style-src-attr)
    assert "frame-ancestors" not in directives  # ignored in a <meta>


def test_every_inline_script_is_hashed_and_every_hash_is_used(parsed: dict[str, _Head]) -> None:
    listed = set(_directives(next(iter(parsed.values())).policies[0])["script-src"][1:])
    needed = set()
    for name, page in parsed.items():
        for code in page.inline:
            assert _sha256(code) in listed, f"{name}: inline script not in script-src: {' '.join(code.split())[:80]!r}"
            needed.add(_sha256(code))
    assert listed == needed, f"hashes no page needs: {sorted(listed - needed)}"


def test_the_header_file_states_the_same_policy(site_dir: Path, parsed: dict[str, _Head]) -> None:
    meta = next(iter(parsed.values())).policies[0]
    lines = [line for line in (site_dir / "_headers").read_text(encoding="utf-8").splitlines() if line[:1] != "#"]
    assert lines == ["/*", f"  Content-Security-Policy: {meta}; frame-ancestors 'self'"]
