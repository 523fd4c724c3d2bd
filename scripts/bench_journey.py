"""Benchmark of the journey explorer: re-render time after a filter change at 1M and 10M answers.

Usage:
    python scripts/bench_journey.py                     # scale 20 (~1M) and 200 (~10M), 7 runs each
    python scripts/bench_journey.py --skip-10m          # only ~1M (the 10M build takes several minutes)
    python scripts/bench_journey.py --data-dir /tmp/jb  # keep the built workspaces there and reuse them
    python scripts/bench_journey.py --profile           # also print where one re-render spends its time

For each size it builds the demo workspace with `cx.demo.build_demo(name, scale=...)`,
opens the journey page through AppTest (as the tests do), and then, run after run,
sets the sidebar unit filter to a set of units not used before (so no cached figure
can answer) and times the re-render; the median is reported. A second render with
the same filters shows what the cache saves. The same is done, in the same run and
over the same workspace, for scripts/bare_page.py (two DuckDB aggregations and three
Altair charts): the floor of what Streamlit + DuckDB + Altair cost. Figures go to
the `journey` section of docs/benchmarks.md with the machine and the command.
"""
from __future__ import annotations

import argparse
import cProfile
import importlib.util
import itertools
import os
import pstats
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
HARNESS = ROOT / "tests" / "harness" / "app.py"  # app.py outside a folder with pages/ (see there)
BARE = ROOT / "scripts" / "bare_page.py"
SCALES = {"1M": 20, "10M": 200}
TARGETS = {"1M": 0.25, "10M": 1.0}


