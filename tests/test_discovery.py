"""Which files are notes: include/exclude globs relative to the config's folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import make_config
from hypothesis import given, settings
from hypothesis import strategies as st

from notes_lint.discovery import Globs, find_notes, simple_glob


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


COMPONENTS = st.sampled_from(
    ["notes", "node_modules", ".git", ".github", "README.md", "a.md", ".md", "x.mdx", "md", "b"]
)
SIMPLE_GLOBS = st.sampled_from(
    [
        "**/README.md",
        "**/a.md",
        "**/*.md",
        "**/*md",
        "**/*.mdx",
        "**/node_modules/**",
        "**/.git/**",
        "**/notes/**",
        "**/.md",
    ]
)


@given(path=st.lists(COMPONENTS, min_size=1, max_size=4), pattern=SIMPLE_GLOBS)
@settings(max_examples=500, deadline=None)
def test_simple_globs_match_as_wcmatch_does(path: list[str], pattern: str) -> None:
    """The globs decided without a regular expression agree with wcmatch's own matching."""
    from wcmatch import glob

    relative = "/".join(path)
    simple = simple_glob(pattern)
    assert simple is not None
    ours = Globs([pattern]).match(relative)
    assert ours == glob.globmatch(relative, pattern, flags=glob.GLOBSTAR | glob.DOTGLOB), relative


def test_other_globs_still_go_through_wcmatch(tmp_path: Path) -> None:
    layout(tmp_path, "notes/2024-01-01.md", "notes/drafts/wip-1.md", "notes/drafts/keep.md")
    data = {"include": ["notes/**/*.md"], "exclude": ["notes/drafts/wip-*.md"]}
    assert simple_glob("notes/**/*.md") is None and simple_glob("notes/drafts/wip-*.md") is None
    assert found(tmp_path, data) == ["notes/2024-01-01.md", "notes/drafts/keep.md"]
    # The second run reads the translation from the cache and decides the same.
    assert found(tmp_path, data) == ["notes/2024-01-01.md", "notes/drafts/keep.md"]


def test_links_are_followed_to_files_once_and_never_into_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    layout(tmp_path, "notes/a.md", "notes/2024/b.md", "elsewhere/c.md")
    (tmp_path / "notes" / "link.md").symlink_to(tmp_path / "notes" / "a.md")
    (tmp_path / "notes" / "folder-link").symlink_to(tmp_path / "notes" / "2024")
    (tmp_path / "notes" / "broken.md").symlink_to(tmp_path / "gone.md")
    (tmp_path / "notes" / "out.md").symlink_to(tmp_path / "elsewhere" / "c.md")
    config = make_config({"include": ["notes/**/*.md"]}, tmp_path)
    notes = find_notes(config, cwd=tmp_path)
    # link.md is a.md; out.md and broken.md are judged by where they lead, outside notes/;
    # the folder link is not walked into.
    assert [f.display for f in notes] == ["notes/2024/b.md", "notes/a.md"]
    assert [f.location for f in notes] == [
        str(tmp_path / "notes" / "2024" / "b.md"),
        str(tmp_path / "notes" / "a.md"),
    ]
    monkeypatch.chdir(tmp_path)  # paths given on the command line are relative to it
    given = find_notes(config, [Path("notes/link.md"), Path("notes/a.md")], cwd=tmp_path)
    assert [(f.location, f.display) for f in given] == [("notes/link.md", "notes/a.md")]
