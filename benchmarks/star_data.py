"""Labeled STAR answers for measuring the scorer: ../shared/data/star_dev.jsonl and the labeled answers in
../shared/seeds (principle-answers.md, star-story-template.md), whose Reflection parts are ``reflection``;
and our own spoken-style answers in benchmarks/data/star_spoken.jsonl.

Each answer becomes a list of sentences with gold labels, split by the product's own sentence splitter.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from interviewer.scoring.text import Span, split_sentences, words_from_text

SHARED = Path(os.environ.get("INTERVIEWER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
LABELS = {"S": "situation", "T": "task", "A": "action", "R": "result", "L": "reflection",
          "situation": "situation", "task": "task", "action": "action", "result": "result", "reflection": "reflection"}
# Other spellings a labeled set from elsewhere may use for the same parts (STAR-L's "Learning", plurals).
OTHER_SPELLINGS = {"actions": "action", "results": "result", "learning": "reflection", "learnings": "reflection",
                   "lesson": "reflection", "lessons": "reflection", "lessons learned": "reflection"}


def part_label(label: str) -> str:
    """A part's label as a labeled file spells it ("R", "Result", "results", "Learning") → one of ours."""
    key = label.strip().rstrip(":").strip()
    found = LABELS.get(key) or LABELS.get(key.lower()) or OTHER_SPELLINGS.get(key.lower())
    if found is None:
        raise ValueError(f"unknown part label {label!r} (expected S, T, A, R, L or their names)")
    return found


def majority(labels: list[str]) -> str:
    """The label of most of a sentence's words; a tie goes to the one that comes first, so that the figures
    do not change with Python's hash order from run to run."""
    return Counter(labels).most_common(1)[0][0]


def removed_with(label: str) -> set[str]:
    """The labels taken out with a part: the reflection counts as result, so it goes with the result."""
    return {label, "reflection"} if label == "result" else {label}


@dataclass
class LabeledAnswer:
    id: str
    source: str  # file it came from (used to group cross-validation folds)
    question: str | None
    parts: list[tuple[str, str]]  # (label, text) in order
    words: list = field(default_factory=list)
    breaks: set[int] = field(default_factory=set)
    word_labels: list[str] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)
    gold: list[str] = field(default_factory=list)  # one label per sentence
    unpunctuated: bool = False  # as a recognizer without punctuation writes it (see ``without_punctuation``)

    def prepare(self) -> LabeledAnswer:
        self.words, self.breaks, self.word_labels = [], set(), []
        for label, text in self.parts:
            words, breaks = words_from_text(text)
            offset = len(self.words)
            self.words += words
            self.breaks |= {offset + b for b in breaks}
            self.word_labels += [label] * len(words)
        if self.unpunctuated:
            self.words, self.breaks = _as_unpunctuated_speech(self.words, self.breaks, self.id)
        self.spans = split_sentences(self.words, self.breaks)
        self.gold = []
        for span in self.spans:
            labels = self.word_labels[span.first : span.last + 1]
            self.gold.append(majority(labels))
        return self

    def without(self, label: str) -> LabeledAnswer:
        """The answer with one STAR part taken out. Reflection counts as result (as in the four-class
        accuracy), so taking out the result takes out the reflection too."""
        gone = removed_with(label)
        return LabeledAnswer(f"{self.id}-no-{label}", self.source, self.question,
                             [(lab, text) for lab, text in self.parts if lab not in gone],
                             unpunctuated=self.unpunctuated).prepare()

    @property
    def text(self) -> str:
        return "\n".join(text for _, text in self.parts)


def load_dev(path: Path | None = None) -> list[LabeledAnswer]:
    path = path or SHARED / "data" / "star_dev.jsonl"
    answers = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            parts = [(part_label(p["label"]), p["text"]) for p in d["parts"] if p["text"].strip()]
        except (ValueError, KeyError, TypeError) as exc:
            raise SystemExit(f"{path}:{number}: not a labeled answer ({type(exc).__name__}: {exc}); each line "
                             'needs "parts": [{"label": "S", "text": "..."}, ...] as in star_dev.jsonl') from None
        # Answers without an id or a source still count; each is then its own source for cross-validation.
        answer_id = str(d.get("id") or f"{path.stem}-{number}")
        answers.append(LabeledAnswer(answer_id, str(d.get("source") or answer_id), d.get("question"), parts).prepare())
    return answers


_SEED_MARK = re.compile(r"^\*\*(S|T|A|R|Reflection)\s*:?\s*\*\*\s*:?\s*(.*)$")


