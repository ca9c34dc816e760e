"""A person's identity (issue 18): one key for the roster, the ledger, ``--owner``, the
report and ``new``, so ``Loïc`` and ``Loic`` are one person everywhere."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from conftest import run_cli, write_team
from hypothesis import event, given
from hypothesis import strategies as st

from notes_lint.people import person_key, same_person

# -- the key, property by property -----------------------------------------------------

# A letter as (its base letter, the accents written on it): the key's letters must be
# exactly the bases, whatever accents, case, normal form and separators a name has.
_BASES = "abcdefghijklmnopqrstuvwxyz"
_ACCENTS = ["", "\u0301", "\u0300", "\u0302", "\u0308", "\u0303", "\u0327", "\u030c", "\u030a"]
_LETTER = st.tuples(st.sampled_from(_BASES), st.sampled_from(_ACCENTS), st.booleans())
_SEPARATORS = st.sampled_from([" ", "-", " - ", "  ", "'", "’", ". "])


@st.composite
def names(draw: st.DrawFn) -> tuple[str, list[str]]:
    """A name of one to three words (accented, any case, in NFC) and its words' base letters."""
    words = draw(st.lists(st.lists(_LETTER, min_size=1, max_size=8), min_size=1, max_size=3))
    seps = [draw(_SEPARATORS) for _ in words[1:]]
    written = []
    for word in words:
        text = "".join((b.upper() if up else b) + accent for b, accent, up in word)
        written.append(text)
    name = written[0] + "".join(sep + w for sep, w in zip(seps, written[1:], strict=True))
    event("accented" if any(accent for w in words for _b, accent, _u in w) else "plain")
    event("several words" if len(words) > 1 else "one word")
    # An apostrophe joins the words around it (O'Brien); any other separator parts them.
    bases = ["".join(b for b, _a, _u in w) for w in words]
    joined = [bases[0]]
    for sep, base in zip(seps, bases[1:], strict=True):
        if sep in ("'", "’"):
            joined[-1] += base
        else:
            joined.append(base)
    return unicodedata.normalize("NFC", name), joined


@given(names())
def test_the_key_is_the_base_letters_of_each_word(drawn: tuple[str, list[str]]) -> None:
    name, words = drawn
    assert person_key(name) == " ".join(words)


@given(names())
def test_the_key_ignores_normal_form_case_and_accents(drawn: tuple[str, list[str]]) -> None:
    name, _words = drawn
    key = person_key(name)
    assert person_key(unicodedata.normalize("NFD", name)) == key
    assert person_key(unicodedata.normalize("NFC", name)) == key
    assert person_key(name.upper()) == key
    assert person_key(name.lower()) == key
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", name) if not unicodedata.combining(c)
    )
    assert person_key(stripped) == key


@given(st.text())
def test_the_key_is_idempotent(text: str) -> None:
    key = person_key(text)
    event("empty key" if not key else "a key")
    assert person_key(key) == key


@given(names(), names())
def test_names_that_differ_in_letters_are_two_people(
    one: tuple[str, list[str]], other: tuple[str, list[str]]
) -> None:
    same = one[1] == other[1]
    event("same letters" if same else "different letters")
    assert same_person(one[0], other[0]) == same


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("Loïc", "Loic"),
        ("José", "JOSE"),
        ("O'Brien", "OBrien"),
        ("O’Brien", "o'brien"),
        ("Anne-Marie", "Anne Marie"),
        ("Zoë", "Zoe\u0308"),  # NFC and NFD
        ("Straße", "STRASSE"),
        ("@kmorales", "kmorales"),
    ],
)
def test_spellings_of_one_person(left: str, right: str) -> None:
    assert same_person(left, right)


@pytest.mark.parametrize(
    ("left", "right"), [("Jon", "John"), ("Łukasz", "Lukasz"), ("Ana", ""), ("", "")]
)
def test_not_one_person(left: str, right: str) -> None:
    assert not same_person(left, right)


# -- every caller, through the command line ----------------------------------------------

NOTE = """\
# Weekly meeting {date}

## Attendees

- Loïc, José

## TODO

{todos}
"""


def _team(folder: Path, config: str, notes: dict[str, str]) -> Path:
    return write_team(
        folder,
        config,
        {f"notes/{date}.md": NOTE.format(date=date, todos=todos) for date, todos in notes.items()},
    )


def _entries(team: Path, *args: str) -> list[dict[str, object]]:
    result = run_cli("todos", "--today", "2024-04-02", "--format", "json", *args, cwd=team)
    assert result.returncode == 0, result.stderr
    entries: list[dict[str, object]] = json.loads(result.stdout)["entries"]
    return entries


SPELLINGS = {
    "2024-03-05": "- Loïc: write the release notes\n- José: book the room",
    "2024-03-12": "- Loic: review the budget\n- JOSE: book the room",
    "2024-03-19": "- LOÏC: write the release notes\n- Loi\u0308c: close the poll",
}


def test_owner_filter_finds_every_spelling_without_a_roster(tmp_path: Path) -> None:
    team = _team(tmp_path, "extends: sklearn-weekly\n", SPELLINGS)
    texts = sorted(str(e["text"]) for e in _entries(team, "--owner", "Loic"))
    assert texts == ["close the poll", "review the budget", "write the release notes"]
    assert [e["text"] for e in _entries(team, "--owner", "jose")] == ["book the room"]


def test_the_ledger_counts_one_owner_and_one_entry_per_person(tmp_path: Path) -> None:
    team = _team(tmp_path, "extends: sklearn-weekly\n", SPELLINGS)
    entries = _entries(team)
    # One spelling per person: the first the notes write (date order).
    assert sorted({str(e["owner"]) for e in entries}) == ["José", "Loïc"]
    booked = [e for e in entries if e["text"] == "book the room"]
    assert len(booked) == 1 and booked[0]["carried_over"] == 1  # JOSE's is José's
    release = [e for e in entries if e["text"] == "write the release notes"]
    assert len(release) == 1 and release[0]["carried_over"] == 1


def test_the_roster_spelling_is_shown_and_nl302_is_unchanged(tmp_path: Path) -> None:
    config = "extends: sklearn-weekly\npeople:\n  Loïc: null\n  O'Brien: null\n  Anne-Marie: null\n"
    todos = "- Loic: write it\n- OBrien: send it\n- Anne Marie: check it\n- Zed: file it"
    team = _team(tmp_path, config, {"2024-03-05": todos})
    owners = {str(e["text"]): e["owner"] for e in _entries(team)}
    assert owners == {
        "write it": "Loïc",
        "send it": "O'Brien",
        "check it": "Anne-Marie",
        "Zed: file it": None,  # with a roster, "Zed:" names no one of it
    }
    check = run_cli("check", "--format", "json", "notes", cwd=team)
    codes = [(d["code"], d["line"]) for d in json.loads(check.stdout)]
    assert not [c for c in codes if c[0] == "NL302"]
    assert [c for c in codes if c[0] in ("NL301", "NL302")] == [("NL301", 12)]


def test_the_report_groups_one_person_once(tmp_path: Path) -> None:
    team = _team(tmp_path, "extends: sklearn-weekly\n", SPELLINGS)
    out = tmp_path / "report.html"
    result = run_cli("report", "--today", "2024-04-02", "--output", str(out), cwd=team)
    assert result.returncode == 0, result.stderr
    page = out.read_text(encoding="utf-8")
    assert "Loïc" in page and "LOÏC" not in page and ">Loic<" not in page
