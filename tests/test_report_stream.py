"""Output written as it is made: the bytes must be those of the whole run at once."""

from __future__ import annotations

import io
import itertools
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from notes_lint.diagnostics import Diagnostic, Edit, Severity
from notes_lint.formats import FORMATS, render, write_report
from notes_lint.formats.sarif import rule_index, sarif_log, sarif_result
from notes_lint.jsonstream import ArrayWriter, dumps

_text = st.text(st.characters(codec="utf-8"), max_size=30)
_edits = st.tuples(
    st.integers(1, 50), st.integers(1, 80), st.integers(1, 50), st.integers(1, 80), _text, _text
).map(lambda t: Edit(*t))
_diagnostics = st.builds(
    Diagnostic,
    path=st.sampled_from(["a.md", "notes/b c.md", "ü/ñ.md"]),
    line=st.integers(1, 500),
    col=st.integers(1, 200),
    code=st.sampled_from(["NL101", "NL201", "NL301", "NL999"]),
    message=_text,
    severity=st.sampled_from([Severity.ERROR, Severity.WARNING]),
    fix=st.none() | st.lists(_edits, min_size=1, max_size=2).map(tuple),
)


def _chunks(items: list[Diagnostic], cuts: list[int]) -> list[list[Diagnostic]]:
    bounds = sorted({0, len(items), *(c % (len(items) + 1) for c in cuts)})
    return [items[a:b] for a, b in itertools.pairwise(bounds)] + [[]]


@settings(max_examples=150, deadline=None)
@given(st.lists(_diagnostics, max_size=8), st.lists(st.integers(0, 8), max_size=4))
def test_writing_file_by_file_gives_the_whole_run_s_bytes(
    diagnostics: list[Diagnostic], cuts: list[int]
) -> None:
    files = sorted({d.path for d in diagnostics} | {"z.md"})
    for fmt in FORMATS:
        whole = render(diagnostics, fmt, files=files)
        out = io.StringIO()
        report = write_report(_chunks(diagnostics, cuts), fmt, out, files=files)
        assert out.getvalue() == (whole + "\n" if whole else ""), fmt
        assert report.errors == sum(d.severity is Severity.ERROR for d in diagnostics)
        assert report.warnings == len(diagnostics) - report.errors
    # The JSON documents are exactly what one json.dumps of the whole would write.
    assert render(diagnostics, "json") == json.dumps(
        [
            {
                "path": d.path,
                "line": d.line,
                "col": d.col,
                "code": d.code,
                "severity": d.severity.value,
                "message": d.message,
                "fixable": d.fix is not None,
            }
            for d in diagnostics
        ],
        indent=2,
        ensure_ascii=False,
    )
    index = rule_index()
    assert render(diagnostics, "sarif") == json.dumps(
        sarif_log([sarif_result(d, index) for d in diagnostics]), indent=2, ensure_ascii=False
    )


def test_the_github_step_summary_is_kept_as_rows_not_findings() -> None:
    found = [Diagnostic("a.md", 1, 2, "NL301", "no | owner", Severity.ERROR)]
    report = write_report([found, []], "github", io.StringIO())
    assert report.step_rows == ["| `a.md:1:2` | NL301 | error | no \\| owner |"]
    assert "1 error, 0 warnings in 2 files" in report.step_summary(2)


# What our documents hold: string keys; floats finite (jsonsafe) and, for the text to be
# json.dumps's, without an exponent (msgspec writes 1e16 where Python writes 1e+16).
_plain_floats = st.floats(allow_nan=False, allow_infinity=False).filter(
    lambda f: "e" not in repr(f)
)
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | _text | _plain_floats,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


@settings(max_examples=300, deadline=None)
@given(_json)
def test_the_pretty_printer_writes_what_json_dumps_writes(value: object) -> None:
    assert dumps(value) == json.dumps(value, indent=2, ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_a_float_with_an_exponent_reads_back_as_the_same_number(value: float) -> None:
    text = dumps({"score": value})
    assert json.loads(text) == {"score": value}
    # The spelling may differ from Python's (1e16 for 1e+16, 0.00006 for 6e-05).
    assert isinstance(json.loads(text)["score"], float)


@settings(max_examples=150, deadline=None)
@given(st.dictionaries(st.sampled_from(["a", "b", "z"]), _json, max_size=3), st.lists(_json))
def test_an_array_written_item_by_item_is_what_json_dumps_writes(
    document: dict[str, object], items: list[object]
) -> None:
    out = io.StringIO()
    array = ArrayWriter(out, {**document, "entries": []}, '"entries": []')
    for item in items:
        array.item(item)
    array.close()
    whole = {**document, "entries": items}
    assert out.getvalue() == json.dumps(whole, indent=2, ensure_ascii=False) + "\n"
