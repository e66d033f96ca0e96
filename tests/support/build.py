"""Build helpers shared by the tests and bench/: copy the project, build it, collect the pages.

Two ways to build:
- `build()` runs `mkdocs build --strict` in a fresh process, exactly as `make build` does: the
  end-to-end gate (the session's site, and one planted-defect build per failure kind that needs it).
- `build_in_process()` calls MkDocs' own build in this process: no interpreter start, no second
  import of MkDocs, Material and jieba, so a planted-defect build that aborts early costs a
  fraction of a fresh process. The build imports the copy's own macros package (so it reads the
  copy's data/), and the tests' macros modules are put back afterwards.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
# Everything a build reads. A test that plants a defect edits a copy, never the real tree.
BUILD_INPUTS = ("mkdocs.yml", "docs", "macros", "hooks", "overrides", "assets", "data", "recipes")
MKDOCS = [sys.executable, "-m", "mkdocs"]


@dataclass
class BuildResult:
    returncode: int
    log: str
    site_dir: Path

    def warnings(self) -> list[str]:
        """The WARNING lines of the log (each one alone fails a strict build)."""
        return [line for line in self.log.splitlines() if line.startswith("WARNING")]


def copy_project(destination: Path) -> Path:
    destination.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, destination / name)
    return destination


class PendingBuild:
    """`mkdocs build --strict` of project_dir into site_dir, running in a fresh process.

    Started early (the test session starts its builds as soon as collection ends), it runs on
    the second core while the unit tests run on the first; result() waits for it.
    """

    def __init__(self, project_dir: Path, site_dir: Path, site_url: str | None = None) -> None:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        if site_url:
            env["SITE_URL"] = site_url
        self.site_dir = site_dir
        # A file, not a pipe (a full pipe would stall the build); closed by result() or stop().
        self._log = tempfile.TemporaryFile(mode="w+", encoding="utf-8")  # noqa: SIM115
        self._process = subprocess.Popen(
            [*MKDOCS, "build", "--strict", "--site-dir", str(site_dir)],
            cwd=project_dir,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self._result: BuildResult | None = None

    def result(self, timeout: float = 600) -> BuildResult:
        if self._result is None:
            try:
                returncode = self._process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.stop()
                raise
            self._log.seek(0)
            self._result = BuildResult(returncode, self._log.read(), self.site_dir)
            self._log.close()
        return self._result

    def stop(self) -> None:
        """End the build if it still runs (an interrupted session)."""
        if self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._log.close()


def build(project_dir: Path, site_dir: Path, site_url: str | None = None) -> BuildResult:
    """`mkdocs build --strict` of project_dir into site_dir (run from project_dir, like make)."""
    return PendingBuild(project_dir, site_dir, site_url).result()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname:<8}-  {record.getMessage()}")


@contextmanager
def _working_directory(path: Path) -> Iterator[None]:
    # The search plugin reads jieba_dict_user relative to the current directory, as under make.
    before = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(before)


def _macros_modules() -> list[str]:
    return [name for name in sys.modules if name == "macros" or name.startswith("macros.")]


def build_in_process(project_dir: Path, site_dir: Path) -> BuildResult:
    """The same strict build as `build()`, run by MkDocs' API in this process.

    returncode is 0 on success, else non-zero as the CLI exits (strict abort, macro error, bad data);
    log holds every MkDocs log record at INFO and above, then the exception that stopped the build.
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config

    collect = _Collect()
    saved_path = list(sys.path)
    # The project's own macros package (and its data paths) for this build, the tests' one after it.
    saved_macros = {name: sys.modules[name] for name in _macros_modules()}
    for name in saved_macros:
        del sys.modules[name]
    sys.path.insert(0, str(project_dir))
    collect.setLevel(logging.INFO)
    mkdocs_logger = logging.getLogger("mkdocs")
    mkdocs_logger.addHandler(collect)
    level = mkdocs_logger.level
    mkdocs_logger.setLevel(logging.INFO)
    returncode = 0
    try:
        with _working_directory(project_dir):
            config = load_config(str(project_dir / "mkdocs.yml"), strict=True, site_dir=str(site_dir))
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
    except SystemExit as error:  # mkdocs-macros exits (status 100) on a macro error with on_error_fail
        returncode = error.code if isinstance(error.code, int) and error.code else 1
        collect.lines.append(f"SystemExit: {error.code}")
    except Exception as error:  # what the CLI turns into a non-zero exit
        returncode = 1
        collect.lines.append(f"{type(error).__name__}: {error}")
        if error.__cause__ is not None:
            collect.lines.append(f"caused by {type(error.__cause__).__name__}: {error.__cause__}")
    finally:
        mkdocs_logger.removeHandler(collect)
        mkdocs_logger.setLevel(level)
        sys.path[:] = saved_path
        for name in _macros_modules():
            del sys.modules[name]
        sys.modules.update(saved_macros)
    return BuildResult(returncode, "\n".join(collect.lines), site_dir)


def html_pages(site_dir: Path) -> list[Path]:
    """Every built HTML page (both languages), without the search and asset folders."""
    return sorted(
        path for path in site_dir.rglob("*.html") if path.relative_to(site_dir).parts[0] not in ("assets", "search")
    )
