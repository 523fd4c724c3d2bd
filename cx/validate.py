"""From cells as read to typed contract rows, with a plain reason for every rejected row.

Vectorised with pandas: a million rows are checked column by column, and only
the failing rows are visited one by one to write their reasons. A row with any
problem is rejected whole; the others load. Problems with the whole file (dates
that could be day-first or month-first, an exclude rule naming a missing
column) raise FileRejected with one sentence.
"""
from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cx import schema
from cx.profiles import ImportProfile
from cx.readers import FileRejected, TableText

DEFAULT_MISSING = ("", "NA", "N/A", "n/a", "#N/A", "-", "NULL", "null", "None", "nan")
EARLIEST = pd.Timestamp("1990-01-01")
LABELS = {"nps": "NPS", "ces": "CES", "csat": "CSAT", "fcr": "First contact resolution", "enps": "eNPS",
          "responded_at": "The date", "response_id": "The response id", "role_clarity": "Role clarity"}
TRUE_WORDS = {"1", "true", "yes", "y", "x", "kyllä", "kylla", "k", "ratkesi", "resolved", "tosi", "ja", "1.0"}
FALSE_WORDS = {"0", "false", "no", "n", "ei", "e", "not resolved", "epätosi", "nej", "0.0"}
CHOICE_WORDS = {
    "level": {"transaction": "transaction", "transactional": "transaction", "asiointi": "transaction",
              "tnps": "transaction", "touchpoint": "transaction", "relationship": "relationship",
              "relational": "relationship", "asiakassuhde": "relationship", "suhde": "relationship",
              "rnps": "relationship"},
    "method": {"survey": "survey", "kysely": "survey", "questionnaire": "survey",
               "mystery shopping": "mystery_shopping", "mystery_shopping": "mystery_shopping",
               "mystery shop": "mystery_shopping", "haamuasiointi": "mystery_shopping",
               "interview": "interview", "haastattelu": "interview", "third party interview": "interview",
               "third-party interview": "interview"},
}
DATE_FORMATS = (
    "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y %H.%M", "%d.%m.%Y", "%d.%m.%y",
    "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y", "%d/%m/%y",
    "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%y",
    "%m/%d/%Y %I:%M:%S %p", "%m/%d/%Y %I:%M %p",
    "%d-%m-%Y", "%m-%d-%Y", "%Y/%m/%d", "%Y/%m/%d %H:%M:%S", "%d %b %Y", "%d %B %Y",
)
DAY_FIRST = {f for f in DATE_FORMATS if f.startswith("%d")}
MONTH_FIRST = {f for f in DATE_FORMATS if f.startswith("%m")}


@dataclass
class Prepared:
    """Typed rows ready to insert (column `_line` = source data line) and what was left out."""

    frame: pd.DataFrame
    rejections: list[tuple[int, str]]
    rows_read: int
    rows_skipped: int
    notes: list[str] = field(default_factory=list)


def label(column: str) -> str:
    return LABELS.get(column, column.replace("_", " ").capitalize())


