"""`notes-lint report`: the open TODOs as one self-contained HTML page.

The page is checked as HTML (escaping, rows against the ledger, chart points,
ordering, nothing it could fetch) and, when a Chromium binary is installed, as
a browser renders it: headless Chromium loads it from a file, its DOM rows are
checked against the ledger, a screenshot is kept as an artifact, and the
browser's own net log and console prove that no request left the page.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from conftest import TEAM_CONFIG, run_cli

from notes_lint.atomic import write_atomic
from notes_lint.collection import load_notes
from notes_lint.config import load_config
from notes_lint.ledger import Ledger, build_ledger
from notes_lint.report import CSP, build_report, meeting_counts

TODAY = "2024-04-09"


def _note(heading: str, todos: str) -> str:
    return f"## {heading}\n\n### Discussion\n\n- things\n\n### TODO / Next\n\n{todos}"


WEEKS = {
    "2024-03-05.md": _note(
        "March 5th, 2024",
        "- Release 1.4.2 (Guillaume)\n"
        "- Close the perf gap in the KNN code (Julien)\n"
        "- Update the roadmap (Guillaume)\n"
        "- Update the roadmap (Julien)\n",
    ),
    "2024-03-12.md": _note(
        "March 12th, 2024",
        "- Release 1.4.2 (Guillaume)\n"
        "- Close the performance gap in the KNN code (Julien)\n"
        "- Update the roadmap (Julien)\n",
    ),
    "2024-03-19.md": _note(
        "March 19th, 2024",
        "- Release 1.4.2 (Guillaume)\n"
        "- Close the performance gap in the KNN code (Julien)\n"
        "- Book a room for the sprint (Loïc)\n",
    ),
    "2024-03-26.md": _note(
        "March 26th, 2024",
        "- [x] Release 1.4.2 (Guillaume)\n"
        "- Close the performance gap in the KNN code (Julien)\n"
        "- Book a room for the sprint (Loïc)\n",
    ),
    "2024-04-02.md": _note(
        "April 2nd, 2024",
        "- Close the performance gap in the KNN code (Julien)\n"
        "- [x] Book a room for the sprint (Loïc)\n"
        '- Check that <script>alert(1)</script> and "quotes" stay text (Julien)\n'
        '- Write the "what\'s new" page & <b>blog</b> post (Guillaume)\n',
    ),
}
MEETINGS = [name.removesuffix(".md") for name in WEEKS]
SCRIPT_TODO = 'Check that <script>alert(1)</script> and "quotes" stay text'


@pytest.fixture
def team(tmp_path: Path) -> Path:
    root = tmp_path / "team"
    (root / "notes").mkdir(parents=True)
    (root / ".notes-lint.yaml").write_text(TEAM_CONFIG, encoding="utf-8")
    for name, text in WEEKS.items():
        (root / "notes" / name).write_text(text, encoding="utf-8")
    return root


def ledger_of(team: Path) -> Ledger:
    config = load_config(cwd=team)
    notes = load_notes(config, cwd=team).notes
    return build_ledger(notes, today=dt.date.fromisoformat(TODAY), repo="acme/tools")


def report_of(team: Path, output: Path) -> str:
    result = run_cli("report", "--today", TODAY, "--output", str(output), cwd=team)
    assert result.returncode == 0, result.stderr
    assert f"wrote {output}" in result.stderr
    return output.read_text(encoding="utf-8")


class Page(HTMLParser):
    """What the tests read of a page: every start tag, the open-TODO rows, the style text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.rows: list[dict[str, str]] = []
        self.style = ""
        self._in_table = False
        self._cell: str | None = None
        self._in_style = False

    @classmethod
    def parse(cls, html: str) -> Page:
        page = cls()
        page.feed(html)
        page.close()
        return page

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        if tag == "style":
            self._in_style = True
        elif tag == "table" and attributes.get("id") == "open-todos":
            self._in_table = True
        elif self._in_table and tag == "tr" and "data-entry-id" in attributes:
            self.rows.append(
                {
                    "id": attributes["data-entry-id"],
                    "row-status": attributes.get("data-status", ""),
                    "row-class": attributes.get("class", ""),
                }
            )
        elif self._in_table and tag == "td" and self.rows:
            self._cell = attributes.get("class", "").split()[-1]
            self.rows[-1][self._cell] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self._in_table = False
        elif tag == "td":
            self._cell = None
        elif tag == "style":
            self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data
        elif self._cell is not None:
            self.rows[-1][self._cell] += data

    def meetings(self) -> list[tuple[str, int, int]]:
        return [
            (a["data-meeting"], int(a["data-open"]), int(a["data-done"]))
            for tag, a in self.tags
            if tag == "g" and "meeting" in a.get("class", "").split()
        ]


