"""Question banks: parse and validate the YAML format, merge banks into a catalog, pick questions.

Pure: takes text and a display name for where it came from; reading files is ``bankfiles``' job.
The format is documented in docs/question-banks.md. Every problem is reported as
``FILE:LINE: question 'ID', field 'NAME': what is wrong. How to fix it.``
"""

from __future__ import annotations

import difflib
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import yaml

from interviewer.errors import BankError, ConfigError
from interviewer.models import Bank, Principle, Question
from interviewer.units import counted

FORMAT = "interviewer-bank/1"
SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
MAX_QUESTION_CHARS = 600
# How alike a question's principle must be to a built-in one to be taken for a typo of it (difflib's ratio):
# "Ownershp" and "Customer Obession" are (0.94, 0.97); "Ownership 2" (0.90) is too, and is listed to be new.
NEAR_PRINCIPLE = 0.85

BANK_FIELDS = ("format", "id", "title", "description", "principles", "questions")
PRINCIPLE_FIELDS = ("id", "name", "description")
QUESTION_FIELDS = ("id", "principle", "text", "follow_ups", "tags")


# --------------------------------------------------------------------------------------------------
# YAML with line numbers


class _LineDict(dict):
    """A mapping that remembers the (1-based) line of itself and of each of its keys."""

    line: int = 0
    key_lines: dict[str, int]


class _LineList(list):
    """A sequence that remembers the (1-based) line of each item: an item that is not what it should be (a
    bare string where a question belongs) is named at its own line, not at its list's key."""

    item_lines: list[int]


def item_line(items: Any, index: int, default: int | None) -> int | None:
    """The line of ``items[index]`` where the loader recorded it, else ``default``."""
    lines = getattr(items, "item_lines", None)
    return lines[index] if lines is not None and index < len(lines) else default


class _LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> _LineDict:
    loader.flatten_mapping(node)
    mapping = _LineDict()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be plain text", key_node.start_mark
            )
        key = str(key)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key '{key}'", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[key] = key_node.start_mark.line + 1
    return mapping


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> _LineList:
    items = _LineList(loader.construct_object(child, deep=True) for child in node.value)
    items.item_lines = [child.start_mark.line + 1 for child in node.value]
    return items


