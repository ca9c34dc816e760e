"""Issue 16: an issue body mentions no one but the TODO's owner, as GitHub renders it.

Bodies are rendered by cmark-gfm (the ``cmarkgfm`` package, GitHub's renderer)
and searched for mentions with GitHub's rule, html-pipeline's MentionFilter:
text outside ``pre``, ``code``, ``a``, ``style`` and ``script``; an ``@`` at a
text node's start (any line's start) or after a character other than an ASCII
letter, digit or ``_``; then a login ``[a-z0-9][a-z0-9-]*`` taken whole, not
followed by ``/``, and followed by the end, or by a character that is neither a
login character nor ``.``, or by dots and then a space or a non-word character.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fake_github import FakeGitHub
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from test_sync import sync, write
from test_sync_plan import ASSIGNABLE, SETTINGS, ledger, note

from notes_lint.sync import neutralize, plan_sync
from notes_lint.sync_mentions import WORD_JOINER, kept_ranges

cmarkgfm = pytest.importorskip("cmarkgfm", reason="cmarkgfm (a dev dependency) renders as GitHub")

_QUIET = frozenset({"pre", "code", "a", "style", "script"})
_MENTION = re.compile(
    r"(?:^|[^A-Za-z0-9_])@((?>[A-Za-z0-9][A-Za-z0-9-]*))(?!/)"
    r"(?=\.+[ \t]|\.+[^A-Za-z0-9_]|\.+$|[^0-9A-Za-z_.]|$)",
    re.MULTILINE,
)


class _Render(HTMLParser):
    """Text nodes of rendered HTML, each whole, with whether code/pre/a/... holds it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.buffer: list[str] = []
        self.nodes: list[tuple[str, bool]] = []  # (text, inside a quiet element)
        self.code: list[str] = []

    def _flush(self) -> None:
        if self.buffer:
            self.nodes.append(("".join(self.buffer), bool(_QUIET & set(self.stack))))
            self.buffer = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self._flush()
        if tag not in ("br", "img", "input", "hr"):
            self.stack.append(tag)
        if tag == "code":
            self.code.append("")

    def handle_endtag(self, tag: str) -> None:
        self._flush()
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        self.buffer.append(data)
        if self.stack and self.stack[-1] == "code":
            self.code[-1] += data

    def close(self) -> None:
        super().close()
        self._flush()


def render(markdown: str) -> _Render:
    parser = _Render()
    parser.feed(cmarkgfm.github_flavored_markdown_to_html(markdown))
    parser.close()
    return parser


def mentions(markdown: str) -> set[str]:
    """The logins GitHub would mention in ``markdown``, lower-cased."""
    found: set[str] = set()
    for text, quiet in render(markdown).nodes:
        if not quiet and "@" in text:
            found.update(m.lower() for m in _MENTION.findall(text))
    return found


def visible(markdown: str) -> str:
    """What a reader sees: the rendered text, white space collapsed, word joiners unseen."""
    text = "".join(t for t, _ in render(markdown).nodes).replace(WORD_JOINER, "")
    return " ".join(text.split())


# -------------------------------------------------------------------- the rule itself


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("@bob", {"bob"}),
        ("_@carol_", {"carol"}),
        ("a@bob", set()),
        ("`@bob`", set()),
        ("[@bob](https://x.org)", set()),
        ("&#64;bob", {"bob"}),
        ("@bob/x", set()),
        ("@bob.", {"bob"}),
    ],
)
def test_the_mention_rule_of_these_tests(markdown: str, expected: set[str]) -> None:
    assert mentions(markdown) == expected


# ---------------------------------------------------------------------- the neutraliser


