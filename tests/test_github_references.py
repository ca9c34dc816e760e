"""Issue 18: GitHub references (logins, ``OWNER/NAME``, ``#N``, loopback hosts) defined once,
in notes_lint/urls.py, and every caller agreeing with that definition."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, run_cli
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint import urls
from notes_lint.errors import UsageError
from notes_lint.github_sync import check_api_url
from notes_lint.rules.nl203_private_host import is_private_by_nature

# The copies the one definition replaced, kept here as the oracle where they were right.
OLD_LOOSE_LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}")  # sync.py, owners.py, todos.py
OLD_UNBOUNDED_LOGIN = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9]))*")  # namelike.py

ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


@st.composite
def logins(draw: st.DrawFn) -> str:
    """Logins from GitHub's grammar: alphanumeric runs joined by single hyphens, 1-39 long."""
    runs = draw(st.lists(st.text(ALNUM, min_size=1, max_size=8), min_size=1, max_size=6))
    return "-".join(runs)[:39].rstrip("-")


@given(logins())
def test_a_login_from_githubs_grammar_is_a_login(login: str) -> None:
    event("has a hyphen" if "-" in login else "no hyphen")
    assert urls.is_login(login)
    # Both old copies accepted every real login: the one definition keeps that.
    assert OLD_LOOSE_LOGIN.fullmatch(login) and OLD_UNBOUNDED_LOGIN.fullmatch(login)


@given(logins(), st.sampled_from(["-{}", "{}-", "{}--x", "{}" + "a" * 39]))
def test_what_github_refuses_is_no_login(login: str, shape: str) -> None:
    """The copies disagreed on these: a hyphen first, last or doubled, or 40 characters."""
    wrong = shape.format(login)
    event(shape)
    assert not urls.is_login(wrong)


@pytest.mark.parametrize(
    "text, loose_said, unbounded_said",
    [
        ("alice-", True, False),  # a hyphen last: the loose copy took it
        ("al--ice", True, False),  # a double hyphen
        ("a" * 40, False, True),  # 40 characters: the unbounded copy took it
        ("-alice", False, False),
        ("alice-bob", True, True),
    ],
)
def test_each_disagreement_of_the_old_copies_is_settled_as_github_does(
    text: str, loose_said: bool, unbounded_said: bool
) -> None:
    assert bool(OLD_LOOSE_LOGIN.fullmatch(text)) is loose_said
    assert bool(OLD_UNBOUNDED_LOGIN.fullmatch(text)) is unbounded_said
    assert urls.is_login(text) is (text == "alice-bob")


def test_the_config_schema_uses_the_same_login_and_repository_patterns() -> None:
    schema = json.loads((ROOT / "schema" / "config.schema.json").read_text(encoding="utf-8"))
    assert schema["$defs"]["login"]["pattern"] == f"^{urls.LOGIN}$"
    assert schema["$defs"]["repo"]["pattern"] == f"^{urls.REPOSITORY}$"
    note = json.loads((ROOT / "schema" / "note.schema.json").read_text(encoding="utf-8"))
    text = json.dumps(note)
    assert f'"pattern": {json.dumps(f"^{urls.REPOSITORY}$")}' in text


@given(logins(), st.from_regex(urls.REPO_NAME, fullmatch=True), st.integers(1, 10**6))
def test_references_are_read_back_in_every_context(login: str, name: str, number: int) -> None:
    """`OWNER/NAME#N` as shorthand (NL202), in running text (the ledger) and in a URL."""
    repo = f"{login}/{name}"
    event("repository name with punctuation" if re.search(r"[._-]", name) else "plain name")
    assert urls.is_repository(repo)
    short = urls.SHORTHAND.match(f"{repo}#{number}")
    assert short and (short["repo"], int(short["number"])) == (repo, number)
    found = urls.REFERENCE_IN_TEXT.search(f"see {repo}#{number} today")
    assert found and (found["repo"], int(found["number"])) == (repo, number)
    info = urls.classify(f"https://github.com/{repo}/issues/{number}")
    assert (info.kind, info.repo, info.number) == ("github-issue", repo, number)