def prepare(table: TableText, kind: str, columns: dict[int, str], profile: ImportProfile | None,
            sha: str, today: dt.date, decimal: str | None = None) -> Prepared:
    """Check every contract rule on every row; see the module docstring."""
    spec = schema.TABLES[kind]
    profile = profile or ImportProfile(kind=kind)
    frame = table.frame
    rows_read = len(frame)
    notes: list[str] = []
    reasons: dict[int, list[str]] = defaultdict(list)
    for line, reason in table.bad_rows.items():
        reasons[line].append(reason)
    keep = _not_excluded(table, profile)
    blank = frame.isna().all(axis=1).to_numpy() if len(frame.columns) else np.ones(rows_read, bool)
    skipped = int((~keep | blank).sum())
    keep &= ~blank
    src = _source(table, columns, keep)
    missing = set(profile.missing if profile.missing is not None else DEFAULT_MISSING)
    if profile.wide:
        src = _widen(table, src, keep, profile, missing)
    decimal = profile.decimal or decimal or "."
    out = pd.DataFrame({"_line": src["_line"].to_numpy()})
    for col in spec.columns:
        if col.name == "import_id":
            continue
        raw = src[col.name] if col.name in src else pd.Series([None] * len(src), dtype=object)
        raw = _apply_values(raw.reset_index(drop=True), col.name, profile, missing)
        if col.name in profile.constants:
            raw = raw.where(raw.notna(), profile.constants[col.name])
        values, bad = _parse(col, raw, decimal, profile, table, today, notes)
        out[col.name] = values
        for i in np.flatnonzero(bad):
            reasons[int(out["_line"].iat[i])].append(bad[i] if isinstance(bad[i], str) else "")
    _rules(spec, out, reasons)
    _fill_ids(spec, out, sha, reasons, bool(profile.wide))
    line_reasons = {line: "; ".join(r for r in rs if r) for line, rs in reasons.items()}
    rejected_lines = set(line_reasons)
    ok = ~out["_line"].isin(rejected_lines).to_numpy()
    rejections = sorted(line_reasons.items())
    return Prepared(out[ok].reset_index(drop=True), rejections, rows_read, skipped, notes)


# -- which rows and cells --------------------------------------------------------------

def _header_index(table: TableText, header: str, what: str) -> int:
    for i, h in enumerate(table.headers):
        if h == header or h.strip() == str(header).strip():
            return i
    raise FileRejected(f"The {what} names the column '{header}', which is not in the file.", "bad_setting")


def _text(series: pd.Series) -> pd.Series:
    """Cells as trimmed text for comparisons (numbers without a trailing .0)."""
    def one(v):
        if v is None or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        return str(v).strip()
    return series.map(one)


def _not_excluded(table: TableText, profile: ImportProfile) -> np.ndarray:
    keep = np.ones(len(table.frame), bool)
    for header, values in profile.exclude.items():
        idx = _header_index(table, header, "exclude rule")
        keep &= ~_text(table.frame[idx]).isin(values).to_numpy()
    return keep


def _source(table: TableText, columns: dict[int, str], keep: np.ndarray) -> pd.DataFrame:
    data = {"_line": np.flatnonzero(keep) + 1}
    for index, column in columns.items():
        if column in data:
            raise FileRejected(f"Two columns are mapped to {column}; map each contract column once.", "bad_setting")
        data[column] = table.frame[index].to_numpy(dtype=object)[keep]
    return pd.DataFrame(data)


def _widen(table: TableText, src: pd.DataFrame, keep: np.ndarray, profile: ImportProfile,
           missing: set) -> pd.DataFrame:
    """One row per respondent and value column; not-applicable and unanswered cells make no row."""
    wide = profile.wide
    mapped_to_none = {k for k, v in {**profile.values.get("*", {}), **profile.values.get(wide.metric, {})}.items()
                      if v is None}
    missing_text = {str(v) for v in wide.missing_values} | missing | mapped_to_none | {""}
    parts = []
    for k, (header, name) in enumerate(wide.value_columns.items()):
        idx = _header_index(table, header, "wide layout")
        cells = table.frame[idx].to_numpy(dtype=object)[keep]
        text = _text(pd.Series(cells, dtype=object))
        answered = (text.notna() & ~text.isin(missing_text)).to_numpy()
        part = src.loc[answered].copy()
        part[wide.into] = name
        part[wide.metric] = cells[answered]
        part["_wide"] = k
        parts.append(part)
    if not parts:
        return src.iloc[0:0].assign(_wide=0)
    return pd.concat(parts, ignore_index=True).sort_values(["_line", "_wide"], kind="stable")


def _apply_values(raw: pd.Series, column: str, profile: ImportProfile, missing: set) -> pd.Series:
    mapping = dict(profile.values.get("*", {}))
    mapping.update(profile.values.get(column, {}))
    raw = raw.astype(object)
    if mapping:
        text = _text(raw)
        hit = text.isin(list(mapping))
        if hit.any():
            raw = raw.where(~hit, text[hit].map(mapping))
            raw = raw.astype(object).where(raw.notna(), None)
    is_text = raw.map(lambda v: isinstance(v, str))
    if is_text.any():
        stripped = raw[is_text].str.strip()
        raw = raw.where(~(is_text & raw.index.isin(stripped[stripped.isin(missing)].index)), None)
    return raw


