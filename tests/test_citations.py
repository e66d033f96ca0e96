"""Citations: every reference is cited, every citation resolves, every claim-like number has a source.

A citation is a link to the references page with a fragment (references/#hu-2021-lora), as the
`cite` macro, the interview questions and the decision tree render them, or a `refs` id in a
data file. The number rule and its documented exemptions are in tests/data/uncited_numbers.yml.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup, Tag

from macros.data_files import DATA_DIR
from macros.references import load_references
from tests.support.build import REPO_ROOT, html_pages
from tests.support.citations import CLAIM_NUMBER, uncited_blocks
from tests.support.pages import LANGUAGES, PAGES, Page, article, built, normalize, parse_html

EXEMPTIONS_FILE = REPO_ROOT / "tests" / "data" / "uncited_numbers.yml"
REFERENCES_URL = {"zh": "references/", "en": "en/references/"}

# --- citations in the built site and in the data --------------------------------------------------


@dataclass(frozen=True)
class Citation:
    ref_id: str
    where: str  # the built page, or the data file
    target: str  # the page the link leads to ("references/"), "" for a data refs id


def link_citation(href: str, page_url: str, where: str) -> Citation | None:
    """The citation a link makes, if it leads to a fragment of a references page."""
    target = urlsplit(urljoin("/" + page_url, href))
    path = target.path.removeprefix("/")
    if target.fragment and path in REFERENCES_URL.values():
        return Citation(target.fragment, where, path)
    return None


def page_citations(soup: BeautifulSoup, page_url: str, where: str) -> list[Citation]:
    found = (link_citation(str(a["href"]), page_url, where) for a in soup.find_all("a", href=True))
    return [citation for citation in found if citation]


def _site_url(site_dir: Path, path: Path) -> str:
    return path.relative_to(site_dir).as_posix().removesuffix("index.html")


@cache
def site_citations(site_dir: Path) -> tuple[Citation, ...]:
    """Every citation link in the built site, except the references pages' links to themselves."""
    citations: list[Citation] = []
    for path in html_pages(site_dir):
        url = _site_url(site_dir, path)
        if url in REFERENCES_URL.values():
            continue  # its skip link and permalinks point at its own headings
        citations += page_citations(parse_html(path), url, url)
    return tuple(citations)


