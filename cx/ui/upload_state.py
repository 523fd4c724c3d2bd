"""The upload wizard's memory: which file is open, what was read, what the user changed.

Everything lives in `st.session_state`, keyed by the upload's sha256, so a rerun (any
widget change) never reads a large file again: reads are kept per (sha, read options,
row limit). A new file starts the wizard afresh.

Read options follow one rule: the reader detects everything the user has not set. An
option the user changes becomes an override; the other widgets always show what the
latest read decided, so changing the header row re-detects the rows to skip.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass

import streamlit as st

from cx import readers

READ_OPTIONS = ("sheet", "header_row", "skip_rows", "delimiter", "decimal", "encoding")
PREVIEW_READ_ROWS = 500          # rows read for the preview, the examples and the detection
KEPT_READS = 6                   # reads remembered per session (each is at most a preview)
KEEP = ("upload_file", "_upload_sha_of", "_upload_wizard_sha")
PREFIXES = ("upload_", "map_", "_upload_")


@dataclass(frozen=True)
class Upload:
    """The uploaded bytes with their name (uploaded text: show it only as plain text)."""

    name: str
    data: bytes
    sha: str


def upload_of(uploaded) -> Upload:
    """The Upload for a file_uploader value; its bytes are copied and hashed once per uploaded file."""
    known = st.session_state.get("_upload_sha_of")
    if known and known[0] == uploaded.file_id:
        _, sha, data = known  # the same bytes object every run: the remembered proposals share it
    else:
        data = uploaded.getvalue()
        sha = hashlib.sha256(data).hexdigest()
        st.session_state["_upload_sha_of"] = (uploaded.file_id, sha, data)
    return Upload(uploaded.name, data, sha)


def start(sha: str) -> bool:
    """Forget the previous file's wizard when another file arrives; True if this file is new."""
    if st.session_state.get("_upload_wizard_sha") == sha:
        return False
    for key in list(st.session_state):
        if isinstance(key, str) and key.startswith(PREFIXES) and key not in KEEP:
            del st.session_state[key]
    st.session_state["_upload_wizard_sha"] = sha
    return True


def restart() -> None:
    """Callback: read the open file again from scratch (every choice forgotten)."""
    st.session_state.pop("_upload_wizard_sha", None)


def forget() -> None:
    """The uploader was emptied: drop the wizard."""
    if st.session_state.pop("_upload_wizard_sha", None) is not None:
        start("")
        st.session_state.pop("_upload_wizard_sha", None)
    st.session_state.pop("_upload_sha_of", None)  # and its bytes


# ----------------------------------------------------------------------------- reads

class Unreadable(Exception):
    """A read failed; `reason` is the reader's own sentence (may quote the file), `code` its key."""

    def __init__(self, reason: str, code: str):
        super().__init__(reason)
        self.reason = reason
        self.code = code


def _remembered(key: tuple, produce):
    cache = st.session_state.setdefault("_upload_reads", {})
    if key not in cache:
        while len(cache) >= KEPT_READS:
            cache.pop(next(iter(cache)))
        try:
            cache[key] = produce()
        except readers.FileRejected as exc:
            cache[key] = Unreadable(str(exc), exc.code)
        except LookupError as exc:  # an encoding name Python does not know
            cache[key] = Unreadable(str(exc), "bad_encoding")
        except (ValueError, OSError, MemoryError) as exc:
            cache[key] = Unreadable(str(exc), "unreadable")
    result = cache[key]
    if isinstance(result, Unreadable):
        raise result
    return result


def sheets(upload: Upload) -> list[readers.SheetInfo]:
    """The workbook's sheets ([] for CSV), read once per file."""
    return _remembered((upload.sha, "sheets"), lambda: readers.list_sheets(upload.data, upload.name))


def read(upload: Upload, overrides: dict, max_rows: int | None = PREVIEW_READ_ROWS) -> readers.TableText:
    """The table as the reader sees it with these overrides (everything else detected)."""
    options = {k: v for k, v in overrides.items() if k in READ_OPTIONS and v is not None}
    key = (upload.sha, tuple(sorted(options.items())), max_rows)
    return _remembered(key, lambda: readers.read_table(upload.data, upload.name, max_rows=max_rows, **options))


def overrides() -> dict:
    """The read options the user has set (the rest is detected)."""
    return st.session_state.setdefault("_upload_overrides", {})


def set_override(option: str, value) -> None:
    overrides()[option] = value


def remember_decisions(decisions: dict) -> None:
    """What the latest read decided, so a widget callback can tell a real change from a resend."""
    st.session_state["_upload_decided"] = {k: decisions.get(k) for k in READ_OPTIONS}


def widget_changed(option: str) -> None:
    """Callback of the read-option widgets: a value other than the one detected becomes an override.

    The browser may resend a widget's value after another file arrived (the widget's key is
    gone by then); that is not a choice, so it is ignored.
    """
    value = st.session_state.get(f"upload_{option}")
    if value is None:
        return
    if option == "sheet" or value != st.session_state.get("_upload_decided", {}).get(option):
        set_override(option, value)


def reset_overrides() -> None:
    st.session_state["_upload_overrides"] = {}
