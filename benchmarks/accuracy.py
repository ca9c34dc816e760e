"""How right notes-lint's note model is on a folder of real notes (issue 13).

Usage::

    python benchmarks/accuracy.py FOLDER [--config PATH] [--gold GOLD.json] [--json] [--list]

For every note under FOLDER (the notes the config's ``include``/``exclude``
select) it prints the share of notes with a date (stated in the note; and
stated or taken from the file name, which is what the TODO ledger files a note
under), the TODOs found per note and the share of them with an owner.

With ``--gold``, a file of what a careful reader judges (``benchmarks/gold/``,
see its README.md), it also prints, over the notes the gold file lists:

- the share of them with a date stated in the note (the issue's target: all);
- precision and recall of TODO extraction: a found TODO matches a gold TODO
  when both have the same path (relative to FOLDER) and the same 1-based line;
- right owner: among matched TODOs, the share whose owner is the gold owner
  (after casefolding and removing accents; a roster name, alias or login of the
  same person counts as the same owner; both ``null`` is right);
- right done: among matched TODOs, the share with the gold done state.

The config is ``--config``, else the nearest one from FOLDER upward, else the
default preset, exactly as ``notes-lint`` picks it. Only public fields of the
note model are read (path, date, file-name date, and per TODO its line, text,
owner, login, done), so the script keeps working as the model improves.

Exit codes: 0 after printing the figures, 2 for a usage, config or gold-file
error (one line on stderr). Figures never decide the exit code.
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from notes_lint.collection import load_notes
from notes_lint.config import Config, load_config
from notes_lint.errors import UsageError
from notes_lint.ledger import note_date
from notes_lint.model import Note


class GoldError(Exception):
    """A gold file that cannot be read or has the wrong shape (the message says where)."""


@dataclass(frozen=True)
class GoldTodo:
    """One action item a reader found: where it starts, its owner, whether it is done."""

    path: str  # relative to the corpus folder, with "/"
    line: int  # 1-based line where the item starts
    owner: str | None
    done: bool
    text_start: str = ""


@dataclass(frozen=True)
class Gold:
    notes: tuple[str, ...]  # every judged note, TODOs or not
    todos: tuple[GoldTodo, ...]


@dataclass(frozen=True)
class FoundTodo:
    path: str
    line: int
    owner: str | None
    login: str | None
    done: bool
    text: str


@dataclass
class Scores:
    """Counts and the mismatches behind them; shares are ``None`` when nothing was counted."""

    notes: int = 0
    dated: int = 0
    dated_or_filename: int = 0
    todos: int = 0
    with_owner: int = 0
    gold_notes: int = 0
    gold_notes_found: int = 0
    gold_notes_dated: int = 0
    gold_notes_filed: int = 0  # dated, stated or from the path: what the ledger files them under
    gold_todos: int = 0
    found_in_gold_notes: int = 0
    matched: int = 0
    right_owner: int = 0
    right_done: int = 0
    missed: list[GoldTodo] = field(default_factory=list)
    extra: list[FoundTodo] = field(default_factory=list)
    wrong_owner: list[tuple[GoldTodo, FoundTodo]] = field(default_factory=list)
    wrong_done: list[tuple[GoldTodo, FoundTodo]] = field(default_factory=list)
    undated: list[str] = field(default_factory=list)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def normalise_owner(name: str) -> str:
    """``name`` casefolded, without accents, a leading ``@`` or surrounding space."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lstrip("@").strip())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def same_owner(gold: str | None, found: FoundTodo, config: Config) -> bool:
    """Whether the found TODO's owner is the gold owner (see the module docstring)."""
    if gold is None or found.owner is None:
        return gold is None and found.owner is None
    want = normalise_owner(gold)
    if want in {normalise_owner(n) for n in (found.owner, found.login) if n}:
        return True
    person = config.person(gold)
    return person is not None and person == config.person(found.owner)