@pytest.mark.parametrize(
    "text",
    [
        "Run `git log --author @bob` on the branch",
        "Thank _@carol_ and **@dan** and ~~@erin~~ for it",
        r"Thank \@carol and &#64;dan, &#x40;erin, &commat;frank",
        "Ask @carol`@erin` about it, then ``@dan`s` code``",
        "Ping [name=@carol] and [@dan](https://example.org/@dan) (x)@erin",
        "Read https://medium.com/@bob/post and mail bob@example.com",
        "Mail a@b.co@carol now",
        "`<!-- notes-lint:end -->` @carol",
    ],
)
def test_the_issues_examples_mention_no_one(text: str) -> None:
    body = neutralize(text)
    assert mentions(body) == set(), body


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "Read [the runbook](https://wiki.example/Ops`Runbook) then ask @carol about"
            " `make deploy`",
            ["make deploy"],
        ),
        ("See ![x](https://i.example/a`b.png) and @carol `c`", ["c"]),
        ('Ping <b title="`">@carol `y`', ["y"]),
        (
            "<https://x.org/@dave>#``<<<https://x.org/@dave><@carol``%a",
            ["<<<https://x.org/@dave><@carol"],
        ),
        ("Ask <https://x.org/a`b> then @carol `z`", ["z"]),
    ],
)
def test_backticks_in_links_autolinks_and_html_open_no_code_span(
    text: str, code: list[str]
) -> None:
    body = neutralize(text)
    assert mentions(body) == set(), body
    assert render(body).code == code, body
    for kept in code:
        assert kept in body


def test_an_autolink_stays_a_working_link_and_code_after_it_stays_code() -> None:
    text = "Check the dashboard <https://grafana.example/d/ci> before `make release` @carol"
    body = neutralize(text)
    html = cmarkgfm.github_flavored_markdown_to_html(body)
    assert '<a href="https://grafana.example/d/ci">https://grafana.example/d/ci</a>' in html
    assert "&lt;https" not in html and "<code>make release</code>" in html
    assert mentions(body) == set()
    assert visible(body) == visible(text)


def test_code_spans_keep_their_text_byte_for_byte() -> None:
    text = "Run `git log --author @bob` then ``a `@carol` b`` and `x  <y> &#64;z`"
    body = neutralize(text)
    assert render(body).code == ["git log --author @bob", "a `@carol` b", "x  <y> &#64;z"]
    assert "`git log --author @bob`" in body


def test_links_and_mail_addresses_still_lead_where_they_did() -> None:
    body = neutralize("See [the post](https://medium.com/@bob/p), https://m.org/@x, a@b.org")
    html = cmarkgfm.github_flavored_markdown_to_html(body)
    assert 'href="https://medium.com/@bob/p"' in html  # a link's destination is kept
    assert 'href="https://m.org/%40x"' in html and 'href="mailto:a@b.org"' in html


_FRAGMENTS = [
    "@",
    "@bob",
    "@Carol-x",
    "@0",
    "a",
    "é",
    "x",
    " ",
    "  ",
    ".",
    "/",
    ",",
    "(",
    ")",
    "`",
    "``",
    "*",
    "**",
    "_",
    "~~",
    "[",
    "]",
    "](",
    "\\",
    "&",
    "&#64;",
    "&#x40;",
    "&commat;",
    "&amp;",
    ";",
    "#",
    "|",
    "!",
    "<b>",
    "</b>",
    "<code>",
    "<a href='x'>",
    "<!--",
    "-->",
    "https://x.org/",
    "www.x.org/",
    "mailto:",
    "x@y.org",
    "\n",
    "<https://x.org/@dave>",
    "<carol@x.org>",
    "](https://w.x/a`b)",
    "](<a b`@dave>)",
    "[a](b",
]
todo_texts = st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=14).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(todo_texts)
@example("](https://w.x/a`b)<b>@bob`")  # GitHub links the URL through the backtick: no code
@example("](https://w.x/a`b)`[](<a b`@dave>)")  # ... and through a link's "[": no link
@example("see https://x.y/[ here](<a @dave>)")  # the "[" is the URL's: "](<a @dave>)" is text
@example("``](<a b`@dave>)`](<a b`@dave>)`")  # cmark: the second single run opens no code
def test_no_todo_text_mentions_anyone(text: str) -> None:
    body = neutralize(text)
    assert mentions(body) == set(), (text, body)
    assert "<!--" not in body.replace("&lt;!--", "")  # nothing the tool could read as a marker


