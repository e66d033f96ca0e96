"""The memory calculator in a real browser: presets, URL state, bad input, the no-JS table,
keyboard use and accessibility in both colour schemes. The formulas' parity with Python runs in
Node (tests/js/memory.test.js, driven by tests/test_js_unit.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from playwright.sync_api import Browser, Page, expect

from macros import memory
from tests.browser.axe_audit import axe_violations, expect_scheme
from tests.browser.page_problems import watch_problems

pytestmark = pytest.mark.browser

PAGES = {"zh": "/memory-calculator/", "en": "/en/memory-calculator/"}
ROOT = "[data-memory-calculator]"


def python_estimate(arch: memory.Architecture, setting: dict[str, Any], gpu: str, tokens: float, mfu: float) -> dict:
    return memory.estimate(arch, memory.Setting(**setting), memory.gpus()[gpu], tokens, mfu)


def default_estimate(**changes: Any) -> dict:
    d = {**memory.DEFAULTS, **changes}
    preset = next(p for p in memory.models().values() if p.hf_id == d["model"])
    setting = {name: d[name] for name in memory.Setting.__dataclass_fields__}
    return python_estimate(memory.Architecture.of(preset), setting, d["gpu"], d["tokens_millions"], d["mfu_percent"])


@pytest.fixture(scope="module", params=["zh", "en"])
def calculator(browser: Browser, site_url: str, request: pytest.FixtureRequest) -> Iterator[tuple[Page, str]]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems = watch_problems(page)
    page.goto(site_url + PAGES[request.param])
    expect(page.locator(ROOT)).to_have_count(1)
    yield page, request.param
    assert problems == []
    context.close()


def total_bytes(page: Page) -> int:
    return int(page.locator("[data-mc-total]").get_attribute("data-bytes") or "-1")


def test_the_page_shows_the_default_result_python_computes(calculator: tuple[Page, str]) -> None:
    page, _ = calculator
    assert total_bytes(page) == default_estimate()["total"]


def test_each_preset_updates_the_total_and_the_verdict(calculator: tuple[Page, str]) -> None:
    page, _ = calculator
    for preset in memory.models().values():
        page.select_option(f"{ROOT} select[name=model]", preset.hf_id)
        expected = default_estimate(model=preset.hf_id)
        expect(page.locator("[data-mc-total]")).to_have_attribute("data-bytes", str(expected["total"]))
        fits = "true" if expected["fits"] else "false"
        expect(page.locator("[data-mc-verdict]")).to_have_attribute("data-fits", fits)
        assert page.locator(f"{ROOT} input[name=hidden_size]").input_value() == str(preset.hidden_size)
    page.select_option(f"{ROOT} select[name=model]", memory.DEFAULTS["model"])


def test_the_inputs_live_in_the_url_and_a_link_reproduces_the_result(
    calculator: tuple[Page, str], site_url: str
) -> None:
    page, lang = calculator
    page.select_option(f"{ROOT} select[name=method]", "full")
    page.fill(f"{ROOT} input[name=gpus]", "8")
    page.select_option(f"{ROOT} select[name=zero_stage]", "3")
    expect(page).to_have_url(re.compile(r"[?&]method=full&.*&gpus=8&zero_stage=3(&|$)"))
    shown = total_bytes(page)
    page.goto(page.url)
    expect(page.locator("[data-mc-total]")).to_have_attribute("data-bytes", str(shown))
    assert shown == default_estimate(method="full", gpus=8, zero_stage=3)["total"]
    page.goto(site_url + PAGES[lang])


def test_garbage_url_state_falls_back_to_defaults_with_a_named_message(
    calculator: tuple[Page, str], site_url: str
) -> None:
    page, lang = calculator
    query = urlencode({"method": "banana", "seq_len": "-5", "model": "<script>alert(1)</script>", "gpus": "NaN"})
    page.goto(f"{site_url}{PAGES[lang]}?{query}")
    note = page.locator("[data-mc-url-note]")
    expect(note).to_be_visible()
    for zh, en in (
        ("序列长度", "Sequence length"),
        ("方法", "Method"),
        ("模型", "Model"),
        ("GPU 数量", "Number of GPUs"),
    ):
        expect(note).to_contain_text(zh if lang == "zh" else en)
    assert total_bytes(page) == default_estimate()["total"]
    assert page.locator("script:has-text('alert(1)')").count() == 0
    page.goto(site_url + PAGES[lang])


@pytest.mark.parametrize("value", ["-1", "0", "abc", "1e400", "2.5"])
def test_bad_input_shows_a_message_never_nan(calculator: tuple[Page, str], value: str) -> None:
    page, lang = calculator
    field = page.locator(f"{ROOT} input[name=seq_len]")
    field.fill("")
    field.press_sequentially(value)  # typed, as a reader would: letters never reach a number input
    message = page.locator("[data-mc-message]")
    expect(message).to_be_visible()
    expect(message).to_contain_text("序列长度" if lang == "zh" else "Sequence length")
    expect(page.locator("[data-mc-output]")).to_be_hidden()
    text = page.locator(ROOT).inner_text()
    assert "NaN" not in text and "Infinity" not in text
    page.fill(f"{ROOT} input[name=seq_len]", "2048")
    expect(message).to_be_hidden()


def test_keyboard_alone_changes_the_method(calculator: tuple[Page, str]) -> None:
    page, _ = calculator
    page.locator(f"{ROOT} select[name=model]").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "method"
    page.keyboard.press("ArrowDown")  # lora -> qlora
    expected = default_estimate(method="qlora")["total"]
    expect(page.locator("[data-mc-total]")).to_have_attribute("data-bytes", str(expected))
    page.select_option(f"{ROOT} select[name=method]", "lora")


def test_without_javascript_the_default_result_and_table_are_there(browser: Browser, site_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PAGES["en"])
    assert total_bytes(page) == default_estimate()["total"]
    rows = page.locator("[data-mc-default-table] tbody tr")
    expect(rows).to_have_count(len(memory.models()))
    expect(rows.first).to_contain_text("GB")
    context.close()


# Both schemes and both languages, in two runs (axe on this long page is the slow part).
@pytest.mark.parametrize(("lang", "scheme"), [("zh", "light"), ("en", "dark")])
def test_no_axe_violations_and_no_sideways_scroll_at_390_px(
    browser: Browser, site_url: str, scheme: str, lang: str
) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site_url + PAGES[lang])
    expect(page.locator(ROOT)).to_have_count(1)
    expect_scheme(page, scheme)
    assert axe_violations(page, "article") == []
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways at 390 px ({width} px)"
    context.close()
