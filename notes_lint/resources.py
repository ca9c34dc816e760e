"""Locating the JSON Schemas and presets shipped with the package.

A wheel carries ``schema/`` inside the package as ``notes_lint/schema``; a source
checkout (editable install, tests) has it beside the package.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve().parent


@functools.cache
def schema_dir() -> Path:
    for candidate in (_HERE / "schema", _HERE.parent / "schema"):
        if (candidate / "config.schema.json").is_file():
            return candidate
    raise FileNotFoundError("notes-lint's schema folder is missing from the installation")


def preset_dir() -> Path:
    return schema_dir() / "presets"


def preset_names() -> list[str]:
    return sorted(p.stem for p in preset_dir().glob("*.yaml"))


@functools.cache
def load_schema(name: str) -> dict[str, Any]:
    """A bundled JSON Schema by file name, e.g. ``config.schema.json``."""
    with (schema_dir() / name).open(encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data
