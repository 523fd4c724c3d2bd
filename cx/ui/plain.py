"""Text from the data in a widget label or a markdown sentence: shown exactly as typed, never rendered.

Streamlit renders widget labels (and the options of radio, pills and segmented controls) as
markdown: images, links, colours, icons and LaTeX. Names from uploaded files (touchpoints,
units, ...) go through `plain()` before they become a label or a value in a sentence that
Streamlit renders as markdown (st.info, st.caption); it escapes every character
markdown or Streamlit's directives give a meaning to, so the reader sees the name as typed.
Two things survive escaping, because they are found in the text after it: web addresses
(`http://…`, `www.…`, `a@b.fi` become links) and `:icon:` directives. An invisible word
joiner (U+2060) after every `:`, `.` and `@` breaks them without changing what one sees.
"""
from __future__ import annotations

import re

_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-!|~<>$=^&\"'])")
_LINKERS = re.compile(r"([:.@])")
JOINER = "\u2060"


def plain(text: object) -> str:
    """`text` with every markdown-active character escaped, and line breaks as spaces."""
    flat = " ".join(str(text).split())
    return _LINKERS.sub(lambda m: "\\" + m.group(1) + JOINER, _MARKDOWN.sub(r"\\\1", flat))
