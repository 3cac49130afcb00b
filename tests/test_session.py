"""The interview round through fakes at every port."""

import errno
import json
import wave

import numpy as np
import pytest

from interviewer.bankfiles import load_catalog
from interviewer.errors import DeviceError, StoreError, TranscriptionError
from interviewer.followups import choose_follow_ups
from interviewer.scoring import ScoringSettings, score_answer
from interviewer.session import InterviewRound, RoundInterrupted, RoundOptions, RoundParts, StopRules
from interviewer.store import FileStore
from tests.fakes import (FakeAnswerPlayer, FakeMicrophone, FakeSpeaker, FakeTranscriber, ManualClock, PressAfter, RecordingView,
                         silence, tone, transcript_of)

STORY = (
    "At my last company our checkout was timing out for five percent of customers. "
    "I was responsible for fixing it before the holidays. "
    "First I traced the slow query and then I added an index and I rewrote the retry logic. "
    "As a result timeouts dropped from 5% to 0.1% and sales rose 3%. "
    "I learned to measure before optimizing."
)


def scorer(transcript, question, target, kind="answer", cut_at_s=None):
    return score_answer(transcript, question=question, settings=ScoringSettings(target_s=target, expect_star=kind == "answer"),
                        cut_at_s=cut_at_s)


def make_round(tmp_path, *, mic=None, transcripts=None, speaker=None, stop=None, follow_ups=0, store=None, cap=240.0,
               auto_stop=0.0):
    catalog = load_catalog()
    parts = RoundParts(
        speaker=speaker or FakeSpeaker(),
        new_input=lambda: mic or FakeMicrophone(tone(3.0)),
        transcriber=FakeTranscriber(transcripts if transcripts is not None else [transcript_of(STORY)]),
        store=store or FileStore(tmp_path / "rec"),
        view=RecordingView(),
        stop_key=stop,
        clock=ManualClock(),
        scorer=scorer,
        principle_name=catalog.principle_name,
        follow_up_chooser=choose_follow_ups,
    )
    options = RoundOptions(target_s=120.0, cap_s=cap, auto_stop_s=auto_stop, follow_ups=follow_ups)
    return InterviewRound(parts, options), catalog


def wav_seconds(path):
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def test_a_round_speaks_records_transcribes_scores_and_saves(tmp_path):
    round_, catalog = make_round(tmp_path, mic=FakeMicrophone(tone(3.0), live=False))
    question = catalog.question("ow-11")
    session = round_.run([question])
    parts = round_.parts
    assert parts.speaker.said == [question.text]
    assert parts.transcriber.preloaded == 1
    assert parts.transcriber.fed_samples == [48000]  # every sample reached the transcriber

    folder = tmp_path / "rec" / session.id
    record = json.loads((folder / "answer-1.json").read_text())
    assert record["status"] == "complete" and record["stop_reason"] == "end-of-input"
    assert record["question"]["id"] == "ow-11" and record["bank"] == "amazon-lp"
    assert record["program_version"] and record["model"] == "fake-whisper"
    assert record["transcript"]["words"][0]["start"] is not None
    assert record["score"]["star"]["result"]["present"] is True
    assert record["score"]["timing"]["target_s"] == 120.0
    assert len(record["extra"]["levels_db"]) == 30  # one per 100 ms
    assert wav_seconds(folder / "answer-1.wav") == pytest.approx(3.0)
    assert (folder / "answer-1-question.wav").is_file()
    saved_session = json.loads((folder / "session.json").read_text())
    assert saved_session["status"] == "complete" and saved_session["answers"] == [record["id"]]
    assert ("feedback", record["id"], True) in parts.view.events


@pytest.mark.parametrize(
    "elapsed,level,key,cap,auto,expected",
    [
        (10, -20, True, 240, 0, "enter"),
        (240, -20, False, 240, 0, "cap"),
        (100, -90, False, 240, 0, None),  # silence never ends an answer by default
        (100, -90, False, 240, 5, None),  # ... nor with --auto-stop before any speech
    ],
)
def test_stop_rules(elapsed, level, key, cap, auto, expected):
    assert StopRules(cap, auto).check(elapsed, level, key) == expected


def test_auto_stop_only_after_speech_then_silence():
    rules = StopRules(240, auto_stop_s=3)
    assert rules.check(1.0, -20, False) is None  # speaking
    assert rules.check(3.9, -80, False) is None
    assert rules.check(4.0, -80, False) == "silence"


