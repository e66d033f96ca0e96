"""The site shell in a real browser: loads cleanly, switches language and colour scheme, searches."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.page_problems import watch_problems

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", ["/", "/en/"])
def test_home_loads_without_errors(page: Page, site_url: str, path: str) -> None:
    problems = watch_problems(page)
    page.goto(site_url + path)
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_count(1)
    assert problems == []


def test_language_switcher_leads_to_the_same_page(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.locator(".md-select").first.hover()
    page.locator(".md-select__link[hreflang=en]").click()
    expect(page).to_have_url(site_url + "/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator(".md-select").first.hover()
    page.locator(".md-select__link[hreflang=zh]").click()
    expect(page).to_have_url(site_url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")


def test_language_switcher_follows_instant_navigation(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.__sameDocument = true")
    page.locator("a.md-nav__link[href$='references/']").first.click()
    expect(page).to_have_url(site_url + "/references/")
    assert page.evaluate("window.__sameDocument === true"), "instant navigation did not handle the click"
    page.locator(".md-select").first.hover()
    page.locator(".md-select__link[hreflang=en]").click()
    expect(page).to_have_url(site_url + "/en/references/")
    expect(page.locator("h1")).to_have_text(re.compile("References"))
    # A full page load: the header and <html lang> change with the language.
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".md-header__topic").first).to_contain_text("Fine-tuning Handbook")


def test_dark_mode_toggle_switches_the_colour_scheme(page: Page, site_url: str) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(site_url + "/")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("label.md-header__button[for^=__palette]:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def _search(page: Page, query: str) -> list[tuple[str, str]]:
    """Type a query into Material's search box; return (title, href) of each result."""
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially(query)
    page.locator("input.md-search__input").press("End")  # Material reads the query on keyup
    results = page.locator(".md-search-result__item > a")
    expect(results.first).to_be_visible()
    return [
        (link.locator("h1, h2").first.inner_text().replace("\u200b", ""), str(link.get_attribute("href")))
        for link in results.all()
    ]


def test_searching_chinese_finds_chinese_pages(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    results = _search(page, "微调")
    assert any("微调" in title for title, _ in results), results
    assert not any("/en/" in href for _, href in results), results


def test_searching_english_finds_english_pages(page: Page, site_url: str) -> None:
    page.goto(site_url + "/en/")
    results = _search(page, "fine-tuning")
    assert any(re.search("fine-tuning", title, re.I) for title, _ in results), results
    assert all(href.startswith(site_url + "/en/") for _, href in results), results


def test_footer_text_meets_contrast_minimum(page: Page, site_url: str) -> None:
    page.goto(site_url + "/")
    ratio = page.evaluate(CONTRAST_OF_COPYRIGHT)
    assert ratio >= 4.5, f"footer copyright contrast {ratio:.2f}:1"


CONTRAST_OF_COPYRIGHT = """() => {
  const parse = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const el = document.querySelector('.md-copyright');
  let fg = parse(getComputedStyle(el).color);
  let node = el, bg;
  while (node) {
    const c = parse(getComputedStyle(node).backgroundColor);
    if (c.length < 4 || c[3] > 0) { bg = c; break; }
    node = node.parentElement;
  }
  if (fg.length === 4) fg = fg.slice(0, 3).map((v, i) => v * fg[3] + bg[i] * (1 - fg[3]));
  const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""
