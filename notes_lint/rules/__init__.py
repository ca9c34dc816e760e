"""The rule catalogue (PRODUCT.md §5): one module per rule, each with ``INFO`` and ``check()``."""

from __future__ import annotations

from dataclasses import dataclass

from notes_lint.rules import (
    nl101_date_heading,
    nl102_filename_date,
    nl103_required_section,
    nl104_unknown_section,
    nl105_section_order,
    nl106_duplicate_section,
    nl107_empty_section,
    nl108_heading_level,
    nl109_unknown_person,
    nl201_bare_url,
    nl202_github_link_text,
    nl203_private_host,
    nl204_https,
    nl205_empty_link,
    nl206_missing_file,
    nl207_missing_fragment,
    nl208_undefined_reference,
    nl209_url_scheme,
    nl301_todo_owner,
    nl302_todo_owner_roster,
    nl303_due_date,
    nl304_empty_todo,
    nl401_frontmatter_yaml,
    nl402_frontmatter_schema,
    nl403_document_schema,
    nl901_unreadable,
)
from notes_lint.rules.base import Check, Context, Finding, RuleInfo


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    check: Check


RULES: tuple[Rule, ...] = tuple(
    Rule(module.INFO, module.check)
    for module in (
        nl101_date_heading,
        nl102_filename_date,
        nl103_required_section,
        nl104_unknown_section,
        nl105_section_order,
        nl106_duplicate_section,
        nl107_empty_section,
        nl108_heading_level,
        nl109_unknown_person,
        nl201_bare_url,
        nl202_github_link_text,
        nl203_private_host,
        nl204_https,
        nl205_empty_link,
        nl206_missing_file,
        nl207_missing_fragment,
        nl208_undefined_reference,
        nl209_url_scheme,
        nl301_todo_owner,
        nl302_todo_owner_roster,
        nl303_due_date,
        nl304_empty_todo,
        nl401_frontmatter_yaml,
        nl402_frontmatter_schema,
        nl403_document_schema,
        nl901_unreadable,
    )
)
RULES_BY_CODE = {rule.info.code: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_CODE", "Context", "Finding", "Rule", "RuleInfo"]