def test_enter_ends_a_live_answer(tmp_path):
    mic = FakeMicrophone(tone(2.0), idle_after=True)
    round_, catalog = make_round(tmp_path, mic=mic, stop=PressAfter(150))  # 150 polls of 20 ms = 3 s
    round_.run([catalog.question("co-01")])
    assert ("stopped", 2.0, "enter") in round_.parts.view.events


def test_enter_read_late_keeps_what_the_microphone_had_already_captured(tmp_path):
    """The terminal held the loop up (Ctrl-S, a stalled ssh link) while the candidate went on answering; the
    Enter read after it ends the answer once the queued audio is written, not at the block the loop was at."""
    mic = FakeMicrophone(tone(5.0), behind_until=3.0)
    round_, catalog = make_round(tmp_path, mic=mic, stop=PressAfter(1))
    session = round_.run([catalog.question("co-01")])
    assert ("stopped", 3.0, "enter") in round_.parts.view.events
    assert wav_seconds(tmp_path / "rec" / session.id / "answer-1.wav") == pytest.approx(3.0)


def test_the_cap_ends_an_endless_answer(tmp_path):
    mic = FakeMicrophone(tone(10.0))
    round_, catalog = make_round(tmp_path, mic=mic, stop=PressAfter(None), cap=4.0)
    session = round_.run([catalog.question("co-01")])
    assert ("stopped", 4.0, "cap") in round_.parts.view.events
    assert wav_seconds(tmp_path / "rec" / session.id / "answer-1.wav") == pytest.approx(4.0)


def test_an_answer_the_cap_ended_is_told_what_the_cap_cut_off(tmp_path):
    """The round tells the scorer where the cap stopped the answer: the Result it never reached is cut off,
    not left out. An answer ended by Enter at the same point is told its Result is missing."""
    told = STORY.split(" As a result")[0]
    kinds = {}
    for stop, cap in ((PressAfter(None), 4.0), (PressAfter(150), 240.0)):  # the cap at 4 s; Enter at 3 s
        folder = tmp_path / str(cap)
        round_, catalog = make_round(folder, mic=FakeMicrophone(tone(10.0) if cap == 4.0 else tone(3.0), idle_after=cap != 4.0),
                                     stop=stop, cap=cap, transcripts=[transcript_of(told)])
        session = round_.run([catalog.question("co-01")])
        record = json.loads((folder / "rec" / session.id / "answer-1.json").read_text())
        kinds[record["stop_reason"]] = record["score"]["feedback"][0]
    assert kinds["cap"].startswith("The 0:04 time cap stopped you before the Result;"), kinds
    assert kinds["enter"].startswith("You never said what the result was"), kinds


def test_silent_answer_is_saved_with_a_clear_note_not_a_crash(tmp_path):
    round_, catalog = make_round(tmp_path, mic=FakeMicrophone(silence(5.0), live=False), transcripts=[])
    session = round_.run([catalog.question("co-01")])
    record = json.loads((tmp_path / "rec" / session.id / "answer-1.json").read_text())
    assert record["score"] is None
    assert "No speech was detected" in record["error"]
    assert record["status"] == "complete"


def test_ctrl_c_keeps_the_audio_and_marks_the_answer(tmp_path):
    mic = FakeMicrophone(tone(10.0), interrupt_at=2.0)
    round_, catalog = make_round(tmp_path, mic=mic, stop=PressAfter(None))
    with pytest.raises(RoundInterrupted, match="is saved in"):
        round_.run([catalog.question("co-01")])
    folder = tmp_path / "rec" / round_.session.id
    record = json.loads((folder / "answer-1.json").read_text())
    assert record["status"] == "interrupted"
    assert wav_seconds(folder / "answer-1.wav") == pytest.approx(2.0)
    assert round_.parts.view.events[-1] == ("stopped", 2.0, "interrupted")  # the recording display is closed
    assert json.loads((folder / "session.json").read_text())["status"] == "interrupted"



