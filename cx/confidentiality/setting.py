"""The confidentiality minimum: who may set what.

The contract's floor is 3. The app never sets it below APP_FLOOR (5): anyone who can reach
the settings could otherwise lower it to read smaller groups. The command line (run by
whoever holds the workspace file, and so every answer in it anyway) may set 3 or 4, with a
warning. Pools for a higher minimum are unions of pools for a lower one (see `blocks`), so
figures seen before and after a change never combine into a group under the lower minimum.
"""
from __future__ import annotations

CONTRACT_FLOOR = 3
APP_FLOOR = 5
DEFAULT = 5
HIGHEST = 1_000
KEY = "confidentiality_min"


class MinimumRefused(ValueError):
    """A minimum that this route may not set; `code` and `values` render the sentence (cx.i18n)."""

    def __init__(self, code: str, **values):
        from cx.i18n import t

        super().__init__(t(code, "en", **values))
        self.code, self.values = code, values


def effective(value) -> int:
    """The minimum figures obey: the stored setting, never under the contract's floor."""
    return max(CONTRACT_FLOOR, int(value))


def lowest(via: str) -> int:
    """The lowest minimum a route may set: 'app' or 'cli'."""
    if via not in ("app", "cli"):
        raise ValueError("via must be 'app' or 'cli'")
    return APP_FLOOR if via == "app" else CONTRACT_FLOOR


def check(value: int, via: str) -> str | None:
    """Refuse a minimum this route may not set; return a warning code for 3 or 4 (command line only)."""
    floor = lowest(via)
    if value < floor or value > HIGHEST:
        raise MinimumRefused(f"conf.setting.range_{via}", low=floor, high=HIGHEST, value=value)
    return "conf.setting.low_warning" if value < APP_FLOOR else None


def set_minimum(workspace, value: int, via: str) -> str | None:
    """Store the minimum after `check`; returns the warning code, if any."""
    warning = check(int(value), via)
    workspace.set_setting(KEY, int(value))
    return warning
