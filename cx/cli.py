"""`python -m cx ...`: the same import, demo, summary and export code the pages use.

Exit codes: 0 done (an import may still have rejected rows: the summary says which
and why), 2 refused (a file rejected whole, a busy or unknown workspace, a bad
argument). Refusals print one sentence to stderr, never a traceback. The demo and
figure modules are imported only by the commands that need them.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from cx import importer, schema, store
from cx.confidentiality import setting, words
from cx.i18n import t
from cx.profiles import ImportProfile, ProfileError
from cx.readers import FileRejected
from cx.team import access, actions

EXIT_OK, EXIT_REFUSED = 0, 2
METRICS = schema.CUSTOMER_METRICS + schema.EMPLOYEE_METRICS
GROUPS = ("touchpoint", "stage", "channel", "segment", "unit", "level", "method", "role", "month", "quarter")
EXPORT_FORMATS = ("xlsx", "csv", "parquet")
SHOWN_NOTES = 14
SHOWN_REJECTIONS = 15


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # C0, DEL and C1: a terminal would obey them


class Refused(Exception):
    """A refusal the user can act on; str() is the sentence."""


def shown(text: object) -> str:
    """Text for the terminal: control characters from the data as visible escapes (\\x1b), never obeyed."""
    return CONTROL.sub(lambda m: repr(m.group())[1:-1], str(text))


def say(text: object = "", file=None) -> None:
    """print() for everything cx writes to a terminal: data never reaches it raw."""
    print(shown(text), file=file or sys.stdout)


def _json_out(text: str) -> None:
    """A JSON line with C1 controls escaped too (json.dumps leaves them raw with ensure_ascii=False)."""
    print(re.sub(r"[\x7f-\x9f]", lambda m: f"\\u{ord(m.group()):04x}", text))


class _Parser(argparse.ArgumentParser):
    """argparse, but a bad argument is one sentence and exit 2 (not usage plus a message)."""

    def error(self, message: str):
        raise Refused(f"{message[0].upper()}{message[1:]} (see {_prog()} {self._command()} --help).")

    def _command(self) -> str:
        parts = self.prog.split()
        return parts[-1] if len(parts) > len(_prog().split()) else ""


def _prog() -> str:
    """The command as it was typed: cx-workbench when installed, else python -m cx."""
    return "cx-workbench" if Path(sys.argv[0]).name == "cx-workbench" else "python -m cx"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date like 2026-03-31") from None


def _positive(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = 0.0
    if not value > 0:
        raise argparse.ArgumentTypeError(f"'{text}' is not a positive number")
    return value


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog=_prog(), description="cx: the customer-experience workbench "
                "(installed as the command cx-workbench)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)
    app = sub.add_parser("app", help="start the web app (options after it go to streamlit, e.g. --server.port 8501)")
    app.add_argument("streamlit_options", nargs=argparse.REMAINDER)
    imp = sub.add_parser("import", help="import a CSV or XLSX file into a workspace (created if needed)")
    imp.add_argument("file")
    imp.add_argument("--workspace", required=True)
    imp.add_argument("--kind", choices=schema.IMPORTABLE)
    imp.add_argument("--profile", help="an import profile (JSON file)")
    imp.add_argument("--set", dest="constants", action="append", default=[], metavar="COLUMN=VALUE",
                     help="give every row this value, like a profile's constants (repeatable), e.g. "
                          "--set touchpoint=\"Web shop\" --set level=transaction")
    imp.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    imp.add_argument("--yes", action="store_true", help="import even if the same file was imported before")
    imp.add_argument("--progress", action="store_true", help="report progress on stderr")
    und = sub.add_parser("undo", help="remove exactly the rows of one import")
    und.add_argument("import_id", type=int)
    und.add_argument("--workspace", required=True)
    dem = sub.add_parser("demo", help="build the demo workspace (the same arguments give the same data)")
    dem.add_argument("--workspace", default="demo")
    dem.add_argument("--months", type=int, default=24)
    dem.add_argument("--scale", type=_positive, default=1.0)
    dem.add_argument("--replace", action="store_true",
                     help="replace an existing workspace of that name (never one that is open anywhere; the old "
                          "file is kept in the data folder's deleted/ folder)")
    sub.add_parser("workspaces", help="list workspaces with row counts and last import")
    acc = sub.add_parser("access", help="who is on a workspace (the server's access list, used with sign-in)")
    acc.add_argument("--workspace", required=True)
    acc.add_argument("--set", action="append", default=[], metavar="EMAIL=ROLE",
                     help="put a user on the workspace as viewer, analyst or admin")
    acc.add_argument("--remove", action="append", default=[], metavar="EMAIL")
    summ = sub.add_parser("summary", help="one metric overall or by a column, as the pages show it")
    summ.add_argument("--workspace", required=True)
    summ.add_argument("--metric", required=True, choices=METRICS)
    summ.add_argument("--by", choices=GROUPS)
    summ.add_argument("--from", dest="start", type=_date)
    summ.add_argument("--to", dest="end", type=_date)
    summ.add_argument("--where", action="append", default=[], metavar="COLUMN=VALUE")
    summ.add_argument("--weight", choices=("volume",),
                      help="pool touchpoints weighted by their contact volume (the journey map's volume)")
    summ.add_argument("--json", action="store_true")
    pro = sub.add_parser("promises", help="each customer promise: kept, broken or not yet known per unit and month")
    pro.add_argument("--workspace", required=True)
    pro.add_argument("--to", dest="end", type=_date, help="judge the months up to this date (default: the last answer)")
    pro.add_argument("--json", action="store_true")
    sig = sub.add_parser("signals", help="the early signals the overview lists, with the backtest of the rule")
    sig.add_argument("--workspace", required=True)
    sig.add_argument("--to", dest="end", type=_date, help="as of this date (default: the last answer)")
    sig.add_argument("--json", action="store_true")
    exp = sub.add_parser("export", help="write every contract table as XLSX, CSV files or Parquet files")
    exp.add_argument("--workspace", required=True)
    exp.add_argument("--out", required=True)
    exp.add_argument("--format", choices=EXPORT_FORMATS, default="xlsx")
    sett = sub.add_parser("settings", help="show a workspace's settings, or set its confidentiality minimum or time zone")
    sett.add_argument("--workspace", required=True)
    sett.add_argument("--confidentiality-min", dest="confidentiality_min", type=int, metavar="N",
                      help="fewest answers an employee figure may stand for: 5 or more (3 or 4 with a warning)")
    sett.add_argument("--time-zone", dest="time_zone", metavar="ZONE",
                      help="the zone the workspace's times are kept in, e.g. Europe/Helsinki (imports convert to it)")
    sett.add_argument("--json", action="store_true")
    return p


def entry() -> None:
    """The console command `cx-workbench`: the app (`cx-workbench app`) and every command below."""
    sys.exit(main())


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["app"] and argv[1:2] not in (["-h"], ["--help"]):
        return cmd_app(argparse.Namespace(streamlit_options=argv[1:]))  # streamlit's options, untouched
    try:
        args = _parser().parse_args(argv)
        return COMMANDS[args.command](args)
    except (Refused, FileRejected, store.WorkspaceError, ProfileError) as exc:
        return _refuse(str(exc))
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        return _refuse(f"{exc.strerror or exc}{': ' + str(exc.filename) if exc.filename else ''}.")
    except Exception as exc:  # noqa: BLE001 - the promise is one sentence, never a traceback
        return _refuse(f"cx stopped on an unexpected error ({type(exc).__name__}: {_first_line(exc)}); nothing "
                       "was changed by the failed step.")
    finally:
        store.close_all()


def _first_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:200] if text else ""


def _refuse(sentence: str) -> int:
    say(f"cx: {' '.join(sentence.split())}", file=sys.stderr)
    return EXIT_REFUSED


# -- the app --------------------------------------------------------------------------------

def streamlit_argv(options: list[str]) -> list[str]:
    """`streamlit run` on the app with cx's own settings (privacy, upload limit, theme) as flags.

    Streamlit reads .streamlit/config.toml only from the working folder; an installed cx is run
    from anywhere, so its settings go on the command line, before the caller's own options.
    """
    import tomllib

    from cx.site import site_root

    root = site_root()
    config = root / ".streamlit" / "config.toml"
    if not config.exists():
        config = root / "streamlit-config.toml"
    flags: list[str] = []
    if config.exists():
        for section, values in tomllib.loads(config.read_text(encoding="utf-8")).items():
            for key, value in values.items():
                flags += [f"--{section}.{key}", str(value).lower() if isinstance(value, bool) else str(value)]
    return ["streamlit", "run", str(root / "app.py"), *flags, *options]


def cmd_app(args) -> int:
    """Run Streamlit's own command in a child process (cx itself never imports streamlit)."""
    import subprocess

    try:
        return subprocess.call([sys.executable, "-m", *streamlit_argv(args.streamlit_options)])
    except KeyboardInterrupt:
        return 130