def test_ctrl_c_while_the_loop_was_behind_keeps_what_the_microphone_had_queued(tmp_path):
    """Ctrl-C lands while the terminal held the loop up (the display froze at 1 s; the candidate spoke on):
    the audio already captured by then is written before the round stops, as for Enter."""
    mic = FakeMicrophone(tone(5.0), behind_until=3.0)
    round_, catalog = make_round(tmp_path, mic=mic, stop=PressAfter(None))

    def frozen(elapsed_s, level_db):
        if elapsed_s >= 1.0:
            raise KeyboardInterrupt

    round_.parts.view.recording_progress = frozen
    with pytest.raises(RoundInterrupted, match="is saved in"):
        round_.run([catalog.question("co-01")])
    folder = tmp_path / "rec" / round_.session.id
    assert wav_seconds(folder / "answer-1.wav") == pytest.approx(3.0)
    assert json.loads((folder / "answer-1.json").read_text())["duration_s"] == pytest.approx(3.0)


def test_ctrl_c_while_transcribing_keeps_the_whole_answer_and_says_how_to_score_it(tmp_path):
    round_, catalog = make_round(tmp_path, mic=FakeMicrophone(tone(6.0), live=False), transcripts=[KeyboardInterrupt()])
    with pytest.raises(RoundInterrupted, match=r"Stopped while transcribing. The answer \(0:06\) is saved in .*"
                                               r"score it with 'interviewer score .*-1'"):
        round_.run([catalog.question("co-01")])
    folder = tmp_path / "rec" / round_.session.id
    record = json.loads((folder / "answer-1.json").read_text())
    assert record["status"] == "interrupted" and record["duration_s"] == pytest.approx(6.0)
    assert record["stop_reason"] == "end-of-input" and record["transcript"] is None
    assert json.loads((folder / "session.json").read_text())["status"] == "interrupted"

def test_microphone_failing_mid_answer_keeps_what_was_recorded(tmp_path):
    mic = FakeMicrophone(tone(10.0), fail_at=1.5)
    round_, catalog = make_round(tmp_path, mic=mic, stop=PressAfter(None))
    with pytest.raises(DeviceError, match="stopped sending audio"):
        round_.run([catalog.question("co-01")])
    folder = tmp_path / "rec" / round_.session.id
    assert wav_seconds(folder / "answer-1.wav") == pytest.approx(1.5)
    record = json.loads((folder / "answer-1.json").read_text())
    assert record["stop_reason"] == "device" and record["status"] == "failed"


class FullDiskStore(FileStore):
    """Audio writes fail with ENOSPC after ``seconds`` of audio; JSON records still fit."""

    def __init__(self, root, seconds):
        super().__init__(root)
        self.seconds = seconds

    def open_answer_audio(self, session, stem, sample_rate):
        writer = super().open_answer_audio(session, stem, sample_rate)
        real_write, limit = writer.write, int(self.seconds * sample_rate)

        def write(samples):
            if writer.frames_written + len(samples) > limit:
                raise OSError(errno.ENOSPC, "No space left on device")
            real_write(samples)

        writer.write = write
        return writer


def test_a_model_that_failed_to_load_is_reported_before_the_answer(tmp_path):
    """compute_type = "float16" on a CPU: the load fails while the question is asked. It was reported after
    the candidate had answered; now before anything is recorded, and no empty answer is left behind."""
    round_, catalog = make_round(tmp_path)
    round_.parts.transcriber.load_error = TranscriptionError("Cannot load Whisper model x with compute type float16")
    with pytest.raises(TranscriptionError):
        round_.run([catalog.question("ow-11")])
    [folder] = [f for f in (tmp_path / "rec").iterdir() if f.is_dir()]
    assert sorted(f.name for f in folder.iterdir()) == ["answer-1-question.wav", "session.json"]
    assert json.loads((folder / "session.json").read_text())["status"] == "failed"


def test_full_disk_keeps_a_playable_file_and_a_consistent_record(tmp_path):
    store = FullDiskStore(tmp_path / "rec", seconds=1.0)
    round_, catalog = make_round(tmp_path, mic=FakeMicrophone(tone(5.0), live=False), store=store)
    with pytest.raises(StoreError, match="disk is full"):
        round_.run([catalog.question("co-01")])
    folder = tmp_path / "rec" / round_.session.id
    assert wav_seconds(folder / "answer-1.wav") == pytest.approx(1.0)
    record = json.loads((folder / "answer-1.json").read_text())
    assert record["stop_reason"] == "disk-full" and "disk is full" in record["error"]