def _squash(text: str) -> str:
    return " ".join(text.split())


def expected_cells(ledger: Ledger) -> dict[str, dict[str, str]]:
    """The cells each open entry's row must show, straight from the ledger."""
    cells = {}
    for entry in ledger.entries:
        if entry.done:
            continue
        age = entry.age_days(ledger.today)
        owner = entry.owner or "(no owner)"
        cells[entry.id] = {
            "text": entry.text + (f" ({entry.issue})" if entry.issue else ""),
            "owner": owner + (f" @{entry.login}" if entry.login else ""),
            "first": entry.first.date or "?",
            "age": "?" if age is None else str(age),
            "carried": f"{entry.carried_over}×",
            "status": entry.status(ledger.today, ledger.grace_days),
            "where": f"{entry.latest.path}:{entry.latest.line}",
        }
    return cells


def assert_rows_match_ledger(rows: list[dict[str, str]], ledger: Ledger) -> None:
    expected = expected_cells(ledger)
    assert len(rows) == len(expected)
    assert [r["id"] for r in rows] == list(dict.fromkeys(r["id"] for r in rows)), "a row twice"
    for row in rows:
        cells = {k: _squash(v) for k, v in row.items() if k in expected[row["id"]]}
        assert cells == expected[row["id"]]


# -- the page as HTML ----------------------------------------------------------------


def test_every_note_text_is_escaped(team: Path, tmp_path: Path) -> None:
    html = report_of(team, tmp_path / "report.html")
    assert "<script" not in html  # not the TODO's, and the page has none of its own
    assert "<b>" not in html
    assert "Check that &lt;script&gt;alert(1)&lt;/script&gt; and &#34;quotes&#34; stay text" in html
    assert "Write the &#34;what&#39;s new&#34; page &amp; &lt;b&gt;blog&lt;/b&gt; post" in html
    texts = [_squash(r["text"]) for r in Page.parse(html).rows]
    assert SCRIPT_TODO in texts  # and a parser reads it back as the text it was


def test_one_row_per_open_entry_and_none_for_done_ones(team: Path, tmp_path: Path) -> None:
    ledger = ledger_of(team)
    page = Page.parse(report_of(team, tmp_path / "report.html"))
    assert_rows_match_ledger(page.rows, ledger)
    done = {e.id for e in ledger.entries if e.done}
    assert len(done) == 2  # the release and the room
    assert done.isdisjoint(r["id"] for r in page.rows)
    assert len(page.rows) == len(ledger.entries) - len(done) == 5


def test_carried_over_first_then_the_oldest(team: Path, tmp_path: Path) -> None:
    page = Page.parse(report_of(team, tmp_path / "report.html"))
    shown = [(_squash(r["text"]), r["carried"], r["age"]) for r in page.rows]
    assert shown == [
        ("Close the performance gap in the KNN code", "4×", "35"),
        ("Update the roadmap", "1×", "35"),  # Julien's
        ("Update the roadmap", "0×", "35"),  # Guillaume's, never carried over
        ('Write the "what\'s new" page & <b>blog</b> post', "0×", "7"),
        (SCRIPT_TODO, "0×", "7"),
    ]
    assert [r["row-class"] for r in page.rows] == ["carried", "carried", "", "", ""]


def test_the_chart_has_one_point_per_meeting(team: Path, tmp_path: Path) -> None:
    page = Page.parse(report_of(team, tmp_path / "report.html"))
    # As of each meeting: every TODO seen so far, open or done by its latest mention.
    assert page.meetings() == [
        ("2024-03-05", 4, 0),
        ("2024-03-12", 4, 0),
        ("2024-03-19", 5, 0),
        ("2024-03-26", 4, 1),
        ("2024-04-02", 5, 2),
    ]
    svg = next(a for tag, a in page.tags if tag == "svg")
    assert svg["role"] == "img"
    labelled_by = svg["aria-labelledby"].split()
    ids = {a.get("id") for _, a in page.tags}
    assert set(labelled_by) <= ids
    titles = [a for tag, a in page.tags if tag == "title"]
    assert len(titles) == 2 + len(MEETINGS)  # the page's, the chart's, one per point


