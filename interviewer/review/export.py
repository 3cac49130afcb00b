"""Exports of saved answers: Markdown, JSON, SRT and WebVTT subtitles. Pure: records in, text out."""

from __future__ import annotations

import json
import textwrap
from dataclasses import dataclass
from typing import Any

from interviewer.errors import ConfigError
from interviewer.models import LABEL_LETTERS, AnswerRecord, SessionRecord
from interviewer.units import clock

MAX_CUE_S = 6.0  # subtitle cues no longer than this...
MAX_CUE_CHARS = 84  # ...nor than two lines of 42 characters
LINE_CHARS = 42
LABEL_NAMES = {"situation": "Situation", "task": "Task", "action": "Action", "result": "Result",
               "reflection": "Reflection", "other": "Other"}


@dataclass
class Cue:
    start: float
    end: float
    text: str
    label: str


def cues(record: AnswerRecord) -> list[Cue]:
    """Subtitle cues from word times: each sentence, cut into pieces of at most 6 s and two lines."""
    transcript = record.transcript or {}
    words = transcript.get("words") or []
    if not words or any(w.get("start") is None for w in words):
        raise ConfigError(
            f"Answer {record.id} has no word timings (it was scored from text or not transcribed); "
            "SRT and WebVTT need them. Export it as md, json or html instead."
        )
    labels: list[str] = []
    for sentence in (record.score or {}).get("sentences") or [{"text": transcript.get("text", ""), "label": "other"}]:
        labels += [sentence["label"]] * len(sentence["text"].split())
    labels += ["other"] * (len(words) - len(labels))
    result: list[Cue] = []
    current: list[dict[str, Any]] = []
    current_label = labels[0] if labels else "other"

    def flush() -> None:
        if current:
            text = " ".join(w["text"] for w in current)
            result.append(Cue(current[0]["start"], current[-1]["end"], text, current_label))
            current.clear()

    for i, word in enumerate(words):
        label = labels[i]
        if current and (label != current_label
                        or word["end"] - current[0]["start"] > MAX_CUE_S
                        or len(" ".join(w["text"] for w in current)) + len(word["text"]) + 1 > MAX_CUE_CHARS):
            flush()
        if not current:
            current_label = label
        current.append(word)
    flush()
    # Cues must not overlap and must last a moment.
    for a, b in zip(result, result[1:]):
        a.end = min(max(a.end, a.start + 0.3), b.start)
    if result:
        result[-1].end = max(result[-1].end, result[-1].start + 0.3)
    return result


def _timestamp(seconds: float, separator: str) -> str:
    ms = int(round(max(0.0, seconds) * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{separator}{ms:03d}"


def _lines(text: str) -> str:
    return "\n".join(textwrap.wrap(text, LINE_CHARS)) or text


def to_srt(record: AnswerRecord) -> str:
    blocks = []
    for n, cue in enumerate(cues(record), start=1):
        blocks.append(f"{n}\n{_timestamp(cue.start, ',')} --> {_timestamp(cue.end, ',')}\n{_lines(cue.text)}\n")
    return "\n".join(blocks)


def to_vtt(record: AnswerRecord) -> str:
    out = ["WEBVTT", "", "NOTE", f"{record.prompt}", ""]
    for n, cue in enumerate(cues(record), start=1):
        text = _lines(cue.text).replace("-->", "→")
        out += [f"{cue.label}-{n}", f"{_timestamp(cue.start, '.')} --> {_timestamp(cue.end, '.')}", text, ""]
    return "\n".join(out)


def to_json(records: list[AnswerRecord], session: SessionRecord | None = None) -> str:
    if session is None and len(records) == 1:
        return json.dumps(records[0].to_dict(), indent=1, ensure_ascii=False) + "\n"
    payload = {"session": session.to_dict() if session else None, "answers": [r.to_dict() for r in records]}
    return json.dumps(payload, indent=1, ensure_ascii=False) + "\n"


def _md_answer(record: AnswerRecord, principle: str) -> list[str]:
    again = " (again)" if record.answered_again else ""
    out = [f"## {'Follow-up: ' if record.kind == 'follow-up' else ''}{record.prompt}{again}", "",
           f"*{principle} · question `{record.question.id}` · answer `{record.id}` · {record.started_at[:16].replace('T', ' ')}*", ""]
    score, transcript = record.score, record.transcript or {}
    if record.error:
        out += [f"> {record.error}", ""]
    if score:
        t, d = score["timing"], score["delivery"]
        rows = [("Duration", f"{clock(t.get('duration_s'))} of {clock(t.get('target_s'))}"),
                ("First word", f"{t['time_to_first_word_s']:.1f} s" if t.get("time_to_first_word_s") is not None else "–"),
                ("Pace", f"{t['words_per_minute']:.0f} words/min" if t.get("words_per_minute") else "–"),
                ("Fillers", (f"{d['fillers_per_minute']:.1f}/min " if d.get("fillers_per_minute") is not None else "")
                 + (", ".join(f"{w} ×{n}" for w, n in d.get("fillers", {}).items()) or "none")),
                ("I / we", f"{d.get('i_count', 0)} / {d.get('we_count', 0)}"),
                ("Number in the result", "yes" if d.get("quantified_result") else "no")]
        out += ["| | |", "|---|---|", *[f"| {a} | {b} |" for a, b in rows], ""]
        out += ["| STAR | present | time | share |", "|---|---|---|---|"]
        for label, part in score["star"].items():
            seconds = f"{part['seconds']:.0f} s" if part.get("seconds") is not None else "–"
            absent = "**missing**" if record.parts_judged else "no"
            out.append(f"| {LABEL_NAMES[label]} | {'yes' if part['present'] else absent} | {seconds} | {round(part['share'] * 100)}% |")
        out += ["", "### Notes", ""] + [f"{i}. {note}" for i, note in enumerate(score.get("feedback") or [], 1)] + [""]
    if score and score.get("sentences"):
        out += ["### Transcript", ""]
        for s in score["sentences"]:
            stamp = f"`{clock(s['start'])}` " if s.get("start") is not None else ""
            out.append(f"- {stamp}**{LABEL_LETTERS[s['label']]}** {s['text']}")
        out.append("")
    elif transcript.get("text"):
        out += ["### Transcript", "", transcript["text"], ""]
    return out


def to_markdown(records: list[AnswerRecord], principle_name, session: SessionRecord | None = None) -> str:
    title = f"# {session.kind.capitalize()} session {session.id}" if session else f"# Answer {records[0].id}"
    out = [title, ""]
    if session and session.extra.get("summary"):
        out += _md_loop_summary(session.extra["summary"])
    for record in records:
        out += _md_answer(record, principle_name(record.question.principle))
    return "\n".join(out).rstrip() + "\n"


def _md_loop_summary(saved: dict) -> list[str]:
    """A loop's summary (saved in session.json at its end), before its answers: the overview comes first."""
    from interviewer.loop import LoopSummary

    summary = LoopSummary.from_dict(saved)
    out = ["## Loop summary", ""]
    for _title, headings, rows in summary.tables():
        out += [f"| {' | '.join(headings)} |", "|" + "---|" * len(headings), *(f"| {' | '.join(row)} |" for row in rows), ""]
    return out + [f"> {w}" for w in summary.warnings] + ([""] if summary.warnings else [])
