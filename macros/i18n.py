"""The language of the page being rendered, and the interface strings of the widgets."""

from __future__ import annotations

from typing import Any

from macros.languages import default_language

DEFAULT_LANGUAGE = default_language()


def page_language(env: Any) -> str:
    """The current build's language. Only valid inside a macro call, not in define_env."""
    page = getattr(env, "page", None)
    locale = getattr(getattr(page, "file", None), "locale", None)
    return locale or env.conf["theme"]["language"] or DEFAULT_LANGUAGE


def page_url(env: Any) -> str:
    page = getattr(env, "page", None)
    return getattr(page, "url", "") or ""
