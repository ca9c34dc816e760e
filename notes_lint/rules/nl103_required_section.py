"""NL103: every section the schema marks required must be present.

The fix inserts the missing heading, empty, where the schema's order puts it.  An
empty section is itself a finding (NL107) wherever that rule is on, and a fix never
makes a note worse (issue 14): so the fix is offered only when NL107 is off.  Writing
a placeholder (``- none``) instead would state something the note's authors never
wrote; like ruff's unsafe fixes, a change of meaning is left to the writer.
"""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.config import SectionSpec
from notes_lint.diagnostics import Edit, Severity
from notes_lint.model import Note, Section
from notes_lint.rules.base import Context, Finding, RuleInfo
from notes_lint.rules.nl107_empty_section import INFO as EMPTY_SECTION

INFO = RuleInfo(
    code="NL103",
    name="required-section",
    summary="a required section is missing",
    bad="## 2021-09-14\n\n### Discussion\n\n- release plans",
    good="## 2021-09-14\n\n### Discussion\n\n- release plans\n\n### TODO / Next\n\n- Release 1.0 (Guillaume)",
    fixable=True,
    verify_fix=True,
)


def _following(note: Note, ctx: Context, index: int) -> Section | None:
    """The section the missing one goes before, in the schema's order; None: the end.

    That is the first section after every section the schema puts earlier that
    the schema puts later (or a person section, when person sections go after).
    """
    named = ctx.config.sections.named
    earlier = {spec.name for spec in named[:index]}
    later = {spec.name for spec in named[index + 1 :]}
    persons_after = ctx.config.sections.persons == "after"
    after = max((s.line for s in note.sections if s.name in earlier), default=0)
    return next(
        (
            s
            for s in note.sections
            if s.line > after and (s.name in later or (persons_after and s.kind == "person"))
        ),
        None,
    )


def _insertion(note: Note, heading: str, following: Section | None) -> Edit:
    """An empty section: before ``following``'s heading, or appended after a blank line."""
    if following is not None:
        return Edit.insert(following.line, 1, f"{heading}\n\n")
    line, col = note.end
    if col > 1:  # no newline at the end of the text
        return Edit.insert(line, col, f"\n\n{heading}\n")
    blank = "" if note.ends_blank else "\n"
    return Edit.insert(line, col, f"{blank}{heading}\n")


def _missing(note: Note, ctx: Context) -> Iterator[tuple[int, SectionSpec]]:
    sections = ctx.config.sections
    present = {s.name for s in note.sections if s.name}
    # A required section written at the wrong level is NL108's finding, not a missing one.
    present.update(
        spec.name for h in note.headings if not h.in_block and (spec := sections.lookup(h.plain))
    )
    for index, spec in enumerate(sections.named):
        if spec.required and spec.name not in present:
            yield index, spec


def _empty_is_a_finding(ctx: Context) -> bool:
    """Whether NL107 would report the empty section the fix inserts (a required
    section is a top-level one, which NL107 always judges)."""
    severity = ctx.config.rules.get(EMPTY_SECTION.code, EMPTY_SECTION.severity)
    return severity is not Severity.OFF


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    level = ctx.config.sections.level
    fixable = not _empty_is_a_finding(ctx)
    for index, spec in _missing(note, ctx):
        following = _following(note, ctx, index)
        if following is not None:
            line, where = following.line, f"before '{following.title}'"
        else:
            line, where = max(note.line_count, 1), "at the end of the note"
        heading = f"{'#' * level} {spec.name}"
        yield Finding(
            line,
            1,
            f"required section '{spec.name}' is missing: add '{heading}' {where}",
            (_insertion(note, heading, following),) if fixable else None,
        )
