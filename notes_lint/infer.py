"""A starting config inferred from the notes already there (``notes-lint init``, issue 15).

:func:`infer_config` reads every note of a folder into the note model
(:func:`notes_lint.parse.parse_note`) and measures how the team writes:

- the bundled preset that fits best: the one whose config gives the fewest
  error findings (then warnings) on a sample of the notes;
- the date: the heading level whose first heading holds a date in most notes,
  the labelled lines (``Meeting date: …``) that state it in the others, the
  formats that read those dates (named ones, or a strftime pattern such as
  ``%Y.%m.%d`` when the notes write it), and whether file names hold a date;
- the sections that recur (a title in at least :data:`RECURRING` of the notes)
  at the level where most of them stand, their spellings as aliases, which are
  required (in at least :data:`REQUIRED` of the notes), whether they keep an
  order, which hold TODOs;
- the roster: people who own TODOs in at least two notes, with the ``@login``
  the notes give for them;
- how TODOs are written: the markers seen at the start of items, the owner-tag
  styles the owners were found in, task items;
- links: the repository most GitHub links point at (``default-repo``), the
  private hosts linked, whether plain ``http://`` links are the team's habit.

Last, the candidate config is linted over the whole archive: a rule that gives
an error in more than :data:`NOISY` of the notes is set to ``warning`` (a
starting config reports what the team may fix, not what every note does), and
the figures (notes dated, errors, warnings) are part of the result.

Nothing here prints; errors are :class:`notes_lint.errors.UsageError`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notes_lint import dates, resources
from notes_lint import source as note_source
from notes_lint.config import DEFAULT_EXCLUDE, Config, config_from_mapping
from notes_lint.dates import (
    NAMED_FORMATS,
    read_stated_date,
)
from notes_lint.diagnostics import Severity
from notes_lint.discovery import NoteFile, find_notes
from notes_lint.errors import UsageError
from notes_lint.markers import find_marker
from notes_lint.matching import normalize_heading
from notes_lint.model import ListItem, Note
from notes_lint.people import person_key
from notes_lint.urls import LOGIN, is_login, is_repository

RECURRING = 0.25
"""Share of the notes a section title must appear in to be one of the template's sections."""
REQUIRED = 0.9
"""Share of the notes a section must appear in to be required.  "Most notes" is read as
nearly all: a section missing from one note in five would be an error in each of them."""
NOISY = 0.1
"""Share of the notes above which a rule's errors make it a warning in the starting config:
a rule the archive breaks in more than one note in ten is not yet the team's practice."""
PRESET_SAMPLE = 60
"""Notes (spread over the archive) on which each bundled preset is tried."""

STRFTIME_CANDIDATES = ("%Y.%m.%d", "%Y/%m/%d", "%m/%d/%Y", "%d/%m/%Y", "%m/%d/%y", "%d.%m.%Y")
"""Numeric date formats besides the named ones, tried on the notes' date texts."""
MARKER_CANDIDATES = (
    "TODO",
    "AI",
    "Action",
    "Action item",
    "Next steps",
    "Follow-up",
)
"""Words that open a TODO in meeting notes; those the notes use become ``todos.markers``."""
PRIVATE_HOSTS = (
    "docs.google.com",
    "drive.google.com",
    "meet.google.com",
    "calendar.google.com",
    "slack.com",
    "zoom.us",
    "teams.microsoft.com",
    "sharepoint.com",
    "atlassian.net",
    "notion.so",
    "paper.dropbox.com",
    "localhost",
)
"""Hosts whose pages readers of a public repository usually cannot open (sign-in, workspace)."""
_TODO_TITLE = re.compile(r"(?i)\b(?:action|todo|to-do|next steps?|follow[- ]?ups?|tasks?)\b")
_LABEL = re.compile(r"^\s*(?P<label>[^\W\d_][^\W\d_ ]*(?: [^\W\d_]+){0,2})\s*:\s*(?P<rest>\S.*)$")
_INTRANET = re.compile(r"^(?:[a-z0-9-]+|.*\.(?:internal|corp|local|lan|intranet))$")


@dataclass
class InferredConfig:
    """What ``notes-lint init`` writes, and why.

    ``data``: the config mapping (validated, loads); ``comments``: a line of
    explanation per key path (``"date.level"``); ``evidence``: one line per
    inference, for the user; ``notes``/``dated``/``stated``/``errors``/``warnings``:
    the figures of the config over the archive (``dated``: notes the ledger files
    under a date, stated or the file name's; ``stated``: notes whose text states
    it); ``preset_errors``: errors per preset
    tried (on the sample).
    """

    folder: Path
    data: dict[str, Any]
    comments: dict[str, str] = field(default_factory=dict)
    evidence: list[str] = field(default_factory=list)
    notes: int = 0
    dated: int = 0
    stated: int = 0
    errors: int = 0
    warnings: int = 0
    preset_errors: dict[str, int] = field(default_factory=dict)

    def yaml_text(self) -> str:
        """The config as YAML, with a comment line over each key."""
        return render_yaml(self.data, self.comments, self.header())

    def header(self) -> list[str]:
        return [
            "notes-lint config written by `notes-lint init` from the notes in this folder.",
            f"On those {self.notes} notes it gives {self.errors} errors and {self.warnings} "
            f"warnings; {self.dated} are dated ({self.stated} state their date).",
            "Review it: every key says what it was inferred from (docs: README, Commands).",
        ]


@dataclass
class _Archive:
    folder: Path
    files: list[NoteFile]
    sources: list[note_source.Source]
    notes: list[Note] = field(default_factory=list)

    def share(self, count: int) -> str:
        return f"{count} of {len(self.sources)} notes"


