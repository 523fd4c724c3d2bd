"""Moved to cx.imports.layout (issue 15: one folder for the import steps). This name stays the very same
module object, so code and tests written against cx.detect keep working."""
import sys

from cx.imports import layout as _moved

sys.modules[__name__] = _moved
