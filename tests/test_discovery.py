"""Which files are notes: include/exclude globs relative to the config's folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from conftest import make_config

from notes_lint.discovery import find_notes


def layout(root: Path, *paths: str) -> None:
    for rel in paths:
        target = root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("# x\n", encoding="utf-8")


def found(root: Path, data: dict[str, Any]) -> list[str]:
    config = make_config(data, root)
    return [f.display for f in find_notes(config, cwd=root)]


def test_default_globs_skip_readmes_templates_and_tool_folders(tmp_path: Path) -> None:
    layout(
        tmp_path,
        "2024-01-01.md",
        "notes/2024/2024-01-08.md",
        "README.md",
        "notes/README.md",
        "notes/template.md",
        "node_modules/pkg/x.md",
        ".github/ISSUE_TEMPLATE/bug.md",
        "notes/data.txt",
    )
    assert found(tmp_path, {}) == ["2024-01-01.md", "notes/2024/2024-01-08.md"]


def test_a_glob_with_a_slash_is_anchored_and_double_star_crosses_folders(tmp_path: Path) -> None:
    layout(tmp_path, "notes/a.md", "notes/2024/b.md", "other/notes/c.md", "d.md")
    assert found(tmp_path, {"include": ["notes/**/*.md"]}) == ["notes/2024/b.md", "notes/a.md"]


def test_exclude_by_name_at_any_depth_by_folder_and_anchored(tmp_path: Path) -> None:
    layout(tmp_path, "a/drafts/x.md", "a/keep.md", "top.md", "a/top.md", "a/SKIP.md")
    data = {"include": ["*.md"], "exclude": ["drafts/", "/top.md", "SKIP.md"]}
    assert found(tmp_path, data) == ["a/keep.md", "a/top.md"]
