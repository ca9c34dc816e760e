"""A deterministic synthetic corpus of weekly meeting notes (sklearn-weekly format).

The shape is modelled on real public meeting notes (median ~5 KB, 5 level-2/3
headings, ~30 list items of which half are nested one or two levels deep, ~10
inline links and ~10 GitHub issue/PR URLs per note, a few bare URLs, TODOs with
owner tags in several styles, some done, some carried over to the next week).
All the text is generated here from a small invented vocabulary: no real note
is copied.

The same (count, seed) always gives byte-identical files, so runs on different
days or machines measure the same input.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

SEED = 20210914
GENERATOR_VERSION = 1  # cached corpora are rebuilt when this or this file changes

# An invented team: display name -> GitHub login (or None).
ROSTER: dict[str, str | None] = {
    "Amara": "amara-k",
    "Bastien": "bvaillant",
    "Chiara": "chiaradm",
    "Dmitri": "dpetrov-dev",
    "Elif": "elifyz",
    "Farid": None,
    "Greta": "gretah",
    "Hiroshi": "hiro-t",
    "Inès": "inesb",
    "Jonas": "jonasw",
    "Kavya": "kavyar",
    "Loïc": None,
    "Mei": "meilin",
    "Nadia": "nadia-o",
}
NAMES = list(ROSTER)
# Misspellings that a real team makes now and then (NL109 / NL302 did-you-mean).
TYPOS = {"Bastien": "Bastein", "Chiara": "Chiarra", "Hiroshi": "Hiroshy", "Jonas": "Jonsa"}

REPOS = [
    "example-org/toolkit",
    "example-org/toolkit-docs",
    "example-org/array-bridge",
    "numlab/fastsolve",
    "datakit/loaders",
]
OTHER_HOSTS = [
    "https://docs.example.org/en/latest/",
    "https://discuss.example.org/t/",
    "https://ci.example.net/builds/",
    "https://hackmd.example.io/",
    "https://pypi.org/project/",
    "https://www.example.com/blog/",
]

NOUNS = [
    "release",
    "branch",
    "changelog",
    "estimator",
    "pipeline",
    "benchmark",
    "wheel",
    "build",
    "test",
    "suite",
    "dataset",
    "loader",
    "solver",
    "metric",
    "kernel",
    "regression",
    "classifier",
    "transformer",
    "parser",
    "documentation",
    "example",
    "gallery",
    "tutorial",
    "sprint",
    "roadmap",
    "meeting",
    "review",
    "backlog",
    "deprecation",
    "warning",
    "dependency",
    "cache",
    "array",
    "API",
    "backend",
    "GPU",
    "thread",
    "pool",
    "memory",
    "leak",
    "regression",
    "fixture",
    "plot",
    "notebook",
    "website",
    "theme",
    "translation",
    "grant",
    "budget",
    "survey",
    "newsletter",
    "governance",
    "vote",
    "maintainer",
    "contributor",
    "issue",
    "tracker",
    "label",
    "milestone",
    "milestone-check",
    "workflow",
    "runner",
    "container",
    "image",
    "mirror",
    "index",
]
VERBS = [
    "fix",
    "review",
    "merge",
    "rebase",
    "update",
    "refactor",
    "document",
    "benchmark",
    "profile",
    "release",
    "deprecate",
    "remove",
    "investigate",
    "discuss",
    "revert",
    "test",
    "port",
    "vendor",
    "publish",
    "check",
    "rewrite",
    "split",
    "simplify",
    "triage",
    "backport",
    "announce",
    "schedule",
    "draft",
    "finish",
    "close",
]
ADJS = [
    "new",
    "old",
    "flaky",
    "slow",
    "fast",
    "stable",
    "experimental",
    "public",
    "private",
    "nightly",
    "weekly",
    "large",
    "small",
    "optional",
    "default",
    "upstream",
    "downstream",
    "pending",
    "blocked",
    "final",
    "minor",
    "major",
    "sparse",
    "dense",
    "parallel",
]
FILLER = [
    "the",
    "a",
    "this",
    "that",
    "our",
    "their",
    "some",
    "any",
    "all",
    "more",
    "less",
    "still",
    "already",
    "also",
    "then",
    "because",
    "although",
    "while",
    "after",
    "before",
    "since",
    "until",
    "with",
    "without",
    "for",
    "about",
    "on",
    "in",
]

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return f"{day}th"
    return f"{day}{({1: 'st', 2: 'nd', 3: 'rd'}).get(day % 10, 'th')}"


def date_heading(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {ordinal(day.day)}, {day.year}"


@dataclass
class Writer:
    """Generates one note's text; keeps the open TODOs to carry over to the next note."""

    rng: random.Random
    carried: list[tuple[str, str]] = field(default_factory=list)  # (owner, text)

    # -- words -----------------------------------------------------------
    def words(self, lo: int, hi: int) -> str:
        r = self.rng
        out: list[str] = []
        for _ in range(r.randint(lo, hi)):
            x = r.random()
            if x < 0.35:
                out.append(r.choice(NOUNS))
            elif x < 0.55:
                out.append(r.choice(FILLER))
            elif x < 0.75:
                out.append(r.choice(VERBS))
            elif x < 0.9:
                out.append(r.choice(ADJS))
            elif x < 0.95:
                out.append(f"`{r.choice(NOUNS)}_{r.choice(NOUNS)}`")
            else:
                out.append(f"**{r.choice(ADJS)}**")
        return " ".join(out)

    def sentence(self, lo: int = 4, hi: int = 14) -> str:
        s = self.words(lo, hi)
        return s[:1].upper() + s[1:]

    def issue_number(self) -> int:
        return self.rng.randint(100, 32000)

    # -- links -----------------------------------------------------------
    def gh_url(self) -> tuple[str, str, int]:
        r = self.rng
        repo = r.choice(REPOS)
        kind = "pull" if r.random() < 0.6 else "issues"
        n = self.issue_number()
        return f"https://github.com/{repo}/{kind}/{n}", repo, n

    def link(self) -> str:
        """One inline link, a bare URL or an autolink, in realistic proportions."""
        r = self.rng
        x = r.random()
        if x < 0.45:
            url, _, n = self.gh_url()
            return f"[#{n}]({url})"
        if x < 0.60:
            url, repo, n = self.gh_url()
            return f"[{repo}#{n}]({url})"
        if x < 0.72:
            url, _, _ = self.gh_url()
            return url  # bare GitHub URL (NL201 warning, as in real notes)
        if x < 0.80:
            return f"#{self.issue_number()}"
        if x < 0.90:
            host = r.choice(OTHER_HOSTS)
            return f"[{self.words(1, 4)}]({host}{r.choice(NOUNS)}-{r.randint(1, 999)})"
        if x < 0.96:
            return f"<{r.choice(OTHER_HOSTS)}{r.choice(NOUNS)}>"
        return f"{r.choice(OTHER_HOSTS)}{r.choice(NOUNS)}"  # bare non-GitHub URL

    def item_text(self) -> str:
        r = self.rng
        parts = [self.sentence()]
        for _ in range(r.choice((0, 0, 1, 1, 1, 2))):
            parts.append(self.link())
            if r.random() < 0.4:
                parts.append(self.words(2, 8))
        return " ".join(parts)

    # -- blocks ----------------------------------------------------------
    def bullets(self, n_lo: int, n_hi: int, depth: int = 0) -> list[str]:
        r = self.rng
        lines: list[str] = []
        indent = "    " * depth
        for _ in range(r.randint(n_lo, n_hi)):
            lines.append(f"{indent}- {self.item_text()}")
            if depth < 2 and r.random() < (0.45 if depth == 0 else 0.3):
                lines.extend(self.bullets(1, 3, depth + 1))
        return lines

    def person_section(self, name: str) -> list[str]:
        return [f"### {name}", "", *self.bullets(1, 4), ""]

    def todo_owner_tag(self, owner: str, text: str) -> str:
        r = self.rng
        x = r.random()
        login = ROSTER.get(owner)
        if x < 0.4:
            return f"{text} ({owner})"
        if x < 0.7:
            return f"{owner}: {text}"
        if x < 0.8 and login:
            return f"@{login} {text}"
        if x < 0.85:
            return f"{text} [name={owner}]"
        return f"({owner}) {text}"

    def todo_text(self) -> str:
        r = self.rng
        text = f"{r.choice(VERBS).capitalize()} the {r.choice(ADJS)} {r.choice(NOUNS)}"
        if r.random() < 0.5:
            text += f" {self.link()}"
        if r.random() < 0.1:
            text += f" due: {2000 + r.randint(0, 30)}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}"
        return text

    def todo_section(self, present: list[str]) -> list[str]:
        r = self.rng
        lines = ["### TODO / Next", ""]
        still_open: list[tuple[str, str]] = []
        # Carried over from last week: most stay, some are done now, a few are dropped.
        for owner, text in self.carried:
            x = r.random()
            if x < 0.15:
                continue
            if x < 0.45:
                lines.append(f"- [x] {self.todo_owner_tag(owner, text)}")
            else:
                if r.random() < 0.1:
                    text += f" ({r.choice(ADJS)})"  # edited while carried over
                lines.append(f"- {self.todo_owner_tag(owner, text)}")
                still_open.append((owner, text))
        # New ones, some grouped under an owner.
        for _ in range(r.randint(1, 5)):
            owner = r.choice(present)
            if r.random() < 0.25:
                lines.append(f"- ({owner}):")
                for _ in range(r.randint(1, 3)):
                    text = self.todo_text()
                    done = r.random() < 0.2
                    lines.append(f"    - {'[x] ' if done else ''}{text}")
                    if r.random() < 0.2:
                        lines.append(f"        - {self.item_text()}")
                    if not done:
                        still_open.append((owner, text))
                continue
            text = self.todo_text()
            x = r.random()
            if x < 0.03:
                lines.append(f"- {text}")  # no owner (NL301)
                continue
            if x < 0.05:
                lines.append(f"- {TYPOS.get(owner, owner)}: {text}")  # typo (NL302)
                continue
            if x < 0.10:
                lines.append(f"- ~~{self.todo_owner_tag(owner, text)}~~")
                continue
            lines.append(f"- {self.todo_owner_tag(owner, text)}")
            still_open.append((owner, text))
        self.carried = still_open[:12]
        lines.append("")
        return lines

    def discussion_section(self, present: list[str], topics: tuple[int, int]) -> list[str]:
        r = self.rng
        lines = ["### Discussion", ""]
        for _ in range(r.randint(*topics)):
            x = r.random()
            if x < 0.15:
                lines.extend([self.sentence(10, 40) + ".", ""])
                continue
            lines.append(f"- {self.item_text()}")
            for _ in range(r.randint(0, 4)):
                y = r.random()
                if y < 0.12:
                    owner = r.choice(present)
                    lines.append(f"    - TODO: {owner}: {self.todo_text()}")
                elif y < 0.25:
                    lines.append(f"    - {r.choice(present)}: {self.item_text()}")
                else:
                    lines.append(f"    - {self.item_text()}")
                if r.random() < 0.25:
                    lines.append(f"        - {self.item_text()}")
        lines.append("")
        return lines

    def note(self, day: dt.date, target_bytes: int) -> str:
        r = self.rng
        present = r.sample(NAMES, r.randint(2, 6))
        head: list[str] = []
        if r.random() < 0.1:
            head += ["---", f"attendees: [{', '.join(present)}]", "---", ""]
        head += [f"## {date_heading(day)}", ""]
        people: list[str] = []
        for name in present:
            shown = TYPOS.get(name, name) if r.random() < 0.01 else name
            people += self.person_section(shown)
        todos = self.todo_section(present)
        # Grow the discussion, one topic at a time, until the note reaches its target size.
        size = sum(len(line.encode()) + 1 for line in head + people + todos)
        disc = ["### Discussion", ""]
        size += len("### Discussion") + 2
        while True:
            chunk = self.discussion_section(present, (1, 1))[2:]
            grow = sum(len(line.encode()) + 1 for line in chunk)
            if size + grow > target_bytes and len(disc) > 2:
                break
            disc += chunk
            size += grow
        return "\n".join(head + people + disc + todos).rstrip("\n") + "\n"

    def big_note(self, day: dt.date, target_bytes: int) -> str:
        """One very large note: every roster person, each with long sections."""
        r = self.rng
        present = list(NAMES)
        lines = [f"## {date_heading(day)}", ""]
        per_part = target_bytes // (len(present) + 2)
        for name in present:
            section = [f"### {name}", ""]
            size = 0
            while size < per_part:
                chunk = self.bullets(1, 5)
                section += chunk
                size += sum(len(c.encode()) + 1 for c in chunk)
            lines += [*section, ""]
        disc = ["### Discussion", ""]
        size = 0
        while size < per_part:
            chunk = self.discussion_section(present, (1, 3))[2:]
            disc += chunk
            size += sum(len(c.encode()) + 1 for c in chunk)
        lines += disc
        todo = ["### TODO / Next", ""]
        size = 0
        while size < per_part:
            owner = r.choice(present)
            if r.random() < 0.25:
                chunk = [f"- ({owner}):"] + [
                    f"    - {self.todo_text()}" for _ in range(r.randint(1, 3))
                ]
            else:
                done = "[x] " if r.random() < 0.3 else ""
                chunk = [f"- {done}{self.todo_owner_tag(owner, self.todo_text())}"]
            todo += chunk
            size += sum(len(c.encode()) + 1 for c in chunk)
        lines += todo
        return "\n".join(lines).rstrip("\n") + "\n"


