"""Read untrusted .xlsx bytes without letting a crafted file take the app down.

python-calamine is fast but aborts the whole process on some crafted files (a far-away cell
makes it allocate rows x columns cells; a zip bomb inflates without bound). So reading has two
layers:

1. Structural checks here, before anything parses: zip member sizes (declared, total and
   compression ratio), the real inflated size of every member (streamed, never more than the
   declared size plus one chunk in memory), no ``<!DOCTYPE``/``<!ENTITY`` in any XML part, and
   each sheet's extent (its ``<dimension>``, or its cell references when that is missing or
   implausible) within row, column and cell limits.
2. The calamine parse itself in short-lived child processes (``python -P xlsx_safe.py``) with
   an address-space limit and a wall-time limit. An abort, a memory error or a hang kills only
   the child and becomes ``WorkbookRefused``. The child answers with pickles that hold plain
   data only, loaded with an unpickler that refuses every class but the four datetime types, so
   even a compromised child cannot run code in the app. The answers travel as typed columns
   (a kind code per cell, each kind's cells packed: "cells on the wire"), which the app turns
   into Arrow without a Python object per cell, and a big sheet is parsed by two children at
   once, each on its own run of rows ("one sheet, parsed in parts").

The member-size verification (the slow part of layer 1, a full inflate) runs while the children
are already parsing: they are sandboxed, and overlapping the two keeps a read close to the speed
of a bare calamine read. The cheap checks always finish before a child gets the bytes.

This file is also the child's script, so it imports only the standard library at the top.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import datetime
import gc
import io
import os
import pickle
import posixpath
import re
import struct
import subprocess
import sys
import tempfile
import threading
import zipfile
import zlib
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import chain, compress, islice
from operator import itemgetter

MAX_TOTAL_INFLATED = 400 * 1024 * 1024   # all members together, as declared and as inflated
MAX_MEMBERS = 10_000
MAX_RATIO = 250                          # inflated / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
MAX_ROWS = 1_048_576                     # Excel's own limit
MAX_COLUMNS = 1_000
MAX_CELLS = 20_000_000
CHILD_MEMORY = 1536 * 1024 * 1024        # address space of the parsing child
CHILD_SECONDS = 120.0
CHUNK_CELLS = 60_000                     # cells per reply frame from the child
INFLATE_STEP = 1024 * 1024

_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="([A-Za-z]{1,3}\d{1,7})(?::([A-Za-z]{1,3}\d{1,7}))?"')
_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,7})")
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SHEET_KINDS = {"worksheet": "worksheet", "chartsheet": "chartsheet", "dialogsheet": "dialogsheet",
                "xlMacrosheet": "macrosheet", "xlIntlMacrosheet": "macrosheet"}


class Refusal(Exception):
    """A file that will not be read: str(exc) is one sentence for the user, code a stable key
    (for translations and tests). Base of WorkbookRefused here and FileRejected in cx.readers."""

    def __init__(self, message: str, code: str = "unreadable"):
        super().__init__(message)
        self.code = code


class WorkbookRefused(Refusal):
    """The workbook cannot be read safely."""


@dataclass
class SheetFacts:
    """One sheet as the workbook's own XML describes it, before any cell is parsed."""
    name: str
    part: str
    kind: str          # "worksheet", "chartsheet", ...
    hidden: bool
    rows: int          # extent from the dimension (or the cell references)
    cols: int
    first_row: int     # 1-based
    first_col: int
    needs_scan: bool = False  # no usable <dimension>: extent comes from the cell references
    xml_bytes: int = 0        # the sheet part's inflated size, as the zip declares it


@dataclass
class WorkbookFacts:
    sheets: list[SheetFacts]
    date1904: bool
    scanned: set[str] = field(default_factory=set)  # members already inflated in full

    @property
    def worksheets(self) -> list[SheetFacts]:
        return [s for s in self.sheets if s.kind == "worksheet"]


@dataclass
class SheetHead:
    """The first rows of one sheet (or of one part of it), as the child parsed them (cleaned: see
    clean_rows)."""
    facts: SheetFacts | None
    start: tuple[int, int] | None  # 0-based (row, col) of the top-left cell with data
    rows: list[list[object]]       # from row `top`, from column start[1]
    width: int = 0
    height: int = 0                # rows from `top` to the last row with cells
    top: int = 0                   # 0-based sheet row of rows[0]: 0 except for a later part of a split read
    split: bool = False            # the child read only its part of the sheet's rows


@dataclass
class SheetCells:
    """One sheet as read: its first rows as Python values and its answers as typed columns."""
    name: str
    start: tuple[int, int] | None
    head: list[list[object]]   # the first head_rows rows, header included
    columns: object            # pyarrow Table of struct columns (typed_table), from body_start on
    parts: int = 1             # how many children parsed it (see split_workbook)


# ----------------------------------------------------------------------------- structure checks

def _refuse_damaged() -> WorkbookRefused:
    return WorkbookRefused("The workbook is damaged and cannot be opened: save it again in Excel or export it as CSV.",
                           "damaged_workbook")


_BOMB_REASONS = {
    "size": f"unpacks to more than {MAX_TOTAL_INFLATED // 2**20} MB, more than this app reads from a workbook: "
            "export it as CSV instead",
    "ratio": "is packed far tighter than any real spreadsheet (it may be a zip bomb), so it was not opened",
    "members": f"holds more than {MAX_MEMBERS:,} parts (it may be a zip bomb), so it was not opened",
    "lie": "unpacks to more data than it declares (it may be a zip bomb), so it was not opened",
}


def _refuse_bomb(reason: str) -> WorkbookRefused:
    return WorkbookRefused(f"The workbook {_BOMB_REASONS[reason]}.", "zip_bomb")


def _open_zip(data: bytes) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise _refuse_damaged() from exc


