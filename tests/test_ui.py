"""What the candidate sees, rendered exactly (rich into a string, fixed width, no auto refresh)."""

import io

import pytest
from rich.console import Console

from interviewer.bankfiles import load_catalog
from interviewer.models import AnswerRecord
from interviewer.scoring import score_answer
from interviewer.ui.report import answer_panel
from interviewer.ui.terminal import TerminalView, level_meter, recording_line
from tests.fakes import transcript_of
from tests.sessions import PASSING_ACTION

STORY = (
    "So, at my last company our checkout was timing out for five percent of customers. "
    "I was responsible for fixing it. First I traced the slow query and um then I added an index. "
    "As a result timeouts dropped by 90%."
)


def render(renderable, width=100) -> str:
    console = Console(file=io.StringIO(), width=width, force_terminal=False, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


def test_recording_line_shows_elapsed_target_remaining_and_level():
    text = recording_line(65, -20, 120, 240).plain
    assert "● REC 1:05 / 2:00" in text and "0:55 left" in text
    assert text.count("▮") == 8 and "stops at" not in text
    over = recording_line(130, -90, 120, 150).plain
    assert "0:10 over" in over and "stops at 2:30" in over
    # Near the cap the line is longest; on an 80-column terminal it stays one line, its bar shorter.
    narrow = recording_line(215, -20, 120, 240, width=80).plain
    assert len(narrow) < 80 and "stops at 4:00" in narrow and "█" in narrow
    assert len(recording_line(65, -20, 120, 240, width=200).plain) == len(text)  # wide: the full bar


def test_level_meter_scale():
    assert level_meter(-60).plain == "▯" * 12
    assert level_meter(0).plain == "▮" * 12


def scored_record(text: str, duration_s: float) -> AnswerRecord:
    """A saved answer to co-01 with this transcript, scored by the real scorer."""
    score = score_answer(transcript_of(text))
    return AnswerRecord("20261122-093000-1", "20261122-093000", 1, load_catalog().question("co-01"), "q",
                        "answer-1.wav", "2026-11-22T09:30:00+00:00", status="complete", duration_s=duration_s,
                        transcript=transcript_of(text).to_dict(), score=score.to_dict())


def test_feedback_panel_has_timing_star_notes_and_transcript():
    out = render(answer_panel(scored_record(STORY, 14.5)))
    for expected in ("Duration", "of 2:00", "Pace", "Fillers", "I / we", "Situation", "Action", "Result",
                     "number ✓", "Notes", "Transcript", "0:01 S So, at my last company"):
        assert expected in out, expected
    assert "missing" not in out.split("Notes")[0].split("Reflection")[0]



def test_a_follow_up_shows_the_parts_it_told_without_judging_it_as_a_whole_story():
    """A follow-up answers one probe: its parts are listed, but no "missing" or "long" against the bands of a
    whole answer (its notes leave those out too), and an empty list of notes says so instead of a bare heading."""
    from interviewer.scoring.settings import ScoringSettings

    text = ("At my last company the checkout team was short of people. I was asked to cover their on-call "
            "rotation for a month on top of my own work.")
    record = scored_record(text, 9.0)
    record.kind, record.prompt = "follow-up", "What did your team give up?"
    record.score = score_answer(transcript_of(text), settings=ScoringSettings(expect_star=False)).to_dict()
    assert record.score["feedback"] == [] and not record.score["star"]["action"]["present"]
    out = render(answer_panel(record))
    star = out.split("STAR")[1].split("Notes")[0]
    assert "Situation" in star and "✓" in star
    assert "missing" not in star and "long" not in star and "5–25%" not in star  # no aims either
    assert "Nothing to add." in out.split("Notes")[1].split("Transcript")[0]
    record.kind = "answer"
    assert "missing" in render(answer_panel(record)).split("STAR")[1].split("Notes")[0]


def test_long_sentences_and_notes_wrap_under_their_text_not_under_the_time():
    """A sentence too long for the line goes on under its own words, so the time stamps and part letters
    down the left edge stay readable; a long note goes on under its text, not under its number."""
    out = render(answer_panel(scored_record(STORY, 14.5)), width=60)
    transcript = out.split("Transcript")[1].splitlines()[1:]
    rows = [line.strip("│ ") for line in transcript if line.strip("│ ╰─")]
    assert rows[0].startswith("0:01 S So, at my last company")
    continued = [line for line in transcript if line.startswith("│") and not line[1:].lstrip()[:1].isdigit()
                 and line.strip("│ ╰─")]
    assert continued and all(line.startswith("│        ") for line in continued), continued
    notes = out.split("Notes")[1].split("Transcript")[0].splitlines()[1:]
    assert any(line.startswith("│    ") and line.strip("│ ") for line in notes), notes

def test_a_part_said_only_in_passing_shows_its_size_beside_missing():
    record = scored_record(PASSING_ACTION, 40.0)
    action_row = next(line for line in render(answer_panel(record)).splitlines() if "Action" in line and "missing" in line)
    share = f"{round(record.score['star']['action']['share'] * 100)}%"
    assert share in action_row and "in passing" in action_row


def test_plain_output_without_a_terminal_prints_progress_every_30_seconds():
    console = Console(file=io.StringIO(), width=100, force_terminal=False)
    view = TerminalView(console, interactive=False)
    view.recording_started(120, 240, live=True)
    for second in range(0, 155):
        view.recording_progress(float(second), -30)
    view.recording_stopped(155.0, "enter")
    out = console.file.getvalue()
    assert "Press Enter when you have finished" in out
    assert out.count("recorded (") == 5  # 0:30, 1:00, 1:30, 2:00, 2:30
    assert "1:30 recorded (0:30 to the target)" in out and "2:00 recorded (at the target)" in out
    assert "2:30 recorded (0:30 over the target)" in out  # not "(-0:30 to the target)"
    assert "Answer ended at 2:35 (you pressed Enter). Transcribing and scoring…" in out


def test_a_terminal_that_stops_taking_output_does_not_hold_up_the_recording():
    """Ctrl-S, or an ssh link that stalls: the terminal's writes block. The recording loop calls
    recording_progress for every block of audio; it must return at once, so the audio goes on reaching the
    disk, and the display catches up when the terminal does."""
    import threading

    class StalledTerminal(io.StringIO):
        def __init__(self):
            super().__init__()
            self.stalled = False
            self.resumed = threading.Event()

        def write(self, text):
            if self.stalled:
                self.resumed.wait()
            return super().write(text)

    terminal = StalledTerminal()
    console = Console(file=terminal, width=100, force_terminal=True, color_system=None)
    ticks = iter(range(10_000))
    view = TerminalView(console, interactive=True, clock_fn=lambda: next(ticks) * 0.2)  # every call redraws
    view.recording_started(120, 240, live=True)
    terminal.stalled = True
    recording = threading.Thread(target=lambda: [view.recording_progress(i * 0.02, -30) for i in range(500)])
    recording.start()
    recording.join(timeout=30)
    stuck = recording.is_alive()
    terminal.stalled = False
    terminal.resumed.set()
    recording.join()
    view.recording_stopped(10.0, "enter")
    assert not stuck  # 10 s of audio went by while nothing could be written to the terminal
    assert terminal.getvalue().rstrip().endswith("■ Answer ended at 0:10 (you pressed Enter). Transcribing and scoring…")


def test_the_recording_line_says_when_silence_will_end_the_answer():
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    view = TerminalView(console, interactive=False)
    view.recording_started(120, 240, live=True, auto_stop_s=3)
    view.recording_started(120, 240, live=True)
    assert console.file.getvalue().splitlines() == [
        "● Recording. Press Enter when you have finished (aim for 2:00; it stops at 4:00, or 3 s after you stop speaking).",
        "● Recording. Press Enter when you have finished (aim for 2:00; it stops at 4:00)."]


def test_hearing_an_answer_back_is_not_shown_as_a_warning():
    console = Console(file=io.StringIO(), width=100, force_terminal=False)
    view = TerminalView(console, interactive=False)
    view.playing_back(27.4)
    view.notice("No speaker found.")
    view.playing_back(95, 2)
    assert console.file.getvalue().splitlines() == ["▶ Playing your answer (0:27); Enter stops it.", "! No speaker found.",
                                                    "▶ Playing your answer and 2 follow-up replies (1:35); Enter stops it."]


def test_ctrl_c_ends_the_recording_line_without_promising_a_score():
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system=None)
    view = TerminalView(console, interactive=True, clock_fn=lambda: 4.0)
    view.recording_started(120, 240, live=True)
    view.recording_progress(4.0, -30)
    view.recording_stopped(4.2, "interrupted")
    out = console.file.getvalue()
    # the live recording line is erased, and the last line says how the answer ended, on a line of its own
    assert out.rsplit("\x1b[2K", 1)[1] == "■ Answer ended at 0:04 (Ctrl-C).\n" and "Transcribing" not in out


