"""Measure full imports against the bare tools they build on: ``python scripts/bench_import.py``.

Cases, each run in a fresh child process (so its peak memory, ru_maxrss, is its own), the runs of
all cases interleaved so that load from other work on the machine falls on all of them alike;
the figure is the median of --runs:

* duckdb-csv:      DuckDB alone: ``CREATE TABLE t AS SELECT * FROM read_csv(file)`` (typed,
                   auto-detected) into an in-memory database
* duckdb-csv-file: the same into a database file (a bare "load", writing included)
* import-csv:      ``cx.imports.pipeline.import_file`` of the same 1,000,000-row CSV into a fresh workspace:
                   read, detect, check every row with reasons, write in one transaction
* import-ragged:   the same file with one ragged row at the end (set aside and put back in place)
* calamine:        python-calamine alone on the 100,000-row XLSX (from_path + to_python)
* import-xlsx:     ``cx.imports.pipeline.import_file`` of that workbook (sandboxed reading child included)

The import cases also report their phases from the importer's own progress steps: read (the
reader), detect (columns and table), check (every row, in DuckDB) and write (the transaction:
existing keys, INSERT ... SELECT, count, commit). The files (the answers of scripts/bench_read.py:
semicolons, day-first dates, Finnish headers, yes/no words, comments) are generated on first use
into --folder. Writes the `imports` section of docs/benchmarks.md unless --no-write.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_read  # noqa: E402  (the same generated answers as the reading benchmark)
from benchmark import machine, write_section  # noqa: E402

CASES = ("duckdb-csv", "duckdb-csv-file", "import-csv", "import-ragged", "calamine", "import-xlsx")
PHASES = ("read", "detect", "check", "write")


# ----------------------------------------------------------------------------- cases (run in a child)

def _import(data: bytes, name: str) -> dict:
    """One full import into a fresh workspace, timed as a whole and by phase (detect = the recognise
    and map steps of cx.imports, timed by wrapping their entry functions)."""
    from cx import importer, store
    from cx.imports import map as map_step
    from cx.imports import recognise as recognise_step

    ws = store.create_workspace("bench")
    ws.set_setting("max_upload_mb", 4096)  # the benchmark file is bigger than the default upload limit
    marks: dict[str, float] = {}
    real_recognise, real_map = recognise_step.recognise, map_step.map_columns

    def timed_recognise(*args, **kwargs):
        marks["detect_start"] = time.perf_counter()
        return real_recognise(*args, **kwargs)

    def timed_map(*args, **kwargs):
        try:
            return real_map(*args, **kwargs)
        finally:
            marks["detect_end"] = time.perf_counter()

    recognise_step.recognise, map_step.map_columns = timed_recognise, timed_map
    start = time.perf_counter()
    result = importer.import_file(ws, data, name, kind="customer_responses",
                                  progress=lambda fraction, text: marks.setdefault(text, time.perf_counter()))
    seconds = time.perf_counter() - start
    phases = {"read": marks["detect_start"] - marks["Reading the file"],
              "detect": marks["detect_end"] - marks["detect_start"],
              "check": marks["Writing the rows"] - marks["detect_end"],
              "write": marks["Done"] - marks["Writing the rows"]}
    return {"seconds": seconds, "rows": result.rows_loaded, "rejected": result.rows_rejected, "phases": phases}


def run_case(case: str, folder: Path) -> dict:
    csv_path, xlsx_path = folder / "answers_1m.csv", folder / "answers_100k.xlsx"
    out: dict = {"case": case}
    if case.startswith("duckdb-csv"):
        import duckdb

        target = str(Path(tempfile.mkdtemp()) / "bare.duckdb") if case == "duckdb-csv-file" else ":memory:"
        con = duckdb.connect(target)
        start = time.perf_counter()
        con.execute("CREATE TABLE answers AS SELECT * FROM read_csv(?)", [str(csv_path)])
        out["seconds"] = time.perf_counter() - start
        out["rows"] = con.execute("SELECT count(*) FROM answers").fetchall()[0][0]
    elif case == "calamine":
        import python_calamine

        start = time.perf_counter()
        rows = python_calamine.CalamineWorkbook.from_path(str(xlsx_path)).get_sheet_by_name("Vastaukset").to_python()
        out["seconds"] = time.perf_counter() - start
        out["rows"] = len(rows) - 1
    elif case in ("import-csv", "import-ragged"):
        data = csv_path.read_bytes() + (b"ragged;row\r\n" if case == "import-ragged" else b"")
        out.update(_import(data, csv_path.name))
    elif case == "import-xlsx":
        out.update(_import(xlsx_path.read_bytes(), xlsx_path.name))
    else:
        raise SystemExit(f"unknown case {case}")
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["child_peak_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return out


def child(case: str, folder: Path) -> dict:
    with tempfile.TemporaryDirectory() as data_dir:
        env = {**os.environ, "CX_DATA_DIR": data_dir}
        proc = subprocess.run([sys.executable, __file__, "--case", case, "--folder", str(folder)],
                              env=env, capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        raise SystemExit(f"case {case} failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ----------------------------------------------------------------------------- summary

def summarise(runs: list[dict]) -> dict:
    """Median seconds (and phases) over the runs; peak memory is the highest of them."""
    out = dict(runs[-1])
    out["seconds"] = statistics.median(r["seconds"] for r in runs)
    out["best"] = min(r["seconds"] for r in runs)
    out["runs"] = [r["seconds"] for r in runs]
    out["peak_mb"] = max(r["peak_mb"] for r in runs)
    out["child_peak_mb"] = max(r["child_peak_mb"] for r in runs)
    if "phases" in runs[0]:
        out["phases"] = {p: statistics.median(r["phases"][p] for r in runs) for p in PHASES}
    return out


def report(results: dict[str, dict], runs: int, command: str) -> str:
    csv_mb = results.get("_sizes", {}).get("csv_mb", 0)
    xlsx_mb = results.get("_sizes", {}).get("xlsx_mb", 0)
    label = {
        "duckdb-csv": "DuckDB alone: typed `read_csv` into an in-memory table",
        "duckdb-csv-file": "DuckDB alone: typed `read_csv` into a database file",
        "import-csv": "cx full import (read, detect, check every row, write)",
        "import-ragged": "cx full import, same file plus one ragged row (set aside, put back)",
        "calamine": "python-calamine alone: `from_path` + `to_python`",
        "import-xlsx": "cx full import (sandboxed read, detect, check every row, write)",
    }
    lines = [
        "## Imports",
        "",
        f"Machine: {machine()}. Measured {time.strftime('%Y-%m-%d')} with `{command}`: median of {runs} runs, "
        "the cases' runs interleaved, each run in a fresh process (peak memory is its own; the XLSX "
        "import's sandboxed reading child is counted separately).",
        "",
        f"Files: {bench_read.CSV_ROWS:,} customer answers x {len(bench_read.HEADERS)} columns as CSV "
        f"({csv_mb:.0f} MB: semicolons, day-first dates, Finnish headers, yes/no words, comments) and "
        f"{bench_read.XLSX_ROWS:,} of them as XLSX ({xlsx_mb:.1f} MB, shared strings, date cells).",
        "",
        "| file | case | median s | best s | peak MB | read s | detect s | check s | write s |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for case in CASES:
        if case not in results:
            continue
        r = results[case]
        phases = r.get("phases")
        cells = [f"{phases[p]:.2f}" for p in PHASES] if phases else ["", "", "", ""]
        peak = f"{r['peak_mb']:.0f}" + (f" (+{r['child_peak_mb']:.0f} child)" if case == "import-xlsx" else "")
        kind = "XLSX" if case in ("calamine", "import-xlsx") else "CSV"
        lines.append(f"| {kind} | {label[case]} | {r['seconds']:.2f} | {r['best']:.2f} | {peak} | "
                     + " | ".join(cells) + " |")
    lines += ["", *ratios(results)]
    return "\n".join(lines)


def ratios(results: dict[str, dict]) -> list[str]:
    """The issue's aims as ratios measured in the same run."""
    out = []

    def ratio(ours: str, theirs: str) -> float | None:
        if ours in results and theirs in results:
            return results[ours]["seconds"] / results[theirs]["seconds"]
        return None

    csv = results.get("import-csv")
    if csv and "duckdb-csv" in results:
        bare = results["duckdb-csv"]["seconds"]
        checked = sum(csv["phases"][p] for p in ("read", "detect", "check"))
        out.append(f"- CSV: read and check every row (no write) {checked:.2f} s = {checked / bare:.2f}x DuckDB's bare "
                   f"typed read ({bare:.2f} s); the full import {csv['seconds']:.2f} s = "
                   f"{ratio('import-csv', 'duckdb-csv'):.2f}x. Aim: 2x.")
        if "duckdb-csv-file" in results:
            out.append(f"- CSV: the full import is {ratio('import-csv', 'duckdb-csv-file'):.2f}x DuckDB's bare read "
                       f"into a database file ({results['duckdb-csv-file']['seconds']:.2f} s), writing included "
                       "on both sides.")
    if ratio("import-xlsx", "calamine") is not None:
        out.append(f"- XLSX: the full import is {ratio('import-xlsx', 'calamine'):.2f}x a bare python-calamine read "
                   f"({results['calamine']['seconds']:.2f} s). Aim: 1.5x.")
    peaks = [results[c]["peak_mb"] for c in ("import-csv", "import-ragged", "import-xlsx") if c in results]
    if peaks:
        out.append(f"- Peak memory of an import: at most {max(peaks):.0f} MB. Aim: well under 1 GB.")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "cx-bench-read")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset of: " + ", ".join(CASES))
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.folder)))
        return
    args.folder.mkdir(parents=True, exist_ok=True)
    if not (args.folder / "answers_1m.csv").exists():
        bench_read.make_csv(args.folder / "answers_1m.csv")
    if not (args.folder / "answers_100k.xlsx").exists():
        bench_read.make_xlsx(args.folder / "answers_100k.xlsx")
    cases = args.cases.split(",")
    collected: dict[str, list[dict]] = {case: [] for case in cases}
    for run in range(args.runs):
        for case in cases:
            collected[case].append(child(case, args.folder))
            print(f"run {run + 1}/{args.runs} {case}: {collected[case][-1]['seconds']:.2f} s", file=sys.stderr,
                  flush=True)
    results: dict = {case: summarise(runs) for case, runs in collected.items()}
    results["_sizes"] = {"csv_mb": (args.folder / "answers_1m.csv").stat().st_size / 1e6,
                         "xlsx_mb": (args.folder / "answers_100k.xlsx").stat().st_size / 1e6}
    command = ("python scripts/bench_import.py " + " ".join(a for a in sys.argv[1:] if a != "--no-write")).strip()
    body = report(results, args.runs, command)
    print(body)
    if not args.no_write:
        write_section("imports", body)


if __name__ == "__main__":
    main()
