"""Where the app's own files are: the checkout, or their copy inside the installed package."""
from __future__ import annotations

from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent


def site_root() -> Path:
    """The folder holding app.py and pages/: the checkout, else `cx/_site` of an installed wheel."""
    return CHECKOUT if (CHECKOUT / "pages").is_dir() and (CHECKOUT / "app.py").exists() \
        else Path(__file__).resolve().parent / "_site"