def _check_sizes(archive: zipfile.ZipFile) -> None:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _refuse_bomb("members")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise WorkbookRefused("The workbook is password-protected: remove the password in Excel and upload again.",
                                  "password_protected")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse_damaged()
        total += info.file_size
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise _refuse_bomb("ratio")
        if total > MAX_TOTAL_INFLATED:
            raise _refuse_bomb("size")


def _member_payload(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """The compressed bytes of one member, located through its local header."""
    offset = info.header_offset
    header = data[offset:offset + 30]
    if len(header) < 30 or header[:4] != b"PK\x03\x04":
        raise _refuse_damaged()
    name_length, extra_length = struct.unpack("<HH", header[26:30])
    start = offset + 30 + name_length + extra_length
    end = start + info.compress_size
    if end > len(data):
        raise _refuse_damaged()
    return memoryview(data)[start:end]


def inflate_member(data: bytes, info: zipfile.ZipInfo, limit: int | None = None):
    """Yield the inflated bytes of one member in chunks, refusing more than it declared.

    A member whose real inflated size exceeds its declared size is refused as soon as the extra
    byte appears; one that ends early, or whose stream is cut, is refused as damaged. With limit,
    stop quietly after that many bytes (used to read a sheet's opening tags).
    """
    payload = _member_payload(data, info)
    if info.compress_type == zipfile.ZIP_STORED:
        if len(payload) != info.file_size:
            raise _refuse_damaged()
        for start in range(0, len(payload), INFLATE_STEP):
            if limit is not None and start >= limit:
                return
            yield bytes(payload[start:start + INFLATE_STEP])
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    produced = 0
    pending: bytes | memoryview = payload
    try:
        while True:
            chunk = inflater.decompress(pending, INFLATE_STEP)
            pending = inflater.unconsumed_tail
            if chunk:
                produced += len(chunk)
                if produced > info.file_size:
                    raise _refuse_bomb("lie")
                yield chunk
                if limit is not None and produced >= limit:
                    return
            if inflater.eof:
                break
            if not chunk and not pending:
                chunk = inflater.flush()
                if chunk:
                    produced += len(chunk)
                    if produced > info.file_size:
                        raise _refuse_bomb("lie")
                    yield chunk
                if not inflater.eof:
                    raise _refuse_damaged()
                break
    except zlib.error as exc:
        raise _refuse_damaged() from exc
    if produced != info.file_size:
        raise _refuse_damaged()


def _refuse_declarations(chunk: bytes, previous_tail: bytes) -> None:
    if b"!" not in chunk and b"!" not in previous_tail:
        return  # one memchr pass: cell XML rarely holds a '!', and "<" is in every tag the full search stops at
    window = previous_tail + chunk
    if any(token in window for token in _FORBIDDEN):
        raise WorkbookRefused("The workbook contains XML declarations (DOCTYPE/ENTITY) that Excel never writes, "
                              "so it was not opened.", "xml_declarations")


def _check_encoding(first_chunk: bytes) -> None:
    """XML parts must be UTF-8: a UTF-16 part could hide a DOCTYPE from the byte scan."""
    if first_chunk[:2] in (b"\xff\xfe", b"\xfe\xff") or first_chunk[:2] in (b"<\x00", b"\x00<"):
        raise WorkbookRefused("The workbook uses an XML encoding that Excel never writes, so it was not opened.",
                              "xml_declarations")


def _read_xml(data: bytes, archive: zipfile.ZipFile, name: str, facts_scanned: set[str]) -> bytes:
    """Inflate a small XML part in full (workbook, relationships), with every check applied."""
    try:
        info = archive.getinfo(name)
    except KeyError as exc:
        raise _refuse_damaged() from exc
    parts = []
    tail = b""
    for chunk in inflate_member(data, info):
        if not parts:
            _check_encoding(chunk)
        _refuse_declarations(chunk, tail)
        tail = chunk[-16:]
        parts.append(chunk)
    facts_scanned.add(name)
    return b"".join(parts)


def _parse_xml(text: bytes):
    import xml.etree.ElementTree as ElementTree  # safe here: DOCTYPE/ENTITY were refused before

    try:
        return ElementTree.fromstring(text)
    except (ElementTree.ParseError, LookupError, ValueError) as exc:  # LookupError: unknown encoding name
        raise _refuse_damaged() from exc


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(data: bytes, archive: zipfile.ZipFile, part: str, scanned: set[str]) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type suffix, member name) for one part."""
    folder, base = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", base + ".rels")
    if rels_name not in archive.NameToInfo:
        return {}
    result = {}
    for rel in _parse_xml(_read_xml(data, archive, rels_name, scanned)):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            continue
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        result[rel.get("Id", "")] = (rel.get("Type", "").rsplit("/", 1)[-1], member)
    return result


def _workbook_part(data: bytes, archive: zipfile.ZipFile, scanned: set[str]) -> str:
    names = archive.NameToInfo
    if "mimetype" in names and "content.xml" in names:
        raise WorkbookRefused("OpenDocument spreadsheets (.ods) are not supported: save it as .xlsx or CSV.",
                              "ods_not_supported")
    for kind, member in _relationships(data, archive, "", scanned).values():
        if kind == "officeDocument" and member in names:
            return member
    if "xl/workbook.xml" in names:
        return "xl/workbook.xml"
    if "xl/workbook.bin" in names:
        raise WorkbookRefused("Binary .xlsb workbooks are not supported: save it as .xlsx or CSV.", "xlsb_not_supported")
    raise WorkbookRefused("The file is a zip archive, not an Excel workbook: upload an .xlsx or CSV file.",
                          "not_a_workbook")


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _parse_ref(ref: str) -> tuple[int, int]:
    match = _REF.fullmatch(ref)
    if not match:
        raise _refuse_damaged()
    return int(match.group(2)), column_number(match.group(1))


def _within_limits(first_row: int, first_col: int, last_row: int, last_col: int) -> bool:
    rows = last_row - first_row + 1
    cols = last_col - first_col + 1
    return last_row <= MAX_ROWS and last_col <= MAX_COLUMNS and rows * cols <= MAX_CELLS


def _refuse_extent(name: str, last_row: int, last_col: int) -> WorkbookRefused:
    return WorkbookRefused(
        f"The sheet '{name}' reaches row {last_row:,} and column {last_col:,}, more than this app reads "
        f"(at most {MAX_COLUMNS:,} columns and {MAX_CELLS:,} cells).", "sheet_too_large")


class _ExtentScan:
    """The real extent of a sheet from its row and cell references, fed chunk by chunk.

    Only the longest column letters seen in a chunk can hold its widest column, so the common
    one- or two-letter sheets cost a couple of regex passes, not a Python loop over cells.
    """

    # In sheet XML only <row> and <c> carry an attribute named r: digits on rows, letters+digits
    # on cells. Plain patterns keep the scan at regex speed (~0.1 s per 70 MB pass).
    _ROWS = re.compile(rb' r="(\d{1,7})"')
    _LETTERS = [re.compile(rb' r="([A-Z]{%d})\d' % n) for n in (4, 3, 2, 1)]

    def __init__(self) -> None:
        self.first_row = sys.maxsize
        self.last_row = 0
        self.last_col = 0

    def feed(self, window: bytes) -> None:
        rows = [int(r) for r in self._ROWS.findall(window)]
        if rows:
            self.first_row = min(self.first_row, min(rows))
            self.last_row = max(self.last_row, max(rows))
        for pattern in self._LETTERS:
            letters = set(pattern.findall(window))
            if letters:
                self.last_col = max(self.last_col, max(column_number(x.decode()) for x in letters))
                break

    def extent(self) -> tuple[int, int, int, int]:
        if not self.last_row:
            return 1, 1, 0, 0
        return self.first_row, 1, self.last_row, max(self.last_col, 1)


def _sheet_extent(data: bytes, archive: zipfile.ZipFile, part: str) -> tuple[int, int, int, int] | None:
    """The extent a sheet's <dimension> declares, or None when it is missing or beyond the limits
    (then verify_members scans the cell references instead)."""
    try:
        info = archive.getinfo(part)
    except KeyError as exc:
        raise _refuse_damaged() from exc
    opening = b"".join(inflate_member(data, info, limit=64 * 1024))
    _check_encoding(opening)
    _refuse_declarations(opening, b"")
    match = _DIMENSION.search(opening)
    if not match:
        return None
    first_row, first_col = _parse_ref(match.group(1).decode())
    last_row, last_col = _parse_ref(match.group(2).decode()) if match.group(2) else (first_row, first_col)
    if not _within_limits(first_row, first_col, last_row, last_col):
        return None
    return first_row, first_col, last_row, last_col


def inspect_workbook(data: bytes) -> WorkbookFacts:
    """Check the zip and the workbook structure and list the sheets; raise WorkbookRefused if unsafe.

    Cheap: inflates only the workbook, its relationships and the first 64 KB of each sheet.
    """
    archive = _open_zip(data)
    _check_sizes(archive)
    scanned: set[str] = set()
    part = _workbook_part(data, archive, scanned)
    root = _parse_xml(_read_xml(data, archive, part, scanned))
    relationships = _relationships(data, archive, part, scanned)
    date1904 = False
    sheets: list[SheetFacts] = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "workbookPr":
            date1904 = element.get("date1904", "").lower() in ("1", "true")
        elif tag == "sheet":
            rel_id = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            kind, member = relationships.get(rel_id, ("", ""))
            sheet = SheetFacts(name=element.get("name", ""), part=member, kind=_SHEET_KINDS.get(kind, kind or "unknown"),
                               hidden=element.get("state", "visible") != "visible", rows=0, cols=0,
                               first_row=1, first_col=1)
            if sheet.kind == "worksheet" and member in archive.NameToInfo:
                sheet.xml_bytes = archive.NameToInfo[member].file_size
                extent = _sheet_extent(data, archive, member)
                if extent is None:
                    sheet.needs_scan = True
                else:
                    _set_extent(sheet, extent)
            sheets.append(sheet)
    if not any(s.kind == "worksheet" for s in sheets):
        raise WorkbookRefused("The workbook has no worksheets to read.", "no_worksheets")
    return WorkbookFacts(sheets=sheets, date1904=date1904, scanned=scanned)


def _set_extent(sheet: SheetFacts, extent: tuple[int, int, int, int]) -> None:
    sheet.first_row, sheet.first_col, last_row, last_col = extent
    sheet.rows = max(last_row - sheet.first_row + 1, 0)
    sheet.cols = max(last_col - sheet.first_col + 1, 0)


def verify_members(data: bytes, facts: WorkbookFacts) -> None:
    """Inflate every member not yet inflated in full and refuse the workbook if one is unsafe.

    Real inflated size within the declared size, the total within MAX_TOTAL_INFLATED, no DTD in
    any XML part, and for sheets without a usable <dimension> the real extent from the cell
    references within the limits.
    """
    archive = _open_zip(data)
    scans = {s.part: s for s in facts.worksheets if s.needs_scan}
    total = 0
    for info in archive.infolist():
        if info.filename in facts.scanned or info.is_dir():
            total += info.file_size
            continue
        is_xml = info.filename.lower().endswith(_XML_SUFFIXES)
        sheet = scans.get(info.filename)
        scan = _ExtentScan() if sheet else None
        tail = b""
        first = True
        for chunk in inflate_member(data, info):
            total += len(chunk)
            if total > MAX_TOTAL_INFLATED:
                raise _refuse_bomb("lie")
            if is_xml:
                if first:
                    _check_encoding(chunk)
                _refuse_declarations(chunk, tail)
                if scan:
                    scan.feed(tail + chunk)
                tail = chunk[-64:]
            first = False
        if sheet and scan:
            extent = scan.extent()
            if not _within_limits(*extent):
                raise _refuse_extent(sheet.name, extent[2], extent[3])
            _set_extent(sheet, extent)
            sheet.needs_scan = False
        facts.scanned.add(info.filename)


# ----------------------------------------------------------------------------- child process

_CELL_CLASSES = {("datetime", name): getattr(datetime, name) for name in ("datetime", "date", "time", "timedelta")}


class _DataOnlyUnpickler(pickle.Unpickler):
    """Loads containers, strings, numbers and the four datetime value types; refuses anything else,
    so a reply cannot make this process call an arbitrary function."""

    def find_class(self, module, name):
        try:
            return _CELL_CLASSES[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"refused {module}.{name} in a worker reply") from None


_HEADER = struct.Struct("<Q")
_MAX_FRAME = 1 << 31


def _write_frame(stream, payload: object) -> None:
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.fast = True  # no memo: cells are never shared or cyclic, and dumping gets about 4x faster
    pickler.dump(payload)
    stream.write(_HEADER.pack(buffer.tell()))
    stream.write(buffer.getbuffer())
    stream.flush()


def _read_exact(stream, size: int) -> bytes | None:
    parts = []
    remaining = size
    while remaining:
        chunk = stream.read(remaining)
        if not chunk:
            return None
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _read_frame(stream, trusted: bool) -> object | None:
    header = _read_exact(stream, _HEADER.size)
    if header is None:
        return None
    (size,) = _HEADER.unpack(header)
    if size > _MAX_FRAME:
        return None
    body = _read_exact(stream, size)
    if body is None:
        return None
    if trusted:
        return pickle.loads(body)
    return _DataOnlyUnpickler(io.BytesIO(body)).load()


def _refuse_unsafe(reason: str) -> WorkbookRefused:
    return WorkbookRefused(f"The workbook could not be read safely ({reason}): save it again in Excel or export "
                           "it as CSV.", "unsafe_workbook")


class _Child:
    """One parsing child process: requests go in as pickles, data-only replies come back."""

    def __init__(self, seconds: float = CHILD_SECONDS):
        self._stderr = tempfile.TemporaryFile()
        self._timed_out = threading.Event()
        command = [sys.executable, "-P", os.path.abspath(__file__), "--child"]
        self._process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                         stderr=self._stderr, close_fds=True)
        self._timer = threading.Timer(seconds, self._on_timeout)
        self._timer.daemon = True
        self._timer.start()

    def _on_timeout(self) -> None:
        self._timed_out.set()
        self._process.kill()

    def _failure(self) -> WorkbookRefused:
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._timed_out.is_set():
            return _refuse_unsafe(f"it took longer than {int(CHILD_SECONDS)} seconds")
        code = self._process.returncode
        return _refuse_unsafe("the reader ran out of memory or stopped" if code else "the reader stopped")

    def send(self, request: dict) -> None:
        try:
            _write_frame(self._process.stdin, request)
        except (BrokenPipeError, OSError, ValueError) as exc:
            raise self._failure() from exc

    def receive(self) -> dict:
        collecting = gc.isenabled()
        gc.disable()  # a reply is ~100,000 fresh lists: generational passes over them only cost time
        try:
            reply = _read_frame(self._process.stdout, trusted=False)
        except (pickle.UnpicklingError, EOFError, ValueError, OSError, TypeError) as exc:
            raise self._failure() from exc
        finally:
            if collecting:
                gc.enable()
        if not isinstance(reply, dict):
            raise self._failure()
        if "error" in reply:
            raise _child_error(reply)
        return reply

    def close(self, kill: bool = False) -> None:
        """End the child: kill it when reading failed, else close its input so it exits by itself.

        Its exit (freeing a parsed workbook) is awaited on a daemon thread, not by the caller.
        """
        self._timer.cancel()
        if kill and self._process.poll() is None:
            self._process.kill()
        for stream in (self._process.stdin, self._process.stdout):
            try:
                stream.close()
            except OSError:
                pass
        threading.Thread(target=_reap, args=(self._process, self._stderr), daemon=True).start()

    def __enter__(self) -> _Child:
        return self

    def __exit__(self, exc_type, exc, traceback) -> None:
        self.close(kill=exc_type is not None)


def _reap(process: subprocess.Popen, stderr) -> None:
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    stderr.close()


def _child_error(reply: dict) -> WorkbookRefused:
    kind = reply.get("error")
    if kind == "PasswordError":
        return WorkbookRefused("The workbook is password-protected: remove the password in Excel and upload again.",
                               "password_protected")
    if kind == "MemoryError":
        return _refuse_unsafe("the reader ran out of memory")
    return _refuse_damaged()


def clean_rows(rows: list[list[object]]):
    """calamine rows -> a 2-D object array of contract cell values: '' -> None, whole floats -> int.

    Vectorised with numpy (about 0.1 s per million cells) and run on each chunk as it arrives,
    while the child is still reading the next one.
    """
    import numpy as np

    width = len(rows[0]) if rows else 0
    block = np.empty((len(rows), width), dtype=object)
    if not rows or not width:
        return block
    block[:] = rows
    flat = block.reshape(-1)
    flat[flat == ""] = None
    floats = np.flatnonzero(np.frompyfunc(type, 1, 1)(flat) == float)  # noqa: E721 (elementwise, exact type)
    if len(floats):
        numbers = flat[floats].astype(np.float64)
        whole = (numbers == np.trunc(numbers)) & (np.abs(numbers) < 2.0**53)
        flat[floats[whole]] = numbers[whole].astype(np.int64).astype(object)
    return block


def _load_rows(reply: dict, key: str = "rows"):
    rows = reply[key]
    if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
        raise _refuse_damaged()
    if rows and len({len(r) for r in rows}) != 1:
        raise _refuse_damaged()
    try:
        return clean_rows(rows)
    except (ValueError, TypeError) as exc:  # a cell that is not a cell value
        raise _refuse_damaged() from exc


def _start(start: object) -> tuple[int, int] | None:
    return (int(start[0]), int(start[1])) if isinstance(start, tuple | list) and len(start) == 2 else None


def _check_sheet(facts: WorkbookFacts, name: str) -> SheetFacts:
    for sheet in facts.worksheets:
        if sheet.name == name:
            return sheet
    names = ", ".join(s.name for s in facts.worksheets)
    raise WorkbookRefused(f"The workbook has no sheet named '{name}'; its sheets are: {names}.", "no_such_sheet")


def _receive_head(child: _Child) -> SheetHead:
    reply = child.receive()
    width, height = reply.get("width"), reply.get("height", 0)
    if not isinstance(width, int) or width < 0 or not isinstance(height, int) or height < 0:
        raise _refuse_damaged()
    rows = _load_rows(reply).tolist()
    if rows and len(rows[0]) != width:
        raise _refuse_damaged()
    top = reply.get("top", 0)
    if not isinstance(top, int) or top < 0:
        raise _refuse_damaged()
    return SheetHead(facts=None, start=_start(reply.get("start")), rows=rows, width=width, height=height, top=top,
                     split=reply.get("split") is True)


def _receive_body(child: _Child, width: int) -> list[list[tuple[int, dict]]]:
    """The encoded chunks of the body, decoded as they arrive (while the child encodes the next):
    a list of (rows, fields) parts per column."""
    parts: list[list[tuple[int, dict]]] = [[] for _ in range(width)]
    while True:
        reply = child.receive()
        if reply.get("done"):
            return parts
        rows, columns = reply.get("rows"), reply.get("columns")
        if not isinstance(rows, int) or rows < 0 or not isinstance(columns, list) or len(columns) != width:
            raise _refuse_damaged()
        for column, encoded in zip(parts, columns, strict=True):
            column.append(decode_part(encoded, rows))


def _receive_heads(child: _Child, facts: WorkbookFacts) -> list[SheetHead]:
    reply = child.receive()
    heads = []
    for sheet, encoded in zip(facts.worksheets, reply["heads"], strict=True):
        rows = _load_rows(encoded).tolist()
        heads.append(SheetHead(facts=sheet, start=_start(encoded["start"]), rows=rows))
    return heads


HEAD_ROWS = 60


def sheet_heads(data: bytes, nrows: int = HEAD_ROWS) -> tuple[WorkbookFacts, list[SheetHead]]:
    """The first nrows rows of every worksheet (for sheet choice and list_sheets)."""
    with _Child() as child:  # started first: its interpreter boots while the structure is checked
        facts = inspect_workbook(data)
        child.send({"op": "open", "data": data})
        child.send({"op": "heads", "names": [s.name for s in facts.worksheets], "nrows": nrows})
        verify_members(data, facts)
        child.receive()
        return facts, _receive_heads(child, facts)


class _ReadWhole(Exception):
    """The parts of a split read do not fit together: read the sheet in one child instead."""


def read_sheet(data: bytes, *, sheet: str | None, choose: Callable[[Sequence[SheetHead]], str],
               head_rows: int, body_start: Callable[[SheetHead], int],
               nrows: int | None = None, parts: int | None = None) -> tuple[WorkbookFacts, SheetCells]:
    """Read one worksheet in sandboxed children: the named one, the only one, or the one choose() picks.

    The first child sends the sheet's first head_rows rows; body_start(head) says at which of them
    the answers start (after the header and the rows that belong to it), and the rows from there on
    (at most nrows) come back as typed columns. A big sheet is parsed by PARTS children at once
    (see split_workbook); `parts` forces the number. The full-size verification of the workbook
    runs while the children parse.
    """
    try:
        return _read_sheet(data, sheet, choose, head_rows, body_start, nrows, parts)
    except _ReadWhole:
        return _read_sheet(data, sheet, choose, head_rows, body_start, nrows, 1)


def _parts_for(sheet: SheetFacts, nrows: int | None) -> int:
    if nrows is not None or sheet.rows < SPLIT_MIN_ROWS or sheet.xml_bytes > SPLIT_MAX_BYTES:
        return 1
    return min(PARTS, os.cpu_count() or 1)


def _read_sheet(data, sheet, choose, head_rows, body_start, nrows, parts) -> tuple[WorkbookFacts, SheetCells]:
    with contextlib.ExitStack() as stack:
        children = [stack.enter_context(_Child())]  # started first: it boots while the structure is checked
        facts = inspect_workbook(data)
        if sheet is not None:
            _check_sheet(facts, sheet)
        target = sheet if sheet is not None else (facts.worksheets[0].name if len(facts.worksheets) == 1 else None)
        if target is None:
            parts = 1
        elif parts is None:
            parts = _parts_for(_check_sheet(facts, target), nrows)
        children += [stack.enter_context(_Child()) for _ in range(parts - 1)]
        for child in children:
            child.send({"op": "open", "data": data, "parse": parts == 1})
        if target is None:
            children[0].send({"op": "heads", "names": [s.name for s in facts.worksheets], "nrows": HEAD_ROWS})
        else:
            _request_parts(children, facts, target, head_rows)
        verify_members(data, facts)
        for child in children:
            child.receive()
        if target is None:
            target = choose(_receive_heads(children[0], facts))
            _request_parts(children, facts, target, head_rows)
        heads = [_receive_head(child) for child in children]
        if parts > 1 and not all(h.split for h in heads):
            raise _ReadWhole()  # the rows could not be cut (every child finds that alike)
        head = _joined_head(heads, head_rows)
        head.facts = _check_sheet(facts, target)
        first = body_start(head)
        for k, child in enumerate(children):
            child.send({"op": "body", "first": first if k == 0 else 0, "nrows": nrows})
        pool = concurrent.futures.ThreadPoolExecutor(max_workers=len(children))
        try:  # each child's body read at once: a child whose pipe is not drained stops sending
            bodies = list(pool.map(_receive_body, children, [h.width for h in heads]))
        finally:
            pool.shutdown(wait=False)  # on failure the children are killed on the way out, ending the reads
        columns = typed_table(_joined_body(heads, bodies, first, head))
        return facts, SheetCells(name=target, start=head.start, head=head.rows, columns=columns, parts=parts)


def _request_parts(children: list[_Child], facts: WorkbookFacts, target: str, head_rows: int) -> None:
    member = _check_sheet(facts, target).part
    for k, child in enumerate(children):
        child.send({"op": "read", "name": target, "head": head_rows, "member": member, "part": k,
                    "parts": len(children)})


def _joined_head(heads: list[SheetHead], head_rows: int) -> SheetHead:
    """The first part's head rows, widened to the columns all parts span."""
    if len(heads) == 1:
        return heads[0]
    placed = [h for h in heads if h.start is not None and h.height]
    first = heads[0]
    if first.start is None or first.height <= head_rows:
        raise _ReadWhole()  # the first part must hold the whole head
    for earlier, later in zip(placed, placed[1:], strict=False):
        if later.top < earlier.top + earlier.height:
            raise _ReadWhole()  # rows out of order across the cut
    left = min(h.start[1] for h in placed)
    width = max(h.start[1] + h.width for h in placed) - left
    pad_left, pad_right = first.start[1] - left, width - (first.start[1] - left) - first.width
    rows = [[None] * pad_left + row + [None] * pad_right for row in first.rows]
    return SheetHead(facts=None, start=(first.start[0], left), rows=rows, width=width, height=first.height)


