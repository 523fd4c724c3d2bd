"""Read untrusted .xlsx bytes without letting a crafted file take the app down.

python-calamine is fast but aborts the whole process on some crafted files (a far-away cell
makes it allocate rows x columns cells; a zip bomb inflates without bound). So reading has two
layers:

1. Structural checks here, before anything parses: zip member sizes (declared, total and
   compression ratio), the real inflated size of every member (streamed, never more than the
   declared size plus one chunk in memory), no ``<!DOCTYPE``/``<!ENTITY`` in any XML part, and
   each sheet's extent (its ``<dimension>``, or its cell references when that is missing or
   implausible) within row, column and cell limits.
2. The calamine parse itself in a short-lived child process (``python -P xlsx_safe.py``) with
   an address-space limit and a wall-time limit. An abort, a memory error or a hang kills only
   the child and becomes ``WorkbookRefused``. The child answers with pickles that hold plain
   data only (dates travel as tagged tuples) and are loaded with an unpickler that refuses every
   class, so even a compromised child cannot run code in the app.

The member-size verification (the slow part of layer 1, a full inflate) runs while the child is
already parsing: the child is sandboxed, and overlapping the two keeps a 100,000-row read close
to the speed of a bare calamine read. The cheap checks always finish before the child gets the
bytes.

This file is also the child's script, so it imports only the standard library at the top.
"""
from __future__ import annotations

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
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

MAX_TOTAL_INFLATED = 400 * 1024 * 1024   # all members together, as declared and as inflated
MAX_MEMBERS = 10_000
MAX_RATIO = 250                          # inflated / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 5 * 1024 * 1024
MAX_ROWS = 1_048_576                     # Excel's own limit
MAX_COLUMNS = 1_000
MAX_CELLS = 20_000_000
CHILD_MEMORY = 1536 * 1024 * 1024        # address space of the parsing child
CHILD_SECONDS = 120.0
CHUNK_ROWS = 20_000                      # rows per reply frame from the child
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
    """The first rows of one sheet, as the child parsed them."""
    facts: SheetFacts
    start: tuple[int, int] | None  # 0-based (row, col) of the top-left cell with data
    rows: list[list[object]]


@dataclass
class SheetCells:
    """All (or the first nrows) rows of one sheet, column by column (numpy object arrays)."""
    name: str
    start: tuple[int, int] | None
    columns: list

    @property
    def height(self) -> int:
        return len(self.columns[0]) if self.columns else 0


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


def _receive_cells(child: _Child, name: str) -> SheetCells:
    import numpy as np

    blocks = []
    while True:
        reply = child.receive()
        if reply.get("done"):
            break
        blocks.append(_load_rows(reply))
    widths = {b.shape[1] for b in blocks}
    if len(widths) > 1:
        raise _refuse_damaged()
    block = np.concatenate(blocks) if len(blocks) > 1 else (blocks[0] if blocks else np.empty((0, 0), object))
    columns = [block[:, i] for i in range(block.shape[1])]
    return SheetCells(name=name, start=_start(reply.get("start")), columns=columns)


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


def read_sheet(data: bytes, *, sheet: str | None, choose: Callable[[Sequence[SheetHead]], str],
               nrows: int | None = None) -> tuple[WorkbookFacts, SheetCells, list[SheetHead]]:
    """Read one worksheet in the child: the named one, the only one, or the one choose() picks.

    Returns the workbook facts, the cells (column arrays, cleaned) and, when a choice was made,
    the heads it was made on. The full-size verification runs while the child parses.
    """
    with _Child() as child:  # started first: its interpreter boots while the structure is checked
        facts = inspect_workbook(data)
        if sheet is not None:
            _check_sheet(facts, sheet)
        child.send({"op": "open", "data": data})
        target = sheet if sheet is not None else (facts.worksheets[0].name if len(facts.worksheets) == 1 else None)
        if target is None:
            child.send({"op": "heads", "names": [s.name for s in facts.worksheets], "nrows": HEAD_ROWS})
        else:
            child.send({"op": "read", "name": target, "nrows": nrows})
        verify_members(data, facts)
        child.receive()
        heads: list[SheetHead] = []
        if target is None:
            heads = _receive_heads(child, facts)
            target = choose(heads)
            child.send({"op": "read", "name": target, "nrows": nrows})
        return facts, _receive_cells(child, target), heads


# ----------------------------------------------------------------------------- inside the child

def _limit_memory() -> None:
    try:
        import resource
    except ImportError:  # not on Windows: the wall-time limit still applies
        return
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_MEMORY, CHILD_MEMORY))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _child_main() -> None:
    _limit_memory()
    gc.disable()  # short-lived and acyclic: collection passes over the row lists would only cost time
    from itertools import islice

    import python_calamine

    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but frames on the reply pipe
    book = None
    sheets: dict[str, object] = {}

    def sheet_named(name: str):
        if name not in sheets:
            sheets[name] = book.get_sheet_by_name(name)
        return sheets[name]

    while True:
        request = _read_frame(requests, trusted=True)
        if request is None:
            return
        try:
            op = request["op"]
            if op == "open":
                book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(request["data"]))
                _write_frame(replies, {"ok": True})
            elif op == "heads":
                heads = []
                for name in request["names"]:
                    sheet = sheet_named(name)
                    rows = list(islice(sheet.iter_rows(), request["nrows"]))
                    heads.append({"start": sheet.start, "rows": rows})
                _write_frame(replies, {"heads": heads})
            elif op == "read":
                sheet = sheet_named(request["name"])
                rows = sheet.iter_rows()
                if request["nrows"] is not None:
                    rows = islice(rows, request["nrows"])
                while chunk := list(islice(rows, CHUNK_ROWS)):
                    _write_frame(replies, {"rows": chunk})
                _write_frame(replies, {"done": True, "start": sheet.start})
        except MemoryError:
            _write_frame(replies, {"error": "MemoryError"})
        except Exception as exc:  # calamine errors and anything unexpected: report, keep the pipe in sync
            _write_frame(replies, {"error": type(exc).__name__, "detail": str(exc)[:300]})


if __name__ == "__main__" and sys.argv[1:] == ["--child"]:
    _child_main()