@settings(max_examples=300, deadline=None)
@given(todo_texts.filter(lambda t: not re.search(r"<|://|www\.|\]\(", t)))
def test_code_and_text_render_as_written(text: str) -> None:
    # As in the body: after "**TODO:** ", so no line of the text starts a block.
    one_line = "**TODO:** " + " ".join(text.splitlines()).strip()
    quiet = "**TODO:** " + neutralize(text)
    assert render(quiet).code == render(one_line).code, (text, quiet)
    assert visible(quiet) == visible(one_line), (text, quiet)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(todo_texts)
def test_a_whole_body_mentions_the_owner_alone(text: str) -> None:
    todo = " ".join(text.split()) or "x"
    book = ledger(("2024-01-02.md", note("2024-01-02", f"{todo} (Ana)")), today="2024-03-01")
    for action in plan_sync(book, [], SETTINGS, ASSIGNABLE).actions:
        assert mentions(action.body or "") <= {"ana-gh"}, action.body


# ------------------------------------------------------------------------- end to end


@pytest.fixture
def team(tmp_path: Path) -> Path:
    config = "extends: sklearn-weekly\npeople:\n  Alice: alice\n  Bob: bob\ngithub:\n  repo: acme/notes\n"
    (tmp_path / ".notes-lint.yaml").write_text(config, encoding="utf-8")
    (tmp_path / "notes").mkdir()
    return tmp_path


def test_posted_bodies_mention_only_their_owner_and_keep_code(
    team: Path, github_server: FakeGitHub
) -> None:
    write(
        team,
        "2024-02-01",
        "Run `git log --author @bob` on the branch (Alice)",
        "Thank _@carol_ and &#64;dan for it (Bob)",
    )
    assert sync(team, github_server, "--apply").returncode == 0
    by_title = {i.title: i for i in github_server.issues()}
    run = by_title["Run `git log --author @bob` on the branch"].body or ""
    assert "`git log --author @bob`" in run and mentions(run) == {"alice"}
    (thanks,) = [b.body or "" for t, b in by_title.items() if t.startswith("Thank")]
    assert mentions(thanks) == {"bob"}


def test_posted_bodies_keep_links_autolinks_and_code_and_mention_only_the_owner(
    team: Path, github_server: FakeGitHub
) -> None:
    write(
        team,
        "2024-02-01",
        "Read [the runbook](https://wiki.example/Ops`Runbook) then ask @carol about"
        " `make deploy` (Bob)",
        "Check the dashboard <https://grafana.example/d/ci> before `make release` (Alice)",
    )
    assert sync(team, github_server, "--apply").returncode == 0
    bodies = {i.title.split()[0]: i.body or "" for i in github_server.issues()}
    runbook, dashboard = bodies["Read"], bodies["Check"]
    assert mentions(runbook) == {"bob"} and mentions(dashboard) == {"alice"}
    assert render(runbook).code == ["make deploy"]
    assert render(dashboard).code == ["make release"]
    html = cmarkgfm.github_flavored_markdown_to_html(runbook + "\n\n" + dashboard)
    assert 'href="https://wiki.example/Ops%60Runbook"' in html
    assert '<a href="https://grafana.example/d/ci">' in html


_BACKTICK_TEXTS = st.lists(
    st.sampled_from(["a", "b", " ", "`", "``", "```"]), min_size=1, max_size=16
).map(lambda parts: "x" + "".join(parts))  # "x" first: no code fence, no indented code


@settings(max_examples=300, deadline=None)
@given(_BACKTICK_TEXTS)
@example("x``b`c`d`e`")  # cmark's memory of runs: the spec's second span is none on GitHub
def test_code_spans_are_those_cmark_gfm_renders(text: str) -> None:
    """The code spans kept are exactly those GitHub's renderer makes, its scan memory
    included (where markdown-it follows the spec instead)."""
    spans = [
        text[k.start : k.end].strip("`")
        for k in kept_ranges(text)
        if k.kind == "code" and text[k.start : k.end].strip("`")
    ]
    rendered = re.findall(r"<code>(.*?)</code>", cmarkgfm.github_flavored_markdown_to_html(text))
    event(f"code spans: {min(len(rendered), 3)}")
    assert [s.strip(" ") or s for s in spans] == [r.strip(" ") or r for r in rendered]