# -- import and undo ------------------------------------------------------------------------

def cmd_import(args) -> int:
    path = Path(args.file)
    if not path.is_file():
        raise Refused(f"There is no file at {path}.")
    profile = _load_profile(Path(args.profile)) if args.profile else None
    constants = _constants(args.constants)
    ws = store.open_workspace(args.workspace, create=True)
    progress = _progress if args.progress else None
    try:
        result = actions.import_file(ws, access.cli_user(), path.read_bytes(), path.name, kind=args.kind,
                                     profile=profile, constants=constants, allow_duplicate_file=args.yes,
                                     progress=progress, stop_unreadable=True)
    except importer.DuplicateFile as exc:
        raise Refused(str(exc).replace("confirm to import it again", "add --yes to import it again")) from None
    except FileRejected as exc:
        if args.json:
            _json_out(_rejected_json(path.name, args.kind or (profile.kind if profile else None), exc))
        raise
    if args.json:
        _json_out(result.to_json())
    else:
        _print_import(result)
    return EXIT_OK if result.status == "loaded" else EXIT_REFUSED


def _rejected_json(file_name: str, kind: str | None, exc: FileRejected) -> str:
    """The contract's summary for a file rejected whole, with the values cx could not read when that is why."""
    unreadable = [{"column": u.column, "header": u.header, "rows": u.rows, "of": u.of,
                   "values": [{"value": v, "rows": n} for v, n in u.values]} for u in getattr(exc, "unreadable", [])]
    return json.dumps({"import_id": None, "kind": kind, "status": "rejected", "file_name": file_name, "rows_read": 0,
                       "rows_loaded": 0, "rows_rejected": 0, "rows_skipped": 0, "rejections": [],
                       "message": str(exc), "code": exc.code, "unreadable": unreadable}, ensure_ascii=False)