def _joined_body(heads: list[SheetHead], bodies: list, first: int, head: SheetHead) -> list[list[tuple[int, dict]]]:
    """The parts' columns placed at their sheet positions: empty columns where a part is narrower,
    empty rows where rows between two parts hold no cells."""
    if len(heads) == 1:
        return bodies[0]
    joined: list[list[tuple[int, dict]]] = [[] for _ in range(head.width)]
    next_row = None
    for k, (part, body) in enumerate(zip(heads, bodies, strict=True)):
        if part.start is None or not part.height:
            continue
        rows = sum(r for r, _ in body[0]) if body else 0
        top = part.top + (first if k == 0 else 0)
        if next_row is not None and top > next_row:
            for column in joined:
                column.append((top - next_row, {}))
        offset = part.start[1] - head.start[1]
        for j, column in enumerate(joined):
            column.extend(body[j - offset] if offset <= j < offset + part.width else [(rows, {})])
        next_row = top + rows
    return joined


# ----------------------------------------------------------------------------- cells on the wire

# A column of cells crosses the pipe as one kind code per cell plus each kind's cells packed
# together, so the app makes a handful of objects per column instead of one per cell (unpickling
# and converting 1.5 million cells one by one cost more than calamine's whole parse):
#   TEXT    strings joined with TEXT_SEPARATOR, UTF-8 (a list of str when a cell holds the separator)
#   NUMBER  float64 bytes
#   FLAG    one byte per yes/no cell
#   MOMENT  date-times and DAY dates as the 10- and 4-byte states their pickles hold (year high and
#           low byte, month, day, then hour, minute, second and 3 bytes of microseconds): that layout
#           is what every pickled datetime is made of, so Python keeps it stable
#   EMPTY   None (calamine itself gives '' for an empty cell; both end up as an empty cell)
# Times of day and durations travel as text (they are never dates or scores).
TEXT, NUMBER, FLAG, MOMENT, DAY, EMPTY = range(6)
TEXT_SEPARATOR = "\x01"
CELL_FIELDS = {TEXT: "text", NUMBER: "number", FLAG: "flag", MOMENT: "moment", DAY: "day"}


