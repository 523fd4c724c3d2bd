"""`python -m cx ...`: the same import, demo, summary and export code the pages use.

Errors a user can act on print one sentence to stderr and exit 2; never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from cx import export, filters, importer, metrics, queries, store
from cx.profiles import ImportProfile, ProfileError
from cx.readers import FileRejected

EXIT_OK, EXIT_REJECTED = 0, 2


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m cx", description="cx: the customer-experience workbench")
    sub = p.add_subparsers(dest="command", required=True)
    imp = sub.add_parser("import", help="import a CSV or XLSX file into a workspace")
    imp.add_argument("file")
    imp.add_argument("--workspace", required=True)
    imp.add_argument("--kind", choices=list(importer.schema.IMPORTABLE))
    imp.add_argument("--profile")
    imp.add_argument("--json", action="store_true")
    imp.add_argument("--yes", action="store_true", help="import even if the same file was imported before")
    und = sub.add_parser("undo", help="remove exactly the rows of one import")
    und.add_argument("import_id", type=int)
    und.add_argument("--workspace", required=True)
    dem = sub.add_parser("demo", help="build the demo workspace")
    dem.add_argument("--workspace", default="demo")
    dem.add_argument("--months", type=int, default=24)
    dem.add_argument("--scale", type=float, default=1.0)
    sub.add_parser("workspaces", help="list workspaces")
    summ = sub.add_parser("summary", help="one metric overall or by a column, as the pages show it")
    summ.add_argument("--workspace", required=True)
    summ.add_argument("--metric", required=True, choices=list(metrics.METRICS))
    summ.add_argument("--by", choices=list(queries.GROUPABLE))
    summ.add_argument("--from", dest="start", type=date.fromisoformat)
    summ.add_argument("--to", dest="end", type=date.fromisoformat)
    summ.add_argument("--where", action="append", default=[], metavar="COLUMN=VALUE")
    summ.add_argument("--json", action="store_true")
    exp = sub.add_parser("export", help="write every contract table")
    exp.add_argument("--workspace", required=True)
    exp.add_argument("--out", required=True)
    exp.add_argument("--format", choices=list(export.FORMATS), default="xlsx")
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (FileRejected, store.WorkspaceError, ProfileError, ValueError) as exc:
        print(f"cx: {exc}", file=sys.stderr)
        return EXIT_REJECTED
    finally:
        store.close_all()


def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise FileRejected(f"There is no file at {path}.")
    profile = ImportProfile.from_json(Path(args.profile).read_text(encoding="utf-8-sig")) if args.profile else None
    ws = store.open_workspace(args.workspace, create=True)
    try:
        result = importer.import_file(ws, path.read_bytes(), path.name, kind=args.kind, profile=profile,
                                      allow_duplicate_file=args.yes)
    except FileRejected as exc:
        if args.json:
            print(json.dumps({"import_id": None, "kind": args.kind, "status": "rejected", "rows_read": 0,
                              "rows_loaded": 0, "rows_rejected": 0, "rows_skipped": 0, "rejections": [],
                              "message": str(exc)}, ensure_ascii=False))
            return EXIT_REJECTED
        raise
    if args.json:
        print(result.to_json())
    else:
        _print_import(result)
    return EXIT_OK if result.status == "loaded" else EXIT_REJECTED


def _print_import(result: importer.ImportResult) -> None:
    print(f"Import {result.import_id} into {result.kind}: {result.status}")
    print(f"  rows read {result.rows_read:,}, loaded {result.rows_loaded:,}, rejected {result.rows_rejected:,}, "
          f"skipped {result.rows_skipped:,}")
    for note in result.decisions.get("notes", [])[:6]:
        print(f"  - {note}")
    for line, reason in result.rejections[:15]:
        print(f"  line {line}: {reason}")
    if len(result.rejections) > 15:
        print(f"  … and {len(result.rejections) - 15:,} more rejected rows (use --json for all)")
    if result.message:
        print(f"  {result.message}")


def cmd_undo(args) -> int:
    removed = importer.undo(store.open_workspace(args.workspace), args.import_id)
    print(f"Import {args.import_id} undone: {removed:,} rows removed.")
    return EXIT_OK


def cmd_demo(args) -> int:
    from cx import demo

    ws = demo.build_demo(args.workspace, months=args.months, scale=args.scale)
    counts = ws.counts()
    print(f"Demo workspace '{args.workspace}' built: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    return EXIT_OK


def cmd_workspaces(args) -> int:
    names = store.list_workspaces()
    if not names:
        print(f"No workspaces in {store.data_dir()}. Build the demo with: python -m cx demo")
    for name in names:
        ws = store.open_workspace(name)
        counts = ws.counts()
        last = ws.last_import()
        print(f"{name}: {counts['customer_responses']:,} customer answers, {counts['employee_responses']:,} "
              f"employee answers; last import {last:%Y-%m-%d %H:%M}" if last else f"{name}: empty")
        store.close_workspace(name)
    return EXIT_OK


def _where(items: list[str]) -> dict[str, tuple]:
    out: dict[str, list] = {}
    for item in items:
        column, sep, value = item.partition("=")
        if not sep or column not in filters.DIMENSIONS:
            raise ValueError(f"--where takes COLUMN=VALUE with COLUMN one of {', '.join(filters.DIMENSIONS)}.")
        out.setdefault(column, []).append(value)
    return {k: tuple(v) for k, v in out.items()}


def cmd_summary(args) -> int:
    ws = store.open_workspace(args.workspace)
    f = filters.Filters(workspace=args.workspace, start=args.start, end=args.end, **_where(args.where))
    rows = queries.summary_rows(ws, args.metric, args.by, f)
    if args.json:
        print(json.dumps({"metric": args.metric, "by": args.by, "rows": rows}, ensure_ascii=False, default=str))
        return EXIT_OK
    unit = metrics.get(args.metric).unit
    print(f"{args.metric} ({unit}) by {args.by or 'all'}")
    for r in rows:
        if r["suppressed"]:
            shown = "too few answers" if r["n"] is not None else "hidden (confidential)"
        else:
            shown = f"{r['value']:.1f}  (95% {r['low']:.1f} … {r['high']:.1f})"
        n = "" if r["n"] is None else f"n = {r['n']:,}"
        print(f"  {str(r['group']):<32} {shown:<32} {n}")
    return EXIT_OK


def cmd_export(args) -> int:
    written = export.export_workspace(store.open_workspace(args.workspace), Path(args.out), args.format)
    print("Written: " + ", ".join(str(p) for p in written))
    return EXIT_OK


COMMANDS = {"import": cmd_import, "undo": cmd_undo, "demo": cmd_demo, "workspaces": cmd_workspaces,
            "summary": cmd_summary, "export": cmd_export}
