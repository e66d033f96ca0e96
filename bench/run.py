"""`make bench`: measure the site against plain Material and print the budgets.

    .venv/bin/python -m bench.run [--runs 5] [--skip lighthouse,search,...] [--project DIR]

Writes bench/results/report.md and bench/results/report.json (overwritten on each run) and
keeps Lighthouse's raw JSON reports in bench/tmp/lighthouse/ (not committed). Everything is
measured on a snapshot of the project taken at the start, so edits made meanwhile in the
working tree neither disturb the run nor get touched by it.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path

from bench import browser, builds, fixture, lighthouse, report, server

REPO_ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = REPO_ROOT / "bench" / "results"
LIGHTHOUSE_DIR = REPO_ROOT / "bench" / "tmp" / "lighthouse"
SECTIONS = ("build", "rebuild", "pages", "search", "lighthouse", "fixture")
WIDGET_FILES = ("assets/decision-tree.js", "assets/decision-tree.css")
DECISION_TREE_PAGE = "when-to-fine-tune/"
WIDGET_BUDGET_BYTES = 5 * 1024
BUILD_RATIO_BUDGET = 1.5
FIXTURE_RATIO_BUDGET = 3.0
REBUILD_BUDGET_S = 2.0
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


def select_pages(pages: list[tuple[str, str, Path]], patterns: list[str]) -> list[tuple[str, str, Path]]:
    """The pages whose URL path contains one of the patterns ('/' alone = the two home pages); all if none."""
    if not patterns:
        return pages
    return [
        page
        for page in pages
        if any(
            (pattern == "/" and page[1] in ("/", "/en/")) or (pattern != "/" and pattern in page[1])
            for pattern in patterns
        )
    ]


def lighthouse_runs(
    base_url: str, plain_url: str | None, pages: list[tuple[str, str, Path]], repeats: int
) -> tuple[list[lighthouse.LighthouseRun], list[lighthouse.LighthouseRun]]:
    """Lighthouse mobile (median of `repeats`) on every page given, on our build and on plain Material's."""
    if LIGHTHOUSE_DIR.exists():
        shutil.rmtree(LIGHTHOUSE_DIR)
    LIGHTHOUSE_DIR.mkdir(parents=True)
    ours, plain = [], []
    roles = {(lang, path): role for lang, path, role in lighthouse_targets(pages)}
    for lang, path, _ in pages:
        role = roles.get((lang, path), "")
        for label, url, into in (("ours", base_url, ours), ("plain", plain_url, plain)):
            if url is None:
                continue
            stem = LIGHTHOUSE_DIR / ((path.strip("/").replace("/", "-") or "home") + f"-mobile-{label}")
            run = lighthouse.run(url + path, lang, path, role, "mobile", stem, repeats)
            into.append(run)
            scores = " ".join(str(value) for value in run.scores.values())
            progress(
                f"  {path} {label} (median of {repeats}): {scores} (perf a11y bp seo), CLS {run.cls:.4f}, "
                f"perf runs {run.performance_runs}, load {run.load}"
            )
    return ours, plain