class _FastLineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The same, parsed by libyaml where PyYAML was built with it: ten times faster (0.02 s for the built-in
    bank, which most commands read, instead of 0.2 s)."""


for _loader in (_LineLoader, _FastLineLoader):
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
    _loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def _load_with_lines(text: str) -> Any:
    """Parsed by libyaml; a file it refuses is parsed again in Python, whose messages say the same thing in
    the same words everywhere (libyaml words some errors differently) and name the same line."""
    try:
        return yaml.load(text, Loader=_FastLineLoader)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader


def load_yaml_with_lines(text: str, source: str) -> Any:
    """YAML whose mappings remember their lines; a syntax error becomes a one-line BankError naming the line."""
    try:
        return _load_with_lines(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise BankError(f"{source}:{mark.line + 1 if mark else '?'}: YAML syntax error: {exc.problem}. "
                        "Check the indentation, and put text containing ': ' or '#' in quotes.") from exc


# --------------------------------------------------------------------------------------------------
# Problems


@dataclass
class BankProblem:
    source: str
    line: int | None
    message: str
    question: str | None = None
    field: str | None = None
    kind: str = "question"  # what ``question`` names: a question, a story, an interviewer

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        subject = []
        if self.question:
            subject.append(f"{self.kind} '{self.question}'")
        if self.field:
            subject.append(f"field '{self.field}'")
        return f"{where}: {', '.join(subject) + ': ' if subject else ''}{self.message}"


@dataclass
class ParseResult:
    bank: Bank | None
    problems: list[BankProblem] = field(default_factory=list)


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(name, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _normalise(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", name.lower()).strip()


def slugify(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


# --------------------------------------------------------------------------------------------------
# Parsing


def parse_bank(text: str, source: str, *, builtin: bool = False, known: Mapping[str, Principle] | None = None) -> ParseResult:
    """Parse one bank; return it with every problem found (the bank is None if any problem is fatal).
    ``known``: the built-in principles, against which a bank that lists none of its own is checked."""
    problems: list[BankProblem] = []

    def problem(line: int | None, message: str, question: str | None = None, fld: str | None = None) -> None:
        problems.append(BankProblem(source, line, message, question, fld))

    try:
        data = _load_with_lines(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "invalid YAML"
        problem(line, f"YAML syntax error: {what}. Check the indentation, and put text containing ': ' or '#' in quotes.")
        return ParseResult(None, problems)
    except yaml.YAMLError as exc:
        problem(None, f"YAML error: {exc}")
        return ParseResult(None, problems)

    if data is None:
        problem(1, "the file is empty. A bank needs an 'id' and a 'questions' list; see docs/question-banks.md.")
        return ParseResult(None, problems)
    if not isinstance(data, _LineDict):
        problem(1, "the top level must be a mapping with 'id', 'title', 'principles' and 'questions'.")
        return ParseResult(None, problems)

    for key in data:
        if key not in BANK_FIELDS:
            problem(data.key_lines[key], f"unknown top-level field '{key}'{_did_you_mean(key, BANK_FIELDS)}.")

    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        problem(data.key_lines.get("format"), f"unsupported format '{fmt}'; this version reads '{FORMAT}'.", fld="format")

    bank_id = data.get("id")
    if not isinstance(bank_id, str) or not SLUG.match(bank_id):
        problem(
            data.key_lines.get("id", 1),
            "the bank needs an 'id' in lower case letters, digits and dashes, e.g. 'id: my-questions'.",
            fld="id",
        )
        bank_id = slugify(source.rsplit("/", 1)[-1].rsplit(".", 1)[0]) or "bank"
    title = data.get("title", bank_id)
    if not isinstance(title, str) or not title.strip():
        problem(data.key_lines.get("title"), "'title' must be text.", fld="title")
        title = bank_id

    principles = _parse_principles(data, problem)
    questions = _parse_questions(data, bank_id, principles, problem, known or {})

    if problems:
        return ParseResult(None, problems)
    if not principles:  # derived from the questions' principle names
        seen: dict[str, Principle] = {}
        for q in questions:
            seen.setdefault(q.principle, Principle(q.principle, _principle_name_from_slug(q.principle)))
        principles = seen
    bank = Bank(bank_id, title.strip(), source, list(principles.values()), questions, builtin=builtin)
    return ParseResult(bank, problems)


def _principle_name_from_slug(slug: str) -> str:
    return " ".join(part.capitalize() for part in slug.split("-"))


def _parse_principles(data: _LineDict, problem) -> dict[str, Principle]:
    raw = data.get("principles")
    principles: dict[str, Principle] = {}
    if raw is None:
        return principles
    if not isinstance(raw, list):
        problem(data.key_lines["principles"], "'principles' must be a list of entries with 'id' and 'name'.", fld="principles")
        return principles
    names: set[str] = set()
    for index, entry in enumerate(raw):
        if not isinstance(entry, _LineDict):
            problem(item_line(raw, index, data.key_lines["principles"]),
                    "each principle must be a mapping with 'id', 'name' and 'description'.", fld="principles")
            continue
        for key in entry:
            if key not in PRINCIPLE_FIELDS:
                problem(entry.key_lines[key], f"unknown principle field '{key}'{_did_you_mean(key, PRINCIPLE_FIELDS)}.", fld=key)
        pid, name = entry.get("id"), entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problem(entry.line, "each principle needs a 'name'.", fld="name")
            continue
        if pid is None:
            pid = slugify(name)
        if not isinstance(pid, str) or not SLUG.match(pid):
            problem(entry.key_lines.get("id", entry.line), f"principle id '{pid}' must be lower case letters, digits and dashes.", fld="id")
            continue
        if pid in principles or _normalise(name) in names:
            problem(entry.line, f"principle '{pid}' ({name}) is defined twice.", fld="id")
            continue
        desc = entry.get("description", "")
        if not isinstance(desc, str):
            problem(entry.key_lines["description"], "'description' must be text.", fld="description")
            desc = ""
        principles[pid] = Principle(pid, name.strip(), " ".join(desc.split()))
        names.add(_normalise(name))
    return principles


def _resolve_principle(value: str, principles: dict[str, Principle]) -> str | None:
    if value in principles:
        return value
    wanted = _normalise(value)
    for p in principles.values():
        if _normalise(p.name) == wanted or _normalise(p.id) == wanted:
            return p.id
    return None


def _parse_questions(data: _LineDict, bank_id: str, principles: dict[str, Principle], problem,
                     known: Mapping[str, Principle]) -> list[Question]:
    raw = data.get("questions")
    if raw is None:
        problem(1, "the bank has no 'questions' list. Add 'questions:' with at least one entry.", fld="questions")
        return []
    if not isinstance(raw, list) or not raw:
        problem(data.key_lines["questions"], "'questions' must be a non-empty list.", fld="questions")
        return []
    questions: list[Question] = []
    ids: dict[str, int] = {}
    for index, entry in enumerate(raw, start=1):
        if not isinstance(entry, _LineDict):
            problem(item_line(raw, index - 1, data.key_lines["questions"]),
                    f"question #{index} must be a mapping with 'id', 'principle' and 'text'.")
            continue
        qid = entry.get("id")
        label = qid if isinstance(qid, str) else f"#{index}"
        ok = True
        for key in entry:
            if key not in QUESTION_FIELDS:
                problem(entry.key_lines[key], f"unknown field{_did_you_mean(key, QUESTION_FIELDS)}; allowed: {', '.join(QUESTION_FIELDS)}.", label, key)
                ok = False
        if not isinstance(qid, str) or not SLUG.match(qid):
            problem(entry.key_lines.get("id", entry.line), "needs an 'id' in lower case letters, digits and dashes (e.g. 'co-01'); ids must never change once used.", label, "id")
            ok = False
        elif qid in ids:
            problem(entry.key_lines["id"], f"the id is already used on line {ids[qid]}; give each question its own id.", label, "id")
            ok = False
        else:
            ids[qid] = entry.key_lines["id"]

        text = entry.get("text")
        if not isinstance(text, str) or not text.strip():
            problem(entry.key_lines.get("text", entry.line), "needs the question 'text'.", label, "text")
            ok = False
        elif len(text) > MAX_QUESTION_CHARS:
            problem(entry.key_lines["text"], f"is {len(text)} characters; keep a question under {MAX_QUESTION_CHARS} (move detail into follow_ups).", label, "text")
            ok = False

        principle = entry.get("principle")
        if not isinstance(principle, str) or not principle.strip():
            problem(entry.key_lines.get("principle", entry.line), "needs a 'principle' (its id or name).", label, "principle")
            ok = False
            pid = None
        elif principles:
            pid = _resolve_principle(principle, principles)
            if pid is None:
                names = [p.name for p in principles.values()] + list(principles)
                problem(entry.key_lines["principle"], f"'{principle}' is not one of this bank's principles{_did_you_mean(principle, names)}.", label, "principle")
                ok = False
        else:
            pid = _resolve_principle(principle, known) if known else None
            near = difflib.get_close_matches(_normalise(principle), [_normalise(p.name) for p in known.values()], n=1,
                                             cutoff=NEAR_PRINCIPLE) if known and pid is None else []
            if near:
                # A typo ("Ownershp") would make a new principle of its own, silently.
                name = next(p.name for p in known.values() if _normalise(p.name) == near[0])
                problem(entry.key_lines["principle"], f"'{principle}' is not a principle (did you mean '{name}'?); "
                        "to add a new one, list it under 'principles:'.", label, "principle")
                ok = False
            pid = pid or slugify(principle)

        follow_ups = entry.get("follow_ups", [])
        if follow_ups is None:
            follow_ups = []
        if not isinstance(follow_ups, list) or not all(isinstance(f, str) and f.strip() for f in follow_ups):
            problem(entry.key_lines.get("follow_ups", entry.line), "must be a list of questions, each on its own '- ' line.", label, "follow_ups")
            ok = False

        tags = entry.get("tags", [])
        if tags is None:
            tags = []
        if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
            problem(entry.key_lines.get("tags", entry.line), "must be a list of words, e.g. 'tags: [conflict, manager]'.", label, "tags")
            ok = False

        if ok and pid:
            questions.append(
                Question(
                    id=qid,
                    text=" ".join(text.split()),
                    principle=pid,
                    follow_ups=tuple(" ".join(f.split()) for f in follow_ups),
                    tags=tuple(t.strip().lower() for t in tags),
                    bank=bank_id,
                )
            )
    return questions


def parse_bank_or_raise(text: str, source: str, *, builtin: bool = False,
                        known: Mapping[str, Principle] | None = None) -> Bank:
    result = parse_bank(text, source, builtin=builtin, known=known)
    if result.problems:
        first = str(result.problems[0])
        more = len(result.problems) - 1
        if more:
            first += f" (and {counted(more, 'more problem')}: run 'interviewer banks validate {source}')"
        raise BankError(first)
    assert result.bank is not None
    return result.bank


# --------------------------------------------------------------------------------------------------
# Catalog: all banks in use


@dataclass
class Catalog:
    banks: list[Bank]
    principles: dict[str, Principle]
    questions: list[Question]

    def question(self, question_id: str) -> Question:
        wanted = question_id.strip().lower()
        padded = re.sub(r"-(\d)$", r"-0\1", wanted)  # "co-1" means "co-01"
        for candidate in (wanted, padded):
            for q in self.questions:
                if q.id == candidate:
                    return q
        close = difflib.get_close_matches(question_id, [q.id for q in self.questions], n=3)
        hint = f" Did you mean {', '.join(close)}?" if close else " Run 'interviewer banks show' to list ids."
        raise ConfigError(f"No question with id '{question_id}'.{hint}")

    def principle_named(self, text: str) -> Principle | None:
        """The principle whose id or whole name this is (case and punctuation aside), else None: no prefixes,
        so that "Action" or "Results" in someone's notes is not taken for a principle."""
        wanted = _normalise(text)
        return next((p for p in self.principles.values() if wanted and wanted in (_normalise(p.id), _normalise(p.name))),
                    None)

    def principle(self, query: str) -> Principle:
        """Find a principle by id, name, or an unambiguous prefix of either ("ownership", "dive", "co")."""
        wanted = _normalise(query)
        if not wanted:
            raise ConfigError("Empty principle name. Run 'interviewer banks list' to see the principles.")
        exact = self.principle_named(query)
        if exact:
            return exact
        squeezed = wanted.replace(" ", "")
        initials = [
            p for p in self.principles.values()
            if squeezed in (_initials(p.name, keep_small=True), _initials(p.name, keep_small=False))
        ]
        prefix = [
            p for p in self.principles.values()
            if _normalise(p.name).startswith(wanted) or _normalise(p.id).startswith(wanted)
            or any(word.startswith(wanted) for word in _normalise(p.name).split() if len(wanted) >= 4)
        ]
        for candidates in (initials, prefix):
            if len(candidates) == 1:
                return candidates[0]
        if len(prefix) > 1:
            names = ", ".join(p.name for p in prefix)
            raise ConfigError(f"'{query}' matches several principles: {names}. Give more of the name.")
        names = [p.name for p in self.principles.values()]
        close = difflib.get_close_matches(query, names, n=1, cutoff=0.5)
        hint = f" Did you mean '{close[0]}'?" if close else " Run 'interviewer banks list' to see them."
        raise ConfigError(f"No principle matches '{query}'.{hint}")

    def questions_for(self, principle_id: str) -> list[Question]:
        return [q for q in self.questions if q.principle == principle_id]

    def principle_name(self, principle_id: str) -> str:
        p = self.principles.get(principle_id)
        return p.name if p else principle_id

    def with_recorded_principles(self, names: Mapping[str, str]) -> Catalog:
        """This catalog, also naming the principles of saved answers whose banks are not loaded now (a bank
        given once with --bank), by the names their records kept."""
        extra = {pid: Principle(pid, name) for pid, name in names.items() if pid not in self.principles and name}
        return replace(self, principles={**self.principles, **extra}) if extra else self