def test_no_speaker_is_noted_once_and_the_round_goes_on_with_text(tmp_path):
    speaker = FakeSpeaker(available=False)
    round_, catalog = make_round(tmp_path, speaker=speaker, transcripts=[transcript_of(STORY), transcript_of(STORY)],
                                 mic=FakeMicrophone(tone(1.0), live=False))
    round_.run([catalog.question("co-01"), catalog.question("co-02")])
    assert len(round_.parts.view.notices) == 1 and "text only" in round_.parts.view.notices[0]
    assert len(speaker.said) == 1  # it stopped trying
    assert [e[0] for e in round_.parts.view.events].count("feedback") == 2


def test_follow_ups_are_asked_recorded_and_linked(tmp_path):
    thin = ("At my last job our checkout page was slow for many customers. I traced the slow query first. "
            "Then I added an index and I rewrote the retry logic with the payments team.")
    transcripts = [transcript_of(thin), transcript_of("The outcome was that timeouts dropped by forty percent and sales grew.")]
    round_, catalog = make_round(tmp_path, transcripts=transcripts, follow_ups=1, mic=FakeMicrophone(tone(1.0), live=False))
    session = round_.run([catalog.question("co-01")])
    folder = tmp_path / "rec" / session.id
    main = json.loads((folder / "answer-1.json").read_text())
    follow = json.loads((folder / "answer-1-followup-1.json").read_text())
    assert round_.parts.speaker.said[1] == "What was the outcome?"
    assert follow["kind"] == "follow-up" and follow["parent_id"] == main["id"]
    assert main["extra"]["follow_ups"] == [follow["id"]]
    assert (folder / "answer-1-followup-1.wav").is_file()


def test_stopping_between_questions(tmp_path):
    round_, catalog = make_round(tmp_path, transcripts=[transcript_of(STORY)] * 2, mic=FakeMicrophone(tone(1.0), live=False))
    round_.parts.view.continue_after = False
    session = round_.run([catalog.question("co-01"), catalog.question("co-02")])
    assert len(session.answers) == 1 and session.status == "complete"


def test_answering_a_question_again_records_it_once_more(tmp_path):
    round_, catalog = make_round(tmp_path, transcripts=[transcript_of(STORY)] * 3, mic=FakeMicrophone(tone(1.0), live=False))
    round_.parts.view.steps = ["again"]
    first, second = catalog.question("co-01"), catalog.question("co-02")
    session = round_.run([first, second])
    folder = tmp_path / "rec" / session.id
    answers = [json.loads((folder / f"answer-{n}.json").read_text()) for n in (1, 2, 3)]
    assert [a["question"]["id"] for a in answers] == ["co-01", "co-01", "co-02"]
    assert answers[1]["extra"]["again_of"] == answers[0]["id"] and "again_of" not in answers[2]["extra"]
    # the second try's feedback opens with how it compares with the first
    assert answers[1]["score"]["feedback"][0].startswith("Against your previous try: ")
    assert not any(note.startswith("Against") for a in (answers[0], answers[2]) for note in a["score"]["feedback"])
    assert len(session.answers) == 3 and (folder / "answer-2.wav").is_file()
    events = round_.parts.view.events
    # shown as the first question both times, then the second; asked after each answer, the last included
    assert [e for e in events if e[0] == "question"] == [
        ("question", 1, first.text), ("question", 1, first.text, "again"), ("question", 2, second.text)]
    assert [e for e in events if e[0] == "after"] == [("after", False, True), ("after", False, True),
                                                      ("after", True, True)]


def test_a_third_try_is_compared_with_the_second(tmp_path):
    round_, catalog = make_round(tmp_path, transcripts=[transcript_of(STORY)] * 3, mic=FakeMicrophone(tone(1.0), live=False))
    round_.parts.view.steps = ["again", "again"]
    session = round_.run([catalog.question("co-01")])
    folder = tmp_path / "rec" / session.id
    first, second, third = (json.loads((folder / f"answer-{n}.json").read_text()) for n in (1, 2, 3))
    assert second["extra"]["again_of"] == first["id"] and third["extra"]["again_of"] == second["id"]


