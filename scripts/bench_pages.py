"""Benchmark chosen pages on an existing workspace: re-render after a filter change, beside the bare page.

Usage:
    CX_DATA_DIR=/tmp/lb python -m cx demo --scale 20          # once: ~1M answers in /tmp/lb/demo.duckdb
    python scripts/bench_pages.py --data-dir /tmp/lb --pages linkage,simulator
    python scripts/bench_pages.py --data-dir /tmp/lb --pages linkage --profile linkage

Unlike scripts/benchmark.py (which builds, imports and measures every page for each size and
writes docs/benchmarks.md), this only times pages over a workspace that is already there, so a
change to one page can be measured in seconds. Each run sets the sidebar unit filter to a set of
units no earlier run used (so no cached figure answers), times the re-render and then a second
render of the same filters; medians are printed as a markdown table, with scripts/bare_page.py
measured in the same process and over the same workspace as the floor.
"""
from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _journey_bench():
    """scripts/bench_journey.py, whose timing of AppTest re-renders this reuses for any page."""
    spec = importlib.util.spec_from_file_location("cx_journey_benchmark", ROOT / "scripts" / "bench_journey.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def time_page(page: str, workspace: str, runs: int, profile: bool = False) -> dict:
    """First render, then median re-render after a new unit filter and median second render of it."""
    return _journey_bench().time_renders(workspace, runs, page == "bare", profile=profile, page=page)


def table(answers: int, results: dict[str, dict]) -> str:
    lines = ["| answers | page | first render s | re-render after filter change s (median, min–max) | "
             "same filters again s |", "| --- | --- | --- | --- | --- |"]
    for page, p in results.items():
        lines.append(f"| {answers:,} | {page} | {p['first']:.2f} | {p['median']:.3f} "
                     f"({p['min']:.3f}–{p['max']:.3f}) | {p['cached']:.3f} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="CX_DATA_DIR holding the workspace")
    parser.add_argument("--workspace", default="demo")
    parser.add_argument("--pages", default="linkage,simulator", help="comma-separated pages/<name>.py")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--profile", default="", help="print a profile of one re-render of this page")
    args = parser.parse_args()
    os.environ["CX_DATA_DIR"] = str(args.data_dir)
    os.environ["CX_WORKSPACE"] = args.workspace
    from cx import store

    if not store.exists(args.workspace):
        sys.exit(f"No workspace '{args.workspace}' in {args.data_dir}: build one with "
                 f"CX_DATA_DIR={args.data_dir} python -m cx demo --scale 20")
    ws = store.open_workspace(args.workspace)
    answers = ws.counts()["customer_responses"]
    results = {}
    for page in [p.strip() for p in args.pages.split(",") if p.strip()] + ["bare"]:
        results[page] = time_page(page, args.workspace, args.runs, profile=page == args.profile)
        print(f"  {page}: {results[page]}", file=sys.stderr, flush=True)
    print(f"Measured {time.strftime('%Y-%m-%d')} with `python scripts/bench_pages.py "
          f"{' '.join(sys.argv[1:])}`\n")
    print(table(answers, results))


if __name__ == "__main__":
    main()
