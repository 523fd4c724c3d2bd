"""Moved to cx.imports.check (issue 15: one folder for the import steps). This name stays the very same
module object, so code and tests written against cx.validate keep working."""
import sys

from cx.imports import check as _moved

sys.modules[__name__] = _moved
