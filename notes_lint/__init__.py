"""notes-lint: lint Markdown meeting notes, track their TODOs, follow them up on GitHub.

The library API, for tools that embed notes-lint::

    from notes_lint import load_config, lint_text
    config = load_config()
    for diagnostic in lint_text(text, config, path="notes/2021-09-14.md"):
        print(diagnostic)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = [
    "Diagnostic",
    "Severity",
    "__version__",
    "lint_paths",
    "lint_text",
    "load_config",
    "parse_note",
]

if TYPE_CHECKING:
    from notes_lint.config import load_config
    from notes_lint.diagnostics import Diagnostic, Severity
    from notes_lint.linter import lint_paths, lint_text
    from notes_lint.parse import parse_note

_LAZY = {
    "load_config": "notes_lint.config",
    "Diagnostic": "notes_lint.diagnostics",
    "Severity": "notes_lint.diagnostics",
    "lint_paths": "notes_lint.linter",
    "lint_text": "notes_lint.linter",
    "parse_note": "notes_lint.parse",
}


def __getattr__(name: str) -> Any:
    """Import the API lazily so that ``notes-lint --version`` starts fast."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'notes_lint' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(module), name)