SMALL_WORDS = {"and", "the", "to", "be", "a", "of", "on", "in"}


def _initials(name: str, *, keep_small: bool) -> str:
    return "".join(w[0] for w in _normalise(name).split() if keep_small or w not in SMALL_WORDS)


def build_catalog(banks: Sequence[Bank]) -> Catalog:
    """Merge banks. A user bank with the same id as a built-in one replaces it; question ids must be unique."""
    by_id: dict[str, Bank] = {}
    for bank in banks:
        if bank.id in by_id and not by_id[bank.id].builtin:
            raise BankError(
                f"{bank.path}: bank id '{bank.id}' is also used by {by_id[bank.id].path}; give each bank its own 'id'."
            )
        by_id[bank.id] = bank
    principles: dict[str, Principle] = {}
    questions: list[Question] = []
    owner: dict[str, Bank] = {}
    for bank in by_id.values():
        for p in bank.principles:
            principles.setdefault(p.id, p)
        for q in bank.questions:
            if q.id in owner:
                raise BankError(
                    f"{bank.path}: question '{q.id}', field 'id': also used in {owner[q.id].path}; "
                    "question ids must be unique across banks (prefix yours, e.g. 'my-co-01')."
                )
            owner[q.id] = bank
            questions.append(q)
    named = [replace(q, principle_name=principles[q.principle].name) if q.principle in principles else q for q in questions]
    return Catalog(list(by_id.values()), principles, named)