# -- parsing ---------------------------------------------------------------------------

def _parse(col: schema.Column, raw: pd.Series, decimal: str, profile: ImportProfile, table: TableText,
           today: dt.date, notes: list[str]):
    """Typed values and, per row, False or the reason it fails."""
    present = raw.notna().to_numpy()
    if col.kind in ("int", "float"):
        return _numbers(col, raw, present, decimal)
    if col.kind == "bool":
        return _booleans(col, raw, present)
    if col.kind == "choice":
        return _choices(col, raw, present)
    if col.kind in ("timestamp", "date"):
        return _dates(col, raw, present, profile, table, today, notes)
    text = raw.map(lambda v: None if _blank(v) else (v if col.name == "comment" and isinstance(v, str)
                                                     else _as_text(v)))
    text = text.where(text.map(lambda v: v is not None and v != ""), None)
    return text.astype(object).to_numpy(), np.zeros(len(raw), dtype=object)


def _blank(v) -> bool:
    return v is None or v is pd.NA or (isinstance(v, float) and v != v)


def _as_text(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()
    return str(v).strip()


def _numbers(col: schema.Column, raw: pd.Series, present: np.ndarray, decimal: str):
    def clean(v):
        if isinstance(v, str):
            v = v.strip().replace("\u00a0", "").replace(" ", "")
            if decimal == ",":
                v = v.replace(".", "").replace(",", ".") if col.kind == "float" else v.replace(",", ".")
            return v
        if isinstance(v, bool):
            return np.nan
        return v
    cleaned = raw.map(clean) if raw.map(lambda v: isinstance(v, str)).any() else raw
    num = pd.to_numeric(cleaned, errors="coerce").to_numpy(dtype=float)
    bad_value = present & np.isnan(num)
    out_of_range = present & ~bad_value & (
        ((num < col.low) if col.low is not None else False) | ((num > col.high) if col.high is not None else False))
    fractional = present & ~bad_value & (col.kind == "int") & (np.mod(num, 1) != 0)
    bad = np.zeros(len(raw), dtype=object)
    if col.kind == "int":
        rule = f"{label(col.name)} must be a whole number {_range(col)}"
    else:
        rule = f"{label(col.name)} must be a number {_range(col)}"
    for i in np.flatnonzero(bad_value | out_of_range | fractional):
        bad[i] = f"{rule}, got {_shown(raw.iat[i])}"
    if col.kind == "int":
        values = pd.array(np.where(present & ~(bad != 0), num, np.nan), dtype="Float64").round().astype("Int64")
    else:
        values = pd.array(np.where(present & ~(bad != 0), num, np.nan), dtype="Float64")
    return values, bad


def _range(col: schema.Column) -> str:
    if col.low is None:
        return ""
    if col.high is not None and col.high < 1e6:
        return f"{col.low:g}–{col.high:g}"
    return f"of at least {col.low:g}"


def _shown(value) -> str:
    text = _as_text(value) if not isinstance(value, str) else value
    text = text.replace("\n", " ").replace("\r", " ")
    return repr(text[:40] + ("…" if len(text) > 40 else ""))


def _booleans(col: schema.Column, raw: pd.Series, present: np.ndarray):
    text = _text(raw).str.lower()
    truth = text.isin(TRUE_WORDS).to_numpy()
    false = text.isin(FALSE_WORDS).to_numpy()
    bad = np.zeros(len(raw), dtype=object)
    for i in np.flatnonzero(present & ~truth & ~false):
        bad[i] = f"{label(col.name)} must be yes or no (1/0), got {_shown(raw.iat[i])}"
    values = pd.array(np.where(truth, True, np.where(false, False, None)), dtype="boolean")
    return values, bad


def _choices(col: schema.Column, raw: pd.Series, present: np.ndarray):
    words = CHOICE_WORDS[col.name]
    text = _text(raw).str.lower().str.replace("_", " ")
    mapped = text.map(lambda v: words.get(v) if v is not None else None)
    bad = np.zeros(len(raw), dtype=object)
    wrong = present & mapped.isna().to_numpy()
    for i in np.flatnonzero(wrong):
        bad[i] = f"{label(col.name)} must be {' or '.join(col.choices)}, got {_shown(raw.iat[i])}"
    values = mapped.where(mapped.notna(), col.default).astype(object).to_numpy()
    return values, bad


def _dates(col, raw, present, profile, table, today, notes):
    """One format per column: the profile's, or the one that reads the whole column."""
    n = len(raw)
    out = pd.Series(pd.NaT, index=range(n), dtype="datetime64[us]")
    bad = np.zeros(n, dtype=object)
    kinds = raw.map(lambda v: "s" if isinstance(v, str) else ("d" if isinstance(v, (dt.date, dt.datetime))
                    else ("n" if isinstance(v, (int, float)) and not isinstance(v, bool) else "x")))
    is_str = (kinds == "s").to_numpy() & present
    is_native = (kinds == "d").to_numpy()
    is_num = (kinds == "n").to_numpy() & present
    if is_native.any():
        out[is_native] = pd.to_datetime(pd.Series(raw[is_native].map(_native_datetime)), errors="coerce")
    if is_num.any():
        if table.file_type == "xlsx":
            origin = "1904-01-01" if table.decisions.get("date_system") == "1904" else "1899-12-30"
            serial = pd.to_numeric(raw[is_num], errors="coerce")
            out[is_num] = pd.to_datetime(serial, unit="D", origin=origin, errors="coerce")
        else:
            for i in np.flatnonzero(is_num):
                bad[i] = f"{label(col.name)} {_shown(raw.iat[i])} is a number, not a date"
    if is_str.any():
        strings = raw[is_str].astype(str).str.strip()
        fmt = profile.date_format or _detect_format(strings, table.headers, col.name)
        parsed = _to_datetime(strings, fmt)
        out[is_str] = parsed.to_numpy()
        for i in np.flatnonzero(is_str)[parsed.isna().to_numpy()]:
            bad[i] = f"{label(col.name)} {_shown(raw.iat[i])} is not a date in the column's format ({_human(fmt)})"
        if not profile.date_format:
            notes.append(f"Dates in {col.name} read as {_human(fmt)}.")
    latest = pd.Timestamp(today) + pd.Timedelta(days=1)
    future = (out >= latest).to_numpy()
    early = (out < EARLIEST).to_numpy()
    for i in np.flatnonzero(future):
        bad[i] = f"{label(col.name)} {out.iat[i]:%Y-%m-%d} is in the future"
    for i in np.flatnonzero(early):
        bad[i] = f"{label(col.name)} {out.iat[i]:%Y-%m-%d} is before 1990"
    for i in np.flatnonzero(present & out.isna().to_numpy() & (bad == 0)):
        bad[i] = f"{label(col.name)} {_shown(raw.iat[i])} is not a date"
    if col.kind == "date":
        out = out.dt.to_period("M").dt.to_timestamp()
        return out.dt.date.astype(object).where(out.notna(), None).to_numpy(), bad
    return out, bad


def _native_datetime(v):
    if isinstance(v, dt.datetime):
        return v.replace(tzinfo=None)
    return dt.datetime(v.year, v.month, v.day)


def _to_datetime(strings: pd.Series, fmt: str) -> pd.Series:
    if fmt == "ISO8601":
        parsed = pd.to_datetime(strings, format="ISO8601", errors="coerce", utc=True)
        return parsed.dt.tz_convert(None)
    return pd.to_datetime(strings, format=fmt, errors="coerce")


def _human(fmt: str) -> str:
    if fmt == "ISO8601":
        return "YYYY-MM-DD"
    return (fmt.replace("%d", "DD").replace("%m", "MM").replace("%Y", "YYYY").replace("%y", "YY")
            .replace("%H", "hh").replace("%I", "hh").replace("%M", "mm").replace("%S", "ss").replace("%p", "AM/PM")
            .replace("%b", "Mon").replace("%B", "Month"))


def _detect_format(strings: pd.Series, headers, column: str) -> str:
    """The format that reads every value; never a guess between day-first and month-first."""
    sample = pd.Series(strings.unique()[:5000])
    if _to_datetime(sample, "ISO8601").notna().all() and sample.str.match(r"^\d{4}-\d{2}-\d{2}").all():
        return "ISO8601"
    scores = {f: int(pd.to_datetime(sample, format=f, errors="coerce").notna().sum()) for f in DATE_FORMATS}
    full = [f for f, s in scores.items() if s == len(sample)]
    day, month = [f for f in full if f in DAY_FIRST], [f for f in full if f in MONTH_FIRST]
    if day and month:
        a = pd.to_datetime(sample, format=day[0], errors="coerce")
        b = pd.to_datetime(sample, format=month[0], errors="coerce")
        differ = sample[(a != b).to_numpy()]
        if len(differ):
            example = differ.iloc[0]
            raise FileRejected(
                f"The dates in column {column} could be read day-first or month-first (is {example} "
                f"the {a[(a != b).to_numpy()].iloc[0]:%d %B} or the {b[(a != b).to_numpy()].iloc[0]:%d %B}?). "
                "Set the date format, for example %d/%m/%Y, and import again.", "ambiguous_dates")
    if full:
        return full[0]
    best = max(scores, key=lambda f: scores[f])
    if scores[best] == 0:
        iso = int(_to_datetime(sample, "ISO8601").notna().sum())
        return "ISO8601" if iso else best
    return best


# -- rules across columns --------------------------------------------------------------

def _rules(spec: schema.Table, out: pd.DataFrame, reasons) -> None:
    lines = out["_line"].to_numpy()
    for col in spec.columns:
        if col.required:
            for i in np.flatnonzero(out[col.name].isna().to_numpy()):
                reasons[int(lines[i])].append(f"{label(col.name)} is missing")
    if spec.needs_one_of:
        empty = out[list(spec.needs_one_of)].isna().all(axis=1).to_numpy()
        names = ", ".join(label(c) for c in spec.needs_one_of)
        for i in np.flatnonzero(empty):
            if int(lines[i]) not in reasons:  # a score that failed to parse is reason enough
                reasons[int(lines[i])].append(f"has no score (needs at least one of {names})")
    if spec.name == "customer_responses":
        need_tp = ((out["level"] == "transaction") & out["touchpoint"].isna()).to_numpy()
        for i in np.flatnonzero(need_tp):
            reasons[int(lines[i])].append("The touchpoint is missing (needed for transaction answers)")


def _fill_ids(spec: schema.Table, out: pd.DataFrame, sha: str, reasons, wide: bool) -> None:
    """Generate missing response ids and reject repeats within the file."""
    if "response_id" in spec.column_names:
        ids = out["response_id"]
        generated = out["_line"].map(lambda line: f"{sha[:12]}-{line}")
        if wide:
            suffix = out.get("touchpoint", pd.Series([""] * len(out))).fillna("").astype(str)
            given = ids.notna()
            ids = ids.where(~given, ids.astype(str) + "/" + suffix)
            generated = generated + "/" + suffix
        out["response_id"] = ids.where(ids.notna(), generated).astype(object)
    key = spec.key[0] if spec.key and spec.name != "imports" else None
    if key:
        dup = out[key].duplicated(keep="first").to_numpy() & out[key].notna().to_numpy()
        if dup.any():
            first = out.drop_duplicates(key).set_index(key)["_line"]
            for i in np.flatnonzero(dup):
                value = out[key].iat[i]
                reasons[int(out["_line"].iat[i])].append(
                    f"{label(key)} {_shown(value)} appears twice in the file (first on line {first[value]})")
