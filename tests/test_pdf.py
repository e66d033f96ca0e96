"""`make pdf`: one PDF per language, printed from the built site (scripts/make_pdf.py)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.config import load_config
from playwright.sync_api import Browser

from macros import decision_tree
from scripts.make_pdf import PDF_FILES, nav_files, print_pdfs
from tests.support.build import REPO_ROOT
from tests.support.data import real_question_bank

pytestmark = pytest.mark.browser  # prints with Chromium


@pytest.fixture(scope="module")
def pdfs(browser: Browser, site_dir: Path, site_url: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    # The session's browser and server (pytest-playwright runs its own Playwright loop).
    out = tmp_path_factory.mktemp("pdf")
    print_pdfs(browser, site_dir, site_url, out)
    return {lang: out / path for lang, path in PDF_FILES.items()}


def text_of(pdf: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def pages_of(pdf: Path) -> int:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE).group(1))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pdf_has_a_cover_contents_page_numbers_and_every_page(
    pdfs: dict[str, Path], site_dir: Path, lang: str
) -> None:
    text = text_of(pdfs[lang])
    total = pages_of(pdfs[lang])
    assert total >= 20
    cover = text.split("\f")[0]
    assert ("微调手册" if lang == "zh" else "Fine-tuning Handbook") in cover
    assert ("目录" if lang == "zh" else "Contents") in text.split("\f")[1]
    assert f"1 / {total}" in cover and f"{total} / {total}" in text
    for markdown_file in nav_files(load_config(str(REPO_ROOT / "mkdocs.yml"))["nav"]):
        stem = markdown_file.removesuffix(".md").removesuffix("index").rstrip("/")
        built = site_dir / ("en" if lang == "en" else "") / stem / "index.html"
        h1 = BeautifulSoup(built.read_text(encoding="utf-8"), "html.parser").select_one("article h1")
        assert h1.get_text().rstrip("¶").strip() in text, f"{markdown_file} missing from the {lang} PDF"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_widgets_print_in_their_no_js_form(pdfs: dict[str, Path], lang: str) -> None:
    text = re.sub(r"\s+", "", text_of(pdfs[lang]))
    for node in decision_tree.decision_tree("should-i-fine-tune").questions():
        assert re.sub(r"\s+", "", node.question[lang]) in text, f"tree question {node.id} not printed"
    first = real_question_bank().questions[0]
    assert re.sub(r"\s+", "", first.question[lang]) in text
    # The answers are inside <details>: the PDF prints them open.
    assert re.sub(r"\s+", "", first.short[lang])[:30] in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_font_is_embedded_and_chinese_has_a_cjk_font(pdfs: dict[str, Path], lang: str) -> None:
    fonts = subprocess.run(["pdffonts", str(pdfs[lang])], capture_output=True, text=True, check=True).stdout
    rows = fonts.splitlines()[2:]
    assert rows and all(re.search(r"\s(yes)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$", row) for row in rows), fonts
    if lang == "zh":
        assert re.search(r"WenQuanYi|CJK|Hei|Song", fonts), f"no CJK font embedded:\n{fonts}"


@pytest.mark.parametrize(("lang", "home"), [("zh", "index.html"), ("en", "en/index.html")])
def test_the_home_page_links_to_its_languages_pdf(site_dir: Path, lang: str, home: str) -> None:
    soup = BeautifulSoup((site_dir / home).read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("a[data-pdf-download]")
    assert link is not None
    target = (site_dir / home).parent / link["href"]
    assert target.resolve() == (site_dir / PDF_FILES[lang]).resolve()
