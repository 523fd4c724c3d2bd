"""Timing of the overview's lead and of the workshop pack on the demo (not a test).

    python scripts/bench_workshop.py [--scale 1] [--repeat 3]

Builds the demo in a temporary folder, then times (median of --repeat, cold: no Streamlit cache)
the lead's parts and building the deck and the workbook for the last 3 months, all units and one unit.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def timed(func, repeat: int) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    os.environ["CX_DATA_DIR"] = tempfile.mkdtemp(prefix="cx-bench-")
    from cx import demo, headlines, journey, linkage, measurement, periods, queries
    from cx.filters import Filters
    from cx.pack import content, deck, workbook
    from cx.queries import Minimums

    ws = demo.build_demo("demo", scale=args.scale)
    cur, mins = ws.cursor(), Minimums.of(ws)
    first, last = queries.date_span(cur)
    start, end = periods.bounds("last_3m", first, last)
    every, one = Filters("demo", start, end), Filters("demo", start, end, unit=("Tampere",))
    rows = [
        ("lead: flagged changes (3 metrics x touchpoint, touchpoint x unit)",
         lambda: headlines.changes(cur, every, mins)),
        ("lead: customer-staff link (8 employee measures)",
         lambda: [linkage.view(cur, every, "nps", e, 0, mins) for e in linkage.EMPLOYEE_CHOICES]),
        ("lead: measurement move", lambda: headlines.measurement(measurement.simulation_frame(cur, every, "survey"))),
        ("lead: drivers", lambda: journey.drivers(cur, every, "relationship_nps", mins)),
    ]
    for label, filters in (("all units", every), ("Tampere", one)):
        pack = content.build(cur, ws.settings(), filters, mins, "fi")
        rows += [(f"pack content, {label}", lambda f=filters: content.build(cur, ws.settings(), f, mins, "fi")),
                 (f"deck (with chart PNG), {label}", lambda p=pack: deck.deck_bytes(p)),
                 (f"workbook, {label}", lambda p=pack: workbook.workbook_bytes(p))]
    print(f"demo scale {args.scale}: {ws.counts()['customer_responses']:,} customer answers; median of {args.repeat}")
    for label, func in rows:
        print(f"| {label} | {timed(func, args.repeat):.3f} s |")


if __name__ == "__main__":
    main()