def infer_config(
    folder: Path, jobs: int | None = None, today: dt.date | None = None
) -> InferredConfig:
    """The config that fits the notes under ``folder`` (see the module's docstring).

    Raises :class:`UsageError` when ``folder`` is not a folder or holds no note.
    ``jobs``: processes for the final lint over the archive (as ``check --jobs``).
    ``today`` (default: the day it runs) is written as ``github.since`` (issue 16).
    """
    if not folder.is_dir():
        raise UsageError(f"{folder}: not a folder")
    folder = folder.resolve()
    base = config_from_mapping({}, folder, "init")
    files = find_notes(base, None, cwd=folder)
    sources: list[note_source.Source] = []
    kept: list[NoteFile] = []
    for note_file in files:
        try:
            sources.append(note_source.read(note_file.path, note_file.display))
            kept.append(note_file)
        except note_source.UnreadableNote:
            continue
    if not sources:
        raise UsageError(f"{folder}: no Markdown notes found; nothing to infer a config from")
    archive = _Archive(folder, kept, sources)
    result = InferredConfig(folder, {})
    preset = _best_preset(archive, result)
    data: dict[str, Any] = {"extends": preset}
    result.comments["extends"] = (
        "the bundled preset with the fewest errors on these notes ("
        + ", ".join(f"{name}: {n}" for name, n in sorted(result.preset_errors.items()))
        + ")"
    )
    preset_config = config_from_mapping({"extends": preset}, folder, "init")
    archive.notes = _parse_all(archive, _probe_config(preset, folder))
    pages = _pages_not_notes(archive, result)
    if pages:
        data["exclude"] = [*DEFAULT_EXCLUDE, *pages]
        result.comments["exclude"] = (
            "files that are not meeting notes: no date in their name or text, where the "
            "notes' names hold one (and the usual README.md, LICENSE.md, template.md …)"
        )
    data["date"] = _infer_date(archive, result)
    sections = _infer_sections(archive, preset_config, result)
    if sections is not None:
        data["sections"] = sections
    _name_the_date_section(data, preset_config)
    data["todos"] = _infer_todo_style(archive, preset_config, result)
    draft = config_from_mapping(data, folder, "init")
    archive.notes = _parse_all(archive, draft)
    people = _infer_people(archive, result)
    if people:
        data["people"] = people
        result.comments["people"] = (
            "the roster: everyone who owns TODOs in two notes or more, with the login "
            "the notes give (@login); add the others"
        )
    owner_tags = _owner_tags(archive, preset_config, result)
    if owner_tags:
        data["todos"]["owner-tags"] = owner_tags
    links = _infer_links(archive, result)
    if links:
        data["links"] = links
    _calibrate(archive, data, result, jobs)
    since = (today or dates.today()).isoformat()
    data["github"] = {"since": since}
    result.comments["github.since"] = (
        f"sync follows up the TODOs first seen from {since}, the day init ran, not the "
        "archive's older ones: set an earlier day (or remove it) to include them"
    )
    result.data = data
    return result


def _name_the_date_section(data: dict[str, Any], preset: Config) -> None:
    """The date section must be a named section (the parser reads a named one only):
    put it first among the inferred sections when they do not name it; without inferred
    sections, keep it only when the preset names it."""
    title = data["date"].get("section")
    if not title:
        return
    sections = data.get("sections")
    if sections is None:
        if preset.sections.lookup(title) is None:
            data["date"]["section"] = None
        return
    key = _group_key(title)
    for entry in sections["named"]:
        if key in {_group_key(n) for n in [entry["name"], *entry.get("aliases", [])]}:
            data["date"]["section"] = entry["name"]
            return
    sections["named"].insert(0, {"name": title})


# ------------------------------------------------------------------ parsing


def _parse_all(archive: _Archive, config: Config) -> list[Note]:
    from notes_lint.parse import parse_note

    notes = []
    for source in archive.sources:
        try:
            notes.append(parse_note(source, config))
        except UsageError:
            raise
        except Exception:  # a note notes-lint cannot parse tells nothing about the template
            notes.append(Note(path=source.path))
    return notes


def _pages_not_notes(archive: _Archive, result: InferredConfig) -> list[str]:
    """``exclude`` patterns for the files that are pages, not notes, taken out of the
    archive: where most file names hold a date, a file whose name holds none and whose
    text states none (a site's ``_index.md``, an ``agenda-template.md``) is not a meeting
    note, as long as such files are no more than the notes dated by name.

    A pattern is the file name when every file of that name is such a page (it then
    matches at any depth), else the file's path from the folder.
    """
    notes = archive.notes
    by_name = sum(1 for note in notes if note.filename_date)
    pages = {
        k
        for k, note in enumerate(notes)
        if not note.filename_date and not (note.date and note.date.value)
    }
    if not pages or by_name * 2 < len(notes) or len(pages) > by_name:
        return []
    relative = [f.path.resolve().relative_to(archive.folder).as_posix() for f in archive.files]
    names = Counter(Path(r).name for r in relative)
    page_names = Counter(Path(relative[k]).name for k in pages)
    patterns = sorted(
        {
            name if page_names[name] == names[name] else relative[k]
            for k in pages
            for name in [Path(relative[k]).name]
        }
    )
    keep = [k for k in range(len(notes)) if k not in pages]
    archive.files = [archive.files[k] for k in keep]
    archive.sources = [archive.sources[k] for k in keep]
    archive.notes = [notes[k] for k in keep]
    result.evidence.append(f"not notes (no date in name or text): {', '.join(patterns)}; excluded")
    return patterns