def _constants(items: list[str]) -> dict[str, str]:
    """--set COLUMN=VALUE ... as the constants of a profile (checked against the table when it is known)."""
    constants: dict[str, str] = {}
    for item in items:
        column, sep, value = item.partition("=")
        column = column.strip()
        if not sep or not re.fullmatch(r"[a-z_]+", column) or not value.strip():
            raise Refused(f"--set takes COLUMN=VALUE, like --set touchpoint=\"Web shop\"; got '{item}'.")
        if column not in {c for t in schema.IMPORTABLE for c in schema.TABLES[t].column_names} - {"import_id"}:
            raise Refused(f"--set names '{column}', which is not a column cx imports.")
        constants[column] = value.strip()
    return constants


def _load_profile(path: Path) -> ImportProfile:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise Refused(f"There is no profile file at {path}.") from None
    except UnicodeDecodeError:
        raise Refused(f"The profile {path} is not UTF-8 text.") from None
    return ImportProfile.from_json(text)


def _progress(fraction: float, text: str) -> None:
    say(f"{fraction:4.0%} {text}", file=sys.stderr)
    sys.stderr.flush()


def _print_import(result: importer.ImportResult) -> None:
    say(f"Import {result.import_id} of {result.file_name} into {result.kind}: {result.status}")
    say(f"  rows read {result.rows_read:,}, loaded {result.rows_loaded:,}, rejected {result.rows_rejected:,}, "
        f"skipped {result.rows_skipped:,}")
    notes = result.decisions.get("notes", [])
    recognised = [n for n in notes if n.startswith("Recognised a ")]  # the tool first: it explains the rest
    for note in (recognised + [n for n in notes if n not in recognised])[:SHOWN_NOTES]:
        say(f"  - {note}")
    if len(notes) > SHOWN_NOTES:
        say(f"  ... and {len(notes) - SHOWN_NOTES} more notes (--json lists them all)")
    for line, reason in result.rejections[:SHOWN_REJECTIONS]:
        say(f"  line {line}: {reason}")
    if len(result.rejections) > SHOWN_REJECTIONS:
        say(f"  ... and {len(result.rejections) - SHOWN_REJECTIONS:,} more rejected rows (--json lists them all)")
    if result.message:
        say(f"  {result.message}")