class _KindOf(dict):
    def __missing__(self, cell_type) -> int:
        return TEXT  # times, durations, anything unexpected: shown as its text


_KIND_OF = _KindOf({str: TEXT, float: NUMBER, int: NUMBER, bool: FLAG, datetime.datetime: MOMENT,
                    datetime.date: DAY, type(None): EMPTY})


def _as_text(cell: object) -> str:
    if type(cell) is str:
        return cell
    return cell.isoformat() if isinstance(cell, datetime.time) else str(cell)


def _pack(kind: int, cells: Sequence[object], types: set[type]):
    if kind == TEXT:
        texts = cells if types <= {str} else list(map(_as_text, cells))
        joined = TEXT_SEPARATOR.join(texts)
        return list(texts) if TEXT_SEPARATOR in joined else joined.encode("utf-8")
    if kind == NUMBER:
        return array("d", cells).tobytes()
    if kind == FLAG:
        return bytes(cells)
    if kind in (MOMENT, DAY):
        reduce = datetime.datetime.__reduce__ if kind == MOMENT else datetime.date.__reduce__
        return b"".join(map(itemgetter(0), map(itemgetter(1), map(reduce, cells))))
    raise ValueError(f"no packing for kind {kind}")


def encode_column(cells: Sequence[object]) -> dict:
    """One column of cells for the pipe: {"kinds": a kind for all or one byte per cell, kind: packed}."""
    types = set(map(type, cells))
    kinds = {_KIND_OF[t] for t in types}
    if len(kinds) <= 1:
        kind = kinds.pop() if kinds else EMPTY
        return {"kinds": kind} if kind == EMPTY else {"kinds": kind, kind: _pack(kind, cells, types)}
    codes = bytes(map(_KIND_OF.__getitem__, map(type, cells)))
    out: dict = {"kinds": codes}
    for kind in kinds - {EMPTY}:
        members = list(compress(cells, map(kind.__eq__, codes)))
        out[kind] = _pack(kind, members, set(map(type, members)) if kind == TEXT else types)
    return out