@pytest.mark.parametrize(
    "reply,last,can_repeat,step,offered",
    [
        ("", False, True, "next", "Enter: next question · a: try again · q: stop (then Enter)"),
        ("a", False, True, "again", None),
        ("A", True, True, "again", "Enter: finish · a: try again (then Enter)"),
        ("q", False, True, "stop", None),
        ("q", True, True, "next", None),  # after the last answer there is nothing left to stop
        ("a", False, False, "next", "Enter: next question · q: stop (then Enter)"),  # a file: not offered
    ],
)
def test_after_an_answer_the_candidate_chooses_what_comes_next(monkeypatch, reply, last, can_repeat, step, offered):
    console = Console(file=io.StringIO(), width=120, force_terminal=False)
    asked = []
    monkeypatch.setattr(console, "input", lambda prompt="": asked.append(console.render_str(prompt).plain) or reply)
    view = TerminalView(console, interactive=True)
    assert view.after_answer(last=last, can_repeat=can_repeat) == step
    if offered:
        assert asked == [offered + " "]



def test_ctrl_c_at_the_choice_ends_its_line_and_stops(monkeypatch):
    console = Console(file=io.StringIO(), width=120, force_terminal=False)

    def pressed_ctrl_c(prompt=""):
        console.file.write("Enter: next question ")  # the prompt, left without a line end
        raise KeyboardInterrupt

    monkeypatch.setattr(console, "input", pressed_ctrl_c)
    with pytest.raises(KeyboardInterrupt):
        TerminalView(console, interactive=True).after_answer(last=False, can_repeat=True)
    assert console.file.getvalue().endswith("Enter: next question \n")  # "Stopped." goes on a line of its own

