"""A person's identity and owners judged by a general rule: a reviewer's findings
(issue 18, "a person's identity", "owners judged by a general rule").

Every test runs the CLI on a small note written here, as a user would.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_config, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notes_lint.config import Config
from notes_lint.owners import roster_spelling
from notes_lint.people import person_key

GENERIC = 'extends: generic\ninclude: ["notes/**/*.md"]\n'


def write_note(root: Path, items: str, *, roster: str = "", attendees: str = "Ana") -> Path:
    """A team folder with one note whose action items are ``items`` (one a line)."""
    (root / ".notes-lint.yaml").write_text(GENERIC + roster, encoding="utf-8")
    (root / "notes").mkdir(parents=True, exist_ok=True)
    body = "\n".join(f"- [ ] {line}" for line in items.strip().splitlines())
    note = root / "notes" / "2025-03-04.md"
    note.write_text(
        "# Team meeting 2025-03-04\n\n## Attendees\n\n"
        f"- {attendees}\n\n## Agenda\n\n- Budget\n\n## Action items\n\n{body}\n",
        encoding="utf-8",
    )
    return note


def owners(root: Path) -> dict[int, tuple[str | None, str | None, str]]:
    """Line -> (owner, login, text) of each TODO, from ``todos --format json``."""
    result = run_cli("todos", "--format", "json", ".", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    found = {}
    for entry in json.loads(result.stdout)["entries"]:
        for seen in entry["occurrences"]:
            found[seen["line"]] = (entry["owner"], entry["login"], seen["text"])
    return found


def findings(root: Path) -> list[str]:
    result = run_cli("check", "--no-cache", ".", cwd=root)
    assert result.returncode in (0, 1), result.stderr
    return [line for line in result.stdout.splitlines() if " NL30" in line]


FIRST_ITEM = 13  # the line of the first action item of write_note's note

O_BRIEN_ROSTER = """people:
  Dana O'Brien: dana-ob
  Pat O'Brien: pat-ob
  Anne-Marie Dubois: amd
  Anne Martin: am2
"""


def test_a_name_of_two_roster_people_is_no_one(tmp_path: Path) -> None:
    """``O'Brien`` with two O'Briens: no owner and no login; the messages name both."""
    write_note(tmp_path, "O'Brien: j1\n(OBrien) j2", roster=O_BRIEN_ROSTER)
    found = owners(tmp_path)
    assert found[FIRST_ITEM][:2] == (None, None)
    assert found[FIRST_ITEM + 1][1] is None  # an explicit tag keeps the name, no login
    lines = findings(tmp_path)
    assert len(lines) == 2
    assert all("'Dana O'Brien' or 'Pat O'Brien'" in line for line in lines)
    assert not any("[*]" in line for line in lines)  # no fix picks one of them


def test_a_hyphenated_given_name_is_its_bearer_not_a_near_name(tmp_path: Path) -> None:
    """``Anne Marie`` is Anne-Marie Dubois (person key), never Anne Martin; no NL302."""
    note = write_note(
        tmp_path, "Anne Marie: j4\nAnne-Marie: k4\nANNE-MARIE: k6", roster=O_BRIEN_ROSTER
    )
    found = owners(tmp_path)
    for line in range(FIRST_ITEM, FIRST_ITEM + 3):
        assert found[line][:2] == ("Anne-Marie Dubois", "amd")
    assert findings(tmp_path) == []
    before = note.read_text(encoding="utf-8")
    run_cli("check", "--fix", "--no-cache", ".", cwd=tmp_path)
    assert note.read_text(encoding="utf-8") == before


def test_a_typo_fix_keeps_a_word_of_another_roster_person(tmp_path: Path) -> None:
    """``(Anne Marie)`` with only Anne Martin and Anne-Marie Dubois's word ``Marie``
    elsewhere: no suggestion drops ``Marie``; a plain typo is still fixed."""
    roster = "people:\n  Anne Martin: am2\n  Marie Curie: mc\n  Guillaume Lemaitre: gl\n"
    note = write_note(tmp_path, "Review (Anne Marie)\nReview 2 (Guilaume Lemaitre)", roster=roster)
    lines = findings(tmp_path)
    assert not any("did you mean 'Anne Martin'" in line for line in lines)
    run_cli("check", "--fix", "--no-cache", ".", cwd=tmp_path)
    text = note.read_text(encoding="utf-8")
    assert "(Anne Marie)" in text
    assert "(Guillaume Lemaitre)" in text


def test_two_roster_entries_of_one_person_are_a_config_error(tmp_path: Path) -> None:
    write_note(tmp_path, "José: call", roster="people:\n  Jose: jose1\n  José: jose2\n")
    result = run_cli("check", "--no-cache", ".", cwd=tmp_path)
    assert result.returncode == 2
    message = result.stderr.strip()
    assert "\n" not in message and "Traceback" not in message
    assert (
        "notes-lint: .notes-lint.yaml:5:3: people.José: 'Jose' and 'José' are one person" in message
    )


UNACCENTED = [
    "Francois",
    "Perez",
    "Lopez",
    "Gonzalez",
    "Sanchez",
    "Ramirez",
    "Martinez",
    "Hernandez",
    "Rodriguez",
    "Muller",
    "Müller",
    "Soren",
    "Søren",
]


@pytest.mark.parametrize("name", UNACCENTED)
def test_an_unaccented_name_is_a_name(tmp_path: Path, name: str) -> None:
    """Names are looked up by their person key: ``Francois`` is Faker's ``François``."""
    write_note(tmp_path, f"Update the wiki ({name})")
    assert owners(tmp_path)[FIRST_ITEM][0] == name