def refs_in(data: Any) -> Iterator[str]:
    """Every id in a `refs` list anywhere in a YAML document."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "refs" and isinstance(value, list):
                yield from (str(ref) for ref in value)
            else:
                yield from refs_in(value)
    elif isinstance(data, list):
        for item in data:
            yield from refs_in(item)


@cache
def data_citations(data_dir: Path = DATA_DIR) -> tuple[Citation, ...]:
    citations: list[Citation] = []
    for path in sorted(data_dir.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        citations += [Citation(ref, str(path.relative_to(REPO_ROOT)), "") for ref in refs_in(data)]
    return tuple(citations)


REFERENCES = load_references()


def test_the_site_and_the_data_cite_references(site_dir: Path) -> None:
    assert len(site_citations(site_dir)) > 50
    assert data_citations()


def test_every_reference_is_cited_at_least_once(site_dir: Path) -> None:
    cited = {citation.ref_id for citation in (*site_citations(site_dir), *data_citations())}
    uncited = [f"{ref.id} ({ref.file})" for ref in REFERENCES.values() if ref.id not in cited]
    assert uncited == []


def test_every_citation_in_the_site_resolves_to_a_reference(site_dir: Path) -> None:
    unknown = [f"{c.where}: #{c.ref_id}" for c in site_citations(site_dir) if c.ref_id not in REFERENCES]
    assert unknown == []


def test_every_refs_id_in_the_data_resolves_to_a_reference() -> None:
    unknown = [f"{c.where}: {c.ref_id}" for c in data_citations() if c.ref_id not in REFERENCES]
    assert unknown == []


def test_citations_lead_to_the_references_page_of_the_same_language(site_dir: Path) -> None:
    def language(url: str) -> str:
        return "en" if url.startswith("en/") else "zh"

    crossing = [
        f"{c.where}: #{c.ref_id} → {c.target}"
        for c in site_citations(site_dir)
        if c.target != REFERENCES_URL[language(c.where)]
    ]
    assert crossing == []


# --- claim-like numbers carry a citation in the same block ---------------------------------------


@dataclass(frozen=True)
class Exemption:
    page: str
    text: dict[str, str]  # language → a substring of the block
    why: str


def load_exemptions(path: Path = EXEMPTIONS_FILE) -> list[Exemption]:
    exemptions = []
    for index, record in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), start=1):
        where = f"{path.name}: exemption #{index}"
        assert set(record) <= {"page", "zh", "en", "why"}, f"{where}: unknown fields {sorted(record)}"
        assert record.get("page") and str(record.get("why", "")).strip(), f"{where}: 'page' and 'why' are required"
        text = {lang: str(record[lang]) for lang in LANGUAGES if record.get(lang)}
        assert text, f"{where}: name the block in at least one language (zh, en)"
        exemptions.append(Exemption(record["page"], text, record["why"]))
    return exemptions


def exempted(page: Page, block_text: str, exemptions: list[Exemption]) -> bool:
    return any(e.page == page.twin and e.text.get(page.language, "\0") in block_text for e in exemptions)


def describe(page: Page, block: Tag) -> str:
    text = normalize(block.get_text())
    numbers = sorted({m.group() for m in CLAIM_NUMBER.finditer(text)})
    return f"{page}: <{block.name}> with {', '.join(numbers)}: {text[:140]}"


EXEMPTIONS = load_exemptions()
CHECKED_PAGES = [page for page in PAGES if page.twin != "references.md"]


@pytest.mark.parametrize("doc", CHECKED_PAGES, ids=[page.source for page in CHECKED_PAGES])
def test_claim_like_numbers_cite_a_source_in_the_same_block(doc: Page, site_dir: Path) -> None:
    blocks = uncited_blocks(article(built(doc, site_dir)))
    offenders = [describe(doc, b) for b in blocks if not exempted(doc, normalize(b.get_text()), EXEMPTIONS)]
    assert offenders == []


def test_every_exemption_still_matches_a_flagged_block(site_dir: Path) -> None:
    stale = []
    for exemption in EXEMPTIONS:
        for lang, text in exemption.text.items():
            page = next((p for p in PAGES if p.twin == exemption.page and p.language == lang), None)
            blocks = uncited_blocks(article(built(page, site_dir))) if page else []
            if not any(text in normalize(block.get_text()) for block in blocks):
                stale.append(f"{exemption.page} ({lang}): no uncited block with {text!r}")
    assert stale == []


# --- each check catches a planted defect ---------------------------------------------------------


def _body(html: str) -> Tag:
    soup = BeautifulSoup(f"<article>{html}</article>", "html.parser")
    found = soup.find("article")
    assert isinstance(found, Tag)
    return found


CITE = '<span class="citation">（<a href="../references/#hu-2021-lora">Hu 等，2021</a>）</span>'


@pytest.mark.parametrize(
    "html",
    [
        "<p>LoRA 把可训练参数减少 10,000 倍。</p>",
        "<p>GPT-3 训练了 3000 亿 token。</p>",
        "<p>Llama 2 used 2T tokens.</p>",
        "<p>It reaches <strong>99.3</strong>% of ChatGPT.</p>",
        "<ul><li>单张 48 GB 显卡</li></ul>",
        "<p>约 1.3 万条提示</p>",
        "<table><tr><td>LoRA</td><td>0.4%</td></tr></table><h3>下一节</h3>",
        '<details class="qa"><summary>题</summary><p>少了 100 多倍</p></details>',
    ],
)
def test_an_uncited_claim_number_is_flagged(html: str) -> None:
    assert len(uncited_blocks(_body(html))) == 1


@pytest.mark.parametrize(
    "html",
    [
        f"<p>LoRA 把可训练参数减少 10,000 倍{CITE}。</p>",
        f"<table><tr><td>0.4%</td></tr><tr><td>{CITE}</td></tr></table>",
        f"<table><tr><td>0.4%</td></tr></table><p>数字出自论文第 5 节{CITE}。</p>",
        f'<details class="qa"><summary>题</summary><p>少了 100 多倍</p><p class="qa__refs">{CITE}</p></details>',
        "<p>使用 LoRA 微调 7B 模型，r = 8，2023 年。</p>",
        "<pre><code>memory = 16 * 7  # 112 GB</code></pre>",
    ],
)
def test_a_cited_block_or_a_number_that_is_no_claim_passes(html: str) -> None:
    assert uncited_blocks(_body(html)) == []


def test_a_citation_in_the_next_paragraph_does_not_cover_a_paragraph() -> None:
    assert len(uncited_blocks(_body(f"<p>准确率 85%。</p><p>另见{CITE}。</p>"))) == 1


def test_an_exemption_covers_only_its_page_and_language() -> None:
    exemptions = [Exemption("methods.md", {"zh": "算一笔账"}, "own arithmetic")]
    methods_zh, methods_en = (next(p for p in PAGES if p.source == s) for s in ("methods.md", "methods.en.md"))
    assert exempted(methods_zh, "算一笔账：4096 × 4096", exemptions)
    assert not exempted(methods_en, "算一笔账：4096 × 4096", exemptions)
    assert not exempted(methods_zh, "LoRA 少 10,000 倍", exemptions)


def test_links_to_a_reference_are_recognised_from_any_page() -> None:
    assert link_citation("../references/#hu-2021-lora", "methods/", "m") == Citation("hu-2021-lora", "m", "references/")
    assert link_citation("../../en/references/#x", "en/methods/", "m") == Citation("x", "m", "en/references/")
    assert link_citation("../references/", "methods/", "m") is None
    assert link_citation("#lora", "methods/", "m") is None


def test_refs_lists_are_found_at_any_depth() -> None:
    data = {"nodes": [{"id": "a", "refs": ["x", "y"]}, {"answers": [{"refs": ["z"]}]}], "refs_note": "no"}
    assert list(refs_in(data)) == ["x", "y", "z"]
