"""Chinese and English editions hold the same pages."""

from __future__ import annotations

from pathlib import Path

from tests.support.build import REPO_ROOT
from tests.support.pages import missing_twins

DOCS = REPO_ROOT / "docs"


def test_every_page_exists_in_both_languages() -> None:
    assert {page.name for page in DOCS.glob("*.md")} >= {"index.md", "index.en.md"}
    assert missing_twins(DOCS) == []


def test_a_page_without_twin_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# A", encoding="utf-8")
    (tmp_path / "b.en.md").write_text("# B", encoding="utf-8")
    assert missing_twins(tmp_path) == ["a.md has no English twin a.en.md", "b.en.md has no Chinese twin b.md"]


def test_every_built_zh_page_has_an_en_page(site_dir: Path) -> None:
    zh_pages = {
        p.relative_to(site_dir) for p in site_dir.rglob("index.html") if p.relative_to(site_dir).parts[0] != "en"
    }
    en_pages = {p.relative_to(site_dir / "en") for p in (site_dir / "en").rglob("index.html")}
    assert zh_pages == en_pages


def test_the_404_page_speaks_both_languages(site_dir: Path) -> None:
    text = (site_dir / "404.html").read_text(encoding="utf-8")
    assert "页面不存在" in text
    assert 'lang="en"' in text and "Page not found" in text
