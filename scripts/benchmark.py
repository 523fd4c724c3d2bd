"""Benchmarks for cx: import time, page re-render time after a filter change, peak memory.

Usage:
    python scripts/benchmark.py                       # 100k, 1M and 10M customer answers
    python scripts/benchmark.py --sizes 100000 --runs 3 --no-write

For each size it builds a demo workspace of that many customer answers, imports
a CSV of the same answers through the real importer, and re-renders every page
through AppTest after a filter change (a new unit each run, so caches do not
hide the work), beside scripts/bare_page.py (two DuckDB aggregations, three
Altair charts) in the same run. Building, importing and serving the pages each
run in a child process of their own, so each peak memory (ru_maxrss) is its own. Figures go to the `pages` section of
docs/benchmarks.md with the machine and the command.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DOC = ROOT / "docs" / "benchmarks.md"
PAGES = ["overview", "journey", "linkage", "simulator", "data"]
ANSWERS_AT_SCALE_1 = 50_000


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores, {cpu}, {mem:.0f} GiB RAM, Python {platform.python_version()}"


def time_page(page: str, runs: int, ws: str) -> dict:
    """Median seconds of AppTest re-renders after a filter change, and the cached re-render
    (the timing loop of scripts/bench_journey.py, for any page or "bare")."""
    spec = importlib.util.spec_from_file_location("cx_journey_benchmark", ROOT / "scripts" / "bench_journey.py")
    timing = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(timing)
    try:
        return timing.time_renders(ws, runs, page == "bare", page=page)
    except RuntimeError as exc:
        return {"error": str(exc)[:200]}


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phase_build(size: int, runs: int) -> dict:
    """Build the demo at `size` answers and write its answers as a CSV for the import phase."""
    from cx import demo, store

    t0 = time.perf_counter()
    demo.build_demo("demo", scale=size / ANSWERS_AT_SCALE_1)
    out = {"build_s": time.perf_counter() - t0}
    ws = store.open_workspace("demo")
    out["answers"] = ws.counts()["customer_responses"]
    csv = Path(os.environ["CX_DATA_DIR"]) / "answers.csv"
    ws.cursor().execute(
        "COPY (SELECT * EXCLUDE (import_id, response_id) FROM customer_responses) TO '"
        + str(csv).replace("'", "''") + "' (HEADER, DELIMITER ',')")
    out["build_peak_mb"] = peak_mb()
    return out


def phase_import(size: int, runs: int) -> dict:
    """The demo's answers imported as a CSV through the real importer."""
    from cx import importer, store

    csv = Path(os.environ["CX_DATA_DIR"]) / "answers.csv"
    target = store.create_workspace("imported")
    target.set_setting("max_upload_mb", 4096)  # the benchmark file is bigger than the default upload limit
    t0 = time.perf_counter()
    result = importer.import_file(target, csv.read_bytes(), "answers.csv", kind="customer_responses")
    out = {"import_s": time.perf_counter() - t0, "import_rows": result.rows_loaded, "import_peak_mb": peak_mb()}
    store.delete_workspace("imported")
    csv.unlink()
    return out


def phase_pages(size: int, runs: int) -> dict:
    """Every page re-rendered after filter changes, beside the bare page; peak memory of serving them."""
    pages = {}
    for page in PAGES:
        if (ROOT / "pages" / f"{page}.py").exists():
            pages[page] = time_page(page, runs, "demo")
    pages["bare"] = time_page("bare", runs, "demo")
    return {"pages": pages, "pages_peak_mb": peak_mb()}


PHASES = {"build": phase_build, "import": phase_import, "pages": phase_pages}


def child(size: int, runs: int, skip_import: bool = False) -> dict:
    """Each phase in its own process, so each peak memory is its own."""
    out: dict = {"size": size}
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "CX_DATA_DIR": tmp, "CX_WORKSPACE": "demo"}
        for phase in PHASES:
            if phase == "import" and skip_import:
                continue
            proc = subprocess.run([sys.executable, __file__, "--child", str(size), "--phase", phase,
                                   "--runs", str(runs)], env=env, capture_output=True, text=True, cwd=ROOT)
            if proc.returncode != 0:
                return {"size": size, "error": f"{phase}: " + proc.stderr[-1500:]}
            out.update(json.loads(proc.stdout.strip().splitlines()[-1]))
    return out


def table(results: list[dict]) -> str:
    lines = ["| answers | demo build s | CSV import s (peak MB) | pages peak memory MB | page | first render s | "
             "re-render after filter change s (median) | cached re-render s |",
             "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        if "error" in r:
            lines.append(f"| {r['size']:,} | error: {r['error'][:120]!r} | | | | | | |")
            continue
        for page, p in r["pages"].items():
            if "error" in p:
                lines.append(f"| {r['answers']:,} | | | | {page} | error: {p['error'][:80]!r} | | |")
                continue
            imported = (f"{r['import_s']:.1f} ({r['import_peak_mb']:.0f})" if "import_s" in r else "not run")
            lines.append(f"| {r['answers']:,} | {r['build_s']:.1f} | {imported} | {r['pages_peak_mb']:.0f} | "
                         f"{page} | {p['first']:.2f} | {p['median']:.3f} | {p['cached']:.3f} |")
    return "\n".join(lines)


def write_section(name: str, body: str) -> None:
    """Replace the text between <!-- name:start --> and <!-- name:end --> in docs/benchmarks.md."""
    start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
    text = DOC.read_text() if DOC.exists() else "# Benchmarks\n"
    block = f"{start}\n{body}\n{end}"
    if start in text and end in text:
        text = text[: text.index(start)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOC.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="100000,1000000,10000000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", type=int)
    parser.add_argument("--phase", choices=list(PHASES))
    parser.add_argument("--skip-import-above", type=int, default=0,
                        help="skip the CSV import for sizes above this many answers (0: never skip)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    if args.child:
        print(json.dumps(PHASES[args.phase](args.child, args.runs)))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"size {size:,} …", file=sys.stderr, flush=True)
        results.append(child(size, args.runs, bool(args.skip_import_above) and size > args.skip_import_above))
        print(table(results[-1:]), file=sys.stderr, flush=True)
    command = "python scripts/benchmark.py " + " ".join(sys.argv[1:])
    body = (f"## Pages, import and memory\n\nMachine: {machine()}. Measured {time.strftime('%Y-%m-%d')} with "
            f"`{command.strip()}`.\n\n" + table(results) + "\n\nTargets: every page re-renders in under 0.25 s "
            "at 1,000,000 answers and under 1 s at 10,000,000; peak memory under 1.5 GB at 10,000,000 "
            "(the pages' peak: the app process serving every page; the demo build and the import run in "
            "processes of their own).")
    print(body)
    if not args.no_write:
        write_section("pages", body)


if __name__ == "__main__":
    main()