def typed_column(cells: Sequence[object]):
    """Python cell values -> the struct array the reading child's cells become (see _struct)."""
    return _struct([decode_part(encode_column(cells), len(cells))])


def typed_table(parts: list[list[tuple[int, dict]]]):
    """Decoded chunks, a list per column -> a pyarrow Table of struct columns named "0", "1", ..."""
    import pyarrow as pa

    return pa.table([_struct(column) for column in parts], names=[str(i) for i in range(len(parts))])


def _arrow_type(name: str):
    """The Arrow type of a struct field (pyarrow is imported here: this file is also the child's script)."""
    import pyarrow as pa

    return {"text": pa.string(), "number": pa.float64(), "flag": pa.bool_()}.get(name, pa.timestamp("us"))


def decode_part(encoded: object, rows: int) -> tuple[int, dict]:
    """One chunk of one column -> (rows, {field name: Arrow array of that many rows}).

    The reply comes from a child that parsed untrusted bytes: anything that does not decode to
    exactly `rows` cells raises WorkbookRefused."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    try:
        kinds = encoded["kinds"]
        if isinstance(kinds, int):
            fields = {} if kinds == EMPTY else {CELL_FIELDS[kinds]: _unpack(kinds, encoded[kinds])}
        else:
            codes = np.frombuffer(kinds, np.uint8)
            if len(codes) != rows or (codes > EMPTY).any():
                raise ValueError("kind codes that do not match the rows")
            fields = {name: _scatter(_unpack(kind, encoded[kind]), codes == kind)
                      for kind, name in CELL_FIELDS.items() if kind in encoded}
    except (KeyError, TypeError, ValueError, OverflowError) as exc:
        raise _refuse_damaged() from exc
    if any(len(values) != rows for values in fields.values()):
        raise _refuse_damaged()
    if "text" in fields:  # calamine's empty cell; done here, in the thread that receives the chunk
        text = fields["text"]
        fields["text"] = pc.if_else(pc.equal(text, ""), pa.scalar(None, pa.string()), text)
    return rows, fields


def _unpack(kind: int, packed: object):
    """A kind's cells, in order, as an Arrow array (numpy-built where that is cheaper)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if kind == TEXT:
        if isinstance(packed, list):
            return pa.array(packed, pa.string())
        joined = pa.array([bytes(packed)], pa.binary()).cast(pa.string())  # the cast checks the UTF-8
        return pc.split_pattern(joined, TEXT_SEPARATOR).flatten()
    if kind == NUMBER:
        return pa.array(np.frombuffer(packed, np.float64))
    if kind == FLAG:
        flags = np.frombuffer(packed, np.uint8)
        if (flags > 1).any():
            raise ValueError("a yes/no cell that is neither")
        return pa.array(flags.astype(bool))
    return pa.array(_moments(np.frombuffer(packed, np.uint8), kind == MOMENT))


