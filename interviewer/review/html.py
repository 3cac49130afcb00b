"""Self-contained HTML reports: one file that works offline (no CDN, no network), with the answer's audio
embedded (Ogg/Opus, ~0.5 MB for two minutes), a STAR timeline, figures, feedback, and a transcript where
clicking a sentence seeks the audio and the sentence being played is highlighted."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from interviewer.models import LABEL_LETTERS, AnswerRecord, SessionRecord
from interviewer.review.charts import bar_chart, line_chart
from interviewer.units import clock

TEMPLATES = Path(__file__).with_name("templates")


def _env():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True, trim_blocks=True, lstrip_blocks=True)


def encode_audio(path: Path) -> tuple[str, str]:
    """(mime type, base64) of the recording, as Ogg/Opus when PyAV can encode it, else as the WAV itself."""
    try:
        from interviewer.audio.files import write_opus
        from interviewer.audio.player import read_wav

        samples, rate = read_wav(path)
        buffer = io.BytesIO()
        write_opus(buffer, samples, rate, bit_rate=24_000)
        return "audio/ogg", base64.b64encode(buffer.getvalue()).decode()
    except Exception:  # noqa: BLE001 - any encoder trouble: the WAV plays everywhere
        return "audio/wav", base64.b64encode(Path(path).read_bytes()).decode()


def _pretty_time(iso: str | None) -> str:
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).strftime("%a %d %b %Y, %H:%M")
    except ValueError:
        return iso


def _sentences(record: AnswerRecord, long_pause_s: float = 2.5) -> list[dict[str, Any]]:
    score = record.score or {}
    words = (record.transcript or {}).get("words") or []
    fillers = set(score.get("delivery", {}).get("filler_word_indexes") or [])
    hedges = set(score.get("delivery", {}).get("hedge_word_indexes") or [])
    restarts = set(score.get("delivery", {}).get("restart_word_indexes") or [])
    out, index = [], 0
    for sentence in score.get("sentences") or []:
        count = len(sentence["text"].split())
        tokens = []
        for i in range(index, min(index + count, len(words))):
            word = words[i]
            pause = None
            if i > 0 and word.get("start") is not None and words[i - 1].get("end") is not None:
                gap = word["start"] - words[i - 1]["end"]
                if gap >= long_pause_s:
                    pause = f"{gap:.1f} s"
            cls = "filler" if i in fillers else "restart" if i in restarts else "hedge" if i in hedges else ""
            tokens.append({"text": word["text"], "cls": cls, "pause": pause})
        if not tokens:
            tokens = [{"text": t, "cls": "", "pause": None} for t in sentence["text"].split()]
        out.append({"label": sentence["label"], "letter": LABEL_LETTERS[sentence["label"]], "start": sentence.get("start"),
                    "end": sentence.get("end"), "time": clock(sentence.get("start")) if sentence.get("start") is not None else "",
                    "tokens": tokens})
        index += count
    return out


def _timeline(record: AnswerRecord) -> list[dict[str, Any]]:
    """Runs of consecutive sentences with the same label, as widths of the whole answer's seconds."""
    sentences = [s for s in (record.score or {}).get("sentences") or [] if s.get("start") is not None]
    if not sentences:
        return []
    start, end = sentences[0]["start"], sentences[-1]["end"]
    total = max(end - start, 0.1)
    runs: list[dict[str, Any]] = []
    for s in sentences:
        if runs and runs[-1]["label"] == s["label"]:
            runs[-1]["end"] = s["end"]
        else:
            runs.append({"label": s["label"], "start": s["start"], "end": s["end"]})
    for run in runs:
        run["seconds"] = run["end"] - run["start"]
        run["width"] = round(100 * run["seconds"] / total, 2)
        run["letter"] = LABEL_LETTERS[run["label"]]
        run["time"] = clock(run["start"])
    return runs


def _figures(record: AnswerRecord) -> list[tuple[str, str]]:
    score = record.score
    if not score:
        return []
    t, d = score["timing"], score["delivery"]
    figures = [("Duration", f"{clock(t.get('duration_s'))} of {clock(t.get('target_s'))}")]
    if t.get("time_to_first_word_s") is not None:
        figures.append(("First word", f"after {t['time_to_first_word_s']:.1f} s"))
    if t.get("words_per_minute"):
        figures.append(("Pace", f"{t['words_per_minute']:.0f} words/min"))
    fillers = ", ".join(f"{w} ×{n}" for w, n in list(d.get("fillers", {}).items())[:4]) or "none"
    rate = f"{d['fillers_per_minute']:.1f}/min · " if d.get("fillers_per_minute") is not None else ""
    figures.append(("Fillers", rate + fillers))
    if t.get("longest_pauses"):
        figures.append(("Longest pauses", ", ".join(f"{clock(p['start'])} ({p['end'] - p['start']:.1f} s)" for p in t["longest_pauses"])))
    figures.append(("I / we", f"{d.get('i_count', 0)} / {d.get('we_count', 0)}"))
    figures.append(("Number in the result", "yes" if d.get("quantified_result") else "no"))
    hedges = d.get("hedges") or 0
    if hedges:
        figures.append(("Hedges", f"{hedges} ({', '.join(d.get('hedge_phrases', {}))})"))
    return figures


