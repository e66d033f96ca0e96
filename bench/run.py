"""`make bench`: measure the site against plain Material and print the budgets.

    .venv/bin/python -m bench.run [--runs 5] [--skip lighthouse,search,...] [--project DIR]

Writes bench/results/report.md and bench/results/report.json (overwritten on each run) and
keeps Lighthouse's raw JSON reports in bench/tmp/lighthouse/ (not committed). Everything is
measured on a snapshot of the project taken at the start, so edits made meanwhile in the
working tree neither disturb the run nor get touched by it.
"""

from __future__ import annotations

import argparse
import gzip
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench import browser, builds, lighthouse, report, server

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"
LIGHTHOUSE_DIR = REPO_ROOT / "bench" / "tmp" / "lighthouse"
SECTIONS = ("build", "rebuild", "pages", "search", "lighthouse")
WIDGET_FILES = ("assets/decision-tree.js", "assets/decision-tree.css")
DECISION_TREE_PAGE = "when-to-fine-tune/"
WIDGET_BUDGET_BYTES = 5 * 1024
BUILD_RATIO_BUDGET = 1.5
PERFORMANCE_BUDGET = 95
CATEGORY_BUDGETS = (("accessibility", "accessibility"), ("best-practices", "best practices"), ("seo", "SEO"))
PACKAGES = ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "mkdocs-macros-plugin")

_started = time.perf_counter()


def progress(message: str) -> None:
    print(f"[{time.perf_counter() - _started:6.1f} s] {message}", flush=True)


@dataclass
class WidgetSize:
    files: dict[str, int | None] = field(default_factory=dict)  # gzip -9 bytes; None = file absent
    raw: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int | None:
        sizes = list(self.files.values())
        return None if None in sizes else sum(sizes)  # type: ignore[arg-type]


@dataclass
class Budget:
    passed: bool
    text: str

    def line(self) -> str:
        return f"{'PASS' if self.passed else 'FAIL'}  {self.text}"


def widget_size(project: Path) -> WidgetSize:
    """The decision-tree widget's own JS + CSS, gzipped at level 9 (as `gzip -9n`)."""
    widget = WidgetSize()
    for name in WIDGET_FILES:
        path = project / name
        if path.is_file():
            data = path.read_bytes()
            widget.raw[name] = len(data)
            widget.files[name] = len(gzip.compress(data, compresslevel=9, mtime=0))
        else:
            widget.files[name] = None
    return widget


def lighthouse_targets(pages: list[tuple[str, str, Path]]) -> list[tuple[str, str, str]]:
    """(language, URL path, role): home, decision-tree page and longest page (by HTML bytes), per language."""
    roles: dict[tuple[str, str], list[str]] = {}
    for lang in ("zh", "en"):
        mine = [page for page in pages if page[0] == lang]
        if not mine:
            continue
        prefix = "/en/" if lang == "en" else "/"
        longest = max(mine, key=lambda page: page[2].stat().st_size)[1]
        for path, role in ((prefix, "home"), (prefix + DECISION_TREE_PAGE, "decision tree"), (longest, "longest")):
            if any(page[1] == path for page in mine):
                roles.setdefault((lang, path), []).append(role)
    return [(lang, path, " + ".join(names)) for (lang, path), names in roles.items()]


def lighthouse_runs(base_url: str, pages: list[tuple[str, str, Path]]) -> list[lighthouse.LighthouseRun]:
    if LIGHTHOUSE_DIR.exists():
        shutil.rmtree(LIGHTHOUSE_DIR)
    LIGHTHOUSE_DIR.mkdir(parents=True)
    runs = []
    for lang, path, role in lighthouse_targets(pages):
        for preset, repeats in lighthouse.PRESETS.items():
            stem = LIGHTHOUSE_DIR / ((path.strip("/").replace("/", "-") or "home") + f"-{preset}")
            run = lighthouse.run(base_url + path, lang, path, role, preset, stem)
            runs.append(run)
            scores = " ".join(str(value) for value in run.scores.values())
            progress(
                f"  {path} {preset} (median of {repeats}): {scores} (perf a11y bp seo), CLS {run.cls:.4f}"
                + (f", perf runs {run.performance_runs}" if repeats > 1 else "")
            )
    return runs


def budgets(results: dict) -> list[Budget]:
    """The issue's budgets, in its order, each a PASS or FAIL line naming what misses it."""
    runs = results.get("lighthouse") or []
    lines = [_category_budget(runs, category, label) for category, label in CATEGORY_BUDGETS]
    mobile = [r for r in runs if r["preset"] == "mobile"]
    slow = [
        f"{r['path']} {r['scores']['performance']}" for r in mobile if r["scores"]["performance"] < PERFORMANCE_BUDGET
    ]
    text = f"Lighthouse performance ≥ {PERFORMANCE_BUDGET} (mobile) on every page measured"
    lines.append(Budget(bool(mobile) and not slow, text + _worst(slow, runs)))
    shifted = [f"{r['path']} {r['preset']} {r['cls']:.4f}" for r in runs if r["cls"] > 0]
    lines.append(Budget(bool(runs) and not shifted, "CLS = 0 on every page measured" + _worst(shifted, runs)))
    lines.append(_widget_budget(results.get("widget") or {}))
    text = f"build time ≤ {BUILD_RATIO_BUDGET}× plain Material"
    build = results.get("build")
    if build:
        lines.append(Budget(build["ratio"] <= BUILD_RATIO_BUDGET, f"{text}: {build['ratio']:.2f}×"))
    else:
        lines.append(Budget(False, f"{text}: not measured (skipped)"))
    return lines


