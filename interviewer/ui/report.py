"""Rendering a scored answer in the terminal: timing and delivery figures, the STAR parts, the feedback notes
and the transcript with time stamps, STAR parts coloured, fillers highlighted, restarts struck through and
long pauses marked.

Works from the saved record's dicts, so the practice round and ``interviewer review`` show the same thing.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from interviewer.models import LABEL_LETTERS, AnswerRecord
from interviewer.units import clock

LABEL_STYLE = {
    "situation": "cyan",
    "task": "magenta",
    "action": "green",
    "result": "yellow",
    "reflection": "blue",
    "other": "dim",
}
# Why an answer ended, as the candidate is told.
STOP_REASONS = {
    "enter": "you pressed Enter",
    "cap": "the time cap",
    "silence": "silence",
    "end-of-input": "the end of the recording",
    "interrupted": "Ctrl-C",
    "terminated": "a kill signal",
    "hangup": "the terminal closing",
    "disk-full": "the disk filling up",
    "device": "the microphone failing",
    "write-error": "a write error",
}


def _num(value: float | None, fmt: str = "{:.0f}", missing: str = "–") -> str:
    return missing if value is None else fmt.format(value)


def timing_table(score: dict[str, Any]) -> Table:
    timing, delivery = score["timing"], score["delivery"]
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    duration, target = timing.get("duration_s"), timing.get("target_s")
    if duration is not None:
        diff = duration - target
        if abs(diff) < 5:
            verdict = Text("on target", style="green")
        elif diff > 0:
            verdict = Text(f"{clock(diff)} over", style="red" if diff > 15 else "yellow")
        else:
            verdict = Text(f"{clock(-diff)} under", style="yellow" if -diff > 0.5 * target else "green")
        table.add_row("Duration", Text.assemble(f"{clock(duration)} of {clock(target)}  ", verdict))
    if timing.get("time_to_first_word_s") is not None:
        table.add_row("First word", f"after {timing['time_to_first_word_s']:.1f} s")
    if timing.get("words_per_minute") is not None:
        wpm = timing["words_per_minute"]
        style = "green" if 130 <= wpm <= 160 else "yellow" if 110 <= wpm <= 170 else "red"
        table.add_row("Pace", Text(f"{wpm:.0f} words/min", style=style))
    fillers = delivery.get("fillers") or {}
    fpm = delivery.get("fillers_per_minute")
    detail = ", ".join(f"{w} ×{n}" for w, n in list(fillers.items())[:4]) or "none"
    rate = f"{fpm:.1f}/min" if fpm is not None else f"{delivery.get('filler_count', 0)} in all"
    table.add_row("Fillers", f"{rate}  ({detail})")
    pauses = timing.get("longest_pauses") or []
    if pauses:
        shown = ", ".join(f"{clock(p['start'])} ({p['end'] - p['start']:.1f} s)" for p in pauses)
        table.add_row("Longest pauses", shown)
    table.add_row("I / we", f"{delivery.get('i_count', 0)} / {delivery.get('we_count', 0)}")
    return table


def star_table(score: dict[str, Any], *, judged: bool = True) -> Table:
    """The five parts with their time and share; ``judged`` False for a follow-up answer, which answers one
    probe: the parts it told, without the bands of a whole story or a "missing" for the rest."""
    table = Table(box=None, padding=(0, 1), show_header=True, header_style="bold")
    timed = any(part.get("seconds") is not None for part in score["star"].values())  # a text: words only
    table.add_column("STAR")
    table.add_column("", justify="center")
    if timed:
        table.add_column("time", justify="right")
    table.add_column("share", justify="right")
    table.add_column("aim" if judged else "", justify="right", style="dim")
    table.add_column("")
    for label, part in score["star"].items():
        style = LABEL_STYLE[label]
        if part["present"]:
            mark = Text("✓", style="green")
        elif label == "reflection" or not judged:  # optional, but interviewers like it
            mark = Text("–", style="dim")
        else:
            mark = Text("missing", style="bold red")
        band = part.get("band")
        aim = f"{round(band[0] * 100)}–{round(band[1] * 100)}%" if band and judged else ""
        verdict = part.get("verdict", "") if judged else ""
        note = {"short": Text("short", style="yellow"), "long": Text("long", style="yellow")}.get(verdict, Text(""))
        told = part["present"] or part.get("words", 0) > 0  # a part said only in passing still shows its size
        if told and not part["present"] and judged:
            note = Text("in passing", style="yellow")
        if label == "result" and part["present"]:
            note = Text.assemble(note, "  ", Text("number ✓", style="green") if score["delivery"].get("quantified_result")
                                 else Text("no number", style="yellow"))
        table.add_row(
            Text(label.capitalize(), style=style),
            mark,
            *([_num(part.get("seconds"), "{:.0f} s") if told else ""] if timed else []),
            f"{round(part['share'] * 100)}%" if told else "",
            aim,
            note,
        )
    return table


def _hanging() -> Table:
    """Rows whose last column wraps under itself, not under the first column: a time stamp or a note's
    number stays alone at the left edge of a long sentence."""
    return Table.grid(padding=(0, 1, 0, 0))


def notes_text(score: dict[str, Any]) -> Table:
    grid = _hanging()
    grid.add_column(justify="right", style="bold", no_wrap=True)
    grid.add_column(ratio=1)
    for i, note in enumerate(score.get("feedback") or [], start=1):
        grid.add_row(f"{i}.", Text(note))  # a note may quote the transcript: "[" there is not markup
    if not score.get("feedback"):  # a follow-up that answered its probe in good time and pace
        grid.add_row("", Text("Nothing to add.", style="dim"))
    return grid


def transcript_text(transcript: dict[str, Any], score: dict[str, Any] | None, long_pause_s: float = 2.5) -> Table | Text:
    """Sentences with their start times, coloured by STAR part; fillers and hedges highlighted, the words a
    restart said again struck through; pauses marked."""
    words = transcript.get("words") or []
    if not words:
        return Text(transcript.get("text") or "(no words)", style="dim")
    fillers = set((score or {}).get("delivery", {}).get("filler_word_indexes") or [])
    hedges = set((score or {}).get("delivery", {}).get("hedge_word_indexes") or [])
    restarts = set((score or {}).get("delivery", {}).get("restart_word_indexes") or [])
    sentences = (score or {}).get("sentences") or []
    # Map word index -> sentence label using the sentences' order and word counts.
    starts: dict[int, tuple[str, float | None]] = {}
    index = 0
    for sentence in sentences:
        starts[index] = (sentence["label"], sentence.get("start"))
        index += len(sentence["text"].split())
    timed = any(start is not None for _, start in starts.values())  # a typed answer has no times to show
    grid = _hanging()
    if timed:
        grid.add_column(justify="right", style="dim", no_wrap=True, min_width=4)
    grid.add_column(no_wrap=True)
    grid.add_column(ratio=1)
    label, row = "other", None

    def add_row(start: float | None) -> Text:
        line = Text()
        time_cell = [clock(start) if start is not None else ""] if timed else []
        grid.add_row(*time_cell, Text(LABEL_LETTERS[label], style=f"bold {LABEL_STYLE[label]}") if sentences else "", line)
        return line

    for i, word in enumerate(words):
        if i in starts:
            label, start = starts[i]
            row = add_row(start)
        elif row is None:
            row = add_row(None)
        if i > 0 and word.get("start") is not None and words[i - 1].get("end") is not None:
            gap = word["start"] - words[i - 1]["end"]
            if gap >= long_pause_s:
                row.append(f"⏸{gap:.1f}s ", style="bold red")
        style = LABEL_STYLE.get(label, "")
        if i in fillers:
            style = "bold white on red"
        elif i in restarts:  # said, then said again: struck through
            style = "strike dim " + style
        elif i in hedges:
            style = "italic underline " + style
        row.append(word["text"], style=style)
        row.append(" ")
    return grid


def score_panel(
    title: str,
    score: dict[str, Any] | None,
    transcript: dict[str, Any] | None,
    *,
    subtitle: str | None = None,
    heading: str | None = None,
    error: str | None = None,
    show_transcript: bool = True,
    judged: bool = True,
) -> Panel:
    parts: list[Any] = []
    if heading:
        parts.append(Text(heading, style="italic"))
    if score:
        parts += [Text("Timing and delivery", style="bold underline"), timing_table(score), Text(""),
                  star_table(score, judged=judged), Text(""), Text("Notes", style="bold underline"), notes_text(score), Text("")]
    elif error:
        parts.append(Text(error, style="bold yellow"))
    if show_transcript and transcript:
        if error and not score:
            parts.append(Text(""))
        parts += [Text("Transcript", style="bold underline"), transcript_text(transcript, score)]
    return Panel(Group(*parts), title=Text(title), subtitle=Text(subtitle) if subtitle else None, border_style="bright_blue")


def story_text(story: dict[str, Any] | None) -> Text:
    """Which prepared story the answer told and which of its outline points were covered."""
    if story is None:
        return Text("No prepared story matched this answer.", style="dim")
    covered, missed = story.get("covered") or [], story.get("missed") or []
    text = Text.assemble(Text("Story: ", style="bold"), Text(story["title"]),
                         Text(f" — covered {len(covered)} of {len(covered) + len(missed)} outline points"))
    for point in missed[:6]:
        text.append(f"\n  missed: {point}", style="yellow")
    return text


def not_transcribed(record: AnswerRecord) -> str | None:
    """For an answer that ended before it was transcribed (Ctrl-C, or the program ending mid-answer): what
    happened and how to score it now, instead of an empty panel."""
    if record.score or record.transcript or record.error:
        return None
    at = f" at {clock(record.duration_s)}" if record.duration_s else ""
    if record.status == "interrupted" and record.recorded_to_its_end:
        why = "Ctrl-C came while it was being transcribed"  # recorded to its end, then stopped
    elif record.stop_reason:
        why = f"it was stopped by {STOP_REASONS.get(record.stop_reason, record.stop_reason)}{at}"
    else:
        why = f"the program ended while it was being recorded{at}"
    return f"Not transcribed: {why}. The recording is kept; score it with 'interviewer score {record.id}'."


def answer_panel(record: AnswerRecord, *, show_transcript: bool = True) -> Panel:
    title = f"Answer {record.id}" + (" · again" if record.answered_again else "")
    if record.duration_s is not None:
        title += f" · {clock(record.duration_s)}"
    heading = f"Follow-up: {record.prompt}" if record.kind == "follow-up" else None
    panel = score_panel(title, record.score, record.transcript, subtitle=record.question.id, heading=heading,
                        error=record.error or not_transcribed(record), show_transcript=show_transcript,
                        judged=record.parts_judged)
    if record.story_checked:
        panel.renderable = Group(panel.renderable, Text(""), story_text(record.extra["story"]))
    return panel


def print_answer(console: Console, record: AnswerRecord, *, show_transcript: bool = True) -> None:
    console.print(answer_panel(record, show_transcript=show_transcript))
