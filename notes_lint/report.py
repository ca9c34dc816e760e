"""`notes-lint report`: the TODO ledger as one self-contained HTML page.

The page needs no network: its CSS is inline, its chart is inline SVG, and a
Content-Security-Policy forbids every fetch but inline styles and ``data:``
images.  It is rendered with Jinja2 (imported here only, so other commands do
not pay for it), autoescaping on: every note text is escaped.

Content: summary counts, the open TODOs per owner, one table row per open
ledger entry (carried-over ones first, then the oldest), and a chart of open
versus done TODOs as of each meeting, computed from the entries' occurrences.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from notes_lint.ledger import Ledger, LedgerEntry
from notes_lint.people import person_key

TEMPLATE = "report.html.j2"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
NO_OWNER = "(no owner)"

# The chart's drawing box (SVG user units), its margins, and the inset of the
# first and last meeting from the plot's edges (room for their date labels).
CHART_WIDTH, CHART_HEIGHT = 760, 260
_LEFT, _RIGHT, _TOP = 40, 12, 12
_BOTTOM, _BOTTOM_ROTATED = 30, 70
_INSET = 40
ROTATE_LABELS_ABOVE = 8  # more meetings than this: the date labels are slanted


@dataclass(frozen=True)
class ReportRow:
    """One open ledger entry, as the table shows it."""

    id: str
    text: str
    owner: str
    login: str | None
    first_seen: str
    age_days: int | None
    carried_over: int
    status: str  # "open" | "undone"
    latest: str  # "path:line"
    issue: str | None


@dataclass(frozen=True)
class OwnerSummary:
    owner: str
    login: str | None
    open: int
    undone: int
    carried_over: int
    oldest_days: int | None


@dataclass(frozen=True)
class MeetingPoint:
    """The ledger as it stood right after one meeting, placed on the chart."""

    date: str
    open: int
    done: int
    x: float
    y_open: float
    y_done: float


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    points: list[MeetingPoint]
    ticks: list[Tick]
    rotate_labels: bool

    @property
    def plot_bottom(self) -> int:
        return self.height - self.bottom

    @property
    def open_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y_open:.1f}" for p in self.points)

    @property
    def done_path(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y_done:.1f}" for p in self.points)


@dataclass(frozen=True)
class Report:
    today: str
    grace_days: int
    notes: int
    total: int
    open: int
    undone: int
    done: int
    carried_open: int
    rows: list[ReportRow]
    owners: list[OwnerSummary]
    chart: Chart


def _age_key(entry: LedgerEntry, ledger: Ledger) -> float:
    age = entry.age_days(ledger.today)
    return -math.inf if age is None else float(age)


def open_entries(ledger: Ledger) -> list[LedgerEntry]:
    """The entries not done: carried-over ones first, then the oldest first."""
    return sorted(
        (e for e in ledger.entries if not e.done),
        key=lambda e: (
            e.carried_over == 0,
            -_age_key(e, ledger),
            person_key(e.owner or ""),
            e.text.casefold(),
        ),
    )


def meeting_counts(
    ledger: Ledger, meetings: Iterable[str] | None = None
) -> list[tuple[str, int, int]]:
    """``(date, open, done)`` as of each meeting, in date order.

    An entry counts from the first meeting it was seen at; at each meeting its
    state is that of its latest occurrence on or before that date.  The
    meetings are ``meetings`` (the notes' dates) when given, else every date an
    occurrence has; undated notes cannot be placed and are left out.
    """
    dates = set(meetings) if meetings is not None else set()
    dates.update(o.date for e in ledger.entries for o in e.occurrences if o.date)
    counts = []
    for date in sorted(dates):
        open_count = done_count = 0
        for entry in ledger.entries:
            seen = [o for o in entry.occurrences if o.date is not None and o.date <= date]
            if not seen:
                continue
            if seen[-1].done:
                done_count += 1
            else:
                open_count += 1
        counts.append((date, open_count, done_count))
    return counts


def _ticks(top: int) -> list[int]:
    """Whole-number gridline values from 0 to at least ``top``, about five of them."""
    step = max(1, math.ceil(top / 5))
    return list(range(0, max(top, 1) + step, step))


def build_chart(counts: Sequence[tuple[str, int, int]]) -> Chart:
    ticks = _ticks(max((max(o, d) for _, o, d in counts), default=0))
    ceiling = ticks[-1]
    rotate = len(counts) > ROTATE_LABELS_ABOVE
    bottom = _BOTTOM_ROTATED if rotate else _BOTTOM
    height = CHART_HEIGHT + bottom - _BOTTOM
    plot_w = CHART_WIDTH - _LEFT - _RIGHT - 2 * _INSET
    plot_h = CHART_HEIGHT - _TOP - _BOTTOM

    def y(value: int) -> float:
        return _TOP + plot_h * (1 - value / ceiling)

    def x(index: int) -> float:
        if len(counts) == 1:
            return _LEFT + _INSET + plot_w / 2
        return _LEFT + _INSET + plot_w * index / (len(counts) - 1)

    points = [MeetingPoint(date, o, d, x(i), y(o), y(d)) for i, (date, o, d) in enumerate(counts)]
    return Chart(
        CHART_WIDTH,
        height,
        _LEFT,
        _RIGHT,
        _TOP,
        bottom,
        points,
        [Tick(t, y(t)) for t in ticks],
        rotate,
    )


def _row(ledger: Ledger, entry: LedgerEntry) -> ReportRow:
    return ReportRow(
        id=entry.id,
        text=entry.text,
        owner=entry.owner or NO_OWNER,
        login=entry.login,
        first_seen=entry.first.date or "?",
        age_days=entry.age_days(ledger.today),
        carried_over=entry.carried_over,
        status=entry.status(ledger.today, ledger.grace_days),
        latest=f"{entry.latest.path}:{entry.latest.line}",
        issue=entry.issue,
    )


def _owners(rows: Sequence[ReportRow]) -> list[OwnerSummary]:
    # One group per person (people.person_key), shown as the first row spells them.
    groups: dict[str, list[ReportRow]] = {}
    for row in rows:
        key = person_key(row.owner) if row.owner != NO_OWNER else ""
        groups.setdefault(key or row.owner, []).append(row)
    summaries = []
    for group in groups.values():
        owner = group[0].owner
        ages = [r.age_days for r in group if r.age_days is not None]
        summaries.append(
            OwnerSummary(
                owner=owner,
                login=next((r.login for r in group if r.login), None),
                open=len(group),
                undone=sum(r.status == "undone" for r in group),
                carried_over=sum(r.carried_over > 0 for r in group),
                oldest_days=max(ages) if ages else None,
            )
        )
    return sorted(summaries, key=lambda s: (s.owner == NO_OWNER, -s.open, s.owner.casefold()))


def build_report(ledger: Ledger, meetings: Iterable[str] | None = None) -> Report:
    """What the page shows, computed from the ledger (and the meetings' dates)."""
    rows = [_row(ledger, e) for e in open_entries(ledger)]
    done = sum(e.done for e in ledger.entries)
    return Report(
        today=ledger.today.isoformat(),
        grace_days=ledger.grace_days,
        notes=ledger.notes,
        total=len(ledger.entries),
        open=len(rows),
        undone=sum(r.status == "undone" for r in rows),
        done=done,
        carried_open=sum(r.carried_over > 0 for r in rows),
        rows=rows,
        owners=_owners(rows),
        chart=build_chart(meeting_counts(ledger, meetings)),
    )


def render_report(ledger: Ledger, meetings: Iterable[str] | None = None) -> str:
    """The HTML page: Jinja2, autoescaped, no external resource of any kind."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("notes_lint", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    return env.get_template(TEMPLATE).render(report=build_report(ledger, meetings), csp=CSP)