def note_sizes(rng: random.Random, count: int, mean_bytes: int = 4000) -> Iterator[int]:
    """Log-normal sizes (median ~4.3 KB, mean ~5 KB, long tail), clipped to 1-40 KB."""
    sigma = 0.55
    mu = math.log(mean_bytes) - sigma * sigma / 2
    for _ in range(count):
        yield int(min(40_000, max(1_000, rng.lognormvariate(mu, sigma))))


CONFIG_TEMPLATE = """\
# Generated by benchmarks/bench_corpus.py: a team's config for the synthetic notes.
extends: sklearn-weekly
include: ["notes/**/*.md"]
people:
{people}
links:
  private-hosts: [chat.example.internal]
"""


def config_text() -> str:
    people = "\n".join(f"  {name}: {login if login else 'null'}" for name, login in ROSTER.items())
    return CONFIG_TEMPLATE.format(people=people)


@dataclass(frozen=True)
class Corpus:
    root: Path  # holds .notes-lint.yaml and notes/
    files: list[Path]  # relative to root
    total_bytes: int


def _stamp(kind: str, n: int) -> str:
    source = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
    key = f"{GENERATOR_VERSION}:{SEED}:{kind}:{n}:{source}"
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def _cached(root: Path, stamp: str) -> Corpus | None:
    marker = root / ".generated"
    if not marker.is_file() or marker.read_text(encoding="utf-8").split("\n")[0] != stamp:
        return None
    files = sorted(p.relative_to(root) for p in (root / "notes").rglob("*.md"))
    return Corpus(root, files, sum((root / f).stat().st_size for f in files))


