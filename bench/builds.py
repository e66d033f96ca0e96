"""Build-time measurements: full strict builds (ours and plain Material) and the serve rebuild."""

from __future__ import annotations

import os
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.support.build import BUILD_INPUTS

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs"]
BASELINE_CONFIG = "mkdocs.plain.yml"
# The page edited for the rebuild measurement, and its URL under `mkdocs serve`.
EDITED_PAGE = "docs/when-to-fine-tune.md"
EDITED_URL = "/when-to-fine-tune/"


class BuildFailed(RuntimeError):
    pass


@dataclass
class BuildTimes:
    ours: list[float] = field(default_factory=list)  # wall-clock seconds
    plain: list[float] = field(default_factory=list)
    ours_cpu: list[float] = field(default_factory=list)  # CPU seconds (user + sys) of the build process
    plain_cpu: list[float] = field(default_factory=list)
    plain_strict: bool = True
    plain_note: str = ""

    @property
    def ratio(self) -> float:
        """The budgeted ratio: CPU time, which other work on the machine hardly changes; wall time
        when CPU time was not recorded."""
        if self.ours_cpu and self.plain_cpu:
            return statistics.median(self.ours_cpu) / statistics.median(self.plain_cpu)
        return self.wall_ratio

    @property
    def wall_ratio(self) -> float:
        return statistics.median(self.ours) / statistics.median(self.plain)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def process_cpu(pid: int) -> float | None:
    """CPU seconds (user + sys) a running process has used so far; None where /proc is absent."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime


def snapshot_project(source: Path, destination: Path) -> Path:
    """Copy everything a build reads, so the figures describe one state of the tree."""
    destination.mkdir(parents=True, exist_ok=True)
    for name in BUILD_INPUTS:
        path = source / name
        if path.is_dir():
            shutil.copytree(path, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif path.is_file():
            shutil.copy2(path, destination / name)
    return destination


def run_build(project: Path, site_dir: Path, config_file: str = "mkdocs.yml", strict: bool = True) -> float:
    """One `mkdocs build` (a fresh process, as `make build` runs it); returns wall-clock seconds."""
    return timed_build(project, site_dir, config_file, strict)[0]


def timed_build(
    project: Path, site_dir: Path, config_file: str = "mkdocs.yml", strict: bool = True
) -> tuple[float, float]:
    """One `mkdocs build` in a fresh process; returns (wall-clock seconds, CPU seconds user + sys)."""
    command = [*MKDOCS, "build", "--clean", "-f", config_file, "--site-dir", str(site_dir)]
    if strict:
        command.append("--strict")
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    cpu = _children_cpu() - cpu
    if done.returncode != 0:
        raise BuildFailed(f"`{' '.join(command[2:])}` failed in {project}:\n{done.stdout}{done.stderr}")
    return elapsed, cpu


# ---- the plain-Material baseline ------------------------------------------------------------


class _KeepTags(yaml.SafeLoader):
    """Reads mkdocs.yml without executing tags; _Tagged values are written back unchanged."""


@dataclass
class _Tagged:
    tag: str
    value: object


def _construct_tagged(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    if isinstance(node, yaml.ScalarNode):
        value: object = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    return _Tagged(suffix, value)


_KeepTags.add_multi_constructor("!", lambda loader, suffix, node: _construct_tagged(loader, "!" + suffix, node))
_KeepTags.add_multi_constructor(
    "tag:yaml.org,2002:python/", lambda loader, suffix, node: _construct_tagged(loader, "!!python/" + suffix, node)
)


class _TagDumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: _Tagged) -> yaml.Node:
    tag = data.tag.replace("!!python/", "tag:yaml.org,2002:python/")
    if isinstance(data.value, list):
        return dumper.represent_sequence(tag, data.value)
    if isinstance(data.value, dict):
        return dumper.represent_mapping(tag, data.value)
    return dumper.represent_scalar(tag, str(data.value))


_TagDumper.add_representer(_Tagged, _represent_tagged)


def _plugin_config(plugins: list, name: str) -> dict:
    for entry in plugins:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    raise BuildFailed(f"mkdocs.yml has no `{name}` plugin to copy into the baseline")


def plain_config(ours: dict) -> dict:
    """Plain Material: same pages, nav, Markdown extensions, search and i18n settings, and
    nothing of the project's own (no macros, hooks, overrides, features, extra CSS/JS)."""
    config = {
        "site_name": ours["site_name"],
        "site_url": ours.get("site_url"),
        # Colours and fonts only: i18n rejects a per-language palette the theme does not have.
        "theme": {
            "name": "material",
            **{key: ours["theme"][key] for key in ("language", "palette", "font") if key in ours["theme"]},
        },
        "plugins": [
            {"search": _plugin_config(ours["plugins"], "search")},
            {"i18n": _plugin_config(ours["plugins"], "i18n")},
        ],
        "markdown_extensions": ours.get("markdown_extensions", []),
    }
    for key in ("nav", "validation"):  # --strict is passed on the command line
        if key in ours:
            config[key] = ours[key]
    return {key: value for key, value in config.items() if value is not None}