def _moments(raw, with_time: bool):
    """Pickle states of dates (4 bytes) or date-times (10 bytes) -> datetime64[us], vectorised."""
    import numpy as np

    width = 10 if with_time else 4
    if len(raw) % width:
        raise ValueError("a date that is cut short")
    b = raw.reshape(-1, width).astype(np.int64)
    year, month, day = b[:, 0] * 256 + b[:, 1], b[:, 2] & 0x7F, b[:, 3]
    if ((year < 1) | (month < 1) | (month > 12) | (day < 1) | (day > 31)).any():
        raise ValueError("a date out of range")
    months = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
    stamps = months.astype("datetime64[D]").astype("datetime64[us]") + (day - 1) * 86_400_000_000
    if with_time:
        seconds = b[:, 4] * 3600 + b[:, 5] * 60 + b[:, 6]
        stamps = stamps + seconds * 1_000_000 + ((b[:, 7] << 16) | (b[:, 8] << 8) | b[:, 9])
    return stamps


def _scatter(values, where):
    """values (one per True in where) spread to len(where) rows, null elsewhere."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    if len(values) != int(where.sum()):
        raise ValueError("a kind's cells do not match its codes")
    positions = np.cumsum(where) - 1
    return pc.take(values, pa.array(positions, mask=~where))


def _struct(parts: list[tuple[int, dict]]):
    """Chunks of one column -> one struct array with a field per kind of cell the column holds
    (CELL_FIELDS; in each row the fields of other kinds are null), itself null where the cell is
    empty ('' or None)."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    names = [name for name in CELL_FIELDS.values() if any(name in fields for _, fields in parts)] or ["text"]
    children = []
    for name in names:
        pieces = [fields.get(name, pa.nulls(rows, _arrow_type(name))) for rows, fields in parts]
        children.append(pa.concat_arrays(pieces) if pieces else pa.nulls(0, _arrow_type(name)))
    rows = sum(r for r, _ in parts)
    filled = np.zeros(rows, bool)
    for child in children:
        if child.null_count < len(child):
            filled |= pc.is_valid(child).to_numpy(zero_copy_only=False)
    return pa.StructArray.from_arrays(children, names=names, mask=pa.array(~filled))