def _reset(root: Path) -> None:
    import shutil

    if root.exists():
        shutil.rmtree(root)
    (root / "notes").mkdir(parents=True)
    (root / ".notes-lint.yaml").write_text(config_text(), encoding="utf-8")


def generate_notes(root: Path, count: int, note_bytes: int | None = None) -> Corpus:
    """`count` weekly notes under root/notes/YYYY/YYYY-MM-DD.md (cached by content stamp).

    With note_bytes, every note aims at that size (the single-note case) instead of
    the log-normal spread.
    """
    stamp = _stamp(f"notes-{note_bytes}", count)
    cached = _cached(root, stamp)
    if cached is not None:
        return cached
    _reset(root)
    rng = random.Random(f"{SEED}-notes")
    writer = Writer(random.Random(f"{SEED}-text"))
    # A daily meeting from 1990 on keeps 10,000 notes' dates distinct and in order.
    start = dt.date(1990, 1, 1)
    sizes = [note_bytes] * count if note_bytes else list(note_sizes(rng, count))
    files: list[Path] = []
    total = 0
    for i, size in enumerate(sizes):
        day = start + dt.timedelta(days=i)
        rel = Path("notes") / f"{day.year}" / f"{day.isoformat()}.md"
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = writer.note(day, size).encode()
        path.write_bytes(data)
        files.append(rel)
        total += len(data)
    (root / ".generated").write_text(f"{stamp}\n", encoding="utf-8")
    return Corpus(root, files, total)


def generate_big_note(root: Path, target_bytes: int) -> Corpus:
    """One note of about target_bytes, at root/notes/2021/2021-09-14.md."""
    stamp = _stamp("big", target_bytes)
    cached = _cached(root, stamp)
    if cached is not None:
        return cached
    _reset(root)
    writer = Writer(random.Random(f"{SEED}-big"))
    day = dt.date(2021, 9, 14)
    rel = Path("notes") / "2021" / "2021-09-14.md"
    (root / rel).parent.mkdir(parents=True)
    data = writer.big_note(day, target_bytes).encode()
    (root / rel).write_bytes(data)
    (root / ".generated").write_text(f"{stamp}\n", encoding="utf-8")
    return Corpus(root, [rel], len(data))
