"""Draw the Open Graph card images (assets/social/card-zh.png, card-en.png), 1200 × 630.

Run once after changing the site's name or tagline; the PNGs are committed, so the build never
needs a font download or a browser. Uses the Chromium the tests use and the fonts installed on
this machine (fonts-wqy-microhei for Chinese):

    .venv/bin/python scripts/make_social_cards.py
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).resolve().parent.parent / "assets" / "social"
CARDS = {
    "zh": ("微调手册", "大模型微调的中英双语知识库", "何时微调 · 方法与数据 · 显存估算 · 面试题"),
    "en": (
        "Fine-tuning Handbook",
        "A bilingual knowledge base on fine-tuning LLMs",
        "When to fine-tune · methods and data · memory · interview questions",
    ),
}
PAGE = """<!doctype html><html lang="{lang}"><meta charset="utf-8"><style>
body {{ margin: 0; width: 1200px; height: 630px; display: flex; flex-direction: column;
  justify-content: center; padding: 0 96px; box-sizing: border-box; background: #303fa1; color: #fff;
  font-family: "WenQuanYi Micro Hei", sans-serif; }}
h1 {{ font-size: 88px; margin: 0 0 24px; }} p {{ font-size: 40px; margin: 0 0 16px; }}
.topics {{ font-size: 30px; opacity: .9; border-top: 4px solid #fff; padding-top: 24px; margin-top: 24px; }}
</style><h1>{title}</h1><p>{tagline}</p><p class="topics">{topics}</p></html>"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"]
        )
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        for lang, (title, tagline, topics) in CARDS.items():
            escaped = {
                key: html.escape(value)
                for key, value in zip(("title", "tagline", "topics"), (title, tagline, topics), strict=True)
            }
            page.set_content(PAGE.format(lang=lang, **escaped))
            page.screenshot(path=str(OUT / f"card-{lang}.png"))
            print(OUT / f"card-{lang}.png")
        browser.close()


if __name__ == "__main__":
    main()
