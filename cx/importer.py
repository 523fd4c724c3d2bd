"""Moved to cx.imports (issue 15: read → recognise → map → check → write, one module each).

This name stays for the code written against it (cx.team.actions, cx.commitments.register,
scripts): the same functions, from cx.imports.pipeline and cx.imports.write.
"""
from cx.imports.pipeline import (
                                 DuplicateFile,
                                 FileRejected,
                                 ImportResult,
                                 Rejection,
                                 earlier_import,
                                 import_file,
                                 preview,
                                 read,
                                 undo,
)
from cx.imports.write import DEFAULT_MAX_UPLOAD_MB, max_upload_mb, sha256

__all__ = ["DEFAULT_MAX_UPLOAD_MB", "DuplicateFile", "FileRejected", "ImportResult", "Rejection", "earlier_import",
           "import_file", "max_upload_mb", "preview", "read", "sha256", "undo"]