@pytest.mark.parametrize("reply,step", [("p", "replay"), ("P", "replay"), ("", "next"), ("a", "again")])
def test_after_an_answer_the_candidate_can_ask_to_hear_it(monkeypatch, reply, step):
    console = Console(file=io.StringIO(), width=160, force_terminal=False)
    asked = []
    monkeypatch.setattr(console, "input", lambda prompt="": asked.append(console.render_str(prompt).plain) or reply)
    view = TerminalView(console, interactive=True)
    assert view.after_answer(last=False, can_repeat=True, can_replay=True) == step
    offered = "Enter: next question · p: play it back · a: try again · q: stop (then Enter) "
    assert asked == [offered] and len(offered) + 2 <= 80  # one line of a narrow terminal, the letter after it
    # not offered, not taken
    assert view.after_answer(last=False, can_repeat=True, can_replay=False) == ("next" if reply.lower() == "p" else step)


def test_a_drill_speaks_of_attempts_not_questions(monkeypatch):
    from interviewer.models import Question

    console = Console(file=io.StringIO(), width=120, force_terminal=False)
    asked = []
    monkeypatch.setattr(console, "input", lambda prompt="": asked.append(console.render_str(prompt).plain) or "")
    view = TerminalView(console, interactive=True, step="attempt")
    question = Question("ow-11", "Tell me about a late project.", "ownership")
    view.show_question(2, 3, question, "Ownership", question.text)
    view.after_answer(last=False, can_repeat=False)
    assert "Attempt 2 of 3 · Ownership" in console.file.getvalue() and "Question" not in console.file.getvalue()
    assert asked[0].startswith("Enter: next attempt ·")