def attempts_chart(attempts: list[dict[str, Any]], target_s: float | None = None) -> str | None:
    """Scores across attempts at the same question (rows from the index), when there is more than one; the
    target line is the answer's own (attempts may have had others: the latest one's was drawn under an
    answer aimed at 1:00 as "target 2:00")."""
    scored = [a for a in attempts if a.get("duration_s") is not None]
    if len(scored) < 2:
        return None
    labels = [a["started_at"][5:10] if a.get("started_at") else str(i + 1) for i, a in enumerate(scored)]
    target = target_s or scored[-1].get("target_s") or 120
    duration = line_chart("Duration across attempts (s)", labels, {"duration": [a["duration_s"] for a in scored]},
                          reference=target, reference_label=f"target {clock(target)}")
    quality = line_chart(
        "STAR parts present and fillers",
        labels,
        {"STAR %": [None if a.get("star_completeness") is None else 100 * a["star_completeness"] for a in scored],
         "fillers/min": [a.get("fillers_per_minute") for a in scored]},
        y_max=100,
    )
    return duration + quality


def answer_view(record: AnswerRecord, audio_path: Path | None, principle_name: Callable[[str], str],
                attempts: list[dict[str, Any]] | None = None, *, embed_audio: bool = True,
                relative_to: Path | None = None) -> dict[str, Any]:
    audio = None
    if audio_path is not None and audio_path.is_file():
        if embed_audio:
            mime, data = encode_audio(audio_path)
            audio = {"src": f"data:{mime};base64,{data}", "type": mime}
        else:
            import os

            rel = os.path.relpath(audio_path, relative_to) if relative_to else str(audio_path)
            audio = {"src": rel.replace(os.sep, "/"), "type": "audio/wav"}
    score = record.score or {}
    notes = []
    for note in score.get("notes") or []:
        at = note.get("at")
        notes.append({"text": note["text"], "at": at, "at_label": clock(at) if at is not None else None})
    return {
        "id": record.id,
        "kind": record.kind,
        "judged": record.parts_judged,
        "prompt": record.prompt,
        "question_id": record.question.id,
        "principle": principle_name(record.question.principle),
        "when": _pretty_time(record.started_at),
        "duration": clock(record.duration_s) if record.duration_s is not None else None,
        "audio": audio,
        "timeline": _timeline(record),
        "figures": _figures(record),
        "star": [{"label": label, "present": part["present"], "seconds": part.get("seconds"), "share": part["share"],
                  "verdict": part.get("verdict")} for label, part in score.get("star", {}).items()],
        "notes": notes,
        "sentences": _sentences(record),
        "plain_transcript": None if score.get("sentences") else (record.transcript or {}).get("text"),
        "error": record.error,
        "interviewer": record.extra.get("interviewer"),
        "drill_round": record.extra.get("drill_round"),
        "again": record.answered_again,
        "has_story": record.story_checked,
        "story": record.extra.get("story"),
        "attempts_chart": attempts_chart(attempts or [], record.target_s) if record.kind == "answer" else None,
    }


def render_answers(title: str, views: list[dict[str, Any]], session: SessionRecord | None = None) -> str:
    from interviewer.loop import LoopSummary

    saved = session.extra.get("summary") if session else None
    loop = LoopSummary.from_dict(saved) if saved else None  # a loop's summary comes first
    template = _env().get_template("answers.html.j2")
    return template.render(title=title, answers=views, session=session, loop=loop,
                           generated=datetime.now().strftime("%d %b %Y %H:%M"))


def render_overview(
    principles: list[dict[str, Any]],
    timeline: list[dict[str, Any]],
    totals: dict[str, Any],
) -> str:
    """The all-sessions report: coverage per principle, and trends over time."""
    coverage = bar_chart("Answers per principle", [(p["name"], p["answers"]) for p in principles])
    charts = []
    if len(timeline) >= 2:
        labels = [t["started_at"][5:10] for t in timeline]
        charts.append(line_chart("Duration against target (s over or under)", labels,
                                 {"over/under": [t["over_target_s"] for t in timeline]},
                                 y_min=min([0.0] + [t["over_target_s"] for t in timeline if t["over_target_s"] is not None]),
                                 reference=0, reference_label="target"))
        charts.append(line_chart("STAR parts present (%)", labels,
                                 {"STAR %": [t["completeness_pct"] for t in timeline]}, y_max=100))
        charts.append(line_chart("Fillers per minute", labels, {"fillers/min": [t["fillers_per_minute"] for t in timeline]}))
    template = _env().get_template("overview.html.j2")
    return template.render(principles=principles, coverage=coverage, charts=charts, totals=totals,
                           generated=datetime.now().strftime("%d %b %Y %H:%M"))
