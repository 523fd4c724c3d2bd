"""Check that the workshop deck opens in LibreOffice: build it, convert it to PDF, render the pages as PNG.

    python scripts/pack_to_pdf.py [--lang fi] [--unit Tampere] [--period last_6m] [--out pack-check]

Builds the demo at scale 0.2 in a temporary folder (or uses CX_DATA_DIR's `demo`
workspace with --existing), writes the deck and the workbook, runs
`libreoffice --headless --convert-to pdf` and `pdftoppm -png`, and prints the page
files: look at them. Needs LibreOffice and poppler-utils (Debian: libreoffice-impress,
poppler-utils). Exits non-zero when the conversion gives no PDF or fewer pages than slides.
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def build(out: Path, lang: str, unit: str | None, period: str, existing: bool) -> tuple[Path, int]:
    from cx import demo, periods, queries, store
    from cx.filters import Filters
    from cx.pack import content, deck, workbook
    from cx.queries import Minimums

    if not existing:
        os.environ["CX_DATA_DIR"] = tempfile.mkdtemp(prefix="cx-pack-")
        demo.build_demo("demo", scale=0.2)
    ws = store.open_workspace("demo")
    cur = ws.cursor()
    first, last = queries.date_span(cur)
    start, end = periods.bounds(period, first, last)
    filters = Filters("demo", start, end, unit=(unit,) if unit else ())
    pack = content.build(cur, ws.settings(), filters, Minimums.of(ws), lang)
    path = out / f"cx-pack-{lang}.pptx"
    path.write_bytes(deck.deck_bytes(pack))
    (out / f"cx-pack-{lang}.xlsx").write_bytes(workbook.workbook_bytes(pack))
    from pptx import Presentation

    return path, len(Presentation(str(path)).slides)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="fi", choices=("en", "fi"))
    parser.add_argument("--unit")
    parser.add_argument("--period", default="last_6m")
    parser.add_argument("--out", default="pack-check")
    parser.add_argument("--existing", action="store_true", help="use the demo workspace in CX_DATA_DIR")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    deck_path, slides = build(out, args.lang, args.unit, args.period, args.existing)
    office = shutil.which("libreoffice") or shutil.which("soffice")
    if not office or not shutil.which("pdftoppm"):
        print("needs libreoffice and pdftoppm on the PATH", file=sys.stderr)
        return 2
    profile = Path(tempfile.mkdtemp(prefix="cx-lo-"))  # a throwaway LibreOffice profile: no lock, no first-run state
    subprocess.run([office, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(out), str(deck_path)], check=True, capture_output=True, timeout=300)
    pdf = deck_path.with_suffix(".pdf")
    if not pdf.exists():
        print("LibreOffice wrote no PDF", file=sys.stderr)
        return 1
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(out / f"page-{args.lang}")], check=True)
    pages = sorted(out.glob(f"page-{args.lang}-*.png"))
    for page in pages:
        print(page)
    print(f"{len(pages)} pages from {slides} slides: {pdf}")
    return 0 if len(pages) == slides else 1


if __name__ == "__main__":
    raise SystemExit(main())
