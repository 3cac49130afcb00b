"""The RoundView port on a rich console: question panels, a live recording view, and feedback."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from rich.console import Console, Group
from rich.live import Live
from rich.panel import Panel
from rich.text import Text

from interviewer.models import CUT_SHORT, AnswerRecord, AnswerScore, Question
from interviewer.ui.report import STOP_REASONS, print_answer
from interviewer.units import clock, counted

BAR_WIDTH = 30
METER_WIDTH = 12
REFRESH_S = 0.1  # redraw the live view at most this often
PLAIN_PROGRESS_EVERY_S = 30.0  # without a terminal, print progress this often
WARN_BEFORE_TARGET_S = 30.0
IMPRESSION_STYLE = {"strong": "green", "mixed": "yellow", "needs work": "red"}  # a loop interviewer's read


def level_meter(level_db: float, width: int = METER_WIDTH) -> Text:
    """-60 dBFS .. 0 dBFS as a bar of blocks; green, then yellow, red near clipping."""
    filled = max(0, min(width, round((level_db + 60) / 60 * width)))
    text = Text()
    for i in range(width):
        if i < filled:
            style = "green" if i < width * 0.7 else "yellow" if i < width * 0.9 else "red"
            text.append("▮", style=style)
        else:
            text.append("▯", style="dim")
    return text


def recording_line(elapsed_s: float, level_db: float, target_s: float, cap_s: float, width: int | None = None) -> Text:
    """One line of at most ``width`` characters: the bar gives way (down to a third) so that the line does not
    wrap, as it did on an 80-column terminal once "stops at 4:00" joined it in the last 30 s before the cap."""
    remaining = target_s - elapsed_s
    if remaining > WARN_BEFORE_TARGET_S:
        style = "green"
    elif remaining >= 0:
        style = "yellow"
    else:
        style = "red"
    left = f"{clock(remaining)} left" if remaining >= 0 else f"{clock(-remaining)} over"
    head = Text.assemble(Text("● REC ", style="bold red"), Text(f"{clock(elapsed_s)} / {clock(target_s)}  ", style="bold"))
    tail = Text.assemble(Text(f"  {left:>9}  ", style=style), level_meter(level_db))
    if cap_s - elapsed_s <= 30:
        tail.append(f"  stops at {clock(cap_s)}", style="red")
    bar_width = BAR_WIDTH if width is None else max(BAR_WIDTH // 3, min(BAR_WIDTH, width - 1 - len(head) - len(tail)))
    filled = min(bar_width, round(elapsed_s / target_s * bar_width)) if target_s else 0
    bar = Text("█" * filled, style=style) + Text("░" * (bar_width - filled), style="dim")
    return Text.assemble(head, bar, tail)


class TerminalView:
    def __init__(self, console: Console, *, interactive: bool, clock_fn: Callable[[], float] = time.monotonic,
                 step: str = "question"):
        self.console = console
        self.interactive = interactive
        self.step = step  # what each answer is to the candidate: a "question", or in a drill an "attempt"
        self._clock = clock_fn
        self._live: Live | None = None
        self._frame: tuple[float, float] | None = None  # the latest (elapsed, level) for the drawing thread
        self._wake = threading.Event()
        self._drawer: threading.Thread | None = None
        self._target = 120.0
        self._cap = 240.0
        self._live_input = True
        self._last_draw = -1e9
        self._last_plain = 0.0
        self.notices: list[str] = []

    def show_question(self, number: int, total: int, question: Question, principle: str, prompt: str,
                      again: bool = False) -> None:
        if prompt == question.text:
            title = f"{self.step.capitalize()} {number} of {total} · {principle}" + (" · again" if again else "")
        else:
            title = f"Follow-up · {principle}"
        self.console.print()
        self.console.print(Panel(Text(prompt, style="bold"), title=Text(title), subtitle=Text(question.id), border_style="cyan"))

    def notice(self, message: str) -> None:
        self.notices.append(message)
        self.console.print(Text.assemble(Text("! ", style="bold yellow"), Text(message)))

    def playing_back(self, seconds: float, replies: int = 0) -> None:
        # Not a warning: it was shown as one ("! Playing your answer …") when it went through notice().
        what = f"your answer and {counted(replies, 'follow-up reply', 'follow-up replies')}" if replies else "your answer"
        self.console.print(f"▶ Playing {what} ({clock(seconds)}); Enter stops it.")

    def recording_started(self, target_s: float, cap_s: float, live: bool, auto_stop_s: float | None = None) -> None:
        self._target, self._cap, self._live_input = target_s, cap_s, live
        self._last_draw = -1e9
        self._last_plain = 0.0
        if not live:
            self.console.print("▶ Playing the answer through the same pipeline as the microphone…")
            return
        self.console.print(
            f"● Recording. Press Enter when you have finished (aim for {clock(target_s)}; it stops at {clock(cap_s)}"
            + (f", or {auto_stop_s:g} s after you stop speaking)." if auto_stop_s else ").")
        )
        if self.interactive:
            self._live = Live(
                self._render(0.0, -100.0), console=self.console, auto_refresh=False, transient=True, redirect_stdout=False
            )
            self._live.start()
            self._frame = None
            self._wake.clear()
            self._drawer = threading.Thread(target=self._draw, args=(self._live,), name="recording-line", daemon=True)
            self._drawer.start()

    def _draw(self, live: Live) -> None:
        """The recording line is written to the terminal here, not by the recording loop: a terminal that stops
        taking output (Ctrl-S, a stalled ssh link) then holds up the display only, while the answer goes on
        reaching the disk."""
        while True:
            self._wake.wait()
            self._wake.clear()
            frame = self._frame
            if frame is None:  # the recording ended
                return
            live.update(self._render(*frame), refresh=True)

    def _render(self, elapsed_s: float, level_db: float) -> Group:
        return Group(recording_line(elapsed_s, level_db, self._target, self._cap, self.console.width),
                     Text("Enter: finish the answer", style="dim"))

    def recording_progress(self, elapsed_s: float, level_db: float) -> None:
        if not self._live_input:
            return
        if self._live is not None:
            now = self._clock()
            if now - self._last_draw >= REFRESH_S:
                self._last_draw = now
                self._frame = (elapsed_s, level_db)
                self._wake.set()  # drawn by _draw; never waits for the terminal
        elif elapsed_s - self._last_plain >= PLAIN_PROGRESS_EVERY_S:
            self._last_plain = elapsed_s
            left = self._target - elapsed_s
            where = (f"{clock(left)} to the target" if left >= 0.5 else f"{clock(-left)} over the target" if left <= -0.5
                     else "at the target")  # not "-0:30 to the target"
            self.console.print(f"  {clock(elapsed_s)} recorded ({where})")

    def recording_stopped(self, elapsed_s: float, reason: str) -> None:
        if self._live is not None:
            self._frame = None
            self._wake.set()
            if self._drawer is not None:
                self._drawer.join()  # the recording is closed by now: waiting for the terminal costs no audio
            self._live.stop()
            self._live = None
        why = STOP_REASONS.get(reason, reason)
        # Ctrl-C ends the round: nothing is transcribed; the round says where the recording is.
        after = "" if reason in CUT_SHORT else " Transcribing and scoring…"
        self.console.print(f"■ Answer ended at {clock(elapsed_s)} ({why}).{after}")

    def show_feedback(self, record: AnswerRecord, score: AnswerScore | None) -> None:
        print_answer(self.console, record)

    def after_answer(self, last: bool, can_repeat: bool, can_replay: bool = False) -> str:
        if not self.interactive:
            return "next"
        choices = ["Enter: finish" if last else f"Enter: next {self.step}"]
        if can_replay:
            choices.append("p: play it back")
        if can_repeat:
            choices.append("a: try again")
        if not last:
            choices.append("q: stop")
        # Short enough for one line of an 80-column terminal with the letter typed after it: spelt out for
        # each letter ("p then Enter: hear your answer · …") it wrapped on 100 columns, mid-choice.
        letters = " (then Enter)" if len(choices) > 1 else ""
        try:
            reply = self.console.input(f"[dim]{' · '.join(choices)}{letters}[/] ").strip().lower()
        except KeyboardInterrupt:
            self.console.print()  # end the prompt's line: what the round says next starts on its own
            raise
        if can_replay and reply in ("p", "play"):
            return "replay"
        if can_repeat and reply in ("a", "again"):
            return "again"
        return "stop" if reply in ("q", "quit", "stop") and not last else "next"


# --------------------------------------------------------------------------------------------------
# Drills and loops


VERDICT_STYLE = {"ok": "green", "short": "yellow", "long": "red", "missing": "bold red"}


def drill_panel(summary, number: int, total: int) -> Panel:
    from rich import box
    from rich.table import Table

    attempt = summary.attempt
    off = attempt.off_target_s
    if off is None:
        headline = Text("No timing for this attempt.")
    else:
        style = "green" if abs(off) <= 10 else "yellow" if off < 0 else "red"
        # Under half a second off, the clock shows 0:00: "0:00 over" is on the target.
        said = "on the target" if abs(off) < 0.5 else f"{clock(abs(off))} {'over' if off > 0 else 'under'}"
        headline = Text.assemble(Text(f"{clock(attempt.duration_s)} against {clock(attempt.target_s)}: "),
                                 Text(said, style=f"bold {style}"))
    parts = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    for column in ("part", "seconds", "aim", ""):
        parts.add_column(column)
    for check in summary.parts:
        seconds = f"{check.seconds:.0f} s" if check.seconds is not None else "–"
        parts.add_row(check.part.capitalize(), seconds, f"{check.low:.0f}–{check.high:.0f} s",
                      Text(check.verdict, style=VERDICT_STYLE[check.verdict]))
    shown = summary.history[-10:]
    # Earlier sessions may have drilled the question against other targets: each "off target" is against its
    # own, so the targets are shown when they differ.
    targets = len({a.target_s for a in shown}) > 1
    trend = Table(title="Attempts at this question", box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
    for column in ("attempt", "length", *(["target"] if targets else []), "off target", "S", "T", "A", "R", "wpm"):
        trend.add_column(column, no_wrap=True)
    for a in shown:
        style = "dim" if a.earlier else ("bold" if a is attempt else "")
        secs = [f"{a.part_seconds.get(p):.0f}" if a.part_seconds.get(p) is not None else "–" for p in ("situation", "task", "action", "result")]
        trend.add_row(a.label, clock(a.duration_s), *([clock(a.target_s)] if targets else []),
                      f"{a.off_target_s:+.0f} s" if a.off_target_s is not None else "–",
                      *secs, f"{a.words_per_minute:.0f}" if a.words_per_minute else "–", style=style)
    wpm = f"Pace {attempt.words_per_minute:.0f} words/min." if attempt.words_per_minute else ""
    body = Group(headline, parts, Text(f"{summary.message} {wpm}".strip()), trend)
    return Panel(body, title=f"Drill · attempt {number} of {total}", border_style="magenta")


def interviewer_panel(interviewer, position: int, total: int, principle_name) -> Panel:
    names = ", ".join(principle_name(p) for p in interviewer.principles)
    text = Text.assemble(Text(interviewer.name, style="bold"), Text(f", {interviewer.role}" if interviewer.role else ""),
                         Text(f"\nAsks about: {names}", style="italic"))
    return Panel(text, title=f"Interviewer {position} of {total}", border_style="green")


def loop_summary_panel(summary) -> Panel:
    from rich import box
    from rich.table import Table

    parts: list[Any] = []
    for title, headings, rows in summary.tables():
        # An interviewer's note is a sentence or two: in a column of its own it folded into a ribbon a
        # dozen characters wide on an 80-column terminal, so it goes under the table at full width.
        shown = [i for i, heading in enumerate(headings) if heading != "would note"]
        table = Table(title=title, box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False)
        for i in shown:
            table.add_column(headings[i], overflow="fold")
        notes = []
        for row in rows:
            # Text, not markup: a principle or an interviewer named in a plan may hold "[...]"
            table.add_row(*(Text(row[i], style=IMPRESSION_STYLE.get(row[i], "") if headings[i] == "impression" else "")
                            for i in shown))
            notes += [Text.assemble((f"{row[0]} would note: ", "bold"), cell)
                      for heading, cell in zip(headings, row) if heading == "would note" and cell]
        parts.append(table)
        parts += notes
    for warning in summary.warnings:
        parts.append(Text(f"! {warning}", style="bold yellow"))
    return Panel(Group(*parts), title="Loop summary", border_style="green")