# ----------------------------------------------------------------------------- one sheet, parsed in parts

# calamine parses a sheet on one core, and its parse is most of a read. A big sheet is read by
# PARTS children at once instead: each cuts the sheet's rows into PARTS runs at row tags near
# equal byte offsets, keeps its own run in a copy of the workbook (the rest of the sheet's XML and
# every other member unchanged) and parses that. The app puts the runs back together by the
# positions calamine reports (_joined_body), so the cells are those of a whole-sheet parse;
# a sheet whose rows cannot be cut safely (no row numbers, comments, CDATA) is read whole.
PARTS = 2
SPLIT_MIN_ROWS = 20_000                  # smaller sheets: one child, the split would cost more than it saves
SPLIT_MAX_BYTES = 150 * 1024 * 1024      # bigger sheet XML: one child, so a part's copies fit CHILD_MEMORY
_SHEET_DATA = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?sheetData\b[^>]*>")
_UNCUTTABLE = (b"<![CDATA[", b"<!--", b"<?")    # inside them a row tag is not a row
_ROW_NUMBER = re.compile(rb'\sr\s*=\s*["\']\d+["\']')


def row_cuts(xml: bytes, parts: int) -> list[int] | None:
    """Byte offsets [start of the rows, cut 1, ..., end of the rows] cutting sheetData into parts
    runs of whole rows, each cut at a row tag that carries its row number; None when the rows
    cannot be cut safely."""
    opening = _SHEET_DATA.search(xml)
    if opening is None or opening.group(0).endswith(b"/>"):
        return None
    prefix = opening.group(1) + b":" if opening.group(1) else b""
    start, end = opening.end(), xml.rfind(b"</" + prefix + b"sheetData>")
    if end < start or any(xml.find(mark, start, end) >= 0 for mark in _UNCUTTABLE if xml.find(mark[1:2], start, end) >= 0):
        return None  # (a one-byte search first: cell XML seldom holds '!' or '?', and '<' starts every tag)
    tag = b"<" + prefix + b"row"
    cuts = [start]
    for k in range(1, parts):
        at = xml.find(tag, start + (end - start) * k // parts, end)
        while at >= 0 and xml[at + len(tag):at + len(tag) + 1] not in (b" ", b"\t", b"\r", b"\n", b">"):
            at = xml.find(tag, at + 1, end)
        if at < 0 or at <= cuts[-1] or not _ROW_NUMBER.search(xml, at, xml.find(b">", at, end)):
            return None
        cuts.append(at)
    return cuts + [end]


def split_workbook(data: bytes, member: str, part: int, parts: int) -> bytes | None:
    """The workbook with only the part-th run of rows in the sheet `member`, or None (see row_cuts)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read(member)
        cuts = row_cuts(xml, parts)
        if cuts is None:
            return None
        sheet = xml[:cuts[0]] + xml[cuts[part]:cuts[part + 1]] + xml[cuts[-1]:]
        del xml
        copy = io.BytesIO()
        with zipfile.ZipFile(copy, "w", zipfile.ZIP_STORED) as out:
            for info in archive.infolist():
                out.writestr(info.filename, sheet if info.filename == member else archive.read(info))
    return copy.getvalue()


# ----------------------------------------------------------------------------- inside the child

def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not on Windows: the wall-time limit still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _send_body(replies, rows, nrows: int | None, width: int) -> None:
    """The rows as encoded columns, a chunk of about CHUNK_CELLS cells per frame, then "done"."""
    if nrows is not None:
        rows = islice(rows, nrows)
    step = max(1, CHUNK_CELLS // max(width, 1))
    while chunk := list(islice(rows, step)):
        columns = [encode_column(cells) for cells in zip(*chunk, strict=True)]
        _write_frame(replies, {"rows": len(chunk), "columns": columns})
    _write_frame(replies, {"done": True})


def _child_main() -> None:
    _limit_memory()
    gc.disable()  # short-lived and acyclic: collection passes over the row lists would only cost time
    import python_calamine

    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the reply pipe
    data = book = None
    sheets: dict[str, object] = {}

    def sheet_named(name: str):
        nonlocal book
        if book is None:
            book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        if name not in sheets:
            sheets[name] = book.get_sheet_by_name(name)
        return sheets[name]

    def sheet_part(request: dict) -> tuple[object | None, bool]:
        """(this child's part of the sheet, True) from its own copy of the workbook, else (the whole
        sheet, False) for the first child and (None, False) for the others."""
        part, parts = request.get("part", 0), request.get("parts", 1)
        copy = split_workbook(data, request["member"], part, parts) if parts > 1 else None
        if copy is not None:
            book_part = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(copy))
            return book_part.get_sheet_by_name(request["name"]), True
        return (sheet_named(request["name"]) if part == 0 else None), False

    while True:
        request = _read_frame(requests, trusted=True)
        if request is None:
            return
        try:
            op = request["op"]
            if op == "open":
                data = request["data"]
                if request.get("parse", True):
                    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
                _write_frame(replies, {"ok": True})
            elif op == "heads":
                heads = []
                for name in request["names"]:
                    sheet = sheet_named(name)
                    rows = list(islice(sheet.iter_rows(), request["nrows"]))
                    heads.append({"start": sheet.start, "rows": rows})
                _write_frame(replies, {"heads": heads})
            elif op == "read":
                sheet, split = sheet_part(request)
                if sheet is None:
                    _write_frame(replies, {"split": False, "width": 0, "rows": []})
                    continue
                # iter_rows starts at the sheet's first row, empty rows above the data included; a later
                # part starts at its own first row with cells (to_python skips the rows above it)
                top = sheet.start[0] if request.get("part", 0) and sheet.start else 0
                rows = sheet.iter_rows() if not top else None  # a later part's rows: made when asked for
                height = sheet.end[0] + 1 - top if sheet.end else 0
                head = list(islice(rows, request["head"])) if request.get("part", 0) == 0 else []
                _write_frame(replies, {"start": sheet.start, "top": top, "width": sheet.width, "height": height,
                                       "rows": head, "split": split})
            elif op == "body":
                if rows is None:
                    rows = iter(sheet.to_python(skip_empty_area=True))
                _send_body(replies, chain(head[request["first"]:], islice(rows, request["first"] - len(head), None)
                                          if request["first"] > len(head) else rows), request["nrows"], sheet.width)
        except MemoryError:
            _write_frame(replies, {"error": "MemoryError"})
        except Exception as exc:  # calamine errors and anything unexpected: report, keep the pipe in sync
            _write_frame(replies, {"error": type(exc).__name__, "detail": str(exc)[:300]})


if __name__ == "__main__" and sys.argv[1:] == ["--child"]:
    _child_main()
