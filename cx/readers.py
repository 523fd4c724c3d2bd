"""Moved to cx.imports.read (issue 15: one folder for the import steps). This name stays the very same
module object, so code and tests written against cx.readers keep working."""
import sys

from cx.imports import read as _moved

sys.modules[__name__] = _moved