def _category_budget(runs: list[dict], category: str, label: str) -> Budget:
    low = [f"{r['path']} {r['preset']} {r['scores'][category]}" for r in runs if r["scores"][category] < 100]
    return Budget(bool(runs) and not low, f"Lighthouse {label} = 100 on every page measured" + _worst(low, runs))


def _widget_budget(widget: dict) -> Budget:
    text = "decision-tree widget JS + CSS ≤ 5 KB gzipped"
    if widget.get("total") is None:
        missing = ", ".join(name for name, size in widget.get("files", {}).items() if size is None)
        return Budget(False, f"{text}: not measured ({missing or 'widget'} absent)")
    return Budget(widget["total"] <= WIDGET_BUDGET_BYTES, f"{text}: {widget['total']:,} B")


def _worst(misses: list[str], runs: list[dict]) -> str:
    if not runs:
        return ": not measured (skipped)"
    return "" if not misses else " — misses: " + "; ".join(misses)


def environment(project: Path, skipped: list[str]) -> dict:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO_ROOT, capture_output=True, text=True)
        return done.stdout.strip()

    return {
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": git("rev-parse", "--short", "HEAD") + (" + uncommitted changes" if git("status", "-s") else ""),
        "project": "the working tree" if project == REPO_ROOT else str(project),
        "cpus": os.cpu_count(),
        "load_average_at_start": [round(value, 2) for value in os.getloadavg()],
        "python": platform.python_version(),
        "packages": {name: version(name) for name in PACKAGES},
        "server": server.DESCRIPTION,
        "skipped": skipped,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="builds and rebuilds per median (default 5)")
    parser.add_argument("--skip", default="", help=f"comma-separated sections to skip: {', '.join(SECTIONS)}")
    parser.add_argument("--project", type=Path, default=REPO_ROOT, help="project to measure (default: this one)")
    args = parser.parse_args(argv)
    args.skip = [name for name in args.skip.split(",") if name]
    unknown = set(args.skip) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) to skip: {', '.join(sorted(unknown))}")
    return args


def measure_builds(project: Path, work: Path, args: argparse.Namespace, results: dict) -> tuple[Path, Path | None]:
    """Build times (and the rebuild under serve); returns the built site, ours and plain Material's."""
    site_dir, plain_site = work / "site-ours", None
    if "build" in args.skip:
        builds.run_build(project, site_dir)
    else:
        progress("plain-Material baseline: rendering every page's macros once")
        baseline = builds.make_baseline(project, work / "plain")
        progress(f"full builds: 1 warm-up + {args.runs} timed, ours and plain Material alternating")
        times = builds.build_times(project, baseline, work, args.runs, progress)
        results["build"] = {**asdict(times), "ratio": times.ratio}
        plain_site = work / "site-plain"
    if "rebuild" not in args.skip:
        progress(f"incremental rebuild under `mkdocs serve`: {args.runs} edits of {builds.EDITED_PAGE}")
        seconds = builds.incremental_rebuild(project, args.runs, progress)
        results["rebuild"] = {"page": builds.EDITED_PAGE, "seconds": seconds}
    return site_dir, plain_site


def measure_in_browser(site_dir: Path, plain_site: Path | None, args: argparse.Namespace, results: dict) -> None:
    """Page weight (and the same for plain Material on the Lighthouse pages), search, Lighthouse."""
    pages = browser.site_pages(site_dir)
    targets = {path for _, path, _ in lighthouse_targets(pages)}
    with server.serve(site_dir) as base_url:
        if "pages" not in args.skip or "search" not in args.skip:
            with browser.chromium() as chromium:
                results["environment"]["chromium"] = chromium.version
                if "pages" not in args.skip:
                    progress(f"page weight at first load: {len(pages)} pages")
                    weights = browser.page_weights(chromium, base_url, site_dir, progress)
                    results["pages"] = [asdict(weight) for weight in weights]
                if "pages" not in args.skip and plain_site is not None:
                    progress("the same, for plain Material, on the pages Lighthouse measures")
                    with server.serve(plain_site) as plain_url:
                        weights = browser.page_weights(chromium, plain_url, plain_site, progress, only=targets)
                    results["plain_pages"] = [asdict(weight) for weight in weights]
                if "search" not in args.skip:
                    progress(f"search: {len(browser.SEARCH_QUERIES)} queries")
                    figures = browser.search_figures(chromium, base_url, site_dir, progress)
                    results["search"] = asdict(figures) | {"median_ms": figures.median_ms}
        if "lighthouse" not in args.skip:
            results["environment"]["lighthouse"] = lighthouse.version()
            progress("Lighthouse, mobile and desktop presets")
            results["lighthouse"] = [asdict(run) for run in lighthouse_runs(base_url, pages)]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    project_source = args.project.resolve()
    results: dict = {"environment": environment(project_source, args.skip)}
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        progress(f"snapshot of {project_source}")
        project = builds.snapshot_project(project_source, work / "project")
        site_dir, plain_site = measure_builds(project, work, args, results)
        widget = widget_size(project)
        results["widget"] = asdict(widget) | {"total": widget.total}
        measure_in_browser(site_dir, plain_site, args, results)
    except builds.BuildFailed as error:
        print(f"\nbench stopped: the site does not build, so nothing was measured.\n{error}", file=sys.stderr)
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)
    results["budgets"] = [asdict(budget) | {"line": budget.line()} for budget in budgets(results)]
    results["environment"]["load_average_at_end"] = [round(value, 2) for value in os.getloadavg()]
    results["environment"]["duration_s"] = round(time.perf_counter() - _started)
    report.write(results, RESULTS_DIR)
    print("\n" + "\n".join(budget["line"] for budget in results["budgets"]))
    print(f"\nreport: {RESULTS_DIR.relative_to(REPO_ROOT)}/report.md and report.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