def _field(raw: dict[str, Any], key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if key not in raw or not isinstance(raw[key], kind):
        raise GoldError(f"{where}: '{key}' is missing or has the wrong type")
    return raw[key]


def read_gold(path: Path) -> Gold:
    """Read a gold file: ``{"notes": [path, ...], "todos": [{path, line, owner, done}, ...]}``.

    Raises :class:`GoldError` for an unreadable file, bad JSON, a wrong shape, or a
    TODO whose note is not listed in ``notes``.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise GoldError(f"{path}: cannot read the gold file: {error}") from None
    if not isinstance(data, dict):
        raise GoldError(f"{path}: a gold file is a JSON object")
    notes = _field(data, "notes", list, str(path))
    if not all(isinstance(n, str) for n in notes):
        raise GoldError(f"{path}: 'notes' must be a list of paths")
    listed = set(notes)
    todos: list[GoldTodo] = []
    for index, raw in enumerate(_field(data, "todos", list, str(path))):
        where = f"{path}: todos[{index}]"
        if not isinstance(raw, dict):
            raise GoldError(f"{where}: a TODO is a JSON object")
        owner = raw.get("owner")
        if owner is not None and not isinstance(owner, str):
            raise GoldError(f"{where}: 'owner' must be a string or null")
        todo = GoldTodo(
            path=_field(raw, "path", str, where),
            line=_field(raw, "line", int, where),
            owner=owner,
            done=_field(raw, "done", bool, where),
            text_start=str(raw.get("text-start", "")),
        )
        if todo.path not in listed:
            raise GoldError(f"{where}: its note {todo.path!r} is not in 'notes'")
        todos.append(todo)
    return Gold(tuple(notes), tuple(todos))


def _relative(note: Note, folder: Path) -> str:
    path = Path(note.path)
    if not path.is_absolute():
        path = folder / path
    try:
        return path.resolve().relative_to(folder).as_posix()
    except ValueError:
        return Path(note.path).as_posix()


def found_todos(note: Note, path: str) -> list[FoundTodo]:
    """The TODOs the model gives for ``note`` (with text), keyed by ``path``."""
    return [
        FoundTodo(path, t.line, t.owner, t.login, t.done, t.text)
        for t in note.todos
        if t.text.strip()
    ]


def score(notes: Sequence[Note], folder: Path, config: Config, gold: Gold | None) -> Scores:
    """Count what the model gives over ``notes`` and how it compares with ``gold``."""
    result = Scores()
    by_path: dict[str, list[FoundTodo]] = {}
    for note in notes:
        path = _relative(note, folder)
        todos = found_todos(note, path)
        by_path[path] = todos
        result.notes += 1
        stated = note.date is not None and bool(note.date.value)
        result.dated += stated
        result.dated_or_filename += note_date(note) is not None
        if not stated:
            result.undated.append(path)
        result.todos += len(todos)
        result.with_owner += sum(1 for t in todos if t.owner)
    if gold is None:
        return result
    result.gold_notes = len(gold.notes)
    result.gold_todos = len(gold.todos)
    expected: dict[tuple[str, int], GoldTodo] = {(t.path, t.line): t for t in gold.todos}
    undated = set(result.undated)
    unfiled = {_relative(n, folder) for n in notes if note_date(n) is None}
    for path in gold.notes:
        if path not in by_path:
            continue
        result.gold_notes_found += 1
        result.gold_notes_dated += path not in undated
        result.gold_notes_filed += path not in unfiled
        for todo in by_path[path]:
            result.found_in_gold_notes += 1
            want = expected.pop((todo.path, todo.line), None)
            if want is None:
                result.extra.append(todo)
                continue
            result.matched += 1
            if same_owner(want.owner, todo, config):
                result.right_owner += 1
            else:
                result.wrong_owner.append((want, todo))
            if want.done == todo.done:
                result.right_done += 1
            else:
                result.wrong_done.append((want, todo))
    result.missed = sorted(expected.values(), key=lambda t: (t.path, t.line))
    return result


def figures(result: Scores) -> dict[str, Any]:
    """The headline figures (shares in 0..1, or ``None``), as ``--json`` prints them."""
    out: dict[str, Any] = {
        "notes": result.notes,
        "dated": _share(result.dated, result.notes),
        "dated_or_filename": _share(result.dated_or_filename, result.notes),
        "todos": result.todos,
        "todos_per_note": _share(result.todos, result.notes),
        "with_owner": _share(result.with_owner, result.todos),
    }
    if result.gold_notes:
        out["gold"] = {
            "notes": result.gold_notes,
            "notes_found": result.gold_notes_found,
            "dated": _share(result.gold_notes_dated, result.gold_notes_found),
            "dated_or_path": _share(result.gold_notes_filed, result.gold_notes_found),
            "todos": result.gold_todos,
            "found": result.found_in_gold_notes,
            "matched": result.matched,
            "precision": _share(result.matched, result.found_in_gold_notes),
            "recall": _share(result.matched, result.gold_todos),
            "right_owner": _share(result.right_owner, result.matched),
            "right_done": _share(result.right_done, result.matched),
        }
    return out


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def table(result: Scores) -> str:
    """The figures as a plain two-column table."""
    data = figures(result)
    rows = [
        ("notes", str(data["notes"])),
        ("dated (stated in the note)", _pct(data["dated"])),
        ("dated (stated or file name)", _pct(data["dated_or_filename"])),
        ("TODOs found", str(data["todos"])),
        (
            "TODOs per note",
            "—" if data["todos_per_note"] is None else f"{data['todos_per_note']:.2f}",
        ),
        ("TODOs with an owner", _pct(data["with_owner"])),
    ]
    gold = data.get("gold")
    if gold:
        rows += [
            ("gold notes (found / listed)", f"{gold['notes_found']} / {gold['notes']}"),
            ("gold notes dated (stated)", _pct(gold["dated"])),
            ("gold notes dated (stated or path)", _pct(gold["dated_or_path"])),
            ("gold TODOs", str(gold["todos"])),
            ("found TODOs in gold notes", str(gold["found"])),
            ("matched (path + line)", str(gold["matched"])),
            ("precision", _pct(gold["precision"])),
            ("recall", _pct(gold["recall"])),
            ("right owner (of matched)", _pct(gold["right_owner"])),
            ("right done (of matched)", _pct(gold["right_done"])),
        ]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label.ljust(width)}  {value}" for label, value in rows)


def _owner_text(owner: str | None) -> str:
    return "(none)" if owner is None else owner


def mismatches(result: Scores) -> str:
    """Every miss, false positive, wrong owner and wrong done state, one per line."""
    lines = [f"undated: {path}" for path in result.undated]
    lines += [f"missed: {t.path}:{t.line}: {t.text_start}" for t in result.missed]
    lines += [f"extra: {t.path}:{t.line}: {t.text[:60]}" for t in result.extra]
    lines += [
        f"owner: {g.path}:{g.line}: want {_owner_text(g.owner)}, got {_owner_text(f.owner)}"
        for g, f in result.wrong_owner
    ]
    lines += [f"done: {g.path}:{g.line}: want {g.done}, got {f.done}" for g, f in result.wrong_done]
    return "\n".join(lines)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="accuracy.py", description="How right the note model is on a folder of real notes."
    )
    parser.add_argument(
        "folder", type=Path, help="the folder of notes (gold paths are relative to it)"
    )
    parser.add_argument(
        "--config", type=Path, help="config file (default: the nearest, as notes-lint)"
    )
    parser.add_argument("--gold", type=Path, help="a gold file (benchmarks/gold/NAME.json)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--list", action="store_true", help="also list undated notes and every mismatch"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the measurement; see the module docstring for the arguments and exit codes."""
    args = _parser().parse_args(argv)
    folder: Path = args.folder.resolve()
    if not folder.is_dir():
        print(f"accuracy.py: {args.folder}: not a folder", file=sys.stderr)
        return 2
    try:
        gold = read_gold(args.gold) if args.gold else None
        config = load_config(args.config, cwd=folder)
        notes = load_notes(config, [folder], cwd=folder, jobs=1).notes
    except (GoldError, UsageError) as error:
        print(f"accuracy.py: {error}", file=sys.stderr)
        return 2
    result = score(notes, folder, config, gold)
    if args.json:
        data = figures(result)
        if args.list:
            data["mismatches"] = mismatches(result).splitlines()
        print(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        print(table(result))
        if args.list and (listed := mismatches(result)):
            print()
            print(listed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