def load_principle_answers(path: Path | None = None) -> list[LabeledAnswer]:
    """The **S:** / **T:** / **A:** / **R:** / **Reflection:** paragraphs of principle-answers.md."""
    path = path or SHARED / "seeds" / "principle-answers.md"
    answers: list[LabeledAnswer] = []
    parts: list[tuple[str, str]] = []
    current: list[str] | None = None
    label = ""

    def close_part() -> None:
        nonlocal current
        if current is not None and "\n".join(current).strip():
            parts.append((label, "\n".join(current).strip()))
        current = None

    def close_answer() -> None:
        nonlocal parts
        close_part()
        if len(parts) >= 3:
            answers.append(LabeledAnswer(f"seed-pa-{len(answers) + 1}", str(path.name), None, parts).prepare())
        parts = []

    for line in path.read_text(encoding="utf-8").splitlines():
        m = _SEED_MARK.match(line.strip())
        if m:
            close_part()
            if m.group(1) == "S":
                close_answer()
            label = part_label(m.group(1))
            current = [m.group(2)] if m.group(2) else []
        elif line.startswith("#") or line.strip() == "---":
            close_answer()
        elif current is not None:
            current.append(line)
    close_answer()
    return answers


def load_story_template(path: Path | None = None) -> list[LabeledAnswer]:
    path = path or SHARED / "seeds" / "star-story-template.md"
    parts: list[tuple[str, str]] = []
    label, lines = None, []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(Situation|Task|Action|Result|Reflection|5 Whys):\s*$", line.strip())
        if m:
            if label and "\n".join(lines).strip():
                parts.append((label, "\n".join(lines).strip()))
            label = None if m.group(1) == "5 Whys" else part_label(m.group(1))
            lines = []
        elif label:
            if re.match(r"^\s*-\s*$", line):
                continue  # an empty bullet
            lines.append(line)
    if label and "\n".join(lines).strip():
        parts.append((label, "\n".join(lines).strip()))
    return [LabeledAnswer("seed-template", path.name, None, parts).prepare()]


SPOKEN = Path(__file__).resolve().parent / "data" / "star_spoken.jsonl"
WRITTEN = Path(__file__).resolve().parent / "data" / "star_written.jsonl"


def load_all() -> list[LabeledAnswer]:
    """The answers the issue's figures are measured on: ../shared/data/star_dev.jsonl and the seeds."""
    return load_dev() + load_principle_answers() + load_story_template()


def load_spoken() -> list[LabeledAnswer]:
    """Our own labeled answers written the way people speak them (fillers, run-ons, "my manager asked me
    to", number words), in many trades: benchmarks/data/star_spoken.jsonl. Written for this project."""
    return load_dev(SPOKEN)


def load_written() -> list[LabeledAnswer]:
    """Our own labeled answers written as people write them for interview prep (prose and story-bank
    bullets, many trades): benchmarks/data/star_written.jsonl. Never fitted: a check on wording the
    weights have not seen (though cues were widened for what each batch showed)."""
    return load_dev(WRITTEN)


def with_hesitations(answers: list[LabeledAnswer], seed: int = 7) -> list[LabeledAnswer]:
    """The answers as Whisper writes a hesitant speaker (it keeps "um" when prompted, and stutters): an
    "um," or "uh" before about one word in ten and a repeated word before one in twenty-five (seeded)."""
    import random

    rng = random.Random(seed)

    def hesitant_line(line: str) -> str:
        out = []
        for token in line.split():
            roll = rng.random()
            if roll < 0.07:
                out.append("um,")
            elif roll < 0.10:
                out.append("uh")
            if rng.random() < 0.04:
                out.append(token)
            out.append(token)
        return " ".join(out)

    def hesitant(text: str) -> str:  # line by line, so that bullets stay bullets
        return "\n".join(hesitant_line(line) for line in text.split("\n"))

    return [LabeledAnswer(a.id, a.source, a.question, [(lab, hesitant(text)) for lab, text in a.parts]).prepare()
            for a in answers]


def without_punctuation(answers: list[LabeledAnswer]) -> list[LabeledAnswer]:
    """The answers as a recognizer that writes no punctuation gives them (some do; so do captions and typed
    run-ons): lower case, no marks, no line breaks, with word times like Whisper's: words back to back, a
    pause of 0.25-0.9 s where a sentence ended (the demo answer's measure 0.28-0.88 s) and a hesitation of
    0.3-0.75 s inside one sentence in twenty (seeded by the answer's id)."""
    return [LabeledAnswer(a.id, a.source, a.question, a.parts, unpunctuated=True).prepare() for a in answers]


def _as_unpunctuated_speech(words: list, breaks: set[int], seed: str) -> tuple[list, set[int]]:
    import random

    from interviewer.models import Word

    rng = random.Random(seed)
    timed, clock = [], 0.0
    for index, word in enumerate(words):
        ends = index in breaks or bool(re.search(r"[.!?:;]\W*$", word.text))
        text = re.sub(r"[^\w'%$-]", "", word.text).lower() or word.text
        timed.append(Word(text, round(clock, 2), round(clock + 0.3, 2)))
        clock += 0.3
        if ends:
            clock += rng.uniform(0.25, 0.9)
        elif rng.random() < 0.05:
            clock += rng.uniform(0.3, 0.75)
    return timed, set()


def load_training() -> list[LabeledAnswer]:
    """Everything the weights are fitted on."""
    return load_all() + load_spoken()
