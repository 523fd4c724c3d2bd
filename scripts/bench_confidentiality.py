"""Benchmark the confidentiality gate: building the protected grid and the figures pages ask of it.

Usage:
    python scripts/bench_confidentiality.py --answers 1143,100000,1000000 --repeat 5

For each size, a workspace in a temporary CX_DATA_DIR gets that many employee answers (40 units,
5 roles, one survey round a quarter over three years, every item answered) and the script times
(median of --repeat): `gate.build` (two queries and the pooling), the linkage page's eight items
per unit over a year of rounds, the overview's eNPS per quarter, and `summary --by role` for one unit.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

ITEMS = ("enps", "wellbeing", "culture", "technology", "physical", "vision", "role_clarity", "training")


def fill(ws, answers: int, seed: int = 14) -> None:
    rng = np.random.default_rng(seed)
    starts = [datetime(2024 + q // 4, 3 * (q % 4) + 2, 10) for q in range(12)]
    when = [starts[i] + timedelta(days=int(d)) for i, d in zip(rng.integers(0, 12, answers),
                                                                rng.integers(0, 14, answers), strict=True)]
    frame = pd.DataFrame({
        "response_id": [f"e{i}" for i in range(answers)], "responded_at": when,
        "unit": [f"Unit {u:02d}" for u in rng.zipf(1.6, answers) % 40],
        "role": rng.choice(["Service", "Sales", "Field", "Back office", "Team lead"], answers,
                           p=[0.5, 0.2, 0.15, 0.1, 0.05]),
        "enps": rng.integers(0, 11, answers),
        **{item: rng.integers(1, 6, answers) for item in ITEMS[1:]},
    })
    with ws.write() as cur:
        cur.register("bench", frame)
        cur.execute("INSERT INTO employee_responses BY NAME SELECT * FROM bench")
        cur.unregister("bench")


def median_seconds(work, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure(answers: int, repeat: int) -> dict:
    from cx import store
    from cx.confidentiality import gate
    from cx.filters import Filters

    ws = store.create_workspace(f"bench{answers}")
    fill(ws, answers)
    cur = ws.cursor()
    grid = gate.build(cur, 5)
    year = grid.rounds[-4:]
    out = {"answers": answers, "cells": len(grid.cells), "pools": len(grid.pool_cells),
           "build": median_seconds(lambda: gate.build(cur, 5), repeat),
           "linkage": median_seconds(lambda: [grid.figures(i, (), year, ["unit"]) for i in ITEMS], repeat),
           "trend": median_seconds(lambda: grid.figures("enps", (), None, ["quarter"]), repeat),
           "role": median_seconds(lambda: gate.metric_table(cur, Filters(workspace=ws.name, unit=("Unit 01",)),
                                                            "enps", ["role"], 5), repeat)}
    store.close_workspace(ws.name)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", default="1143,100000,1000000")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    os.environ["CX_DATA_DIR"] = tempfile.mkdtemp(prefix="cx-bench-conf-")
    print("| employee answers | grid cells | pools | build s | 8 items × units s | eNPS by quarter s | "
          "summary by role (build + figures) s |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for size in (int(x) for x in args.answers.split(",")):
        r = measure(size, args.repeat)
        print(f"| {r['answers']:,} | {r['cells']:,} | {r['pools']:,} | {r['build']:.3f} | {r['linkage']:.3f} | "
              f"{r['trend']:.3f} | {r['role']:.3f} |")


if __name__ == "__main__":
    main()