def _shared():
    """scripts/benchmark.py, for its machine description and its docs/benchmarks.md section writer."""
    spec = importlib.util.spec_from_file_location("cx_page_benchmark", ROOT / "scripts" / "benchmark.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def unit_sets(units: list[str]):
    """Every non-empty set of units, singles first: each run gets filters no earlier run used."""
    for size in range(1, len(units) + 1):
        yield from (list(c) for c in itertools.combinations(units, size))


def build(data_dir: Path, name: str, scale: float) -> tuple[int, float]:
    """The demo workspace `name` at `scale` (reused when already there); its answers and build seconds."""
    from cx import store

    os.environ["CX_DATA_DIR"] = str(data_dir)
    built = 0.0
    if not store.exists(name):
        from cx import demo

        t0 = time.perf_counter()
        demo.build_demo(name, scale=scale)
        built = time.perf_counter() - t0
        store.close_workspace(name)
    answers = store.open_workspace(name).counts()["customer_responses"]
    return answers, built


def _units(name: str, touchpoint: str | None = None) -> list[str]:
    """The workspace's units (those that answered about `touchpoint`, when given)."""
    from cx import store

    sql = "SELECT DISTINCT unit FROM customer_responses WHERE unit IS NOT NULL"
    sql += " AND touchpoint = ?" if touchpoint else ""
    rows = store.open_workspace(name).cursor().execute(sql + " ORDER BY 1", [touchpoint] if touchpoint else [])
    return [r[0] for r in rows.fetchall()]


def time_renders(name: str, runs: int, bare: bool, touchpoint: str | None = None,
                 profile: bool = False, page: str = "journey") -> dict:
    """First render, median re-render after a new unit filter, and a second (cached) render of the same.

    `page` is any file in pages/ (scripts/bench_pages.py times the others with this too)."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    st.cache_data.clear()  # figures cached by an earlier scenario in this process must not answer this one
    at = AppTest.from_file(str(BARE if bare else HARNESS), default_timeout=900)
    os.environ["CX_WORKSPACE"] = name
    at.session_state["bench_ws"] = name
    if not bare:
        at.switch_page(str(ROOT / "pages" / f"{page}.py"))
        if touchpoint:
            at.session_state["tp"] = touchpoint
    t0 = time.perf_counter()
    at.run()
    first = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(at.exception[0].message)
    fresh, cached = [], []
    sets = unit_sets(_units(name))
    if touchpoint:  # a unit set without the touchpoint would widen the page again (the list loses it)
        sets = (s for s in sets if set(s) & set(_units(name, touchpoint)))
    for _ in range(runs):
        chosen = next(sets)
        # Sidebar widgets are only in AppTest's tree on the first run: set the filter's state.
        at.session_state["bench_unit" if bare else "unit"] = chosen
        t0 = time.perf_counter()
        at.run()
        fresh.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        at.run()
        cached.append(time.perf_counter() - t0)
        if at.exception:
            raise RuntimeError(at.exception[0].message)
    if profile:
        at.session_state["unit"] = next(sets)
        print_profile(at)
    return {"first": first, "median": statistics.median(fresh), "min": min(fresh), "max": max(fresh),
            "cached": statistics.median(cached), "runs": runs}


def print_profile(at) -> None:
    """Profile one run in the thread AppTest runs the script in (a profiler only sees its own thread)."""
    profiler = cProfile.Profile()

    def start(*_):
        threading.setprofile(None)
        profiler.enable()

    threading.setprofile(start)
    at.run()
    threading.setprofile(None)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)


def measure(data_dir: Path, label: str, runs: int, profile: bool) -> dict:
    name = f"bench{SCALES[label]}"
    answers, built = build(data_dir, name, SCALES[label])
    print(f"{label}: {answers:,} answers (built in {built:.0f} s)", file=sys.stderr, flush=True)
    out = {"label": label, "answers": answers, "build_s": built}
    out["journey"] = time_renders(name, runs, bare=False, profile=profile)
    out["drill"] = time_renders(name, runs, bare=False, touchpoint="Complaint handling")
    out["bare"] = time_renders(name, runs, bare=True)
    for key in ("journey", "drill", "bare"):
        print(f"  {key}: {out[key]}", file=sys.stderr, flush=True)
    return out


def table(results: list[dict]) -> str:
    lines = ["| answers | page | first render s | re-render after filter change s (median, min–max) | "
             "same filters again s | target s |",
             "| --- | --- | --- | --- | --- | --- |"]
    names = {"journey": "journey (as opened)", "drill": "journey, drilled to Complaint handling",
             "bare": "bare page"}
    for r in results:
        for key, page in names.items():
            p = r[key]
            target = f"< {TARGETS[r['label']]}" if key != "bare" else ""
            lines.append(f"| {r['answers']:,} | {page} | {p['first']:.2f} | {p['median']:.3f} "
                         f"({p['min']:.3f}–{p['max']:.3f}) | {p['cached']:.3f} | {target} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--skip-10m", action="store_true", help="measure only ~1M answers")
    parser.add_argument("--data-dir", type=Path, help="where to build (and reuse) the workspaces")
    parser.add_argument("--profile", action="store_true", help="print a profile of one re-render")
    parser.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    args = parser.parse_args()
    shared = _shared()
    labels = ["1M"] if args.skip_10m else ["1M", "10M"]
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = args.data_dir or Path(tmp)
        data_dir.mkdir(parents=True, exist_ok=True)
        results = [measure(data_dir, label, args.runs, args.profile) for label in labels]
    command = "python scripts/bench_journey.py " + " ".join(a for a in sys.argv[1:] if a != "--no-write")
    skipped = "\n\nThe 10M size was skipped (`--skip-10m`)." if args.skip_10m else ""
    body = (f"## Journey explorer\n\nMachine: {shared.machine()} (`nproc` = {os.cpu_count()}). Measured "
            f"{time.strftime('%Y-%m-%d')} with `{command.strip()}`.\n\n"
            "Each re-render follows a change of the sidebar unit filter to a set of units not used before, so "
            "nothing is answered from the cache; \"same filters again\" is the next render without a change. "
            "The bare page (scripts/bare_page.py: two DuckDB aggregations and three Altair charts) runs in the "
            "same process over the same workspace.\n\n" + table(results) + skipped)
    print(body)
    if not args.no_write:
        shared.write_section("journey", body)


if __name__ == "__main__":
    main()
