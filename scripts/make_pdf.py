"""Print the built site as one PDF per language: site/pdf/fine-tuning-handbook-{zh,en}.pdf.

    make pdf          # builds the site, then runs: .venv/bin/python scripts/make_pdf.py site

For each language this joins the article of every page, in nav order, into one print document
with a cover and a table of contents, and prints it with the Chromium the tests use, JavaScript
off: the widgets print in their no-JS form (the decision tree as its full outline, every
question open). Links between pages become links inside the PDF. Chromium embeds the fonts it
uses (for Chinese, the system's CJK font: fonts-wqy-microhei on Debian). Page numbers are in
the footer. The PDFs are not part of `make build`; the Pages workflow runs `make pdf`.
"""

from __future__ import annotations

import datetime
import functools
import html
import http.server
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag
from mkdocs.config import load_config
from playwright.sync_api import Browser, sync_playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))  # run as a script from anywhere: macros/ is beside scripts/
from macros.downloads import PDF_FILES  # noqa: E402  (one list, which the home page links to)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
LABELS = {
    "zh": {"toc": "目录", "edition": "版本：{date}", "online": "在线版：{url}", "lang": "zh-Hans"},
    "en": {"toc": "Contents", "edition": "Edition: {date}", "online": "Online: {url}", "lang": "en"},
}
PRINT_CSS = """
@page { size: A4; margin: 16mm 15mm 18mm; }
html { font-size: 118%; }
body { background: #fff; }
.print-cover { height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }
.print-cover h1 { font-size: 2.4rem; margin: 0 0 1rem; }
.print-cover p { font-size: 1rem; margin: .3rem 0; }
.print-toc { break-after: page; }
.print-toc ol { padding-left: 1.4em; }
.print-toc ol ol { list-style: disc; font-size: .9em; }
.print-page { break-before: page; }
.print-page .md-content__button, .print-page .headerlink, .print-page .md-source-file { display: none !important; }
details { break-inside: avoid-page; }
details > summary::after { display: none !important; }
"""


@dataclass
class Page:
    url: str  # site path, e.g. /en/methods/
    file: Path
    soup: BeautifulSoup
    prefix: str  # id prefix inside the print document


def nav_files(nav: list) -> list[str]:
    """The Markdown files of the nav, in order."""
    files: list[str] = []
    for item in nav:
        value = next(iter(item.values())) if isinstance(item, dict) else item
        if isinstance(value, list):
            files.extend(nav_files(value))
        elif isinstance(value, str) and value.endswith(".md"):
            files.append(value)
    return files


def site_path(markdown_file: str, lang: str) -> str:
    stem = markdown_file.removesuffix(".md")
    path = "/" if stem == "index" else f"/{stem.removesuffix('/index')}/"
    return path if lang == "zh" else "/en" + path


