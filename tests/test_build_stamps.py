"""The loaders' file stamps are taken once per build (macros/data_files.py build_stamp): within a
build a stamp is reused, a new build (hooks/build_stamps.py: every language and every
`mkdocs serve` rebuild) takes it again, and outside a build it is taken on every call, so an edited data file is
never missed."""

from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import pytest

import macros
from macros import data_files
from macros.data_files import begin_build, build_stamp, end_build

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def no_build():
    end_build()
    yield
    end_build()


def _touch(path: Path, mtime: float) -> None:
    path.write_text("x", encoding="utf-8")
    os.utime(path, (mtime, mtime))


def test_a_stamp_is_taken_once_per_build(tmp_path: Path, no_build) -> None:
    data = tmp_path / "a.yml"
    _touch(data, 1_000_000)
    calls: list[int] = []

    def paths() -> list[Path]:
        calls.append(1)
        return [data]

    begin_build()
    first = build_stamp(("test", data), paths)
    _touch(data, 2_000_000)
    assert build_stamp(("test", data), paths) == first  # the same build: no glob, no stat
    assert len(calls) == 1
    end_build()
    assert build_stamp(("test", data), paths) != first  # outside a build: taken afresh
    begin_build()
    assert build_stamp(("test", data), paths)[0][1] == 2_000_000  # the next build sees the edit
    assert len(calls) == 3


def _hook():
    spec = importlib.util.spec_from_file_location("build_stamps_hook", ROOT / "hooks" / "build_stamps.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("end", ["on_post_build", "on_build_error"])
def test_the_hook_ends_the_build_after_it(tmp_path: Path, no_build, end: str) -> None:
    """A data file edited after a build, or after a failed one (a test, or `mkdocs serve`
    between rebuilds), is seen."""
    data = tmp_path / "b.yml"
    _touch(data, 1_000_000)
    hook = _hook()
    hook.on_pre_build(config=None)
    assert data_files._build_stamps == {}
    build_stamp(("test", data), lambda: [data])
    getattr(hook, end)(None)
    _touch(data, 2_000_000)
    assert build_stamp(("test", data), lambda: [data])[0][1] == 2_000_000


def test_defining_the_macros_starts_no_build(no_build) -> None:
    """Tests and tools call define_env without a build around it: their stamps stay fresh."""

    class Env:
        def __init__(self) -> None:
            self.macros: dict = {}

        def macro(self, function, name=None):
            self.macros[name or function.__name__] = function
            return function

    macros.define_env(Env())
    assert data_files._build_stamps is None
