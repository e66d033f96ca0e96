"""One search index and one sitemap per language, so readers get results in their language.

mkdocs-static-i18n writes a single search index holding both languages. English readers
searching "LoRA" would then see the Chinese pages too. After the last language is built,
this hook moves each non-default language's entries into <lang>/search/search_index.json
(locations made relative to <lang>/) and copies sitemap.xml beside it; overrides/main.html
points those pages' Material `base` at <lang>/, where Material looks for both files.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

INDEX = Path("search") / "search_index.json"


def split_search_index(site_dir: Path, languages: list[str]) -> None:
    """Keep the default language in search/, move each other language to <lang>/search/."""
    index = json.loads((site_dir / INDEX).read_text(encoding="utf-8"))
    remaining = index["docs"]
    for lang in languages:
        prefix = f"{lang}/"
        own = [doc for doc in remaining if doc["location"].startswith(prefix)]
        remaining = [doc for doc in remaining if not doc["location"].startswith(prefix)]
        for doc in own:
            doc["location"] = doc["location"][len(prefix) :]
        target = site_dir / lang / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps({**index, "docs": own}, ensure_ascii=False), encoding="utf-8")
        for sitemap in ("sitemap.xml", "sitemap.xml.gz"):
            if (site_dir / sitemap).is_file():
                shutil.copyfile(site_dir / sitemap, site_dir / lang / sitemap)
    (site_dir / INDEX).write_text(json.dumps({**index, "docs": remaining}, ensure_ascii=False), encoding="utf-8")


@event_priority(-200)  # after i18n (-100), which writes the combined index once every language is built
def on_post_build(config: MkDocsConfig) -> None:
    # i18n calls this once per language; only the last call sees the final combined index,
    # and the split is idempotent, so each call simply splits what is there.
    i18n = config.plugins["i18n"].config
    others = [language.locale for language in i18n.languages if not language.default]
    split_search_index(Path(config.site_dir), others)