def test_a_reference_inside_a_word_or_path_is_none() -> None:
    assert urls.REFERENCE_IN_TEXT.search("issue#12") is None
    assert urls.REFERENCE_IN_TEXT.search("a/b/#12") is None
    assert urls.REFERENCE_IN_TEXT.search("(#12)") is not None


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("localhost", True),
        ("api.localhost", True),  # RFC 6761: nl204 knew it, github_sync did not
        ("127.0.0.1", True),
        ("127.1.2.3", True),  # all of 127/8: nl204 knew it, github_sync did not
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", True),
        ("localhost.example.com", False),
        ("10.0.0.1", False),
        ("example.com", False),
    ],
)
def test_one_loopback_rule_for_links_and_the_api_url(host: str, loopback: bool) -> None:
    assert urls.is_loopback(host) is loopback
    api = f"http://{host if not host.startswith(':') else f'[{host}]'}:8080"
    if loopback:
        assert check_api_url(api) == api
        assert not is_private_by_nature(host)
    else:
        with pytest.raises(UsageError, match="http:// only for loopback"):
            check_api_url(api)


def test_a_trailing_hyphen_is_never_part_of_an_owners_login(tmp_path: Path) -> None:
    """owners.py's copy read `Fix it @dave-` as owned by the login `dave-`, which GitHub
    cannot have (sync would assign a login that does not exist)."""
    (tmp_path / ".notes-lint.yaml").write_text("extends: sklearn-weekly\n", encoding="utf-8")
    (tmp_path / "2024-02-01.md").write_text(
        "## 2024-02-01\n\n### Discussion\n\n- talk\n\n### TODO / Next\n\n"
        "- @bob-builder to fix the build\n- Fix it @dave-\n",
        encoding="utf-8",
    )
    result = run_cli("todos", "--today", "2024-03-01", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    logins = {e["text"]: e["login"] for e in json.loads(result.stdout)["entries"]}
    assert logins["fix the build"] == "bob-builder"
    assert "dave-" not in logins.values()


@pytest.mark.parametrize("scheme", ["https", "HTTPS", "Http", "ftp"])
def test_an_at_in_a_bare_url_of_any_scheme_case_keeps_the_link(scheme: str) -> None:
    """sync_mentions' copy knew only lower-case schemes, so `HTTPS://x.org/@bob` got a word
    joiner inside the link's address; cmark-gfm links any case (urls.AUTOLINK_SCHEME)."""
    import cmarkgfm  # type: ignore[import-untyped]

    from notes_lint.sync_mentions import WORD_JOINER, quiet_markdown

    quiet = quiet_markdown(f"see {scheme}://x.org/@bob now")
    assert quiet == f"see {scheme}://x.org/%40bob now" and WORD_JOINER not in quiet
    html = cmarkgfm.github_flavored_markdown_to_html(quiet)
    assert f'href="{scheme}://x.org/%40bob"' in html


def test_a_bare_url_keeps_its_balanced_parenthesis_as_github_does() -> None:
    """The copies disagreed on `Foo_(bar)`: GitHub's extent (find_bare_urls) keeps the
    balanced `)` and drops the one that closes the sentence's parenthesis."""
    text = "(see https://en.wikipedia.org/wiki/Foo_(bar))."
    (url,) = urls.find_bare_urls(text)[0]
    assert text[url.start : url.end] == "https://en.wikipedia.org/wiki/Foo_(bar)"
    # A TODO's identity keeps such a URL as written, whatever its extent: its id is unmoved.
    from notes_lint.identity import normalize_text

    assert normalize_text(f"Read {text}") == "read (see https://en.wikipedia.org/wiki/foo(bar))"


@given(
    st.sampled_from(["https://github.com", "http://github.com", "https://www.github.com"]),
    logins(),
    st.from_regex(urls.REPO_NAME, fullmatch=True),
    st.sampled_from(["issues", "pull"]),
    st.integers(1, 10**6),
    st.sampled_from(["", " and more", ")", "\n"]),
)
def test_the_todo_url_extent_agrees_with_githubs_on_issue_links(
    site: str, login: str, name: str, what: str, number: int, after: str
) -> None:
    """Where the identity's former extent (up to white space, `)`, `>`, `]`) was right it is
    GitHub's, so TODOs with a GitHub issue or pull URL followed by white space, `)` or the
    end kept their id when the identity moved to GitHub's extent."""
    from notes_lint.identity import legacy_normalize_text, normalize_text

    url = f"{site}/{login}/{name}/{what}/{number}"
    text = f"Fix ({url}{after}" if after == ")" else f"Fix {url}{after}"
    event(f"followed by {after!r}")
    (bare,) = urls.find_bare_urls(text)[0]
    assert url == text[bare.start : bare.end]
    assert normalize_text(text) == legacy_normalize_text(text)
    info = urls.classify(url)
    assert (info.repo, info.number) == (f"{login}/{name}", number)
