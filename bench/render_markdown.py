"""Write every page's Markdown as mkdocs-macros renders it (for the plain-Material baseline).

Run from a project directory (like `mkdocs build`):
    python -m bench.render_markdown OUT_DIR
It builds the project once, in both languages, with one extra plugin that runs after every
other on_page_markdown handler and writes the page's front matter plus its rendered Markdown
to OUT_DIR/<path under docs/>. Every macro call is thereby replaced by its output.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

FRONT_MATTER_FENCE = "---"


def front_matter(source: str) -> str:
    """The page's YAML front matter block, fences included ("" when it has none)."""
    lines = source.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != FRONT_MATTER_FENCE:
        return ""
    for index, line in enumerate(lines[1:], start=1):
        if line.rstrip() in (FRONT_MATTER_FENCE, "..."):
            return "".join(lines[: index + 1])
    return ""


class DumpRenderedMarkdown(BasePlugin):
    def __init__(self, docs_dir: Path, out_dir: Path) -> None:
        super().__init__()
        self.docs_dir = docs_dir
        self.out_dir = out_dir
        self.written: set[Path] = set()

    @event_priority(-1000)  # after mkdocs-macros and every other Markdown-changing handler
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        source = Path(page.file.abs_src_path)
        target = self.out_dir / source.relative_to(self.docs_dir)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(front_matter(source.read_text(encoding="utf-8")) + markdown, encoding="utf-8")
        self.written.add(target)
        return markdown


def main(out_dir: Path) -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("jieba").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as site_dir:
        config = load_config("mkdocs.yml", site_dir=site_dir)
        dump = DumpRenderedMarkdown(Path(config.docs_dir), out_dir)
        config.plugins["bench-render-markdown"] = dump
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    print(f"rendered {len(dump.written)} pages into {out_dir}")


if __name__ == "__main__":
    main(Path(sys.argv[1]).resolve())
