"""Moved to cx.imports.map (issue 15: one folder for the import steps). This name stays the very same
module object, so code and tests written against cx.mapping keep working."""
import sys

from cx.imports import map as _moved

sys.modules[__name__] = _moved
