"""Plain data shared by every layer: questions, transcripts, scores and saved records.

Standard library only. Every record converts to and from plain JSON-ready dicts with ``to_dict`` and
``from_dict``; those dicts are what lands in ``recordings/`` and in ``interviewer score --json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

STAR_LABELS: tuple[str, ...] = ("situation", "task", "action", "result", "reflection")
SENTENCE_LABELS: tuple[str, ...] = STAR_LABELS + ("other",)
# One letter per label, as transcripts show it (L for the reflection: "STAR-L"; R is the result).
LABEL_LETTERS: dict[str, str] = {"situation": "S", "task": "T", "action": "A", "result": "R", "reflection": "L", "other": "·"}

# What other frameworks call the parts in notes (CAR, PAR, SOAR and the prep guides' "Impact", "Key
# takeaway"): a regular expression, matched without case. The scorer drops them as headings (scoring.text);
# `stories import` reads them as part labels (stories.py).
OTHER_PART_NAMES = (r"context|background|challenges?|problems?|obstacles?|goals?|objectives?|approach|impact"
                    r"|outcomes?|(?:key )?takeaways?")

# Version of the score JSON (``interviewer score --json`` and the ``score`` field of answer records).
SCORE_SCHEMA = "interviewer.score/1"
ANSWER_SCHEMA = "interviewer.answer/1"
SESSION_SCHEMA = "interviewer.session/1"


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(float(value), digits)


def _keep_as_saved(measure: Any, digits: dict[str, int]) -> None:
    """Round a score's measurements once, when made, to the precision they are saved with: the notes are
    written from the measurements and the tables drawn from the saved JSON, and rounding twice made them
    disagree (a share of 0.2653, saved as 0.265, read 27% in a note and 26% in the table)."""
    for name, places in digits.items():
        setattr(measure, name, _round(getattr(measure, name), places))


# --------------------------------------------------------------------------------------------------
# Question banks


@dataclass(frozen=True)
class Principle:
    id: str
    name: str
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "description": self.description}


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    principle: str  # a Principle id
    follow_ups: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    bank: str = ""  # id of the bank it came from
    # The principle's name, kept in the answer record: a bank given once with --bank is not there later to
    # name it, and its answers would be listed under the bare id.
    principle_name: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "principle": self.principle,
            "principle_name": self.principle_name,
            "follow_ups": list(self.follow_ups),
            "tags": list(self.tags),
            "bank": self.bank,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Question:
        return cls(
            id=d["id"],
            text=d["text"],
            principle=d.get("principle", ""),
            follow_ups=tuple(d.get("follow_ups", ())),
            tags=tuple(d.get("tags", ())),
            bank=d.get("bank", ""),
            principle_name=d.get("principle_name") or "",
        )


@dataclass
class Bank:
    id: str
    title: str
    path: str
    principles: list[Principle]
    questions: list[Question]
    builtin: bool = False


# --------------------------------------------------------------------------------------------------
# Transcripts


@dataclass(frozen=True)
class Word:
    """One recognised word. ``start``/``end`` are seconds from the start of the answer (None for text)."""

    text: str
    start: float | None = None
    end: float | None = None
    probability: float | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "start": _round(self.start), "end": _round(self.end)}
        if self.probability is not None:
            d["p"] = _round(self.probability, 3)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Word:
        return cls(d["text"], d.get("start"), d.get("end"), d.get("p"))


@dataclass
class Transcript:
    words: list[Word]
    text: str
    duration_s: float | None = None  # length of the audio; None when the answer came as text
    model: str = ""
    language: str = "en"

    @property
    def timed(self) -> bool:
        return bool(self.words) and all(w.start is not None and w.end is not None for w in self.words)

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "duration_s": _round(self.duration_s),
            "model": self.model,
            "language": self.language,
            "words": [w.to_dict() for w in self.words],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Transcript:
        return cls(
            words=[Word.from_dict(w) for w in d.get("words", [])],
            text=d.get("text", ""),
            duration_s=d.get("duration_s"),
            model=d.get("model", ""),
            language=d.get("language", "en"),
        )


# --------------------------------------------------------------------------------------------------
# Scores


@dataclass
class Sentence:
    text: str
    label: str  # one of SENTENCE_LABELS
    start: float | None = None
    end: float | None = None
    first_word: int = 0  # index into Transcript.words
    last_word: int = 0  # inclusive

    def __post_init__(self) -> None:
        _keep_as_saved(self, {"start": 2, "end": 2})

    @property
    def word_count(self) -> int:
        return self.last_word - self.first_word + 1

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "label": self.label, "start": self.start, "end": self.end}


@dataclass
class StarPart:
    present: bool
    words: int
    seconds: float | None
    share: float  # fraction of the answer (of its seconds when timed, else of its words)
    band: tuple[float, float] | None = None  # the configured share band it was judged against
    verdict: str = "ok"  # "ok", "missing", "short", "long"

    def __post_init__(self) -> None:
        _keep_as_saved(self, {"seconds": 1, "share": 3})

    def to_dict(self) -> dict[str, Any]:
        return {
            "present": self.present,
            "words": self.words,
            "seconds": self.seconds,
            "share": self.share,
            "band": list(self.band) if self.band else None,
            "verdict": self.verdict,
        }


@dataclass
class Pause:
    start: float
    end: float

    def __post_init__(self) -> None:
        _keep_as_saved(self, {"start": 2, "end": 2})

    @property
    def seconds(self) -> float:
        return self.end - self.start

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end}


@dataclass
class Timing:
    duration_s: float | None
    target_s: float
    words_per_minute: float | None
    time_to_first_word_s: float | None
    long_pauses: list[Pause] = field(default_factory=list)
    longest_pauses: list[Pause] = field(default_factory=list)  # the few longest, whatever their length
    speaking_s: float | None = None  # from the first word to the last

    def __post_init__(self) -> None:
        _keep_as_saved(self, dict.fromkeys(
            ["duration_s", "target_s", "words_per_minute", "time_to_first_word_s", "speaking_s"], 1))

    def to_dict(self) -> dict[str, Any]:
        return {
            "duration_s": self.duration_s,
            "target_s": self.target_s,
            "words_per_minute": self.words_per_minute,
            "time_to_first_word_s": self.time_to_first_word_s,
            "long_pauses": [p.to_dict() for p in self.long_pauses],
            "longest_pauses": [p.to_dict() for p in self.longest_pauses],
            "speaking_s": self.speaking_s,
        }


@dataclass
class Repeat:
    """A word or phrase said twice in a row or close together ("I I", "the the")."""

    text: str
    at: float | None
    word_index: int
    abandoned: tuple[int, ...] = ()  # indexes of the words said first and then said again

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "at": _round(self.at), "word_index": self.word_index}


@dataclass
class Delivery:
    fillers: dict[str, int]
    fillers_per_minute: float | None
    filler_share: float  # fillers / words
    hedges: dict[str, int]
    i_count: int
    we_count: int
    quantified_result: bool
    # The same counts in the Action only: "we" there is what an interviewer probes ("we had a deadline" in
    # the Situation is fine). Answers saved before these were kept lack them in their JSON.
    action_i_count: int = 0
    action_we_count: int = 0
    repeats: list[Repeat] = field(default_factory=list)
    filler_word_indexes: list[int] = field(default_factory=list)  # for highlighting
    hedge_word_indexes: list[int] = field(default_factory=list)
    restart_word_indexes: list[int] = field(default_factory=list)  # the words a restart said again
    # Sentences told as what the candidate would do or usually does ("I would listen to their complaint"),
    # where the question asks for one time it happened (hindsight and lessons not counted).
    hypothetical_sentence_indexes: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        _keep_as_saved(self, {"fillers_per_minute": 1, "filler_share": 3})

    @property
    def filler_count(self) -> int:
        return sum(self.fillers.values())

    @property
    def hedge_count(self) -> int:
        return sum(self.hedges.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "fillers": dict(self.fillers),
            "filler_count": self.filler_count,
            "fillers_per_minute": self.fillers_per_minute,
            "filler_share": self.filler_share,
            "hedges": self.hedge_count,
            "hedge_phrases": dict(self.hedges),
            "i_count": self.i_count,
            "we_count": self.we_count,
            "action_i_count": self.action_i_count,
            "action_we_count": self.action_we_count,
            "quantified_result": self.quantified_result,
            "repeats": [r.to_dict() for r in self.repeats],
            "filler_word_indexes": list(self.filler_word_indexes),
            "hedge_word_indexes": list(self.hedge_word_indexes),
            "restart_word_indexes": list(self.restart_word_indexes),
            "hypothetical_count": len(self.hypothetical_sentence_indexes),
            "hypothetical_sentence_indexes": list(self.hypothetical_sentence_indexes),
        }


@dataclass
class FeedbackNote:
    """One point of feedback; ``at`` ties it to a moment of the answer (seconds) where there is one."""

    text: str
    kind: str  # e.g. "missing-result", "long-situation", "pace", "fillers"
    priority: int  # lower is more important
    at: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "kind": self.kind, "priority": self.priority, "at": _round(self.at, 1)}


@dataclass
class AnswerScore:
    transcript: str
    duration_s: float | None
    sentences: list[Sentence]
    star: dict[str, StarPart]
    timing: Timing
    delivery: Delivery
    notes: list[FeedbackNote]
    question: str | None = None

    @property
    def feedback(self) -> list[str]:
        return [n.text for n in self.notes]

    @property
    def missing(self) -> list[str]:
        return [label for label in ("situation", "task", "action", "result") if not self.star[label].present]

    @property
    def star_completeness(self) -> float:
        """Share of the four STAR parts present (0..1)."""
        return sum(self.star[p].present for p in ("situation", "task", "action", "result")) / 4

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCORE_SCHEMA,
            "question": self.question,
            "transcript": self.transcript,
            "duration_s": _round(self.duration_s, 1),
            "sentences": [s.to_dict() for s in self.sentences],
            "star": {label: part.to_dict() for label, part in self.star.items()},
            "missing": self.missing,
            "star_completeness": self.star_completeness,
            "timing": self.timing.to_dict(),
            "delivery": self.delivery.to_dict(),
            "feedback": self.feedback,
            "notes": [n.to_dict() for n in self.notes],
        }


# --------------------------------------------------------------------------------------------------
# Saved records


# Stop reasons of an answer cut off before the candidate ended it: Ctrl-C, 'kill', the terminal closing.
CUT_SHORT = ("interrupted", "terminated", "hangup")


@dataclass
class AnswerRecord:
    """One recorded answer (or follow-up answer), saved as JSON beside its audio file."""

    id: str
    session_id: str
    number: int
    question: Question
    prompt: str  # what was actually asked: the question, or a follow-up probe
    audio_file: str  # file name inside the session folder
    started_at: str  # ISO 8601, local time with offset
    status: str = "recording"  # recording | complete | interrupted | failed
    kind: str = "answer"  # answer | follow-up
    parent_id: str | None = None  # the main answer a follow-up belongs to
    ended_at: str | None = None
    duration_s: float | None = None
    target_s: float = 120.0
    stop_reason: str | None = None  # enter | cap | silence | end-of-input | disk-full | device, or one of CUT_SHORT
    source: str = "microphone"  # microphone | file:<path> | demo
    transcript: dict[str, Any] | None = None
    score: dict[str, Any] | None = None
    model: str = ""
    program_version: str = ""
    bank: str = ""
    processing: dict[str, float] = field(default_factory=dict)  # latencies, e.g. stop_to_feedback_s
    extra: dict[str, Any] = field(default_factory=dict)  # mode-specific (drill round, loop interviewer...)
    error: str | None = None

    @property
    def answered_again(self) -> bool:
        """A question the candidate chose to answer once more; ``extra["again_of"]`` is the try before."""
        return self.kind == "answer" and bool(self.extra.get("again_of"))

    @property
    def recorded_to_its_end(self) -> bool:
        """Whether the recording ended as answers end (Enter, the cap, silence, a failure that was reported)
        rather than cut off by Ctrl-C, a kill or the terminal closing (CUT_SHORT), or by the program ending
        mid-answer (no stop reason saved)."""
        return self.stop_reason not in (None, *CUT_SHORT)

    @property
    def parts_judged(self) -> bool:
        """Whether its STAR parts are judged as a whole story's ("missing", "long", the bands). A follow-up
        answers one probe: its notes leave the parts alone, and so do the terminal, Markdown and HTML."""
        return self.kind != "follow-up"

    @property
    def story_checked(self) -> bool:
        """Whether the answer was compared with the prepared stories. Answers saved before an unscorable one
        (no speech) was left out of that say "no story matched" all the same; that says nothing there."""
        return "story" in self.extra and (self.score is not None or self.extra["story"] is not None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": ANSWER_SCHEMA,
            "id": self.id,
            "session_id": self.session_id,
            "number": self.number,
            "kind": self.kind,
            "parent_id": self.parent_id,
            "status": self.status,
            "question": self.question.to_dict(),
            "prompt": self.prompt,
            "bank": self.bank,
            "audio_file": self.audio_file,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "duration_s": _round(self.duration_s),
            "target_s": self.target_s,
            "stop_reason": self.stop_reason,
            "source": self.source,
            "model": self.model,
            "program_version": self.program_version,
            "processing": {k: _round(v, 3) for k, v in self.processing.items()},
            "extra": self.extra,
            "error": self.error,
            "transcript": self.transcript,
            "score": self.score,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AnswerRecord:
        return cls(
            id=d["id"],
            session_id=d["session_id"],
            number=int(d["number"]),
            question=Question.from_dict(d["question"]),
            prompt=d.get("prompt", d["question"]["text"]),
            audio_file=d["audio_file"],
            started_at=d["started_at"],
            status=d.get("status", "complete"),
            kind=d.get("kind", "answer"),
            parent_id=d.get("parent_id"),
            ended_at=d.get("ended_at"),
            duration_s=d.get("duration_s"),
            target_s=d.get("target_s", 120.0),
            stop_reason=d.get("stop_reason"),
            source=d.get("source", "microphone"),
            transcript=d.get("transcript"),
            score=d.get("score"),
            model=d.get("model", ""),
            program_version=d.get("program_version", ""),
            bank=d.get("bank", ""),
            processing=dict(d.get("processing") or {}),
            extra=dict(d.get("extra") or {}),
            error=d.get("error"),
        )


@dataclass
class SessionRecord:
    id: str
    kind: str  # practice | demo | drill | loop
    started_at: str
    program_version: str
    settings: dict[str, Any] = field(default_factory=dict)
    answers: list[str] = field(default_factory=list)  # answer ids in order
    ended_at: str | None = None
    status: str = "running"  # running | complete | interrupted | failed
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SESSION_SCHEMA,
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "started_at": self.started_at,
            "ended_at": self.ended_at,
            "program_version": self.program_version,
            "settings": self.settings,
            "answers": list(self.answers),
            "extra": self.extra,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SessionRecord:
        return cls(
            id=d["id"],
            kind=d.get("kind", "practice"),
            started_at=d["started_at"],
            program_version=d.get("program_version", ""),
            settings=dict(d.get("settings") or {}),
            answers=list(d.get("answers") or []),
            ended_at=d.get("ended_at"),
            status=d.get("status", "complete"),
            extra=dict(d.get("extra") or {}),
        )
