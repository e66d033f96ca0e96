"""Shared parts of the data schemas: strict models, translated text, and errors as DataError.

Models are strict: YAML's `yes` stays a boolean and is refused where text is expected, `123`
is refused where an id is expected, and an unknown field is an error. `validate` reports
every problem of a file at once, each naming the file, the item (by its id when it has one)
and the field, in the words the hand-written loaders used before ("missing field(s): …",
"unknown field(s): …", "field 'x' is missing its translation: en").

Text fields are plain text unless their type is `Markdown` (or `TranslatedMarkdown`): plain
text is escaped wherever it is shown, Markdown is rendered, so only Markdown fields are checked
for `javascript:`, `vbscript:` and `data:` links here, at load time.
"""

from __future__ import annotations

import html
import inspect
import re
import types
from collections.abc import Callable, Mapping, Sequence
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from macros.data_files import LANGUAGES, DataError

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HTTPS_PATTERN = r"^https://[A-Za-z0-9.-]+(/[^\s<>\"'`]*)?$"
# Text that is not empty once surrounding whitespace is stripped.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
DOC_LINK_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_\-/]*\.md(?:#[A-Za-z0-9_\-]+)?$"
# Lowercase letters and digits joined by single hyphens: question ids, node ids, term ids.
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
# A page of docs/ and optionally a section: `page.md#anchor` (the loaders check that both exist).
DocLink = Annotated[str, StringConstraints(pattern=DOC_LINK_PATTERN)]

# What a failed pattern means, in the words of the loaders (pydantic would print the regex).
PATTERN_PROBLEMS = {
    ID_PATTERN: "must be kebab-case: lowercase letters and digits joined by hyphens",
    HTTPS_PATTERN: "must be an https:// address (no spaces or quotes)",
    DOC_LINK_PATTERN: "must be a docs page like 'page.md#section'",
}

# --- Markdown fields -------------------------------------------------------------------

_UNSAFE_SCHEMES = ("javascript", "vbscript", "data")
# Every place where Markdown or raw HTML takes a URL: [text](url), ![alt](url), <scheme:…>
# autolinks, [label]: url definitions, href= / src= attributes.
_URL_PLACES = re.compile(
    r"\]\(\s*(?:<(?P<bracketed>[^>]*)>|(?P<inline>(?:[^()<>\s]|\([^()\s]*\))+))"
    r"|<(?P<auto>[A-Za-z][A-Za-z0-9+.\-]*:[^>]*)>"
    r"|^[ \t]*\[[^\]]+\]:[ \t]*<?(?P<definition>\S+)"
    r"|\b(?:href|src|action|formaction|xlink:href)\s*=\s*[\"']?(?P<attribute>[^\"'>]*)",
    re.IGNORECASE | re.MULTILINE,
)


def unsafe_url(text: str) -> str | None:
    """The first link target in Markdown `text` whose scheme runs code or embeds data, if any."""
    for match in _URL_PLACES.finditer(text):
        url = next(group for group in match.groups() if group is not None)
        # Browsers ignore entities, control characters and whitespace inside a scheme: so do we.
        scheme = re.sub(r"[\x00-\x20\x7f]+", "", html.unescape(url)).split(":", 1)
        if len(scheme) == 2 and scheme[0].lower() in _UNSAFE_SCHEMES:
            return url.strip()
    return None


def _safe_markdown(text: str) -> str:
    url = unsafe_url(text)
    if url is not None:
        raise PydanticCustomError(
            "unsafe_url",
            "link '{url}' is refused: javascript:, vbscript: and data: URLs are not allowed in Markdown",
            {"url": url},
        )
    return text


# Markdown written by contributors (answers, pitfalls): rendered as Markdown, links checked.
Markdown = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    AfterValidator(_safe_markdown),
    Field(json_schema_extra={"contentMediaType": "text/markdown"}),
]


