"""Owners judged by a general rule, on sentences that are not in the corpus (issue 18).

Without a roster, what stands in an owner's place is a person when it reads as a name
(:mod:`notes_lint.namelike`: Faker's given names, wordfreq's common English words), not
because a list fitted to one archive says so.  Each sentence here is new: no archive
of ``../shared/corpus`` holds it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import make_config, run_cli, write_team

from notes_lint.config import OWNER_TAG_STYLES
from notes_lint.namelike import is_lower_case_name
from notes_lint.owners import find_owner

# Every owner-tag style, as a team that writes minutes in prose would configure it.
ALL_STYLES = list(OWNER_TAG_STYLES)
NO_ROSTER = make_config({"todos": {"owner-tags": ALL_STYLES}})

NO_OWNER = [
    "Great to see progress",
    "Happy to help",
    "Glad to report",
    "Nice to have: caching",
    "Keen to try",
    "Grant application to go out",  # a given name that is a common word, opening a noun phrase
    "Thrilled to announce the release",
    "Worth a try: memoization",
    "Later: profiling",
]
OWNED = [
    ("Priya to draft the RFC", "Priya"),
    ("Zoë: send minutes", "Zoë"),
    ("kmorales to file issue", "kmorales"),
    ("Jory to follow up", "Jory"),
    ("Theo file an issue", "Theo"),  # a bare given name before a verb
    ("Grant to review the budget", "Grant"),  # the same name, written as an owner
    ("send the minutes - Oksana", "Oksana"),
    ("send the minutes: tobie", "tobie"),  # a given name in lower case
    ("send the minutes: qlindgren", "qlindgren"),  # a login: no English word
]


@pytest.mark.parametrize("text", NO_OWNER)
def test_sentence_openers_and_labels_are_no_owner(text: str) -> None:
    assert find_owner(text, NO_ROSTER).names == []


@pytest.mark.parametrize(("text", "owner"), OWNED)
def test_names_keep_their_owner(text: str, owner: str) -> None:
    assert find_owner(text, NO_ROSTER).names == [owner]


def test_a_lower_case_word_after_a_colon_is_a_name_only_when_it_reads_as_one() -> None:
    assert is_lower_case_name("tobie") and is_lower_case_name("cramertj")
    assert not is_lower_case_name("caching") and not is_lower_case_name("docs")


NOTE = """\
# Planning 2025-02-11

## Discussion

- Release train
  - Great to see progress on the parser
  - Grant application to go out
- ACTION: Happy to help with the docs
- ACTION: Priya to draft the RFC
- ACTION: Zoë: send minutes
- ACTION: kmorales to file issue
- ACTION: Jory to follow up with the vendor
- ACTION: Nice to have: caching
"""


def test_owners_through_the_command_line(tmp_path: Path) -> None:
    config = "extends: hackmd\ntodos:\n  assignments: true\n  markers: ['ACTION:']\n"
    team = write_team(tmp_path, config, {"notes/2025-02-11.md": NOTE})
    result = run_cli("todos", "--format", "json", "--today", "2025-03-01", cwd=team)
    assert result.returncode == 0, result.stderr
    entries = json.loads(result.stdout)["entries"]
    owners = {e["occurrences"][-1]["line"]: e["owner"] for e in entries}
    assert owners == {
        8: None,
        9: "Priya",
        10: "Zoë",
        11: "kmorales",
        12: "Jory",
        13: None,
    }