def test_a_recording_from_a_file_is_not_offered_again(tmp_path):
    round_, catalog = make_round(tmp_path, transcripts=[transcript_of(STORY)] * 2, mic=FakeMicrophone(tone(1.0), live=False))
    round_.options.source = "file:answer.wav"
    round_.parts.view.steps = ["again"]  # would be taken if it were offered
    session = round_.run([catalog.question("co-01"), catalog.question("co-02")])
    assert len(session.answers) == 2
    # between the questions: next or stop only; after the last: nothing to choose
    assert [e for e in round_.parts.view.events if e[0] == "after"] == [("after", False, False)]


def test_the_candidate_hears_the_answer_back_before_going_on(tmp_path):
    round_, catalog = make_round(tmp_path, transcripts=[transcript_of(STORY)] * 2, mic=FakeMicrophone(tone(1.0), live=False),
                                 stop=PressAfter(None))
    round_.parts.answer_player = player = FakeAnswerPlayer()
    round_.parts.view.steps = ["replay", "replay", "next"]
    session = round_.run([catalog.question("co-01"), catalog.question("co-02")])
    folder = tmp_path / "rec" / session.id
    # played twice, the first answer's own recording, stoppable with the key that ends answers
    assert player.played == [([folder / "answer-1.wav"], round_.parts.stop_key)] * 2
    assert [e for e in round_.parts.view.events if e[0] == "playing"] == [("playing", 1.0)] * 2
    assert not round_.parts.view.notices  # hearing it back is no warning
    # asked again after each playing; hearing it back records nothing
    assert [e for e in round_.parts.view.events if e[0] == "after"] == [("after", False, True, "replay")] * 3 + [
        ("after", True, True, "replay")]
    assert len(session.answers) == 2


def test_hearing_back_after_follow_ups_plays_the_replies_too(tmp_path):
    """After the last probe, 'p' played the main answer alone: the reply just given was not heard."""
    transcripts = [transcript_of("At my last job our checkout page was slow. I traced the slow query and added an index."),
                   transcript_of("The outcome was that timeouts dropped by forty percent.")]
    round_, catalog = make_round(tmp_path, transcripts=transcripts, follow_ups=1, stop=PressAfter(None),
                                 mic=FakeMicrophone(tone(1.0), live=False))
    round_.parts.answer_player = player = FakeAnswerPlayer()
    round_.parts.view.steps = ["replay", "next"]
    session = round_.run([catalog.question("co-01")])
    folder = tmp_path / "rec" / session.id
    assert player.played == [([folder / "answer-1.wav", folder / "answer-1-followup-1.wav"], round_.parts.stop_key)]
    assert ("playing", 2.0, 1) in round_.parts.view.events  # both lengths, and that a reply follows


def test_without_a_speaker_hearing_back_is_offered_no_more(tmp_path):
    round_, catalog = make_round(tmp_path, transcripts=[transcript_of(STORY)] * 2, mic=FakeMicrophone(tone(1.0), live=False))
    round_.parts.answer_player = FakeAnswerPlayer(available=False)
    round_.parts.view.steps = ["replay", "next"]
    session = round_.run([catalog.question("co-01"), catalog.question("co-02")])
    [failed] = round_.parts.view.notices
    assert ("playing", 1.0) in round_.parts.view.events
    assert failed.startswith("No speaker found") and failed.endswith(f"{session.id}/answer-1.wav.")
    assert [e for e in round_.parts.view.events if e[0] == "after"] == [
        ("after", False, True, "replay"), ("after", False, True), ("after", True, True)]


def test_a_recording_from_a_file_is_not_offered_to_hear_back(tmp_path):
    round_, catalog = make_round(tmp_path, transcripts=[transcript_of(STORY)] * 2, mic=FakeMicrophone(tone(1.0), live=False))
    round_.options.source = "file:answer.wav"
    round_.parts.answer_player = player = FakeAnswerPlayer()
    round_.parts.view.steps = ["replay"]  # would be taken if it were offered
    session = round_.run([catalog.question("co-01"), catalog.question("co-02")])
    assert len(session.answers) == 2 and player.played == []
    assert [e for e in round_.parts.view.events if e[0] == "after"] == [("after", False, False)]


def test_sessions_never_overwrite_each_other(tmp_path):
    store = FileStore(tmp_path / "rec")
    clock = ManualClock()
    first = store.create_session("practice", {}, clock.start)
    second = store.create_session("practice", {}, clock.start)
    assert first.id != second.id and second.id.endswith("-2")
    assert np.all([(tmp_path / "rec" / s.id / "session.json").is_file() for s in (first, second)])