def test_one_person_with_and_without_accents_is_one_owner(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        "François: send the minutes\nFrancois: send the minutes 2\nUpdate the wiki (Perez)",
        attendees="François Durand, Ana Pérez",
    )
    found = owners(tmp_path)
    # the ledger keeps one owner per person: the spelling it saw first
    assert [found[line][0] for line in range(FIRST_ITEM, FIRST_ITEM + 3)] == [
        "François",
        "François",
        "Perez",
    ]
    assert findings(tmp_path) == []


def test_family_names_in_tags_and_attendees_are_people(tmp_path: Path) -> None:
    """Common family names: any explicit tag takes one; a listed attendee is a person in
    every owner form."""
    write_note(
        tmp_path,
        "Review the API (Patel)\nReview the API (Schmidt)\n[name=Jones] review 3\n"
        "Singh to send the slides\nPatel: send the slides\nUpdate the docs (WIP)",
        attendees="Chen, Wang, Patel, Singh, Müller, Muller",
    )
    found = owners(tmp_path)
    assert [found[line][0] for line in range(FIRST_ITEM, FIRST_ITEM + 6)] == [
        "Patel",
        "Schmidt",
        "Jones",
        "Singh",
        "Patel",
        None,
    ]


def test_with_a_roster_an_explicit_family_name_is_nl302_not_nl301(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        "Review the API (Jones)\n(Patel): review the API 3",
        roster="people:\n  Priya: null\n",
    )
    lines = findings(tmp_path)
    assert len(lines) == 2 and all("NL302" in line for line in lines)


def test_a_login_in_brackets_is_a_mention(tmp_path: Path) -> None:
    write_note(
        tmp_path, "(@octocat): review the API\nReview the API 2 (@octocat)\n[@octocat] review 5"
    )
    found = owners(tmp_path)
    for line in range(FIRST_ITEM, FIRST_ITEM + 3):
        assert found[line][:2] == ("octocat", "octocat")
    assert found[FIRST_ITEM][2] == "review the API"


def test_verbs_passives_and_honorifics(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        "Ping Priya to review the docs.\nKubernetes to be upgraded.\n"
        "Loïc to be contacted by legal.\nDr. Smith to review\nMs Jones to review\n"
        "Priya to be there early",
    )
    found = owners(tmp_path)
    assert found[FIRST_ITEM][0] is None  # the imperative's subject is not written
    assert found[FIRST_ITEM + 1][0] is None  # a passive: the thing acted on
    assert found[FIRST_ITEM + 2][0] is None
    assert found[FIRST_ITEM + 3][0::2] == ("Smith", "review")
    assert found[FIRST_ITEM + 4][0::2] == ("Jones", "review")
    assert found[FIRST_ITEM + 5][0] == "Priya"  # "be there" is no passive


def test_logins_take_the_roster_spelling_and_may_hold_hyphens(tmp_path: Path) -> None:
    write_note(
        tmp_path,
        "@LoicGH: book the room\nk-morales: file the issue\nfollow-up: the docs",
        roster="people:\n  Loïc: loicgh\n  Kim Morales: k-morales\n",
    )
    found = owners(tmp_path)
    assert found[FIRST_ITEM][:2] == ("Loïc", "loicgh")
    assert found[FIRST_ITEM + 1][:2] == ("Kim Morales", "k-morales")
    assert found[FIRST_ITEM + 2][0] is None


def test_a_hyphenated_login_without_a_roster(tmp_path: Path) -> None:
    write_note(tmp_path, "k-morales: file the issue\nfollow-up: the docs\ne-mail: the team")
    found = owners(tmp_path)
    assert found[FIRST_ITEM][0] == "k-morales"
    assert found[FIRST_ITEM + 1][0] is None
    assert found[FIRST_ITEM + 2][0] is None


_GIVEN = st.sampled_from(["Anne", "Marie", "Dana", "Pat", "Jose", "Loïc", "Zoë", "Priya"])
_FAMILY = st.sampled_from(["O'Brien", "Martin", "Dubois", "Pérez", "Raman", "Müller"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    roster=st.lists(st.tuples(_GIVEN, _FAMILY), min_size=1, max_size=4, unique=True),
    written=st.tuples(_GIVEN, _FAMILY),
    drop=st.booleans(),
)
def test_a_suggestion_never_changes_a_roster_word(
    roster: list[tuple[str, str]], written: tuple[str, str], drop: bool
) -> None:
    """A did-you-mean keeps every written word that is a word of some roster name: it
    never turns one roster person's name into another's."""
    config: Config = make_config(
        {"people": {f"{g} {f}": f"login{i}" for i, (g, f) in enumerate(roster)}}
    )
    people = config.people
    name = written[0] + (" " + written[1][:-1] if drop else " " + written[1])
    spelling = roster_spelling(name, config)
    if spelling is None:
        return
    roster_words = {w for p in people for w in person_key(p.name).split()}
    kept = set(person_key(spelling).split())
    assert all(word in kept for word in person_key(name).split() if word in roster_words)