def _probe_config(preset: str, folder: Path) -> Config:
    """The preset with every date format and marker candidate: to see what the notes use."""
    return config_from_mapping(
        {
            "extends": preset,
            "date": {"formats": [*NAMED_FORMATS, *STRFTIME_CANDIDATES]},
            "todos": {"markers": [f"{m}:" for m in MARKER_CANDIDATES]},
        },
        folder,
        "init",
    )


def _sample(items: Sequence[Any], size: int) -> list[Any]:
    if len(items) <= size:
        return list(items)
    step = len(items) / size
    return [items[int(k * step)] for k in range(size)]


def _best_preset(archive: _Archive, result: InferredConfig) -> str:
    """The bundled preset whose config gives the fewest errors (then warnings) on a sample."""
    from notes_lint.linter import lint_files

    sample = _sample(archive.files, PRESET_SAMPLE)
    scores: dict[str, tuple[int, int]] = {}
    for name in resources.preset_names():
        config = config_from_mapping({"extends": name}, archive.folder, "init")
        found = lint_files(sample, config, jobs=1)
        scores[name] = (found.count(Severity.ERROR), found.count(Severity.WARNING))
        result.preset_errors[name] = scores[name][0]
    best = min(scores, key=lambda n: (scores[n], n != "generic"))
    result.evidence.append(
        f"preset: {best} (errors on {len(sample)} notes: "
        + ", ".join(f"{n} {e}" for n, (e, _w) in sorted(scores.items()))
        + ")"
    )
    return best


# --------------------------------------------------------------------- dates


def _dates_in(text: str, path: str, formats: tuple[str, ...]) -> str | None:
    """The ISO date ``text`` holds in ``formats`` (a year-less one takes the path's year;
    a month, ``January 2023``, its first day)."""
    found = read_stated_date(text, formats, path)
    return found.value.isoformat() if found is not None and found.value else None


def _first_lines(note: Note) -> Iterable[str]:
    """The plain text of the first line of each paragraph and list item of ``note``."""
    for paragraph in note.paragraphs:
        if paragraph.lines and not paragraph.quoted:
            yield paragraph.lines[0].plain
    for item in note.items():
        yield item.lines[0].plain if item.lines else item.text


_SHORT_DATE_LINE = 8
"""Words at most on a section's first line for it to be the date (``2024-03-01``,
``Tuesday, March 1st 2024 at 15:00 UTC``), not a sentence that mentions one."""


def _section_openings(note: Note) -> Iterable[tuple[str, str]]:
    """(section title, plain text of its first paragraph's first line) for each section of
    ``note`` that opens with a short paragraph (:data:`_SHORT_DATE_LINE` words at most)."""
    seen: set[str] = set()
    for paragraph in note.paragraphs:
        title = paragraph.section
        if title is None or paragraph.quoted or not paragraph.lines or title in seen:
            continue
        seen.add(title)
        first = paragraph.lines[0].plain
        if len(first.split()) <= _SHORT_DATE_LINE:
            yield title, first


def _infer_date(archive: _Archive, result: InferredConfig) -> dict[str, Any]:
    """``date:``: level, labels, formats and file-name check (see the module's docstring)."""
    every = (*NAMED_FORMATS, *STRFTIME_CANDIDATES)
    by_level: Counter[int] = Counter()
    texts: list[tuple[str, str, str | None]] = []  # (text, path, file-name date)
    labels: Counter[str] = Counter()
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    dated_by: dict[int, set[int]] = defaultdict(set)
    labelled: dict[str, set[int]] = defaultdict(set)
    in_section: dict[str, set[int]] = defaultdict(set)  # section title -> notes dated there
    for index, note in enumerate(archive.notes):
        seen_levels: set[int] = set()
        for heading in note.headings:
            if heading.in_block or heading.level in seen_levels:
                continue
            seen_levels.add(heading.level)
            if _dates_in(heading.text, note.path, every):
                by_level[heading.level] += 1
                dated_by[heading.level].add(index)
                texts.append((heading.text, note.path, note.filename_date))
        seen_labels: set[str] = set()
        for line in _first_lines(note):
            match = _LABEL.match(line)
            if (
                match is None
                or match["rest"].startswith("//")  # a URL's scheme, not a label
                or not _dates_in(match["rest"], note.path, every)
            ):
                continue
            key = match["label"].casefold()
            if key in seen_labels:
                continue
            seen_labels.add(key)
            labels[key] += 1
            spelling[key][match["label"]] += 1
            labelled[key].add(index)
            texts.append((match["rest"], note.path, note.filename_date))
        for title, text in _section_openings(note):
            if _dates_in(text, note.path, every):
                key = _group_key(title)
                in_section[key].add(index)
                spelling[f"section:{key}"][title] += 1
                texts.append((text, note.path, note.filename_date))
    total = len(archive.notes)
    out: dict[str, Any] = {}
    level = min(by_level, key=lambda lv: (-by_level[lv], lv)) if by_level else None
    out["level"] = level
    covered = set(dated_by[level]) if level is not None else set()
    if level is not None:
        result.evidence.append(
            f"date: the first level-{level} heading holds it in {archive.share(by_level[level])}"
        )
        result.comments["date.level"] = (
            f"the first level-{level} heading holds the date in {by_level[level]} of {total} notes"
        )
    else:
        result.comments["date.level"] = "no heading holds a date in these notes"
    chosen_labels: list[str] = []
    for key, count in labels.most_common():
        if count >= min(2, total) and (labelled[key] - covered or count * 10 >= total):
            chosen_labels.append(spelling[key].most_common(1)[0][0])
            covered |= labelled[key]
    out["section"] = None
    for key, notes_with in sorted(in_section.items(), key=lambda kv: -len(kv[1])):
        if len(notes_with) >= min(2, total) and len(notes_with - covered) * 2 >= len(notes_with):
            title = spelling[f"section:{key}"].most_common(1)[0][0]
            out["section"] = title
            covered |= notes_with
            result.evidence.append(
                f"date: the first line of section '{title}' in {archive.share(len(notes_with))}"
            )
            result.comments["date.section"] = (
                f"the section whose first line states the date in {len(notes_with)} of "
                f"{total} notes"
            )
            break
    out["labels"] = chosen_labels
    if chosen_labels:
        result.evidence.append(
            "date labels: " + ", ".join(f"'{s}:' in {labels[s.casefold()]}" for s in chosen_labels)
        )
        result.comments["date.labels"] = (
            "lines that state the date (`Label: date`), read when no heading holds it"
        )
    else:
        result.comments["date.labels"] = "no labelled date line (`Date: …`) in these notes"
    out["formats"] = _date_formats(texts, result)
    with_name = sum(1 for note in archive.notes if note.filename_date)
    out["filename"] = with_name * 2 >= total
    shapes = Counter(_path_shape(f.display) for f in archive.files)
    shape = shapes.most_common(1)[0][0]
    result.evidence.append(
        f"file names: {archive.share(with_name)} hold a date (most look like {shape})"
    )
    result.comments["date.filename"] = (
        f"{with_name} of {total} file names hold a date (most look like {shape}); "
        "the note's date must equal it (NL102)"
        if out["filename"]
        else f"only {with_name} of {total} file names hold a date"
    )
    years = sum(1 for note in archive.notes if note.date and note.date.year == "path")
    if years:
        result.evidence.append(f"year: from the path (2021/… folders) in {archive.share(years)}")
    return out


