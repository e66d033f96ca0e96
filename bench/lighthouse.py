"""Lighthouse 12.2.3 (bench/node_modules, pinned in bench/package-lock.json) against the served site."""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Runs per preset: mobile scores swing with machine load, so the median of three runs is kept.
PRESETS = {"mobile": 3, "desktop": 1}
# A run is marked "under load" when the 1-minute load average exceeds the number of cores.
LOADED = float(os.cpu_count() or 1)


class LighthouseFailed(RuntimeError):
    pass


@dataclass
class LighthouseRun:
    lang: str
    path: str
    role: str  # home, decision tree, longest page
    preset: str
    scores: dict[str, int]
    lcp_ms: float
    tbt_ms: float
    cls: float
    fcp_ms: float
    performance_runs: list[int] = field(default_factory=list)  # every run's score; the median run is kept
    findings: list[dict[str, str]] = field(default_factory=list)  # audits that cost points, with figures
    load: float = 0.0  # 1-minute load average when the run started
    top_cost: str = ""  # the audit that costs the most performance points (or the largest saving)


def version() -> str:
    done = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def _top_cost(report: dict) -> str:
    """The performance audit with the largest weight x (1 - score); failing that, the largest saving."""
    best, best_key = "", (0.0, 0.0)
    for ref in report["categories"]["performance"]["auditRefs"]:
        audit = report["audits"][ref["id"]]
        score = audit.get("score")
        lost = ref["weight"] * (1 - score) if score is not None and ref["weight"] > 0 else 0.0
        saving = float((audit.get("details") or {}).get("overallSavingsMs") or 0)
        if (lost, saving) > best_key:
            best_key = (lost, saving)
            value = audit.get("displayValue") or ""
            best = f"{ref['id']}" + (f" ({value})" if value else "")
    return best or "none"


def _findings(report: dict) -> list[dict[str, str]]:
    """Every scored audit below 1 and every opportunity with estimated savings."""
    found: dict[str, dict[str, str]] = {}
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            score = audit.get("score")
            savings = (audit.get("details") or {}).get("overallSavingsMs") or 0
            if (ref["weight"] > 0 and score is not None and score < 1) or savings > 0:
                value = audit.get("displayValue") or (f"score {score}" if score is not None else "")
                found.setdefault(ref["id"], {"id": ref["id"], "title": audit["title"], "value": value})
    return list(found.values())


def _run_once(url: str, preset: str, output: Path) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}"]
    command.append(f"--chrome-flags={CHROME_FLAGS}")
    if preset == "desktop":
        command.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROMIUM", "/usr/bin/chromium")}
    subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, check=True)
    report = json.loads(output.read_text(encoding="utf-8"))
    problem = report.get("runtimeError") or report["audits"]["first-contentful-paint"].get("errorMessage")
    if problem or any(report["categories"][name]["score"] is None for name in CATEGORIES):
        raise LighthouseFailed(f"Lighthouse could not score {url} ({preset}): {problem or 'a category has no score'}")
    return report


def _run_with_retries(url: str, preset: str, output: Path, attempts: int = 3) -> dict:
    """A loaded machine occasionally makes Chromium miss its first paint (NO_FCP): try again."""
    for _ in range(attempts - 1):
        try:
            return _run_once(url, preset, output)
        except (LighthouseFailed, subprocess.CalledProcessError):
            pass
    return _run_once(url, preset, output)


def _score(report: dict, category: str) -> int:
    return round((report["categories"][category]["score"] or 0) * 100)


def run(
    url: str, lang: str, path: str, role: str, preset: str, output_stem: Path, repeats: int | None = None
) -> LighthouseRun:
    """Lighthouse `repeats` (default PRESETS[preset]) times on url; the run with the median performance
    score is kept (its raw report stays at output_stem + .json)."""
    reports = []
    load = os.getloadavg()[0]
    for index in range(repeats or PRESETS[preset]):
        reports.append(_run_with_retries(url, preset, output_stem.with_name(f"{output_stem.name}-{index + 1}.json")))
    ranked = sorted(range(len(reports)), key=lambda index: _score(reports[index], "performance"))
    median = ranked[len(ranked) // 2]
    output_stem.with_name(f"{output_stem.name}-{median + 1}.json").replace(output_stem.with_suffix(".json"))
    for index in range(len(reports)):
        output_stem.with_name(f"{output_stem.name}-{index + 1}.json").unlink(missing_ok=True)
    report = reports[median]
    audits = report["audits"]
    return LighthouseRun(
        lang=lang,
        path=path,
        role=role,
        preset=preset,
        scores={name: _score(report, name) for name in CATEGORIES},
        lcp_ms=audits["largest-contentful-paint"]["numericValue"],
        tbt_ms=audits["total-blocking-time"]["numericValue"],
        cls=audits["cumulative-layout-shift"]["numericValue"],
        fcp_ms=audits["first-contentful-paint"]["numericValue"],
        performance_runs=[_score(report, "performance") for report in reports],
        findings=_findings(report),
        load=round(load, 2),
        top_cost=_top_cost(report),
    )