class Strict(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class _Languages(Strict):
    @model_validator(mode="before")
    @classmethod
    def _every_language(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            missing = [
                lang
                for lang in LANGUAGES
                if data.get(lang) is None or (isinstance(data[lang], str) and not data[lang].strip())
            ]
            if missing:
                raise PydanticCustomError(
                    "translation_missing", "missing its translation: {langs}", {"langs": ", ".join(missing)}
                )
        return data

    def __getitem__(self, lang: str) -> str:
        return str(getattr(self, lang))

    def as_dict(self) -> dict[str, str]:
        return {lang: self[lang] for lang in LANGUAGES}


class Translated(_Languages):
    """A plain text in every language of the site (escaped wherever it is shown)."""

    zh: Text
    en: Text


class TranslatedMarkdown(_Languages):
    """A Markdown text in every language of the site."""

    zh: Markdown
    en: Markdown


class DataErrors(DataError):
    """Several problems in one data file, reported together (one line each)."""

    def __init__(self, errors: Sequence[DataError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.path, first.item, first.problem)
        self.args = ("\n".join(str(error) for error in self.errors),)


def raise_all(errors: Sequence[DataError], kind: type[DataErrors] = DataErrors) -> None:
    """Raise every collected problem at once (nothing happens when there is none)."""
    if errors:
        raise kind(errors)


M = TypeVar("M", bound=BaseModel)

# A list under one of these keys holds items: an error inside one names it, e.g. "question 'x'".
# None: the list's entries are parts of their item (a tree node's answers), named in the field.
KINDS: dict[str, str | None] = {
    "questions": "question",
    "topics": "topic",
    "nodes": "node",
    "terms": "term",
    "models": "model",
    "gpus": "gpu",
    "curves": "curve",
    "follow_ups": "follow-up",
    "answers": None,
}
# Union members are tagged ":name" (see decision trees); tags are not keys of the data.
TAG_PREFIX = ":"


def _item_and_field(data: Any, loc: tuple[int | str, ...], default_kind: str) -> tuple[str | None, str]:
    """Split a pydantic error location into the item it belongs to and the field inside it."""
    items: list[str] = []
    field_start, node, kind, key = 0, data, default_kind, None
    for index, part in enumerate(loc):
        if isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
            node = node[part]
            if key in KINDS and KINDS[key] is None:
                continue
            label = node.get("id") if isinstance(node, dict) else None
            name = f"{kind} '{label}'" if isinstance(label, str) else f"{kind} #{part + 1}"
            # A list of items inside an item (a question's follow-ups) names both.
            items = [*items, name] if items and key in KINDS else [name]
            field_start = index + 1
        elif isinstance(node, dict) and part in node:
            key = part
            kind = KINDS.get(str(part)) or default_kind
            node = node[part]
        else:
            break
    field = ".".join(str(part) for part in loc[field_start:])
    return (": ".join(items) or None), field


def _unwrap(annotation: Any) -> Any:
    while get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation


def _step(annotation: Any, part: int | str) -> Any:
    """The type found at `part` inside a field of type `annotation` (None when unsure)."""
    annotation = _unwrap(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        for member in get_args(annotation):
            tags = [meta.tag for meta in getattr(member, "__metadata__", ()) if hasattr(meta, "tag")]
            if part in tags:
                return _unwrap(member)
        return None
    if isinstance(part, int):
        return get_args(annotation)[0] if get_origin(annotation) in (list, tuple) else None
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel) and part in annotation.model_fields:
        return annotation.model_fields[part].annotation
    return None


def _fields_at(model: type[BaseModel], loc: tuple[int | str, ...]) -> list[str] | None:
    annotation: Any = model
    for part in loc:
        annotation = _step(annotation, part)
        if annotation is None:
            return None
    annotation = _unwrap(annotation)
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return list(annotation.model_fields)
    return None


def _problem(detail: Mapping[str, Any], field: str) -> str:
    kind, value, context = detail["type"], detail.get("input"), detail.get("ctx") or {}
    name = f"field '{field}'" if field else "the value"
    if kind == "translation_missing":
        return f"{name} is missing its translation: {context['langs']}"
    if kind == "string_type" and isinstance(value, bool):
        return f"{name}: YAML reads this unquoted word as yes/no, not text; put it in quotes"
    if kind == "string_type" and isinstance(value, (int, float)):
        return f"{name} must be text, got the number {value!r} (put it in quotes)"
    if kind == "string_pattern_mismatch" and context.get("pattern") in PATTERN_PROBLEMS:
        return f"{name} {PATTERN_PROBLEMS[context['pattern']]}, got {value!r}"
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(context.get("expected", ""))) or [str(context.get("expected"))]
        choice = allowed[0] if len(allowed) == 1 else f"one of {', '.join(allowed)}"
        return f"{field or 'value'} must be {choice}, got {value!r}"
    return f"{name}: {detail['msg']}" if field else str(detail["msg"])


def validate(
    model: type[M],
    data: Any,
    file: str,
    item_kind: str = "item",
    item: str | None = None,
    field_name: Callable[[str], str] = lambda field: field,
    errors: type[DataErrors] = DataErrors,
) -> M:
    """`data` as a `model`, or `errors` listing every problem (file, item, field and what is wrong).

    `field_name` rewrites a field's dotted path for messages (a tree names "answers.1.label"
    "answer 2 label"). Missing and unknown fields of one item are reported on one line each.
    """
    try:
        return model.model_validate(data)
    except DataError:
        raise
    except ValidationError as error:
        entries: list[DataError | tuple[str | None, str, str]] = []  # a tuple: a group of fields
        grouped: dict[tuple[str | None, str, str], list[str]] = {}
        allowed: dict[tuple[str | None, str, str], list[str] | None] = {}
        for detail in error.errors(include_url=False):
            loc = tuple(part for part in detail["loc"] if not str(part).startswith(TAG_PREFIX))
            kind = detail["type"]
            named = bool(loc) and isinstance(loc[-1], str)
            # A field left empty in YAML (`link:`) is None: for a required field that is missing.
            missing = kind == "missing" or (named and detail.get("input") is None and kind.endswith("_type"))
            if named and (missing or kind == "extra_forbidden"):
                found, parent = _item_and_field(data, loc[:-1], item_kind)
                key = (found or item, field_name(parent), "missing" if missing else "unknown")
                if key not in grouped:
                    grouped[key] = []
                    allowed[key] = _fields_at(model, tuple(detail["loc"][:-1]))
                    entries.append(key)
                grouped[key].append(str(loc[-1]))
                continue
            found, field = _item_and_field(data, loc, item_kind)
            entries.append(DataError(file, found or item, _problem(detail, field_name(field))))
        problems = []
        for entry in entries:
            if isinstance(entry, DataError):
                problems.append(entry)
                continue
            inside = f"{entry[1]}: " if entry[1] else ""
            names = grouped[entry]
            text = f"{inside}{entry[2]} field(s): {', '.join(names)}"
            if entry[2] == "unknown":
                # Named as "field 'x'" first, like every other field error.
                quoted = ", ".join(f"'{name}'" for name in names)
                text = f"field {quoted} not allowed here: {text}"
                if allowed[entry]:
                    text += f" (allowed: {', '.join(allowed[entry] or [])})"
            problems.append(DataError(file, entry[0], text))
        raise errors(problems) from None
    except Exception as unexpected:  # a validator that failed in a way pydantic does not catch
        problem = f"unexpected {type(unexpected).__name__} while validating: {unexpected}"
        raise errors([DataError(file, item, problem)]) from unexpected