def cmd_undo(args) -> int:
    removed = actions.undo(store.open_workspace(args.workspace), access.cli_user(), args.import_id)
    say(f"Import {args.import_id} undone: {removed:,} rows removed.")
    return EXIT_OK


# -- demo and workspaces -----------------------------------------------------------------------

def cmd_demo(args) -> int:
    from cx import demo  # the demo generator is only needed here

    store.check_name(args.workspace)
    ws = demo.build_demo(args.workspace, months=args.months, scale=args.scale, replace=args.replace)
    counts = ws.counts()
    say(f"Demo workspace '{args.workspace}' built: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    return EXIT_OK


def cmd_access(args) -> int:
    """Show or change the workspace's members in the access list (recorded in its audit trail)."""
    ws = store.open_workspace(args.workspace)
    user = access.cli_user()
    for item in args.set:
        member, _, role = item.partition("=")
        if role not in access.ROLES:
            raise Refused(f"--set takes EMAIL=ROLE with ROLE one of {', '.join(access.ROLES)}; got '{item}'.")
        actions.set_member(ws, user, member, role)
    for member in args.remove:
        actions.set_member(ws, user, member, None)
    members = access.load().members(args.workspace)
    say(f"{args.workspace} in {access.access_file()}:" + ("" if members else " nobody (admins only)"))
    for member, role in sorted(members.items()):
        say(f"  {member:<40} {role}")
    return EXIT_OK


def cmd_workspaces(args) -> int:
    names = store.list_workspaces()
    if not names:
        say(f"No workspaces in {store.data_dir()}. Build the demo with: python -m cx demo")
    for name in names:
        say(_workspace_line(name))
    return EXIT_OK


def _workspace_line(name: str) -> str:
    try:
        ws = store.open_workspace(name)
    except store.WorkspaceBusy:
        return f"{name}: open in another cx process"
    counts = ws.counts()
    last = ws.last_import()
    store.close_workspace(name)
    rows = ", ".join(f"{table} {n:,}" for table, n in counts.items() if n) or "no rows"
    return f"{name}: {rows}; last import {last:%Y-%m-%d %H:%M}" if last else f"{name}: {rows}; no imports"


# -- figures and exports ------------------------------------------------------------------------

def _where(items: list[str]) -> dict[str, tuple]:
    from cx.filters import DIMENSIONS

    out: dict[str, list] = {}
    for item in items:
        column, sep, value = item.partition("=")
        column = column.strip()
        if not sep or column not in DIMENSIONS:
            raise Refused(f"--where takes COLUMN=VALUE with COLUMN one of {', '.join(DIMENSIONS)}; got '{item}'.")
        out.setdefault(column, []).append(value.strip())
    return {k: tuple(v) for k, v in out.items()}


def cmd_summary(args) -> int:
    from cx import queries  # figures are only needed here
    from cx.filters import Filters

    if args.start and args.end and args.start > args.end:
        raise Refused("--from must not be after --to.")
    ws = store.open_workspace(args.workspace)
    f = Filters(workspace=args.workspace, start=args.start, end=args.end, **_where(args.where))
    try:
        rows = queries.summary_rows(ws, args.metric, args.by, f, args.weight)
    except ValueError as exc:  # a grouping the metric's table does not have
        raise Refused(str(exc)) from None
    rounds = _employee_rounds(ws, args.metric, f)
    if args.json:
        out = {"metric": args.metric, "by": args.by, "rows": rows}
        if args.weight:
            out["weight"] = args.weight
        if rounds is not None:
            out["rounds"] = [words.round_dict(r) for r in rounds]
        _json_out(json.dumps(out, ensure_ascii=False, default=str))
        return EXIT_OK
    say(f"{args.metric} by {args.by or 'all answers'}")
    if args.weight:
        say("  " + _weight_sentence(rows))
    if rounds is not None:
        say(f"  {words.rounds_sentence(rounds)} {t('conf.rounds_rule')}")
    for r in rows:
        if r.get("suppressed"):
            figure = ("hidden (confidentiality minimum)" if r.get("n") is None else "no answers" if r["n"] == 0
                      else "too few answers")
        else:
            figure = f"{r['value']:.1f}  (95% {r['low']:.1f} to {r['high']:.1f})"
        n = "" if r.get("n") is None else f"n = {r['n']:,}"
        say(f"  {shown(r['group']):<32} {figure:<36} {n}")
    return EXIT_OK


def _weight_sentence(rows: list[dict]) -> str:
    """What --weight volume did: weighted by contact volume, or the plain figure and why; what was left out."""
    if not rows:
        return "weighted by contact volume: nothing to weigh"
    plain = sorted({tp for r in rows for tp in r["no_volume"]})
    no_answers = sorted({tp for r in rows for tp in r["no_answers"]})
    without = sum(r["without_touchpoint"] for r in rows)
    weighted = any(r["weighted"] for r in rows)
    parts = ["weighted by contact volume" if weighted else "not weighted: plain figure"
             + ("" if plain else " (nothing pooled across touchpoints)")]
    if plain:
        parts.append("plain figure where touchpoints have no volume: " + ", ".join(shown(tp) for tp in plain))
    if no_answers:
        parts.append("left out, no answers: " + ", ".join(shown(tp) for tp in no_answers))
    if without:
        parts.append(f"left out, answers without a touchpoint: {without:,}")
    return "; ".join(parts)


def _employee_rounds(ws, metric: str, filters) -> tuple | None:
    """The whole survey rounds an employee figure counts (None for a customer metric)."""
    if metric not in schema.EMPLOYEE_METRICS:
        return None
    from cx.confidentiality import gate

    return gate.rounds_in(ws.cursor(), filters)


def cmd_export(args) -> int:
    written = actions.export(store.open_workspace(args.workspace), access.cli_user(), Path(args.out), args.format)
    say("Written: " + ", ".join(str(p) for p in written))
    say(t("conf.export.personal"), file=sys.stderr)
    return EXIT_OK


def cmd_settings(args) -> int:
    """Show the settings; with --confidentiality-min, set it (3 or 4 only with a warning), with --time-zone the
    zone imports convert times to; recorded."""
    ws = store.open_workspace(args.workspace)
    if args.confidentiality_min is not None:
        warning = actions.change_settings(ws, access.cli_user(), {setting.KEY: args.confidentiality_min}, via="cli")
        if warning:
            say(t(warning, value=args.confidentiality_min), file=sys.stderr)
    if args.time_zone is not None:
        actions.change_time_zone(ws, access.cli_user(), args.time_zone)
    current = ws.settings()
    if args.json:
        _json_out(json.dumps(current, ensure_ascii=False, default=str))
    else:
        for key, value in sorted(current.items()):
            say(f"{key} = {value}")
    return EXIT_OK


# -- commitments -------------------------------------------------------------------------------

def _as_of(ws, end: date | None) -> date | None:
    """The date figures are judged at: --to, else the last answer (as the pages' periods are)."""
    from cx import queries

    return end or queries.date_span(ws.cursor())[1]


def cmd_promises(args) -> int:
    from cx.commitments import keeping, register, wording
    from cx.queries import Minimums

    ws = store.open_workspace(args.workspace)
    end, mins = _as_of(ws, args.end), Minimums.of(ws)
    promises = register.load(ws.cursor())
    statuses = keeping.register_status(ws.cursor(), promises, end, mins)
    if args.json:
        _json_out(json.dumps({"as_of": end.isoformat() if end else None, "min_n": mins.min_n, "promises": [
            {**{c: (v.isoformat() if isinstance(v, date) else v) for c, v in zip(register.COLUMNS, p.row(),
                                                                                   strict=True)},
             "statuses": [s.as_dict() for s in statuses[p.promise_id]]} for p in promises]}, ensure_ascii=False))
        return EXIT_OK
    if not promises:
        say(t("promises.cli.none"))
        return EXIT_OK
    for p in promises:
        say(f"{p.promise_id}  {p.promise}")
        say(f"    {wording.where_text(p.touchpoint, p.unit, 'en')} · {wording.metric_name(p.metric, 'en')} "
              f"{wording.target_text(p, 'en')} · from {p.valid_from:%Y-%m}")
        rows = statuses[p.promise_id]
        for unit in dict.fromkeys(s.unit for s in rows):
            mine = [s for s in rows if s.unit == unit]
            say(f"    {wording.unit_text(unit, 'en'):<14} " + "  ".join(f"{s.month:%Y-%m} {wording.status_cell(s, 'en')}"
                                                                          for s in mine[-6:]))
        for s in keeping.latest(rows):
            say(f"    {s.month:%Y-%m} {wording.unit_text(s.unit, 'en')}: {t('promises.status.' + s.status)} – "
                  f"{wording.figure_text(p, s, 'en')}; answers that would decide: {wording.needed_text(s, 'en')}")
    return EXIT_OK


def cmd_signals(args) -> int:
    from cx.commitments import signals, wording

    ws = store.open_workspace(args.workspace)
    end = _as_of(ws, args.end)
    watch, bt = signals.watch(ws.cursor(), end), signals.backtest(ws.cursor(), end)
    if args.json:
        _json_out(json.dumps({"as_of": end.isoformat() if end else None, "watched": watch.watched,
                          "not_watched": watch.not_watched,
                          "window": [d.isoformat()[:7] for d in watch.window] if watch.window else None,
                          "rule": watch.rule.describe() if watch.rule else None,
                          "false_alarms_a_year_allowed": signals.FALSE_ALARMS_A_YEAR,
                          "signals": [s.as_dict() for s in watch.signals], "backtest": bt.as_dict()},
                         ensure_ascii=False))
        return EXIT_OK
    say(t("signals.cli.header", month=f"{end:%Y-%m}" if end else "–"))
    if watch.rule:
        say("  " + t("signals.rule", watched=watch.watched, window=wording.window_text(watch.window, "en"),
                       not_watched=watch.not_watched, lam=watch.rule.lam, reference=signals.REFERENCE_MONTHS,
                       budget=f"{signals.FALSE_ALARMS_A_YEAR:g}", arl0=f"{watch.rule.arl0:,.0f}",
                       limit=f"{watch.rule.limit:.2f}"))
    for s in watch.signals:
        say(f"  {t('signals.sure.' + s.sure):<6} {wording.metric_name(s.metric, 'en')} at {wording.signal_where(s, 'en')}"
              f" ({t('method.' + s.method)}), since {s.since:%Y-%m}: {wording.signal_change(s, 'en')}, "
              f"n = {s.n_since:,}; early indicator: {wording.early_text(s, 'en')}")
    if watch.rule and not watch.signals:
        say("  " + t("signals.none", window=wording.window_text(watch.window, "en")))
    if bt.reference:
        say(t("signals.backtest") + ": " + t("signals.backtest_scope", ref_start=f"{bt.reference[0]:%Y-%m}",
                                               ref_end=f"{bt.reference[1]:%Y-%m}", start=f"{bt.watched[0]:%Y-%m}",
                                               end=f"{bt.watched[1]:%Y-%m}", series=bt.series))
        for row in bt.changes.to_dict("records"):
            first = f"{row['first_signal']:%Y-%m}" if row["first_signal"] else t("signals.never")
            say(f"  changed: {wording.metric_name(row['metric'], 'en')} at {row['touchpoint']} · "
                  f"{row['unit'] or t('signals.all_units')} ({t('method.' + row['method'])}), first signalled {first}")
        if bt.stable_months:
            say("  " + t("signals.false", stable=bt.stable_series, alarms=bt.false_alarms,
                           months=f"{bt.stable_months:,}", per_year=f"{bt.false_alarms_a_year:.1f}",
                           allowed=f"{bt.allowed_a_year:g}", expected=f"{bt.expected_false_alarms:.1f}",
                           high=signals.poisson_upper(bt.expected_false_alarms)))
    return EXIT_OK


COMMANDS = {"app": cmd_app, "access": cmd_access, "import": cmd_import, "undo": cmd_undo, "demo": cmd_demo,
            "workspaces": cmd_workspaces, "summary": cmd_summary, "export": cmd_export, "settings": cmd_settings,
            "promises": cmd_promises, "signals": cmd_signals}