# --------------------------------------------------------------------------------------------------
# Choosing questions


def choose_questions(
    catalog: Catalog,
    *,
    count: int,
    principle_ids: Sequence[str] = (),
    question_ids: Sequence[str] = (),
    times_answered: dict[str, int] | None = None,
    rng: random.Random | None = None,
) -> list[Question]:
    """Pick ``count`` questions: named ones first, then the least-practiced, spread over the principles.

    Questions answered fewer times come first (so repeated rounds cover the bank); ties are broken at random,
    and principles take turns so one round does not ask the same principle twice while others wait.
    """
    rng = rng or random.Random()
    times_answered = times_answered or {}
    chosen = [catalog.question(qid) for qid in question_ids]
    if len(chosen) >= count and question_ids:
        return chosen
    wanted = list(dict.fromkeys(principle_ids)) or list(catalog.principles)
    pools: dict[str, list[Question]] = {}
    for pid in wanted:
        pool = [q for q in catalog.questions_for(pid) if q not in chosen]
        rng.shuffle(pool)
        pool.sort(key=lambda q: times_answered.get(q.id, 0))
        if pool:
            pools[pid] = pool
    if not pools and not chosen:
        raise ConfigError("No questions match that choice. Run 'interviewer banks list' to see what is there.")
    order = list(pools)
    rng.shuffle(order)
    # Principles practiced least go first.
    order.sort(key=lambda pid: min(times_answered.get(q.id, 0) for q in pools[pid]))
    while len(chosen) < count and any(pools.values()):
        for pid in order:
            if len(chosen) >= count:
                break
            if pools[pid]:
                chosen.append(pools[pid].pop(0))
    return chosen