def test_a_meeting_without_todos_still_gets_a_point(team: Path) -> None:
    ledger = ledger_of(team)
    counts = meeting_counts(ledger, [*MEETINGS, "2024-04-09"])
    assert counts[-1] == ("2024-04-09", 5, 2)
    assert len(build_report(ledger, MEETINGS).chart.points) == len(MEETINGS)


def test_the_summary_counts(team: Path, tmp_path: Path) -> None:
    page = Page.parse(report_of(team, tmp_path / "report.html"))
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    counts = {a["data-count"] for _, a in page.tags if "data-count" in a}
    assert counts == {"open", "undone", "carried", "done", "total"}
    for name, value in {"open": 5, "undone": 3, "carried": 2, "done": 2, "total": 7}.items():
        assert f'data-count="{name}">{value}<' in html


def test_the_page_can_fetch_nothing(team: Path, tmp_path: Path) -> None:
    html = report_of(team, tmp_path / "report.html")
    page = Page.parse(html)
    metas = [a for tag, a in page.tags if tag == "meta"]
    assert metas[0] == {"charset": "utf-8"}
    assert metas[1] == {"http-equiv": "Content-Security-Policy", "content": CSP}
    assert CSP == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    forbidden = {"script", "iframe", "object", "embed", "base", "img", "video", "audio", "form"}
    assert forbidden.isdisjoint(tag for tag, _ in page.tags)
    fetching = {"src", "href", "srcset", "xlink:href", "poster", "data", "action", "background"}
    for tag, attributes in page.tags:
        for name, value in attributes.items():
            if name in fetching:
                assert value.startswith("data:"), f"<{tag} {name}={value!r}>"
        assert not (tag == "link" and attributes.get("rel") != "icon"), attributes
    assert page.style
    assert "url(" not in page.style and "@import" not in page.style
    assert "@font-face" not in page.style


def test_an_empty_ledger_still_makes_a_page(tmp_path: Path) -> None:
    (tmp_path / ".notes-lint.yaml").write_text("extends: sklearn-weekly\n", encoding="utf-8")
    (tmp_path / "notes").mkdir()
    output = tmp_path / "out.html"
    html = report_of(tmp_path, output)
    assert "No open TODO" in html
    assert "No dated meeting to chart" in html
    assert Page.parse(html).rows == []


# -- the command ------------------------------------------------------------------


def test_the_report_is_overwritten_atomically_with_a_default_name(team: Path) -> None:
    default = team / "notes-report.html"
    default.write_text("stale", encoding="utf-8")
    default.chmod(0o644)
    result = run_cli("report", "--today", TODAY, cwd=team)
    assert result.returncode == 0, result.stderr
    assert "wrote notes-report.html" in result.stderr
    assert result.stdout == ""
    html = default.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and html.endswith("</html>\n")
    assert default.stat().st_mode & 0o777 == 0o644  # the file's mode kept
    assert sorted(p.name for p in team.iterdir()) == [
        ".notes-lint.yaml",
        "notes",
        "notes-report.html",
    ]
    # Same notes, same date: the same page, byte for byte (no clock in it).
    assert run_cli("report", "--today", TODAY, cwd=team).returncode == 0
    assert default.read_text(encoding="utf-8") == html


def test_write_atomically_makes_folders_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "page.html"
    write_atomic(target, "one")
    write_atomic(target, "two")
    assert target.read_text(encoding="utf-8") == "two"
    assert [p.name for p in target.parent.iterdir()] == ["page.html"]


def test_a_folder_as_output_is_a_usage_error(team: Path) -> None:
    result = run_cli("report", "--today", TODAY, "--output", "notes", cwd=team)
    assert result.returncode == 2
    assert "is a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_only_the_report_imports_jinja2(team: Path, tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from notes_lint.cli import main\n"
        "assert main(['todos', '--today', '2024-04-09']) == 0\n"
        "assert 'jinja2' not in sys.modules, 'todos imported jinja2'\n"
        f"assert main(['report', '--today', '2024-04-09', '--output', {str(tmp_path / 'r.html')!r}]) == 0\n"
        "assert 'jinja2' in sys.modules\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=team, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


# -- the page in a real browser ---------------------------------------------------------


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


needs_chromium = pytest.mark.skipif(
    _chromium() is None,
    reason="no chromium binary on PATH (Debian: apt-get install chromium); .ci/run installs it",
)