def budgets(results: dict) -> list[Budget]:
    """The issue's budgets, in its order, each a PASS or FAIL line naming what misses it."""
    runs = results.get("lighthouse") or []
    lines = [_category_budget(runs, category, label) for category, label in CATEGORY_BUDGETS]
    mobile = [r for r in runs if r["preset"] == "mobile"]
    slow = [
        f"{r['path']} {r['scores']['performance']}" for r in mobile if r["scores"]["performance"] < PERFORMANCE_BUDGET
    ]
    text = f"Lighthouse performance ≥ {PERFORMANCE_BUDGET} (mobile, median) on every page measured"
    lines.append(Budget(bool(mobile) and not slow, text + _worst(slow, runs)))
    shifted = [f"{r['path']} {r['preset']} {r['cls']:.4f}" for r in runs if r["cls"] > 0]
    lines.append(Budget(bool(runs) and not shifted, "CLS = 0 on every page measured" + _worst(shifted, runs)))
    lines.append(_widget_budget(results.get("widget") or {}))
    text = f"strict build time ≤ {BUILD_RATIO_BUDGET}× plain Material"
    build = results.get("build")
    if build:
        lines.append(Budget(build["ratio"] <= BUILD_RATIO_BUDGET, f"{text}: {build['ratio']:.2f}×" + _basis(build)))
    else:
        lines.append(Budget(False, f"{text}: not measured (skipped)"))
    text = f"large fixture build ≤ {FIXTURE_RATIO_BUDGET:g}× the real site"
    large = results.get("fixture")
    if large:
        lines.append(Budget(large["ratio"] <= FIXTURE_RATIO_BUDGET, f"{text}: {large['ratio']:.2f}×" + _basis(large)))
    else:
        lines.append(Budget(False, f"{text}: not measured (skipped)"))
    text = f"incremental rebuild under `mkdocs serve` ≤ {REBUILD_BUDGET_S:g} s"
    rebuild = results.get("rebuild")
    if rebuild:
        median = statistics.median(rebuild["seconds"])
        cpu = f", {statistics.median(rebuild['cpu']):.2f} s CPU" if rebuild.get("cpu") else ""
        lines.append(Budget(median <= REBUILD_BUDGET_S, f"{text}: {median:.2f} s (median{cpu})"))
    else:
        lines.append(Budget(False, f"{text}: not measured (skipped)"))
    return lines


def _basis(ratios: dict) -> str:
    """What a build ratio was measured on: CPU time (with the wall-clock ratio beside it) or wall time."""
    if "wall_ratio" in ratios:
        return f" (CPU time user + sys; wall clock {ratios['wall_ratio']:.2f}×)"
    return " (wall clock)"


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
    parser.add_argument(
        "--lighthouse-runs", type=int, default=3, help="Lighthouse runs per page and build; the median is kept (3)"
    )
    parser.add_argument(
        "--pages",
        default="",
        help="comma-separated URL fragments of the pages to measure with Lighthouse, e.g. '/,practice' "
        "('/' = both home pages; default: every page in both languages)",
    )
    parser.add_argument(
        "--smoke",
        type=Path,
        metavar="DIR",
        help="measure nothing: write a report of made-up figures into DIR (checks the report and chart code)",
    )
    args = parser.parse_args(argv)
    args.skip = [name for name in args.skip.split(",") if name]
    args.pages = [name.strip() for name in args.pages.split(",") if name.strip()]
    unknown = set(args.skip) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s) to skip: {', '.join(sorted(unknown))}")
    return args


def measure_builds(project: Path, work: Path, args: argparse.Namespace, results: dict) -> tuple[Path, Path | None]:
    """Build times (and the rebuild under serve); returns the built site, ours and plain Material's."""
    site_dir, plain_site = work / "site-ours", None
    if "build" in args.skip:
        builds.run_build(project, site_dir)
        if "lighthouse" not in args.skip:
            progress("plain-Material baseline (for Lighthouse), built once")
            baseline = builds.make_baseline(project, work / "plain")
            plain_site = work / "site-plain"
            try:
                builds.run_build(baseline, plain_site, builds.BASELINE_CONFIG)
            except builds.BuildFailed:
                builds.run_build(baseline, plain_site, builds.BASELINE_CONFIG, strict=False)
    else:
        progress("plain-Material baseline: rendering every page's macros once")
        baseline = builds.make_baseline(project, work / "plain")
        progress(f"full builds: 1 warm-up + {args.runs} timed, ours and plain Material alternating")
        times = builds.build_times(project, baseline, work, args.runs, progress)
        results["build"] = {**asdict(times), "ratio": times.ratio, "wall_ratio": times.wall_ratio}
        plain_site = work / "site-plain"
    if "rebuild" not in args.skip:
        progress(f"incremental rebuild under `mkdocs serve`: {args.runs} edits of {builds.EDITED_PAGE}")
        rebuild = builds.incremental_rebuild(project, args.runs, progress)
        results["rebuild"] = {"page": builds.EDITED_PAGE, **asdict(rebuild)}
    return site_dir, plain_site