def test_square_brackets_in_a_question_a_note_or_a_loop_summary_are_shown_as_written():
    # Rich reads "[...]" as markup: "[/x]" with no opening tag stopped the round with a traceback, other
    # brackets vanished. A bank's principle and question, Whisper's "[Music]", a plan's names hold them.
    from dataclasses import replace

    from interviewer.loop import LoopSummary
    from interviewer.ui.terminal import loop_summary_panel

    console = Console(file=io.StringIO(), width=100, force_terminal=False, color_system=None)
    question = replace(load_catalog().question("co-01"), id="q-[/x]", text="Tell me [a time] [/b].")
    TerminalView(console, interactive=False).show_question(1, 1, question, "Own [bold]it[/x]", question.text)
    shown = console.file.getvalue()
    assert "Question 1 of 1 · Own [bold]it[/x]" in shown and "Tell me [a time] [/b]." in shown and "q-[/x]" in shown
    record = scored_record(STORY, 14.5)
    record.score["feedback"] = ["You said [Music] at 0:05 [/i]."]
    record.question = question
    shown = render(answer_panel(record))
    assert "1. You said [Music] at 0:05 [/i]." in shown and "q-[/x]" in shown
    summary = LoopSummary(per_interviewer=[{"name": "Pri[/x]ya", "principles": "Own [b]it", "answers": 1,
                                            "follow_ups": 0, "impression": "needs work", "would_note": "[/n]"}])
    shown = render(loop_summary_panel(summary))
    assert "Pri[/x]ya" in shown and "Own [b]it" in shown and "Pri[/x]ya would note: [/n]" in shown


def test_a_second_try_says_so_in_its_title():
    record = scored_record(STORY, 14.5)
    assert "· again" not in render(answer_panel(record)).splitlines()[0]
    record.extra["again_of"] = "20261122-093000-0"
    assert "Answer 20261122-093000-1 · again · 0:14" in render(answer_panel(record)).splitlines()[0]


@pytest.mark.parametrize("status,stop_reason,said", [
    ("interrupted", "interrupted", "Not transcribed: it was stopped by Ctrl-C at 0:11."),
    ("interrupted", "enter", "Not transcribed: Ctrl-C came while it was being transcribed."),
    ("recording", None, "Not transcribed: the program ended while it was being recorded at 0:11."),
    ("interrupted", None, "Not transcribed: the program ended while it was being recorded at 0:11."),  # recovered
    ("interrupted", "hangup", "Not transcribed: it was stopped by the terminal closing at 0:11."),  # not "Ctrl-C"
    ("interrupted", "terminated", "Not transcribed: it was stopped by a kill signal at 0:11."),
])
def test_an_answer_that_ended_before_it_was_transcribed_says_so_and_how_to_score_it(status, stop_reason, said):
    record = AnswerRecord("20261122-093000-1", "20261122-093000", 1, load_catalog().question("co-01"), "q",
                          "answer-1.wav", "2026-11-22T09:30:00+00:00", status=status,
                          duration_s=11.0, stop_reason=stop_reason)
    out = " ".join(render(answer_panel(record), width=200).split())
    assert said in out and "score it with 'interviewer score 20261122-093000-1'" in out


def test_the_words_a_restart_said_again_are_struck_through():
    from interviewer.ui.report import transcript_text

    text = "At my last job the build failed. I, um, I was asked to fix it. I rewrote the script."
    transcript = transcript_of(text)
    score = score_answer(transcript).to_dict()
    assert score["delivery"]["restart_word_indexes"] == [7]  # the first "I,"; "um" is a filler
    console = Console(file=io.StringIO(), width=100, force_terminal=True, color_system="standard")
    console.print(transcript_text(transcript.to_dict(), score))
    ansi = console.file.getvalue()
    assert "\x1b[9m" in ansi or ";9m" in ansi or ";9;" in ansi, ansi  # strike