def load_pages(site_dir: Path, files: list[str], lang: str) -> list[Page]:
    pages = []
    for index, markdown_file in enumerate(files):
        url = site_path(markdown_file, lang)
        file = site_dir / url.lstrip("/") / "index.html"
        if not file.is_file():
            raise SystemExit(f"make_pdf: {file} is missing: build the site first (make build)")
        pages.append(Page(url, file, BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser"), f"p{index}-"))
    return pages


def _article(page: Page, by_url: dict[str, Page], site_url: str) -> Tag:
    article = page.soup.select_one("article.md-content__inner")
    if article is None:
        raise SystemExit(f"make_pdf: {page.file} has no article")
    for tag in article.find_all(id=True):
        tag["id"] = page.prefix + tag["id"]
    for tag in article.find_all(attrs={"for": True}):
        tag["for"] = page.prefix + tag["for"]
    for details in article.find_all("details"):
        details["open"] = ""
    for link in article.find_all("a", href=True):
        href = link["href"]
        parts = urlsplit(href)
        if parts.scheme or href.startswith("mailto:"):
            continue
        url, fragment = urldefrag(urljoin(page.url, href))
        target = by_url.get(url)
        if target is None:
            link["href"] = urljoin(site_url, url.lstrip("/")) + (f"#{fragment}" if fragment else "")
        else:
            link["href"] = "#" + target.prefix + (fragment or "top")
    for script in article.find_all(["script", "template"]):
        script.decompose()
    section = page.soup.new_tag("section", attrs={"class": "print-page", "id": page.prefix + "top"})
    section.append(article)
    return section


def print_document(pages: list[Page], lang: str, config: dict) -> str:
    labels = LABELS[lang]
    first = pages[0].soup
    # Every page links only the widget styles it uses (hooks/assets.py): take each page's, once.
    hrefs = dict.fromkeys(
        urljoin(page.url, link["href"]) for page in pages for link in page.soup.find_all("link", rel="stylesheet")
    )
    styles = "\n".join(f'<link rel="stylesheet" href="{html.escape(href)}">' for href in hrefs)
    site_url = config["site_url"] or "/"
    by_url = {page.url: page for page in pages}
    name = html.escape(first.find("meta", attrs={"property": "og:site_name"})["content"])
    description = html.escape(first.find("meta", attrs={"name": "description"})["content"])
    today = datetime.datetime.now(datetime.UTC).date().isoformat()
    toc = []
    for page in pages:
        title = page.soup.select_one("article h1")
        sections = page.soup.select("article h2[id]")
        items = "".join(
            f'<li><a href="#{page.prefix}{h2["id"]}">{html.escape(h2.get_text().rstrip("¶").strip())}</a></li>'
            for h2 in sections
        )
        heading = html.escape(title.get_text().rstrip("¶").strip() if title else page.url)
        toc.append(f'<li><a href="#{page.prefix}top">{heading}</a>' + (f"<ol>{items}</ol>" if items else "") + "</li>")
    body = "\n".join(str(_article(page, by_url, site_url)) for page in pages)
    home = urljoin(site_url, "en/" if lang == "en" else "")
    return f"""<!doctype html>
<html lang="{labels["lang"]}"><head><meta charset="utf-8"><title>{name}</title>
{styles}
<style>{PRINT_CSS}</style></head>
<body data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
<div class="md-typeset">
<section class="print-cover"><h1>{name}</h1><p>{description}</p>
<p>{html.escape(labels["edition"].format(date=today))}</p><p>{html.escape(labels["online"].format(url=home))}</p></section>
<nav class="print-toc"><h2>{labels["toc"]}</h2><ol>{"".join(toc)}</ol></nav>
</div>
<div class="md-content"><div class="md-content__inner md-typeset">{body}</div></div>
</body></html>"""


FOOTER = (
    '<div style="width:100%;font-size:8px;color:#555;text-align:center">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def print_pdfs(browser: Browser, site_dir: Path, base_url: str, out_dir: Path) -> list[Path]:
    """Print every language's document with `browser` (JavaScript off) into out_dir."""
    config = load_config(str(REPO_ROOT / "mkdocs.yml"))
    files = nav_files(config["nav"])
    context = browser.new_context(java_script_enabled=False)
    written = []
    for lang, output in PDF_FILES.items():
        document = site_dir / f"print-{lang}-{os.getpid()}.html"  # removed once printed
        document.write_text(print_document(load_pages(site_dir, files, lang), lang, config), encoding="utf-8")
        try:
            page = context.new_page()
            page.goto(f"{base_url}/{document.name}", wait_until="load")
            target = out_dir / output
            target.parent.mkdir(parents=True, exist_ok=True)
            page.pdf(
                path=str(target),
                format="A4",
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                margin={"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
            )
            page.close()
        finally:
            document.unlink()
        written.append(target)
    context.close()
    return written


def make_pdfs(site_dir: Path, out_dir: Path | None = None) -> list[Path]:
    """Serve site_dir, start Chromium and write PDF_FILES under out_dir (default: site_dir)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
            written = print_pdfs(browser, site_dir, f"http://127.0.0.1:{server.server_address[1]}", out_dir or site_dir)
            browser.close()
    finally:
        server.shutdown()
    return written


if __name__ == "__main__":
    for path in make_pdfs(Path(sys.argv[1] if len(sys.argv) > 1 else "site")):
        print(f"{path} ({path.stat().st_size // 1024} KB)")