def measure_fixture(project: Path, work: Path, args: argparse.Namespace, results: dict) -> None:
    """Strict builds of the large-content fixture against the real site; its page weight and search index."""
    large = builds.snapshot_project(project, work / "fixture")
    counts = fixture.write(large)
    progress(f"large fixture ({counts}): 1 warm-up + {args.runs} strict builds each, alternating with the real site")
    site = work / "site-fixture"
    log = builds.build_log(large, site)
    real, grown, real_cpu, grown_cpu = [], [], [], []
    for index in range(args.runs):
        wall, cpu = builds.timed_build(project, work / "site-real")
        real.append(wall)
        real_cpu.append(cpu)
        wall, cpu = builds.timed_build(large, site)
        grown.append(wall)
        grown_cpu.append(cpu)
        progress(
            f"  build {index + 1}/{args.runs}: real {real[-1]:.2f} s ({real_cpu[-1]:.2f} s CPU), "
            f"fixture {grown[-1]:.2f} s ({grown_cpu[-1]:.2f} s CPU)"
        )
    html = sorted(((file.stat().st_size, path) for _, path, file in browser.site_pages(site)), reverse=True)
    indexes = [
        {
            "path": str(file.relative_to(site)),
            "bytes": file.stat().st_size,
            "gzip_bytes": len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)),
        }
        for file in sorted(site.rglob("search_index.json"))
    ]
    results["fixture"] = {
        "counts": counts,
        "real": real,
        "fixture": grown,
        "real_cpu": real_cpu,
        "fixture_cpu": grown_cpu,
        # Budgeted on CPU time (user + sys), which other work on the machine hardly changes.
        "ratio": statistics.median(grown_cpu) / statistics.median(real_cpu),
        "wall_ratio": statistics.median(grown) / statistics.median(real),
        "pages": len(html),
        "html_total_bytes": sum(size for size, _ in html),
        "largest_pages": [{"path": path, "bytes": size} for size, path in html[:6]],
        "search_indexes": indexes,
        "size_warnings": [line.split("page size: ", 1)[1] for line in log.splitlines() if "page size: " in line],
    }


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
            chosen = select_pages(pages, args.pages)
            progress(f"Lighthouse mobile: {len(chosen)} pages, ours and plain, median of {args.lighthouse_runs}")
            with contextlib.ExitStack() as stack:
                plain_url = stack.enter_context(server.serve(plain_site)) if plain_site is not None else None
                ours, plain = lighthouse_runs(base_url, plain_url, chosen, args.lighthouse_runs)
            results["lighthouse"] = [asdict(run) for run in ours]
            results["plain_lighthouse"] = [asdict(run) for run in plain]


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.smoke:
        results = report.smoke_results()
        results["budgets"] = [asdict(budget) | {"line": budget.line()} for budget in budgets(results)]
        report.write(results, args.smoke)
        print(f"smoke report: {args.smoke}/report.md")
        return 0
    project_source = args.project.resolve()
    results: dict = {"environment": environment(project_source, args.skip)}
    results["environment"]["options"] = (
        f"--runs {args.runs} --lighthouse-runs {args.lighthouse_runs} --pages {','.join(args.pages) or 'all'}"
    )
    work = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    try:
        progress(f"snapshot of {project_source}")
        project = builds.snapshot_project(project_source, work / "project")
        site_dir, plain_site = measure_builds(project, work, args, results)
        widget = widget_size(project)
        results["widget"] = asdict(widget) | {"total": widget.total}
        if "fixture" not in args.skip:
            measure_fixture(project, work, args, results)
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
