"""Timing drills: the same question again and again until the answer fits the target. Core logic: when the
cues sound, what each attempt is judged on (difference from the target, seconds per STAR part against their
bands, pace), and the trend across attempts, in this drill and earlier sessions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from interviewer.models import AnswerRecord, Question
from interviewer.scoring.settings import ScoringSettings
from interviewer.session import InterviewRound

WARNING = "warning"  # "thirty seconds left"
TIME = "time"  # the target is reached
PARTS = ("situation", "task", "action", "result")
ON_TARGET_S = 10  # an attempt this close to the target (either side) has hit it


def cue_times(target_s: float) -> list[tuple[float, str]]:
    """A warning 30 s before the target (halfway for targets under a minute) and a tone at the target."""
    warning_at = target_s - 30 if target_s >= 60 else target_s / 2
    return [(warning_at, WARNING), (target_s, TIME)]


def warning_words(target_s: float) -> str:
    left = round(target_s - cue_times(target_s)[0][0])
    return f"{left} seconds"


def part_bands_seconds(target_s: float, settings: ScoringSettings) -> dict[str, tuple[float, float]]:
    """The STAR share bands turned into seconds of the target (Situation also capped by situation_max_s)."""
    bands = {}
    for part in PARTS:
        lo, hi = settings.star_bands[part]
        hi_s = hi * target_s
        if part == "situation":
            hi_s = min(hi_s, settings.situation_max_s)
        bands[part] = (lo * target_s, hi_s)
    return bands


@dataclass
class Attempt:
    label: str  # "1", "2"... in this drill; a date for earlier sessions
    record_id: str
    duration_s: float | None
    target_s: float
    part_seconds: dict[str, float | None]
    words_per_minute: float | None
    completeness: float | None
    earlier: bool = False

    @property
    def off_target_s(self) -> float | None:
        return None if self.duration_s is None else self.duration_s - self.target_s

    @classmethod
    def from_record(cls, record: AnswerRecord, label: str, earlier: bool = False) -> Attempt:
        score = record.score or {}
        star = score.get("star") or {}
        return cls(
            label=label,
            record_id=record.id,
            duration_s=record.duration_s,
            target_s=record.target_s,
            part_seconds={p: (star.get(p) or {}).get("seconds") if (star.get(p) or {}).get("present") else None for p in PARTS},
            words_per_minute=(score.get("timing") or {}).get("words_per_minute"),
            completeness=score.get("star_completeness"),
            earlier=earlier,
        )


@dataclass
class PartCheck:
    part: str
    seconds: float | None
    low: float
    high: float

    @property
    def verdict(self) -> str:
        if self.seconds is None:
            return "missing"
        if self.seconds < self.low:
            return "short"
        if self.seconds > self.high:
            return "long"
        return "ok"


@dataclass
class DrillSummary:
    attempt: Attempt
    parts: list[PartCheck]
    history: list[Attempt] = field(default_factory=list)  # earlier sessions, then this drill, oldest first
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "off_target_s": self.attempt.off_target_s,
            "parts": {p.part: {"seconds": p.seconds, "band": [round(p.low, 1), round(p.high, 1)], "verdict": p.verdict}
                      for p in self.parts},
            "words_per_minute": self.attempt.words_per_minute,
            "message": self.message,
        }


def summarize(attempt: Attempt, history: Sequence[Attempt], settings: ScoringSettings) -> DrillSummary:
    bands = part_bands_seconds(attempt.target_s, settings)
    parts = [PartCheck(p, attempt.part_seconds.get(p), *bands[p]) for p in PARTS]
    offs = [abs(a.off_target_s) for a in history if a.off_target_s is not None]
    message = ""
    if attempt.off_target_s is not None:
        now = abs(attempt.off_target_s)
        if now <= ON_TARGET_S:
            # Said after "0:05 over", a bare "On target." read as a contradiction: say how close counts.
            message = f"Within {ON_TARGET_S} s of the target."
        elif offs:
            best = min(offs)
            if now < best:
                message = f"Closest to the target so far (off by {now:.0f} s; best before {best:.0f} s)."
            else:
                message = f"Off by {now:.0f} s (best so far {best:.0f} s)."
        long_parts = [p.part.capitalize() for p in parts if p.verdict == "long"]
        if attempt.off_target_s > 10 and long_parts:
            message += f" Trim the {' and the '.join(long_parts)}."
    return DrillSummary(attempt, parts, [*history, attempt], message.strip())


class DrillRunner:
    """Runs the attempts of one drill through an InterviewRound and reports after each."""

    def __init__(self, round_: InterviewRound, question: Question, rounds: int, earlier: Sequence[Attempt],
                 settings: ScoringSettings, show_summary):
        self.round = round_
        self.question = question
        self.rounds = rounds
        self.earlier = list(earlier)
        self.settings = settings
        self.show_summary = show_summary
        self.summaries: list[DrillSummary] = []

    def run(self):
        round_ = self.round
        with round_.running() as session:
            history = list(self.earlier)
            for number in range(1, self.rounds + 1):
                record = round_.ask(number, self.rounds, self.question, self.question.text,
                                    extra={"drill_round": number}, cues=cue_times(round_.options.target_s))
                attempt = Attempt.from_record(record, str(number))
                summary = summarize(attempt, history, self.settings)
                record.extra["drill"] = summary.to_dict()
                round_.parts.store.save_answer(record)
                self.summaries.append(summary)
                self.show_summary(summary)
                history.append(attempt)
                if number < self.rounds and round_.choose_after(record, last=False, can_repeat=False) == "stop":
                    break
        return session
