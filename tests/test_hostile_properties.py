"""Generated hostile notes *and* configs through the command line (issue 12).

Runs :func:`notes_lint.cli.main` in-process (it is the whole command line: the
parser, every command, and the handler that turns a crash into exit 2), with
the cache on (the session's private cache folder, see conftest.py): whatever
the note or the config holds, the exit code is 0, 1 or 2, an internal error is
never 1, and no traceback is printed.
"""

from __future__ import annotations

import contextlib
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notes_lint.cli import main

# YAML that PyYAML reads into values with no JSON form, or that nests, repeats or breaks.
HOSTILE_YAML = [
    "!!set {x, y}",
    "0x" + "f" * 400,
    "0x" + "f" * 5000,
    ".inf",
    "-.inf",
    ".nan",
    '"\\ud800"',
    "!!binary aGVsbG8=",
    "2024-01-01",
    "2024-01-01 10:00:00",
    "[" * 300 + "]" * 300,
    "{a: " * 150 + "1" + "}" * 150,
    "&a [*a]",
    "[unclosed",
    "!!python/object:os.system {}",
    "{1: x, 2.5: y, null: z, true: w}",
    "? [a, b]\n  : c",
    "*undefined",
    "'" + "x" * 2000 + "'",
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=20),
    st.sampled_from(HOSTILE_YAML),
)


def yaml_value(depth: int = 0) -> st.SearchStrategy[str]:
    """YAML flow text: scalars, hostile fragments, and small lists/mappings of them."""
    leaf = st.one_of(
        st.sampled_from(HOSTILE_YAML),
        st.integers(min_value=-(10**20), max_value=10**20).map(str),
        st.text(alphabet="abc 019:-_#%/", max_size=12).map(lambda t: f"'{t}'"),
        st.sampled_from(["null", "true", "x", "[]", "{}", "http://127.0.0.1:9/x.json"]),
    )
    if depth >= 2:
        return leaf
    inner = yaml_value(depth + 1)
    return st.one_of(
        leaf,
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.dictionaries(
            st.sampled_from(["a", "1", "$ref", "type", "name", "login", "Alice", "level"]),
            inner,
            max_size=3,
        ).map(lambda d: "{" + ", ".join(f"{k!r}: {v}" for k, v in d.items()) + "}"),
    )


CONFIG_KEYS = [
    "people",
    "date",
    "sections",
    "todos",
    "links",
    "frontmatter",
    "document-schema",
    "rules",
    "include",
    "exclude",
    "github",
    "extends",
]

configs = st.one_of(
    st.dictionaries(st.sampled_from(CONFIG_KEYS), yaml_value(), max_size=3).map(
        lambda d: "".join(f"{k}: {v}\n" for k, v in d.items())
    ),
    st.sampled_from(
        [
            "people: {Alice: alice}\n",
            "frontmatter: {schema: {$ref: '#/$defs/a', $defs: {a: {$ref: '#/$defs/a'}}}}\n",
            "document-schema: {$ref: 'file:///etc/hostname'}\n",
            "date: {formats: ['%Y%Y', '%d%%']}\n",
            "frontmatter: {schema: {properties: {n: {multipleOf: 0.5}}}}\n",
            "people: " + "[" * 400 + "]" * 400 + "\n",
        ]
    ),
)

note_parts = st.one_of(
    yaml_value().map(lambda v: f"---\na: {v}\n---\n"),
    st.sampled_from(
        [
            "## 2024-01-01\n",
            "### TODO / Next\n",
            "### Discussion\n",
            "#### Alice\n",
            "- x (Alice)\n",
            "- TODO: y @alice due 2024-02-30\n",
            "- [name=" * 20 + "\n",
            "[x](a%00b.md)\n",
            "[x](" + "a" * 300 + ".md)\n",
            "[x](../../../etc/passwd)\n",
            "[x](2024-01-08.md#nowhere)\n",
            "https://a.b/" + ")" * 50 + "\n",
            "<!-- notes-lint disable -->\n",
            "\ufeff",
            "\r\n",
            "\x00",
            "\ud800",
        ]
    ),
    st.text(max_size=30),
)

notes = st.lists(note_parts, max_size=8).map("".join)


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue() + err.getvalue()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(config=configs, note=notes, other=notes)
def test_any_note_and_config_exit_0_1_or_2_without_a_traceback(
    config: str, note: str, other: str
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        (root / ".notes-lint.yaml").write_text(
            "extends: sklearn-weekly\n" + config, encoding="utf-8", errors="surrogatepass"
        )
        (root / "notes").mkdir()
        for name, text in (("2024-01-01.md", note), ("2024-01-08.md", other)):
            (root / "notes" / name).write_bytes(text.encode("utf-8", "surrogatepass"))
        config_path = str(root / ".notes-lint.yaml")
        for args in (
            ["check", str(root / "notes")],
            ["check", "--format", "json", str(root / "notes")],
            ["todos", "--format", "json", str(root / "notes")],
            ["dump", str(root / "notes" / "2024-01-01.md")],
        ):
            code, output = run(args[0], "--config", config_path, *args[1:])
            assert code in (0, 1, 2), (args, output)
            assert "Traceback" not in output, output
            if "internal error" in output and " NL901 " not in output:
                assert code == 2, output
