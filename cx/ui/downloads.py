"""Files the Data page hands out: templates, workspace exports, rejection reasons.

Everything a spreadsheet might open is formula-safe: a text cell that starts with
= + - @ tab or carriage return gets a leading apostrophe, so it stays text.
"""
from __future__ import annotations

import io
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path

import streamlit as st

from cx import export, schema, store
from cx.i18n import t
from cx.team import access, actions
from cx.team.access import User
from cx.ui import auth

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_FORMATS = ("xlsx", "csv", "parquet")


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """A formula-safe CSV (UTF-8 with a byte-order mark, so Excel reads the umlauts)."""
    out = io.StringIO()
    writer = export.csv_writer(out)
    writer.writerow([export.csv_safe(h) for h in header])
    writer.writerows([export.csv_safe(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")


# ----------------------------------------------------------------------------- templates

@st.cache_data(show_spinner=False)
def _template(kind: str) -> bytes:
    return export.template_workbook(kind)


def template_downloads(lang: str) -> None:
    """One button per importable table; each workbook has a notes sheet explaining its columns."""
    columns = st.columns(3) + st.columns(3)
    for column, kind in zip(columns, schema.IMPORTABLE, strict=False):
        column.download_button(t(f"table.{kind}", lang), _template(kind), f"cx-template-{kind}.xlsx", XLSX_MIME,
                               key=f"template_{kind}", on_click="ignore", icon=":material/download:",
                               width="stretch")


# ----------------------------------------------------------------------------- exports

def export_bytes(ws_name: str, fmt: str, user: User = access.LOCAL) -> bytes:
    """The workspace's tables as one XLSX file, or a zip of CSV or Parquet files (recorded for `user`).
    Employee answers never leave the app row by row: the protected employee figures go in their place."""
    ws = store.open_workspace(ws_name)
    with tempfile.TemporaryDirectory(prefix="cx-export-") as folder:
        out = Path(folder) / (f"{ws_name}.xlsx" if fmt == "xlsx" else ws_name)
        written = actions.export(ws, user, out, fmt, employee_rows=False)
        if fmt == "xlsx":
            return written[0].read_bytes()
        return zip_folder(out)


def zip_folder(folder: Path) -> bytes:
    """Every file under `folder`, with paths relative to it (Parquet partitions keep their folders)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            archive.write(path, path.relative_to(folder).as_posix())
    return buffer.getvalue()


def export_file_name(ws_name: str, fmt: str) -> tuple[str, str]:
    if fmt == "xlsx":
        return f"cx-{ws_name}.xlsx", XLSX_MIME
    return f"cx-{ws_name}-{fmt}.zip", "application/zip"


def export_download(ws_name: str, lang: str) -> None:
    """Pick a format; the file is built only when the button is pressed."""
    st.caption(t("export.intro", lang))
    st.caption(t("conf.export.note", lang))
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    fmt = left.segmented_control(t("export.format", lang), EXPORT_FORMATS, key="export_format", default="xlsx",
                                 format_func=lambda f: t(f"export.format.{f}", lang), required=True)
    name, mime = export_file_name(ws_name, fmt or "xlsx")
    # The file is built when the button is pressed, outside this run: who pressed it is fixed now.
    user = auth.actor()
    right.download_button(t("export.download", lang), partial(export_bytes, ws_name, fmt or "xlsx", user), name, mime,
                          key="export_download", on_click="ignore", icon=":material/download:", type="primary",
                          width="stretch")
