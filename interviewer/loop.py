"""A full interview loop: several interviewers, each with a name, a voice and two or three principles, each
asking one or two questions with follow-ups, introducing themselves as they take over. Plan format in
docs/loop-plans.md; the default plan is assets/loop-default.yaml. Core logic only: the speakers for each
interviewer are built by the CLI."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import mean
from typing import Any


from interviewer.banks import BankProblem, Catalog, _did_you_mean, _LineDict, choose_questions, item_line, load_yaml_with_lines
from interviewer.errors import BankError, ConfigError
from interviewer.models import AnswerRecord, AnswerScore, Question
from interviewer.session import InterviewRound
from interviewer.stories import reuse_warnings
from interviewer.units import clock

FORMAT = "interviewer-loop/1"
PLAN_FIELDS = ("format", "title", "follow_ups", "interviewers")
INTERVIEWER_FIELDS = ("name", "role", "principles", "questions", "question_ids", "voice", "rate", "pitch", "intro")


@dataclass(frozen=True)
class Interviewer:
    name: str
    role: str
    principles: tuple[str, ...]  # principle ids
    questions: int = 1
    question_ids: tuple[str, ...] = ()
    voice: str = ""
    rate: int = 165
    pitch: int | None = None
    intro: str = ""

    def introduction(self, principle_name: Callable[[str], str]) -> str:
        if self.intro:
            return self.intro
        names = [principle_name(p) for p in self.principles]
        topics = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        role = f", {self.role}" if self.role else ""
        return f"Hi, I'm {self.name}{role}. I'll be asking about {topics}."

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "role": self.role, "principles": list(self.principles), "questions": self.questions,
                "voice": self.voice, "rate": self.rate, "pitch": self.pitch}


@dataclass
class LoopPlan:
    title: str
    interviewers: list[Interviewer]
    follow_ups: int = 1
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"title": self.title, "follow_ups": self.follow_ups, "source": self.source,
                "interviewers": [i.to_dict() for i in self.interviewers]}


def parse_plan(text: str, source: str, catalog: Catalog) -> LoopPlan:
    problems: list[BankProblem] = []

    def problem(line, message, who=None, fld=None):
        problems.append(BankProblem(source, line, message, who, fld, kind="interviewer"))

    data = load_yaml_with_lines(text, source)
    if not isinstance(data, _LineDict) or not isinstance(data.get("interviewers"), list) or not data["interviewers"]:
        raise BankError(f"{source}:1: a loop plan is a mapping with a non-empty 'interviewers' list (docs/loop-plans.md).")
    for key in data:
        if key not in PLAN_FIELDS:
            problem(data.key_lines[key], f"unknown field '{key}'{_did_you_mean(key, PLAN_FIELDS)}.", fld=key)
    if data.get("format", FORMAT) != FORMAT:
        problem(data.key_lines.get("format"), f"unsupported format; this version reads '{FORMAT}'.", fld="format")
    follow_ups = data.get("follow_ups", 1)
    if not isinstance(follow_ups, int) or not 0 <= follow_ups <= 3:
        problem(data.key_lines.get("follow_ups"), "'follow_ups' must be 0 to 3.", fld="follow_ups")
        follow_ups = 1
    interviewers: list[Interviewer] = []
    for index, entry in enumerate(data["interviewers"], start=1):
        if not isinstance(entry, _LineDict):
            problem(item_line(data["interviewers"], index - 1, data.key_lines["interviewers"]),
                    f"interviewer #{index} must be a mapping with 'name' and 'principles'.")
            continue
        name = entry.get("name")
        who = name if isinstance(name, str) else f"#{index}"
        for key in entry:
            if key not in INTERVIEWER_FIELDS:
                problem(entry.key_lines[key], f"unknown field{_did_you_mean(key, INTERVIEWER_FIELDS)}.", who, key)
        if not isinstance(name, str) or not name.strip():
            problem(entry.line, "each interviewer needs a 'name'.", who, "name")
            continue
        principles = entry.get("principles")
        if not isinstance(principles, list) or not 1 <= len(principles) <= 3:
            problem(entry.key_lines.get("principles", entry.line), "give one to three principles, e.g. [ownership, dive-deep].", who, "principles")
            continue
        ids = []
        for p in principles:
            try:
                ids.append(catalog.principle(str(p)).id)
            except ConfigError as exc:
                problem(entry.key_lines["principles"], str(exc), who, "principles")
        count = entry.get("questions", 1)
        if not isinstance(count, int) or not 1 <= count <= 3:
            problem(entry.key_lines.get("questions"), "'questions' must be 1 to 3.", who, "questions")
            count = 1
        question_ids = entry.get("question_ids", []) or []
        for qid in question_ids:
            try:
                catalog.question(str(qid))
            except ConfigError as exc:
                problem(entry.key_lines["question_ids"], str(exc), who, "question_ids")
        rate = entry.get("rate", 165)
        if not isinstance(rate, int) or not 80 <= rate <= 400:
            problem(entry.key_lines.get("rate"), "'rate' is words per minute, 80 to 400.", who, "rate")
            rate = 165
        pitch = entry.get("pitch")
        if pitch is not None and (not isinstance(pitch, int) or not 0 <= pitch <= 99):
            problem(entry.key_lines.get("pitch"), "'pitch' is 0 to 99.", who, "pitch")
            pitch = None
        interviewers.append(Interviewer(name.strip(), str(entry.get("role", "") or ""), tuple(ids), count,
                                        tuple(str(q) for q in question_ids), str(entry.get("voice", "") or ""),
                                        rate, pitch, str(entry.get("intro", "") or "")))
    if problems:
        more = len(problems) - 1
        raise BankError(str(problems[0]) + (f" (and {more} more)" if more else ""))
    title = data.get("title") if isinstance(data.get("title"), str) else "Interview loop"
    return LoopPlan(title, interviewers, follow_ups, source)


# --------------------------------------------------------------------------------------------------
# Summary


def impression(scores: Sequence[AnswerScore]) -> str:
    """A rough read of how an interviewer would leave the room: strong, mixed, or needs work."""
    if not scores:
        return "no scored answers"
    complete = mean(s.star_completeness for s in scores)
    numbers = mean(1.0 if s.delivery.quantified_result else 0.0 for s in scores)
    ownership = mean(1.0 if s.delivery.action_i_count >= s.delivery.action_we_count else 0.0 for s in scores)  # "I" where it counts
    # On time as the answer's own notes judged it (not too far over, not thin), so the summary cannot call
    # an answer off time that its feedback let pass.
    on_time = mean(0.0 if any(n.kind == "length" for n in s.notes) else 1.0 for s in scores)
    points = complete + 0.5 * numbers + 0.5 * ownership + 0.5 * on_time
    if points >= 2.2:
        return "strong"
    if points >= 1.5:
        return "mixed"
    return "needs work"


@dataclass
class LoopSummary:
    per_principle: list[dict[str, Any]] = field(default_factory=list)
    per_interviewer: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"per_principle": self.per_principle, "per_interviewer": self.per_interviewer, "warnings": self.warnings}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LoopSummary:
        return cls(list(d.get("per_principle") or []), list(d.get("per_interviewer") or []), list(d.get("warnings") or []))

    def tables(self) -> list[tuple[str, list[str], list[list[str]]]]:
        """(title, column headings, rows of text) for each table: the terminal, Markdown and HTML show the same."""
        columns = {
            "By principle": (self.per_principle, {"principle": "principle", "answers": "answers",
                                                  "STAR": "star_complete", "length": "length", "missing": "missing"}),
            "By interviewer": (self.per_interviewer, {"interviewer": "name", "asked about": "principles",
                                                      "answers": "answers", "follow-ups": "follow_ups",
                                                      "impression": "impression", "would note": "would_note"}),
        }
        return [(title, list(keys), [[str(row.get(key, "")) for key in keys.values()] for row in rows])
                for title, (rows, keys) in columns.items()]


def summarize_loop(plan: LoopPlan, records: Sequence[AnswerRecord], scores: dict[str, AnswerScore],
                   principle_name: Callable[[str], str]) -> LoopSummary:
    main = [r for r in records if r.kind == "answer"]
    summary = LoopSummary()
    by_principle: dict[str, list[AnswerRecord]] = {}
    for r in main:
        by_principle.setdefault(r.question.principle, []).append(r)
    for principle, rs in by_principle.items():
        scored = [scores[r.id] for r in rs if r.id in scores]
        missing = sorted({m for s in scored for m in s.missing})
        summary.per_principle.append({
            "principle": principle_name(principle),
            "answers": len(rs),
            "star_complete": f"{mean(s.star_completeness for s in scored) * 100:.0f}%" if scored else "–",
            "length": ", ".join(f"{clock(r.duration_s)}/{clock(r.target_s)}" for r in rs),
            "missing": ", ".join(missing) or "none",
            "top_note": scored[0].feedback[0] if scored and scored[0].feedback else "",
        })
    for interviewer in plan.interviewers:
        rs = [r for r in main if r.extra.get("interviewer") == interviewer.name]
        if not rs:  # the loop was stopped before they asked
            continue
        scored = [scores[r.id] for r in rs if r.id in scores]
        follow = [r for r in records if r.kind == "follow-up" and r.extra.get("interviewer") == interviewer.name]
        notes = [next((n.text for n in s.notes if n.kind != "praise"), "") for s in scored]
        notes = [n for n in notes if n]
        summary.per_interviewer.append({
            "name": interviewer.name,
            # What they asked about (the plan's principles only until they have asked): a loop of one
            # question each listed principles never asked under "asked about".
            "principles": ", ".join(principle_name(p) for p in dict.fromkeys(r.question.principle for r in rs)
                                    or interviewer.principles),
            "answers": len(rs),
            "follow_ups": len(follow),
            "impression": impression(scored),
            "would_note": notes[0] if notes else "",
        })
    uses = []
    for r in main:
        story = r.extra.get("story")
        if story:
            uses.append((story["title"], principle_name(r.question.principle), r.extra.get("interviewer", "")))
    summary.warnings = reuse_warnings(uses)
    return summary


# --------------------------------------------------------------------------------------------------


class LoopRunner:
    def __init__(self, round_: InterviewRound, plan: LoopPlan, catalog: Catalog, speakers: dict[str, Any],
                 times_answered: dict[str, int], show_interviewer, show_summary, rng: random.Random | None = None):
        self.round = round_
        self.plan = plan
        self.catalog = catalog
        self.speakers = speakers
        self.times_answered = dict(times_answered)
        self.show_interviewer = show_interviewer
        self.show_summary = show_summary
        self.rng = rng or random.Random()
        self.summary: LoopSummary | None = None

    def questions_for(self, interviewer: Interviewer, asked: set[str]) -> list[Question]:
        chosen = [self.catalog.question(q) for q in interviewer.question_ids][: interviewer.questions]
        if len(chosen) < interviewer.questions:
            seen = dict(self.times_answered)
            for q in asked:
                seen[q] = seen.get(q, 0) + 1000  # never twice in one loop
            more = choose_questions(self.catalog, count=interviewer.questions - len(chosen),
                                    principle_ids=interviewer.principles, times_answered=seen, rng=self.rng)
            chosen += [q for q in more if q.id not in asked]
        return chosen

    def run(self):
        round_ = self.round
        with round_.running() as session:
            session.extra["plan"] = self.plan.to_dict()
            asked: set[str] = set()
            total = sum(i.questions for i in self.plan.interviewers)
            number = 0
            stopped = False
            for position, interviewer in enumerate(self.plan.interviewers, start=1):
                if stopped:
                    break
                round_.parts.speaker = self.speakers[interviewer.name]
                self.show_interviewer(interviewer, position, len(self.plan.interviewers))
                round_.speak(interviewer.introduction(self.catalog.principle_name))
                for question in self.questions_for(interviewer, asked):
                    asked.add(question.id)
                    number += 1
                    answer = round_.ask_with_follow_ups(number, total, question,
                                                        extra={"interviewer": interviewer.name, "role": interviewer.role})
                    # The candidate reads the feedback before the next question is spoken and its recording
                    # starts (it used to start at once), and can end the loop there, with its summary.
                    if number < total and round_.choose_after(answer, last=False, can_repeat=False) == "stop":
                        stopped = True
                        break
            self.summary = summarize_loop(self.plan, round_.records, round_.scores, self.catalog.principle_name)
            session.extra["summary"] = self.summary.to_dict()
            self.show_summary(self.summary)
        return session