def _date_formats(texts: list[tuple[str, str, str | None]], result: InferredConfig) -> list[str]:
    """The named formats, plus each numeric format that reads a date text nothing else reads.

    Between two numeric formats that read the same text (``02/09/2015``), the one
    that agrees with the file name's date more often wins (then month first).
    """
    formats = list(NAMED_FORMATS)
    left = [(t, p, f) for t, p, f in texts if not _dates_in(t, p, NAMED_FORMATS)]
    while left:
        scores: dict[str, tuple[int, int]] = {}
        for fmt in STRFTIME_CANDIDATES:
            if fmt in formats:
                continue
            read = [(_dates_in(t, p, (fmt,)), f) for t, p, f in left]
            hits = sum(1 for value, _f in read if value)
            agree = sum(1 for value, f in read if value and value == f)
            if hits:
                scores[fmt] = (agree, hits)
        if not scores:
            break
        best = max(scores, key=lambda fmt: (scores[fmt], -STRFTIME_CANDIDATES.index(fmt)))
        formats.append(best)
        result.evidence.append(f"date format {best}: reads {scores[best][1]} date(s)")
        left = [(t, p, f) for t, p, f in left if not _dates_in(t, p, (best,))]
    result.comments["date.formats"] = (
        "named formats (2021-09-14, September 14th 2021, 14 September 2021)"
        + (" and the numeric ones the notes use" if len(formats) > len(NAMED_FORMATS) else "")
    )
    return formats


_SHAPE_PARTS = (
    (re.compile(r"[^\W\d_]+(?:[ _-]+[^\W\d_]+)*"), "*"),
    (re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)"), "YYYY"),
    (re.compile(r"(?<![\d])\d{1,2}(?![\d])"), "NN"),
)


def _path_shape(display: str) -> str:
    """``meetings/2021/2021-09-14.md`` -> ``*/YYYY/YYYY-NN-NN.md`` (for the evidence)."""
    stem, dot, suffix = display.rpartition(".")
    shape = stem if dot else display
    for pattern, placeholder in _SHAPE_PARTS:
        shape = pattern.sub(placeholder, shape)
    return f"{shape}.{suffix}" if dot else shape


# ------------------------------------------------------------------ sections


def _group_key(title: str) -> str:
    """Titles that are one section: case, punctuation and a plural ``s`` aside."""
    return " ".join(word.removesuffix("s") for word in normalize_heading(title).split())


def _date_line(note: Note) -> int:
    return note.date.line if note.date and note.date.source == "heading" else -1


def _title_line(note: Note) -> int:
    """The line of the note's title: its first heading, at level 1, when the next heading
    is deeper (``# T-lang meeting agenda`` over ``## Attendance``); -1 when none.  Level-1
    headings one after another are sections, not a title and its content."""
    headings = [h for h in note.headings if not h.in_block]
    if not headings or headings[0].level != 1:
        return -1
    if len(headings) == 1 or headings[1].level > 1:
        return headings[0].line
    return -1