def make_baseline(project: Path, destination: Path) -> Path:
    """A project with the rendered Markdown of every page and a plain-Material mkdocs.yml."""
    rendered = destination / "docs"
    done = subprocess.run(
        [sys.executable, "-m", "bench.render_markdown", str(rendered)],
        cwd=project,
        env={**ENV, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)},
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise BuildFailed(f"rendering the Markdown for the baseline failed:\n{done.stdout}{done.stderr}")
    for path in (project / "docs").rglob("*"):  # images and other non-page files, unchanged
        target = rendered / path.relative_to(project / "docs")
        if path.is_file() and path.suffix != ".md" and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, target)
    if (project / "data").is_dir():  # the search user dictionary and any snippet sources
        shutil.copytree(project / "data", destination / "data", dirs_exist_ok=True)
    ours = yaml.load((project / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_KeepTags)
    text = yaml.dump(plain_config(ours), Dumper=_TagDumper, allow_unicode=True, sort_keys=False)
    (destination / BASELINE_CONFIG).write_text(text, encoding="utf-8")
    return destination


def build_times(project: Path, baseline: Path, work: Path, runs: int, progress: Callable[[str], None]) -> BuildTimes:
    """Median-ready timings: one untimed warm-up each, then `runs` builds of each, interleaved."""
    times = BuildTimes()
    run_build(project, work / "warm-ours")
    try:
        run_build(baseline, work / "warm-plain", BASELINE_CONFIG)
    except BuildFailed as error:
        times.plain_strict = False
        times.plain_note = "the baseline fails --strict (" + _last_warning(str(error)) + "); timed without it"
        run_build(baseline, work / "warm-plain", BASELINE_CONFIG, strict=False)
    for index in range(runs):
        wall, cpu = timed_build(project, work / "site-ours")
        times.ours.append(wall)
        times.ours_cpu.append(cpu)
        wall, cpu = timed_build(baseline, work / "site-plain", BASELINE_CONFIG, times.plain_strict)
        times.plain.append(wall)
        times.plain_cpu.append(cpu)
        progress(
            f"  build {index + 1}/{runs}: ours {times.ours[-1]:.2f} s ({times.ours_cpu[-1]:.2f} s CPU), "
            f"plain {times.plain[-1]:.2f} s ({times.plain_cpu[-1]:.2f} s CPU)"
        )
    return times


def _last_warning(log: str) -> str:
    warnings = [line.strip() for line in log.splitlines() if line.startswith("WARNING")]
    return warnings[-1][:200] if warnings else "see the build log"


# ---- incremental rebuild under `mkdocs serve` -------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(0.02)


@dataclass
class RebuildTimes:
    seconds: list[float] = field(default_factory=list)  # wall clock, save to served
    cpu: list[float] = field(default_factory=list)  # CPU seconds the server used meanwhile


def incremental_rebuild(project: Path, runs: int, progress: Callable[[str], None]) -> RebuildTimes:
    """Seconds from saving an edit to one page until `mkdocs serve` serves the changed page,
    and the CPU seconds the server process spent in that time (its rebuild).

    Runs in the project snapshot, so it never touches the working tree; the page is restored
    byte for byte after each edit (and in any case before returning)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}{EDITED_URL}"
    page = project / EDITED_PAGE
    original = page.read_bytes()
    log = (project / "serve.log").open("w")
    server = subprocess.Popen(
        [*MKDOCS, "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"],
        cwd=project,
        env=ENV,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    times = RebuildTimes()
    try:
        _wait_until(lambda: _fetch(url) is not None, 300, "`mkdocs serve` to start")
        for index in range(runs):
            marker = f"benchedit{index}x{uuid.uuid4().hex[:8]}"
            cpu = process_cpu(server.pid)
            start = time.perf_counter()
            page.write_bytes(original + f"\n\n{marker}\n".encode())
            _wait_until(lambda m=marker: m in (_fetch(url) or ""), 300, "the edit to be served")
            times.seconds.append(time.perf_counter() - start)
            after = process_cpu(server.pid)
            if cpu is not None and after is not None:
                times.cpu.append(after - cpu)
            page.write_bytes(original)
            _wait_until(lambda m=marker: m not in (_fetch(url) or m), 300, "the restored page to be served")
            used = f" ({times.cpu[-1]:.2f} s CPU)" if times.cpu else ""
            progress(f"  rebuild {index + 1}/{runs}: {times.seconds[-1]:.2f} s{used}")
            time.sleep(0.5)
    finally:
        page.write_bytes(original)
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return times


def build_log(project: Path, site_dir: Path) -> str:
    """One strict build (the warm-up); returns its log, in which hooks/page_size.py names big pages."""
    command = [*MKDOCS, "build", "--clean", "--strict", "--site-dir", str(site_dir)]
    done = subprocess.run(command, cwd=project, env=ENV, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise BuildFailed(f"`mkdocs build --strict` failed in {project}:\n{done.stdout}{done.stderr}")
    return done.stdout + done.stderr
