"""NL103: every section the schema marks required must be present."""

from __future__ import annotations

from collections.abc import Iterator

from notes_lint.model import Note
from notes_lint.rules.base import Context, Finding, RuleInfo

INFO = RuleInfo(
    code="NL103",
    name="required-section",
    summary="a required section is missing",
    bad="## 2021-09-14\n\n### Discussion\n\n- release plans",
    good="## 2021-09-14\n\n### Discussion\n\n- release plans\n\n### TODO / Next\n\n- Release 1.0 (Guillaume)",
    fixable=True,
)


def check(note: Note, ctx: Context) -> Iterator[Finding]:
    sections = ctx.config.sections
    present = {s.name for s in note.sections if s.name}
    # A required section written at the wrong level is NL108's finding, not a missing one.
    present.update(spec.name for h in note.headings if (spec := sections.lookup(h.text)))
    for index, spec in enumerate(sections.named):
        if not spec.required or spec.name in present:
            continue
        later = {s.name for s in sections.named[index + 1 :]}
        following = next((s for s in note.sections if s.name in later), None)
        if following is not None:
            line, where = following.line, f"before '{following.title}'"
        else:
            line, where = max(note.line_count, 1), "at the end of the note"
        yield Finding(
            line,
            1,
            f"required section '{spec.name}' is missing: add "
            f"'{'#' * sections.level} {spec.name}' {where}",
            fixable=True,
        )
