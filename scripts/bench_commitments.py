"""Time the commitments figures (signals, backtest, promise statuses, drafts, business case) on a workspace.

Usage:
    CX_DATA_DIR=/tmp/lb python -m cx demo --scale 20          # once: ~1M answers
    python scripts/bench_commitments.py --data-dir /tmp/lb [--repeat 3]

Prints the best of `repeat` runs per figure (the least disturbed by other work on the machine) as a
markdown table; the alarm limits' calibration is cached per process, so its first cost is shown apart.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def best(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, required=True)
    parser.add_argument("--workspace", default="demo")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ["CX_DATA_DIR"] = str(args.data_dir)
    from cx import alarms, queries, store
    from cx.commitments import business, drafts, keeping, register, signals
    from cx.filters import Filters

    ws = store.open_workspace(args.workspace)
    cur = ws.cursor()
    end = queries.date_span(cur)[1]
    answers = cur.execute("SELECT count(*) FROM customer_responses").fetchone()[0]
    alarms.calibrate.cache_clear()
    start = time.perf_counter()
    signals.watch(cur, end)
    first = time.perf_counter() - start
    calibration = best(lambda: (alarms.calibrate.cache_clear(), alarms.calibrate("ewma", 696.0, 18)), args.repeat)
    promises = register.load(cur)
    rows = {
        "signals.watch (limits cached)": best(lambda: signals.watch(cur, end), args.repeat),
        "signals.backtest (limits cached)": best(lambda: signals.backtest(cur, end), args.repeat),
        "keeping.register_status (3 promises)": best(lambda: keeping.register_status(cur, promises, end),
                                                     args.repeat),
        "drafts.propose (last 3 months)": best(lambda: drafts.propose(cur, Filters(start=end.replace(day=1), end=end)),
                                               args.repeat),
        "business.business_case (NPS, lag 1)": best(lambda: business.business_case(cur, "nps", 1, "Complaint handling",
                                                                                    end), args.repeat),
    }
    print(f"| answers | figure | best of {args.repeat} s |\n| --- | --- | --- |")
    for name, seconds in rows.items():
        print(f"| {answers:,} | {name} | {seconds:.3f} |")
    print(f"| {answers:,} | signals.watch, first call in a process (with the limits' calibration) | {first:.3f} |")
    print(f"| {answers:,} | one calibration of a limit (EWMA, ARL0 696 months, 18 reference months) | "
          f"{calibration:.3f} |")


if __name__ == "__main__":
    main()
