"""The rule catalogue (PRODUCT.md §5): one module per rule, each with ``INFO`` and ``check()``.

A rule module is named after its code (``nl301_todo_owner.py``); adding a file
here adds the rule.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from notes_lint.rules.base import Check, Context, Finding, RuleInfo


@dataclass(frozen=True)
class Rule:
    info: RuleInfo
    check: Check


def _discover() -> tuple[Rule, ...]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("nl"))
    modules = [importlib.import_module(f"{__name__}.{name}") for name in names]
    return tuple(Rule(module.INFO, module.check) for module in modules)


RULES: tuple[Rule, ...] = _discover()
RULES_BY_CODE = {rule.info.code: rule for rule in RULES}

__all__ = ["RULES", "RULES_BY_CODE", "Context", "Finding", "Rule", "RuleInfo"]
