"""Which rules run: ruff's ``--select``, ``--extend-select`` and ``--ignore`` over a config.

A selector is a rule code (``NL301``), a prefix of codes (``NL3``, ``NL30``) or
``ALL``, case-insensitive; several may be given comma-separated or by repeating
the option.  As in ruff, ``--select`` replaces the set of rules that run,
``--extend-select`` adds to it, and ``--ignore`` removes from it; when a code
matches both sides, the more specific selector wins (``--select NL301 --ignore NL3``
runs NL301), and ``--ignore`` wins a tie.  A rule that runs keeps the severity the
config gives it; a rule the config turns ``off`` runs (at its default severity)
only when a selector names its full code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from notes_lint.errors import UsageError

if TYPE_CHECKING:
    from notes_lint.config import Config


def split_selectors(values: Sequence[str] | None, option: str) -> list[str] | None:
    """The selectors of a repeatable, comma-separated option, upper-cased and checked;
    None when the option was not given.  An unknown selector is a :class:`UsageError`."""
    if values is None:
        return None
    from notes_lint.matching import did_you_mean
    from notes_lint.rules import RULES_BY_CODE

    selectors: list[str] = []
    for value in values:
        for part in value.split(","):
            selector = part.strip().upper()
            if not selector:
                continue
            if selector != "ALL" and not any(code.startswith(selector) for code in RULES_BY_CODE):
                hint = did_you_mean(selector, list(RULES_BY_CODE))
                raise UsageError(
                    f"{option}: no rule code is or starts with {part.strip()!r}"
                    + (f"; did you mean {hint}?" if hint else "")
                    + " ('notes-lint rules' lists them)"
                )
            selectors.append(selector)
    return selectors


def _specificity(code: str, selectors: Iterable[str]) -> int:
    """The length of the longest selector matching ``code`` (``ALL``: 0), or -1 for none."""
    best = -1
    for selector in selectors:
        if selector == "ALL":
            best = max(best, 0)
        elif code.startswith(selector):
            best = max(best, len(selector))
    return best


def apply_selection(
    config: Config,
    select: list[str] | None,
    extend_select: list[str] | None,
    ignore: list[str] | None,
) -> None:
    """Set ``config.rules`` so that exactly the selected rules run (see the module doc).
    With none of the three options, the config is left as it is."""
    if select is None and extend_select is None and ignore is None:
        return
    from notes_lint.diagnostics import Severity
    from notes_lint.rules import RULES

    chosen = (["ALL"] if select is None else select) + (extend_select or [])
    for rule in RULES:
        code = rule.info.code
        on = _specificity(code, chosen)
        off = _specificity(code, ignore or [])
        if on < 0 or off >= on:
            config.rules[code] = Severity.OFF
        elif config.rules.get(code) is Severity.OFF and on == len(code):
            config.rules[code] = rule.info.severity
