"""Measure the file-reading layer against the raw tools it wraps: ``python scripts/bench_read.py``.

Cases (each run in a fresh process, so peak memory is its own; median of --repeat runs):

* csv-columnar: cx.readers.read_table on a 1,000,000-row x 15-column semicolon CSV (the fast path)
* csv-rows:     the same file with one ragged row at the end (set aside and put back by the columnar reader)
* duckdb-arrow / duckdb-df: duckdb.read_csv(all_varchar=True) on the same file, materialised as
  an Arrow table / as a pandas frame
* xlsx:         cx.readers.read_table on a 100,000-row x 15-column workbook (shared strings, dates)
* calamine:     bare python-calamine on the same workbook (from_path + to_python)

The files are generated deterministically into --folder (default: a temp folder) on first use.
Prints a table; the figures go into docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import datetime
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
HEADERS = ["Response ID", "Vastauspäivä", "Kosketuspiste", "Kanava", "Segmentti", "Yksikkö", "NPS", "CES", "CSAT",
           "FCR", "Sujuvuus", "Helppous", "Tunne", "Kommentti", "Asiakas"]
TOUCHPOINTS = ["Verkkokauppa", "Asiakaspalvelu", "Myymälä", "Laskutus", "Toimitus"]
COMMENTS = ["", "", "", "Hyvä palvelu, kiitos", "Liian pitkä jonotus; soitin kolmesti", "Nopea toimitus"]
CASES = ("csv-columnar", "csv-rows", "duckdb-arrow", "duckdb-df", "xlsx", "calamine")
CSV_ROWS = 1_000_000
XLSX_ROWS = 100_000


def answer(rng: random.Random, i: int) -> list[object]:
    when = datetime.datetime(2025, 1, 1) + datetime.timedelta(minutes=rng.randrange(700_000))
    return [f"R_{i:08d}", when, rng.choice(TOUCHPOINTS), rng.choice(["phone", "chat", "web", "store"]),
            rng.choice(["B2B", "B2C"]), f"Tiimi {rng.randrange(20)}", rng.randrange(11), rng.randrange(1, 8),
            rng.randrange(1, 6), rng.choice(["Kyllä", "Ei"]), rng.randrange(1, 6), rng.randrange(1, 6),
            rng.randrange(1, 6), rng.choice(COMMENTS), f"C{rng.randrange(10**6):06d}"]


def make_csv(path: Path) -> None:
    rng = random.Random(1)
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write(";".join(HEADERS) + "\r\n")
        for i in range(CSV_ROWS):
            row = answer(rng, i)
            row[1] = row[1].strftime("%d.%m.%Y %H:%M")
            out.write(";".join(f'"{v}"' if ";" in str(v) else str(v) for v in row) + "\r\n")


def make_xlsx(path: Path) -> None:
    """A workbook the way Excel writes it: shared strings, styled date cells, a <dimension>."""
    rng = random.Random(2)
    strings: dict[str, int] = {}

    def shared(text: str) -> int:
        return strings.setdefault(text, len(strings))

    def cell(ref: str, value: object) -> str:
        if isinstance(value, datetime.datetime):
            serial = (value - datetime.datetime(1899, 12, 30)).total_seconds() / 86400
            return f'<c r="{ref}" s="1"><v>{serial!r}</v></c>'
        if isinstance(value, int):
            return f'<c r="{ref}"><v>{value}</v></c>'
        if value == "":
            return ""
        return f'<c r="{ref}" t="s"><v>{shared(str(value))}</v></c>'

    letters = [chr(65 + i) for i in range(len(HEADERS))]
    rows = ["".join(cell(f"{c}1", h) for c, h in zip(letters, HEADERS, strict=True))]
    for i in range(XLSX_ROWS):
        values = answer(rng, i)
        rows.append("".join(cell(f"{c}{i + 2}", v) for c, v in zip(letters, values, strict=True)))
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.'
             f'openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:O{XLSX_ROWS + 1}"/><sheetData>'
             + "".join(f'<row r="{n}">{r}</row>' for n, r in enumerate(rows, start=1))
             + "</sheetData></worksheet>")
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
           f'spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">'
           + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/></Types>'),
        "_rels/.rels": (f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
                        "</Relationships>"),
        "xl/workbook.xml": (f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets>'
                            '<sheet name="Vastaukset" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{rel}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rId3" Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>'),
        "xl/styles.xml": (f'<styleSheet xmlns="{main}"><fonts count="1"><font/></fonts><fills count="1"><fill/>'
                          '</fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf/>'
                          '</cellStyleXfs><cellXfs count="2"><xf/><xf numFmtId="22" applyNumberFormat="1"/>'
                          '</cellXfs></styleSheet>'),
        "xl/sharedStrings.xml": sst,
        "xl/worksheets/sheet1.xml": sheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(zipfile.ZipInfo(name, (2026, 1, 1, 0, 0, 0)), text.encode(), zipfile.ZIP_DEFLATED)


# ----------------------------------------------------------------------------- cases (run in a child)

def run_case(case: str, folder: Path) -> dict:
    sys.path.insert(0, str(ROOT))
    csv_path, xlsx_path = folder / "answers_1m.csv", folder / "answers_100k.xlsx"
    start = time.perf_counter()
    if case in ("csv-columnar", "csv-rows"):
        from cx.readers import read_table

        data = csv_path.read_bytes() + (b"ragged;row\r\n" if case == "csv-rows" else b"")
        start = time.perf_counter()
        table = read_table(data, csv_path.name)
        rows = len(table)  # the text cells as the importer uses them (Arrow); no pandas frame
    elif case in ("duckdb-arrow", "duckdb-df"):
        import duckdb

        relation = duckdb.connect().read_csv(str(csv_path), all_varchar=True)
        result = relation.to_arrow_table() if case == "duckdb-arrow" else relation.df()
        rows = len(result)
    elif case == "xlsx":
        from cx.readers import read_table

        data = xlsx_path.read_bytes()
        start = time.perf_counter()
        rows = len(read_table(data, xlsx_path.name))
    elif case == "calamine":
        import python_calamine

        rows = len(python_calamine.CalamineWorkbook.from_path(str(xlsx_path)).get_sheet_by_name("Vastaukset")
                   .to_python()) - 1
    else:
        raise SystemExit(f"unknown case {case}")
    seconds = time.perf_counter() - start
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"case": case, "seconds": seconds, "rows": rows, "peak_mb": own, "child_peak_mb": children}


def measure(case: str, folder: Path, repeat: int) -> dict:
    runs = []
    for _ in range(repeat):
        output = subprocess.run([sys.executable, __file__, "--case", case, "--folder", str(folder)],
                                check=True, capture_output=True, text=True).stdout
        runs.append(json.loads(output.strip().splitlines()[-1]))
    best = dict(runs[0])
    best["seconds"] = statistics.median(r["seconds"] for r in runs)
    best["runs"] = [round(r["seconds"], 2) for r in runs]
    best["peak_mb"] = max(r["peak_mb"] for r in runs)
    best["child_peak_mb"] = max(r["child_peak_mb"] for r in runs)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folder", type=Path, default=Path(tempfile.gettempdir()) / "cx-bench-read")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated subset of: " + ", ".join(CASES))
    parser.add_argument("--case", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.case:
        print(json.dumps(run_case(args.case, args.folder)))
        return
    args.folder.mkdir(parents=True, exist_ok=True)
    if not (args.folder / "answers_1m.csv").exists():
        make_csv(args.folder / "answers_1m.csv")
    if not (args.folder / "answers_100k.xlsx").exists():
        make_xlsx(args.folder / "answers_100k.xlsx")
    results = {case: measure(case, args.folder, args.repeat) for case in args.cases.split(",")}
    csv_mb = (args.folder / "answers_1m.csv").stat().st_size / 1e6
    xlsx_mb = (args.folder / "answers_100k.xlsx").stat().st_size / 1e6
    print(f"CSV: {CSV_ROWS:,} rows x {len(HEADERS)} columns, {csv_mb:.0f} MB; "
          f"XLSX: {XLSX_ROWS:,} rows x {len(HEADERS)} columns, {xlsx_mb:.1f} MB. Median of {args.repeat} runs.")
    print(f"{'case':<14}{'seconds':>9}  {'runs':<34}{'peak MB':>9}{'child MB':>10}")
    for case, result in results.items():
        runs = ", ".join(f"{r:.2f}" for r in result["runs"])
        print(f"{case:<14}{result['seconds']:>9.2f}  {runs:<34}{result['peak_mb']:>9.0f}"
              f"{result['child_peak_mb']:>10.0f}")
    for ours, theirs in (("xlsx", "calamine"), ("csv-columnar", "duckdb-arrow"), ("csv-columnar", "duckdb-df")):
        if ours in results and theirs in results:
            print(f"{ours} / {theirs}: {results[ours]['seconds'] / results[theirs]['seconds']:.2f}x")


if __name__ == "__main__":
    main()
