"""What makes two TODOs one ledger entry, and what binds an entry to an issue, as a
writer sees the note rendered (issue 18 follow-up review): a due date in brackets is a
due date, and a reference-style link is bound by its definition's URL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import run_cli

CONFIG = (
    "extends: generic\ngithub:\n  repo: acme/widgets\npeople:\n  Ben Okafor: benok\n  Ana: ana-gh\n"
)


def entries(folder: Path) -> list[dict[str, object]]:
    result = run_cli("todos", "--format", "json", "--today", "2024-03-20", cwd=folder)
    assert result.returncode == 0, result.stderr
    found: list[dict[str, object]] = json.loads(result.stdout)["entries"]
    return found


def team(tmp_path: Path, *notes: tuple[str, str]) -> Path:
    (tmp_path / ".notes-lint.yaml").write_text(CONFIG, encoding="utf-8")
    for date, body in notes:
        (tmp_path / f"{date}.md").write_text(
            f"# Team {date}\n\n## Action items\n\n{body}", encoding="utf-8"
        )
    return tmp_path


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("- Release 1.0 (Ben Okafor) (deadline: 2024-03-12)\n", "- Release 1.0 (Ben Okafor)\n"),
        ("- send the slides (Ana) (due 2024-03-12)\n", "- send the slides (Ana)\n"),
        ("- write the post (Ana) [by 2024-03-12]\n", "- write the post (Ana)\n"),
        ("- send the slides (Ana)\n", "- send the slides (Ana) (due 2024-03-19)\n"),
        ("- fix the CI (Ana), due 2024-03-12\n", "- fix the CI (Ana)\n"),
    ],
)
def test_a_due_date_added_or_dropped_keeps_one_entry(tmp_path: Path, first: str, then: str) -> None:
    folder = team(tmp_path, ("2024-03-05", first), ("2024-03-12", then))
    (entry,) = entries(folder)
    assert len(entry["occurrences"]) == 2  # type: ignore[arg-type]


def test_a_reference_link_binds_by_its_definition_not_its_text(tmp_path: Path) -> None:
    body = (
        "- Ana: look at [#15][ref]\n- Ana: read [#21][]\n- Ana: see [#22]\n"
        "- Ana: check [#23][other]\n- Ana: fix [#24][mine]\n- Ana: plain [#25]\n"
        "- Ana: plain #26\n\n"
        "[ref]: https://example.org/15\n[#21]: https://example.org/21\n"
        "[#22]: https://example.org/22\n[other]: https://github.com/other/thing/issues/23\n"
        "[mine]: https://github.com/acme/widgets/issues/24\n"
    )
    folder = team(tmp_path, ("2024-03-05", body))
    bound = {str(e["text"]): e["issue"] for e in entries(folder)}
    assert bound == {
        "look at [#15][ref]": None,  # a web page's link, whatever its text says
        "read [#21][]": None,
        "see [#22]": None,
        "check [#23][other]": None,  # another repository's issue
        "fix [#24][mine]": "acme/widgets#24",  # the definition's URL binds it
        "plain [#25]": "acme/widgets#25",  # no definition: text, which GitHub links
        "plain #26": "acme/widgets#26",
    }
