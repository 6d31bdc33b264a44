"""The library's own error classes.

Library code raises these; only ``cli.py`` turns them into one-line messages and exit codes,
so the library never imports click and never prints.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(BriefingError):
    """An input file cannot be used.  The message names the file and what to do."""

    def __init__(self, path: str, problem: str, hint: str = "") -> None:
        self.path = path
        self.problem = problem
        self.hint = hint
        msg = f"{path}: {problem}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class ModelError(BriefingError):
    """The spaCy language model cannot be loaded."""


class ConfigError(BriefingError):
    """The configuration file or an option is invalid."""


class RenderError(BriefingError):
    """A template or the PDF writer failed."""


class PublishError(BriefingError):
    """Writing or sending the output failed."""