@dataclass
class BrowserRun:
    dom: str
    console: list[str]  # the page's console messages, CSP violations among them
    page_requests: list[str]  # URLs the page asked the network stack for
    browser_requests: list[str]  # the browser's own traffic (updates, time), not the page's


def _net_log(path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    try:
        data: dict[str, Any] = json.loads(text)
    except json.JSONDecodeError:  # a log cut short still has every event written before
        data = json.loads(text.rstrip().rstrip(",") + "]}")
    return data


def open_in_chromium(page: Path, work: Path, *extra: str) -> BrowserRun:
    """Load ``page`` from its file in headless Chromium; read its DOM, console and net log.

    Every host name resolves to nothing (``--host-resolver-rules``), so nothing
    reaches the network even if the page asked; the net log still records each
    request the page made, with the page (``file://``) as its initiator.
    """
    binary = _chromium()
    assert binary is not None
    work.mkdir(parents=True, exist_ok=True)
    net_log = work / "net-log.json"
    command = [
        binary,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={work / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",
        f"--log-net-log={net_log}",
        "--enable-logging=stderr",
        "--v=0",
        *extra,
        "--dump-dom",
        page.as_uri(),
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    assert result.returncode == 0, result.stderr[-3000:]
    console = [line for line in result.stderr.splitlines() if ":CONSOLE" in line]
    log = _net_log(net_log)
    types = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    page_requests: list[str] = []
    browser_requests: list[str] = []
    for event in log["events"]:
        params = event.get("params") or {}
        if types.get(event["type"]) != "URL_REQUEST_START_JOB" or "url" not in params:
            continue
        from_page = params.get("initiator") != "not an origin" or "file://" in str(
            params.get("network_isolation_key", "")
        )
        if params["url"] == page.as_uri():
            continue
        (page_requests if from_page else browser_requests).append(params["url"])
    return BrowserRun(result.stdout, console, page_requests, browser_requests)


def _artifacts(tmp_path: Path) -> Path:
    folder = Path(os.environ.get("NOTES_LINT_ARTIFACTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@needs_chromium
def test_chromium_shows_one_row_per_open_todo_and_fetches_nothing(
    team: Path, tmp_path: Path
) -> None:
    report = tmp_path / "report.html"
    report_of(team, report)
    screenshot = _artifacts(tmp_path) / "notes-lint-report.png"
    run = open_in_chromium(
        report, tmp_path / "chromium", f"--screenshot={screenshot}", "--window-size=1280,900"
    )
    # The rendered DOM: one row per open TODO of the ledger, each showing that entry.
    page = Page.parse(run.dom)
    assert_rows_match_ledger(page.rows, ledger_of(team))
    assert len(page.meetings()) == len(MEETINGS)
    assert SCRIPT_TODO in [_squash(r["text"]) for r in page.rows]
    # Nothing left the page: no request in the net log came from it, and the CSP
    # had nothing to block (a blocked load is a console message).
    assert run.page_requests == []
    assert not [line for line in run.console if "Content Security Policy" in line]
    assert run.console == []
    # The screenshot, kept for a person to look at.
    assert screenshot.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    assert screenshot.stat().st_size > 10_000
    shutil.copyfile(report, screenshot.with_suffix(".html"))
    print(f"report screenshot: {screenshot}")


@needs_chromium
def test_the_browser_checks_catch_a_page_that_fetches(tmp_path: Path) -> None:
    """The checks above are not vacuous: the same run sees a page's request, and a CSP block."""
    fetching = tmp_path / "fetching.html"
    fetching.write_text(
        '<!DOCTYPE html><html><head><link rel="stylesheet" href="http://canary.invalid/a.css">'
        '</head><body><img src="http://canary.invalid/b.png"></body></html>',
        encoding="utf-8",
    )
    run = open_in_chromium(fetching, tmp_path / "fetching")
    assert sorted(run.page_requests) == [
        "http://canary.invalid/a.css",
        "http://canary.invalid/b.png",
    ]

    blocked = tmp_path / "blocked.html"
    blocked.write_text(
        f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '</head><body><img src="http://canary.invalid/c.png"></body></html>',
        encoding="utf-8",
    )
    run = open_in_chromium(blocked, tmp_path / "blocked")
    assert run.page_requests == []
    assert any(
        "Content Security Policy" in line and "canary.invalid/c.png" in line for line in run.console
    )