def _infer_sections(
    archive: _Archive, preset: Config, result: InferredConfig
) -> dict[str, Any] | None:
    """``sections:``: the level and the named sections that recur (module docstring)."""
    total = len(archive.notes)
    at_level: dict[int, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    written: dict[str, Counter[str]] = defaultdict(Counter)
    for index, note in enumerate(archive.notes):
        for heading in note.headings:
            if heading.in_block or heading.line in (_date_line(note), _title_line(note)):
                continue
            key = _group_key(heading.text)
            if not key:
                continue
            at_level[heading.level][key].add(index)
            written[key][heading.text.strip()] += 1
    need = max(2, math.ceil(RECURRING * total))

    def recurring(level: int) -> dict[str, set[int]]:
        return {k: v for k, v in at_level[level].items() if len(v) >= need}

    scores = {lv: sum(len(v) for v in recurring(lv).values()) for lv in at_level}
    if not scores or max(scores.values()) == 0:
        result.evidence.append("sections: none recurs; the preset's are kept")
        return None
    level = min(scores, key=lambda lv: (-scores[lv], lv))
    groups = recurring(level)
    merged = _merge_by_preset(groups, written, preset)
    order = sorted(merged, key=lambda keys: _median_position(archive, level, keys))
    named: list[dict[str, Any]] = []
    positions: list[set[str]] = []
    for keys in order:
        notes_with = set().union(*(groups[k] for k in keys))
        spellings = Counter[str]()
        for key in keys:
            spellings.update(written[key])
        name = spellings.most_common(1)[0][0]
        spec = preset.sections.lookup(name)
        aliases = _aliases(name, spellings, spec.aliases if spec else ())
        entry: dict[str, Any] = {"name": name}
        if aliases:
            entry["aliases"] = aliases
        if len(notes_with) >= REQUIRED * total:
            entry["required"] = True
        if (spec is not None and spec.todos) or _TODO_TITLE.search(name):
            entry["todos"] = True
        named.append(entry)
        positions.append(keys)
        flags = "required" if entry.get("required") else "optional"
        if entry.get("todos"):
            flags += ", holds TODOs"
        result.evidence.append(
            f"section '{name}' (level {level}): in {archive.share(len(notes_with))}, {flags}"
        )
    in_order = _share_in_order(archive, level, positions)
    result.comments["sections.level"] = (
        f"the level where the recurring section titles stand ({scores[level]} headings)"
    )
    result.comments["sections.unknown"] = "other headings are the notes' own topics"
    result.comments["sections.order"] = (
        f"the sections keep this order in {in_order} of {total} notes"
    )
    result.comments["sections.named"] = (
        f"titles in at least {RECURRING:.0%} of the notes; required: in at least "
        f"{REQUIRED:.0%}; aliases: the other spellings seen (and the preset's)"
    )
    return {
        "level": level,
        "unknown": "allow",
        "order": in_order >= 0.95 * total,
        "named": named,
    }


def _merge_by_preset(
    groups: dict[str, set[int]], written: dict[str, Counter[str]], preset: Config
) -> list[set[str]]:
    """Title groups the preset names as one section, unless one note holds both."""
    merged: list[set[str]] = []
    by_spec: dict[str, int] = {}
    for key in groups:
        spec = preset.sections.lookup(written[key].most_common(1)[0][0])
        at = by_spec.get(spec.name) if spec is not None else None
        if at is not None and not any(groups[key] & groups[other] for other in merged[at]):
            merged[at].add(key)
            continue
        if spec is not None and at is None:
            by_spec[spec.name] = len(merged)
        merged.append({key})
    return merged


def _aliases(name: str, spellings: Counter[str], preset_aliases: Iterable[str]) -> list[str]:
    seen = {normalize_heading(name)}
    out: list[str] = []
    for alias in [*(s for s, _n in spellings.most_common()), *preset_aliases]:
        key = normalize_heading(alias)
        if key and key not in seen:
            seen.add(key)
            out.append(alias)
    return out


def _median_position(archive: _Archive, level: int, keys: set[str]) -> float:
    places: list[float] = []
    for note in archive.notes:
        titles = [_group_key(h.text) for h in note.headings if h.level == level and not h.in_block]
        for place, key in enumerate(titles):
            if key in keys:
                places.append(place / max(len(titles), 1))
                break
    places.sort()
    return places[len(places) // 2] if places else 1.0


def _share_in_order(archive: _Archive, level: int, sections: list[set[str]]) -> int:
    """Notes whose named sections (first of each) come in the inferred order."""
    count = 0
    for note in archive.notes:
        seen: list[int] = []
        for heading in note.headings:
            if heading.level != level or heading.in_block:
                continue
            key = _group_key(heading.text)
            rank = next((k for k, keys in enumerate(sections) if key in keys), None)
            if rank is not None and rank not in seen:
                seen.append(rank)
        count += seen == sorted(seen)
    return count


# --------------------------------------------------------------------- TODOs


def _infer_todo_style(archive: _Archive, preset: Config, result: InferredConfig) -> dict[str, Any]:
    """``todos:``: the markers the notes use, and whether task items are TODOs."""
    used: Counter[str] = Counter()
    for note in archive.notes:
        for line in _first_lines(note):
            for marker in MARKER_CANDIDATES:
                found = find_marker(line, (f"{marker}:",))
                if found is not None and found.end > found.start:
                    written = line[found.start : found.start + len(marker)]
                    used[written if written.isupper() else marker] += 1
                    break
    out: dict[str, Any] = {}
    markers = [f"{m}:" for m, _n in used.most_common()] or list(preset.todos.markers)
    out["markers"] = markers
    result.comments["todos.markers"] = "what opens a TODO outside the TODO sections: " + (
        ", ".join(f"{m} ({n}×)" for m, n in used.most_common()) or "none seen; the preset's"
    )
    result.evidence.append(
        "TODO markers: " + (", ".join(f"'{m}:' {n}×" for m, n in used.most_common()) or "none")
    )
    tasks = [item for note in archive.notes for item in note.items() if item.checked is not None]
    with_tasks = sum(
        1 for note in archive.notes if any(i.checked is not None for i in note.items())
    )
    out["task-items"] = with_tasks >= 2 and _mostly_tasks(tasks)
    result.comments["todos.task-items"] = f"task items (- [ ]) in {with_tasks} notes" + (
        ": each is a TODO" if out["task-items"] else "; not read as TODOs"
    )
    return out


def _mostly_tasks(items: list[ListItem]) -> bool:
    """Whether checkbox items are tasks (text to do) more than a checklist of links."""
    worded = sum(1 for item in items if len(item.text.split()) >= 3)
    return worded * 2 >= len(items)


def _owner_tags(archive: _Archive, preset: Config, result: InferredConfig) -> list[str]:
    styles: Counter[str] = Counter(
        todo.owner_style for note in archive.notes for todo in note.todos if todo.owner_style
    )
    todos = sum(len(note.todos) for note in archive.notes)
    owned = sum(1 for note in archive.notes for todo in note.todos if todo.owner)
    result.evidence.append(
        f"TODOs: {todos} found, {owned} with an owner; owner tags: "
        + (", ".join(f"{s} {n}×" for s, n in styles.most_common()) or "none")
    )
    if not styles:
        return []
    known = set(preset.todos.owner_tags) | set(styles)
    ordered = [s for s, _n in styles.most_common()]
    ordered += [s for s in preset.todos.owner_tags if s not in ordered and s in known]
    result.comments["todos.owner-tags"] = "the owner tags the notes use most, first"
    return ordered


_PERSON_NAME = r"[^\W\d_][\w.'’-]*(?:[ \t]+[^\W\d_][\w.'’-]*){0,3}"
_NAME_THEN_LOGIN = re.compile(
    rf"^(?:\[name=(?P<tagged>[^\]]+)\]|(?P<name>{_PERSON_NAME}))"
    rf"\s*(?P<open>\()?\s*@(?P<login>{LOGIN})\s*(?(open)\))$"
)
_LOGIN_THEN_NAME = re.compile(rf"^@(?P<login>{LOGIN})\s*\(\s*(?P<name>{_PERSON_NAME})\s*\)$")


def _list_texts(note: Note) -> Iterable[str]:
    """The text of each list item and paragraph line of ``note``, a label (``Present:``,
    ``* Team members:``) cut off: where notes list people."""
    items = [i for top in note.preamble_items for i in top.walk()]
    items += [i for section in note.all_sections() for top in section.items for i in top.walk()]
    texts = [item.text for item in items]
    texts += [line.plain for paragraph in note.paragraphs for line in paragraph.lines]
    for text in texts:
        labelled = _LABEL.match(text)
        yield labelled["rest"] if labelled and "@" not in labelled["label"] else text


_LIST_SEPARATOR = re.compile(r"[,;/&+]|\band\b")
_REMARK = re.compile(r"\([^()]*\)|\[[^\]]*\]")


def _side_by_side(note: Note) -> Iterable[set[str]]:
    """Sets of people (normalized keys) that ``note`` writes side by side, so as two
    people: the entries of one list (``Team members: Niko, nikomatsakis``, ``A / B``) and
    the owners of one TODO."""
    for text in _list_texts(note):
        parts = [_REMARK.sub("", part).strip().lstrip("@") for part in _LIST_SEPARATOR.split(text)]
        keys = {person_key(part) for part in parts if 0 < len(part.split()) <= 3}
        keys.discard("")
        if len(keys) >= 2:
            yield keys
    for todo in note.todos:
        owners = {person_key(owner.lstrip("@")) for owner in todo.owners}
        if len(owners) >= 2:
            yield owners


def _login_pairs(note: Note) -> Iterable[tuple[str, str]]:
    """The (name, login) pairs a note writes side by side: ``Name (@login)``,
    ``Name @login``, ``[name=Name] @login``, ``@login (Name)``, each alone in a list
    item or in a comma- or semicolon-separated list (``Present: A (@a), B @b``)."""
    for text in _list_texts(note):
        for part in re.split(r"[,;]|\band\b", text):
            part = part.strip().rstrip(".")
            found = _NAME_THEN_LOGIN.match(part) or _LOGIN_THEN_NAME.match(part)
            if found:
                name = found.groupdict().get("tagged") or found["name"]
                yield " ".join(name.split()), found["login"]


class _Groups:
    """Owner keys (:func:`notes_lint.people.person_key` of a name or login) joined into people."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, one: str, other: str) -> None:
        self.parent[self.find(one)] = self.find(other)


def _infer_people(archive: _Archive, result: InferredConfig) -> dict[str, Any]:
    """Owners of TODOs in two notes or more, with their login where the notes give one.

    Owners that are one person are merged into one entry: a login the notes write
    beside a name (attendance ``Name (@login)``, ``Name @login``, ``[name=Name]
    @login``; an owner tag that gives both), and a single first name that is the
    first word of exactly one full name the notes list (``Amara`` and ``Amara
    Okafor``), and a given name and the one login built on it that no note writes beside
    it (``Niko`` and ``nikomatsakis``: :func:`_logins_of_given_names`); a person keeps
    at most one login.  The entry is named by the fullest spelling, with its ``login`` and
    the other spellings as ``aliases`` (a login needs no alias: the roster matches it).
    """
    notes_of: dict[str, set[int]] = defaultdict(set)
    spelling: dict[str, Counter[str]] = defaultdict(Counter)
    logins: dict[str, Counter[str]] = defaultdict(Counter)
    groups = _Groups()
    full_names: dict[str, str] = {}  # key -> a spelling of a name of two words or more

    def login_of(key: str, login: str) -> None:
        if is_login(login):
            logins[key][login] += 1
            login_key = person_key(login)
            if login_key and login_key != key:
                groups.join(login_key, key)

    for index, note in enumerate(archive.notes):
        for name, paired in _login_pairs(note):
            key = person_key(name)
            if key:
                spelling[key][name] += 1
                if len(key.split()) > 1:
                    full_names[key] = name
                login_of(key, paired)
        for todo in note.todos:
            for owner in todo.owners or ([todo.owner] if todo.owner else []):
                written = owner.lstrip("@")
                key = person_key(written)
                if not key:
                    continue
                notes_of[key].add(index)
                spelling[key][written] += 1
                groups.find(key)
                if len(key.split()) > 1:
                    full_names[key] = written
                if todo.login and owner == todo.owner:
                    login_of(key, todo.login)
                elif owner.startswith("@"):
                    login_of(key, written)
    by_first: dict[str, list[str]] = defaultdict(list)
    for key in full_names:
        if not any(w in logins[key] for w in spelling[key]):  # ``@sam-ira`` is no "Sam Ira"
            by_first[key.split()[0]].append(key)
    for key in list(spelling):
        if len(key.split()) == 1 and len(by_first.get(key, [])) == 1:
            groups.join(key, by_first[key][0])
    apart: set[frozenset[str]] = set()
    for note in archive.notes:
        for together in _side_by_side(note):
            apart.update(frozenset((a, b)) for a in together for b in together if a < b)
    for given, built in _logins_of_given_names(spelling, logins, apart):
        group_logins = {
            person_key(name)
            for k in spelling
            if groups.find(k) in (groups.find(given), groups.find(built))
            for name in logins[k]
        }
        if group_logins <= {built}:  # never two logins for one person
            if not logins[built]:
                logins[built][built] += 1  # written bare (``nikomatsakis to …``): the login
            groups.join(given, built)
    members: dict[str, list[str]] = defaultdict(list)
    for key in spelling:
        members[groups.find(key)].append(key)
    entries: list[tuple[int, str, dict[str, Any] | str | None]] = []
    for keys in members.values():
        seen = set().union(*(notes_of.get(k, set()) for k in keys))
        if len(seen) < 2:
            continue
        login_count: Counter[str] = Counter()
        for k in keys:
            login_count.update(logins[k])
        login = login_count.most_common(1)[0][0] if login_count else None
        login_key = person_key(login) if login else None
        named = [k for k in keys if k != login_key] or keys
        # the fullest spelling names the person (most words, then most written)
        main = max(named, key=lambda k: (len(k.split()), sum(spelling[k].values()), k))
        name = spelling[main].most_common(1)[0][0]
        aliases = sorted(
            spelling[k].most_common(1)[0][0] for k in named if k != main and notes_of.get(k)
        )
        value: dict[str, Any] | str | None = login
        if aliases:
            value = {"login": login, "aliases": aliases} if login else {"aliases": aliases}
        entries.append((len(seen), name, value))
    people: dict[str, Any] = {}
    for _count, name, value in sorted(entries, key=lambda e: (-e[0], e[1])):
        people[name] = value
    if people:
        result.evidence.append(
            f"roster: {len(people)} {'person owns' if len(people) == 1 else 'people own'}"
            " TODOs in two notes or more ("
            + ", ".join(_roster_entry(n, v) for n, v in list(people.items())[:8])
            + (", …" if len(people) > 8 else "")
            + ")"
        )
    return people


MIN_GIVEN_NAME = 3
"""Letters a given name needs for a login to be read as built on it (``Jo`` is too short)."""
MAX_LOGIN_AFFIX = 3
"""Letters a login may put before a given name it ends with (``pnkfelix`` for ``Felix``)."""
MIN_LOGIN_SURNAME = 4
"""Letters after a given name that make a login's surname part (``niko`` + ``matsakis``);
fewer, past an initial, make a longer given name (``sam`` + ``ira``)."""


def _login_shaped(word: str) -> bool:
    """A word written as a login is (:func:`notes_lint.urls.is_login`), in lower case."""
    return word == word.lower() and is_login(word)


def _logins_of_given_names(
    spelling: dict[str, Counter[str]],
    logins: dict[str, Counter[str]],
    apart: set[frozenset[str]],
) -> list[tuple[str, str]]:
    """(given name, login) pairs that are one person by the shape of the login.

    A login is a spelling the notes write as ``@login``, beside a name, or as a login is
    shaped (``nikomatsakis``, ``scottmcm``, ``beatrice-l``); it is built on a given name
    (one word of :data:`MIN_GIVEN_NAME` letters or more) by :func:`_built_on`, compared
    without hyphens, capitals or accents (``Ngozi``: ``ngozi-e``, ``ngozie`` and
    ``NgoziE`` alike).  A pair counts only when it is the only one for both and the given
    name begins no other login (``Sam`` with ``samlee`` and ``samortiz`` is neither), and
    no note writes the two side by side (``Team members: Niko, nikomatsakis`` are two
    people).
    """
    # A key spells hyphens as spaces (``beatrice-l`` is ``beatrice l``): a login is
    # known by how the notes write it, whatever its key.
    login_keys = [
        k for k in spelling if logins.get(k) or any(_login_shaped(w) for w in spelling[k])
    ]
    given_keys = [k for k in spelling if k.isalpha() and len(k) >= MIN_GIVEN_NAME]
    candidates: dict[str, set[str]] = defaultdict(set)
    prefixed: Counter[str] = Counter()  # logins that begin with the given name, any shape
    for given in given_keys:
        for login in login_keys:
            bare_login, bare_given = _bare(login), _bare(given)
            prefixed[given] += bare_login != bare_given and bare_login.startswith(bare_given)
            if frozenset((given, login)) in apart:
                continue
            if _built_on(bare_login, bare_given):
                candidates[given].add(login)
    claimed = Counter(login for found in candidates.values() for login in found)
    return [
        (given, next(iter(found)))
        for given, found in sorted(candidates.items())
        if len(found) == 1 and claimed[next(iter(found))] == 1 and prefixed[given] <= 1
    ]


def _bare(key: str) -> str:
    """``key`` as a login is compared: its letters and digits only, accents dropped,
    case folded (``NgoziE``, ``ngozi-e`` and ``ngozie`` are one; ``Tomás`` is ``tomas``)."""
    decomposed = unicodedata.normalize("NFKD", key)
    return "".join(c for c in decomposed if c.isalnum()).casefold()


def _built_on(login: str, given: str) -> bool:
    """Whether the bare ``login`` is built on the bare ``given`` name: the name and an
    initial or digits (``ngozie``, ``tomasr``, ``sam2``), the name and a surname of
    :data:`MIN_LOGIN_SURNAME` letters or more (``nikomatsakis``, ``beatricel``), or at
    most :data:`MAX_LOGIN_AFFIX` letters and the name (``pnkfelix``).  Two or three
    letters after the name read as a longer given name (``samira``, ``samuel``,
    ``anabel``): another person's, so not built on it."""
    if login == given:
        return False
    if login.startswith(given):
        rest = login[len(given) :]
        return len(rest) == 1 or rest.isdigit() or len(rest) >= MIN_LOGIN_SURNAME
    return login.endswith(given) and len(login) - len(given) <= MAX_LOGIN_AFFIX


def _roster_entry(name: str, value: dict[str, Any] | str | None) -> str:
    """``Name @login (also Alias)`` for the evidence line."""
    login = value.get("login") if isinstance(value, dict) else value
    aliases = value.get("aliases", []) if isinstance(value, dict) else []
    return (
        name
        + (f" @{login}" if login else "")
        + (f" (also {', '.join(aliases)})" if aliases else "")
    )


# --------------------------------------------------------------------- links


def _infer_links(archive: _Archive, result: InferredConfig) -> dict[str, Any]:
    repos: Counter[str] = Counter()
    hosts: Counter[str] = Counter()
    http_notes = 0
    for note in archive.notes:
        has_http = False
        for link in note.links:
            if link.repo and link.kind in ("github-issue", "github-pull"):
                repos[link.repo] += 1
            if link.host:
                hosts[link.host] += 1
                has_http |= link.url.lower().startswith("http://")
        http_notes += has_http
    out: dict[str, Any] = {}
    if repos:
        repo, count = repos.most_common(1)[0]
        if count * 10 >= 3 * sum(repos.values()) and is_repository(repo):
            out["default-repo"] = repo
            result.comments["links.default-repo"] = (
                f"the repository of {count} of {sum(repos.values())} issue and pull-request "
                "links: what #123 refers to"
            )
            result.evidence.append(f"default repo: {repo} ({count} links)")
    private = sorted(
        {
            known
            for host in hosts
            for known in PRIVATE_HOSTS
            if host == known or host.endswith("." + known)
        }
        | {host for host in hosts if _INTRANET.match(host)}
    )
    if private:
        out["private-hosts"] = private
        result.comments["links.private-hosts"] = (
            "hosts linked in the notes that readers outside the team cannot open (NL203)"
        )
        result.evidence.append("private hosts linked: " + ", ".join(private))
    if http_notes * 10 > len(archive.notes):
        out["require-https"] = False
        result.comments["links.require-https"] = (
            f"{http_notes} notes link over plain http: not an error here (NL204)"
        )
    return out


# --------------------------------------------------------------- calibration


def _calibrate(
    archive: _Archive, data: dict[str, Any], result: InferredConfig, jobs: int | None
) -> None:
    """Lint the archive with ``data``; a rule with errors in many notes becomes a warning."""
    from notes_lint.ledger import note_date
    from notes_lint.linter import lint_files

    total = len(archive.files)
    for _round in range(2):
        config = config_from_mapping(data, archive.folder, "init")
        found = lint_files(archive.files, config, jobs)
        notes_with: dict[str, set[str]] = defaultdict(set)
        for d in found.diagnostics:
            if d.severity is Severity.ERROR:
                notes_with[d.code].add(d.path)
        noisy = {code: len(p) for code, p in notes_with.items() if len(p) > NOISY * total}
        if not noisy or _round == 1:
            break
        rules = data.setdefault("rules", {})
        for code, count in sorted(noisy.items()):
            rules[code] = "warning"
            result.comments[f"rules.{code}"] = (
                f"errors in {count} of {total} notes: a warning until the notes follow it"
            )
            result.evidence.append(f"{code}: errors in {count} of {total} notes; set to warning")
    final = config_from_mapping(data, archive.folder, "init")
    notes = _parse_all(archive, final)
    result.notes = total
    result.stated = sum(1 for note in notes if note.date and note.date.value)
    result.dated = sum(1 for note in notes if note_date(note) is not None)
    result.errors = found.count(Severity.ERROR)
    result.warnings = found.count(Severity.WARNING)


# ---------------------------------------------------------------------- YAML


def _scalar(value: Any) -> str:
    import yaml

    text: str = yaml.safe_dump(
        value, default_flow_style=True, allow_unicode=True, width=math.inf
    ).strip()
    return text.removesuffix("\n...").removesuffix("...").strip()


def render_yaml(data: dict[str, Any], comments: dict[str, str], header: list[str]) -> str:
    """``data`` as block YAML, each key under its comment (``comments`` by dotted key path)."""
    lines = [f"# {line}" for line in header]

    def emit(mapping: dict[str, Any], indent: str, path: str) -> None:
        for key, value in mapping.items():
            dotted = f"{path}.{key}" if path else key
            note = comments.get(dotted)
            if not path:
                lines.append("")
            if note:
                lines.append(f"{indent}# {note}")
            if isinstance(value, dict) and value:
                lines.append(f"{indent}{_scalar(key)}:")
                emit(value, indent + "  ", dotted)
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
                lines.append(f"{indent}{_scalar(key)}:")
                for entry in value:
                    first = True
                    for k, v in entry.items():
                        lead = f"{indent}  - " if first else f"{indent}    "
                        lines.append(f"{lead}{_scalar(k)}: {_scalar(v)}")
                        first = False
            else:
                lines.append(f"{indent}{_scalar(key)}: {_scalar(value)}")

    emit(data, "", "")
    return "\n".join(lines) + "\n"
