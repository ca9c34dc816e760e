"""The rule links the language server gives (``codeDescription``) land on a heading."""

from __future__ import annotations

import pytest
from conftest import ROOT

from notes_lint.rules import RULES
from notes_lint.slugs import unique_slugs

pytest.importorskip("lsprotocol", reason="the server extra is not installed (a dev dependency)")
from notes_lint.server.convert import rule_docs


def test_every_rule_link_has_its_heading_in_docs_rules_md() -> None:
    text = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    headings = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("## ")]
    anchors = set(unique_slugs(headings))
    for rule in RULES:
        url = rule_docs(rule.info.code)
        assert url.endswith("/docs/rules.md#" + rule.info.code.lower())
        assert url.rsplit("#", 1)[1] in anchors, (
            f"docs/rules.md has no heading for {rule.info.code}"
        )
