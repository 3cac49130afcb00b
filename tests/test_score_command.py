"""interviewer score: text, audio and saved answers; JSON lines; bad input."""

import json

import pytest

from interviewer.bankfiles import load_catalog
from interviewer.models import AnswerRecord
from interviewer.store import FileStore
from tests import speech_corpus as corpus
from tests.conftest import need, run_cli
from tests.fakes import ManualClock, transcript_of

STORY = """Situation: At my last company our checkout was timing out for five percent of customers.
Task: I was responsible for fixing it before the holidays.
Action: First I traced the slow query. Then I added an index and I rewrote the retry logic.
Result: As a result timeouts dropped from 5% to 0.1% and sales rose 3%.
"""


def test_text_files_as_json_lines(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    no_result = tmp_path / "no-result.txt"
    no_result.write_text(STORY.split("Result:")[0])
    result = run_cli(["score", str(good), str(no_result), "--json", "--question", "Tell me about a fix."])
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    first, second = (json.loads(line) for line in lines)
    assert first["path"] == str(good) and first["schema"] == "interviewer.score/1"
    assert first["question"] == "Tell me about a fix."
    assert [s["label"] for s in first["sentences"]] == ["situation", "task", "action", "action", "result"]
    assert first["duration_s"] is None and first["timing"]["words_per_minute"] is None
    assert second["missing"] == ["result"]
    assert second["feedback"][0].startswith("You never said what the result was")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_a_transcript_saved_by_windows_tools_is_read(tmp_path, encoding):
    # Windows PowerShell's '>' writes UTF-16 with a byte-order mark: it was refused as "not UTF-8 text".
    path = tmp_path / "answer.txt"
    path.write_text(STORY, encoding=encoding)
    result = run_cli(["score", str(path), "--json"])
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["transcript"].startswith("At my last company")
    other = tmp_path / "latin.txt"
    other.write_bytes("Só at my last company I fixed the checkout.".encode("latin-1"))
    assert "not UTF-8 text" in run_cli(["score", str(other)]).stderr


def test_a_transcript_piped_in_is_scored():
    # '-' reads the transcript from standard input, as the other command-line tools do.
    result = run_cli(["score", "-", "--json"], input=STORY)
    assert result.returncode == 0, result.stderr
    scored = json.loads(result.stdout)
    assert scored["path"] == "-" and scored["missing"] == []
    empty = run_cli(["score", "-"], input="")
    assert empty.returncode == 6 and "-: The transcript is empty" in empty.stderr


def test_human_readable_report(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(STORY)
    out = run_cli(["score", str(path)]).stdout
    for expected in ("Score", "Situation", "Notes", "Transcript"):
        assert expected in out
    # A typed answer has no times: its sentences start with their part letter, no empty time column.
    first_sentence = out.split("Transcript")[1].splitlines()[1]
    assert first_sentence.lstrip("│ ").startswith("S ") and first_sentence.startswith("│ S "), first_sentence
    star_header = next(line for line in out.splitlines() if "STAR" in line and "share" in line)
    assert "time" not in star_header  # nor a STAR column of dashes


def test_rescore_a_saved_answer_by_id_and_latest(isolated_user_dirs):
    _, recordings = isolated_user_dirs
    store = FileStore(recordings)
    session = store.create_session("practice", {}, ManualClock().start)
    question = load_catalog().question("co-01")
    text = STORY.replace("Situation: ", "").replace("Task: ", "").replace("Action: ", "").replace("Result: ", "")
    transcript = transcript_of(" ".join(text.split()))
    record = AnswerRecord(f"{session.id}-1", session.id, 1, question, question.text, "answer-1.wav",
                          "2026-11-22T09:30:00+00:00", status="complete", duration_s=transcript.duration_s,
                          target_s=60.0, transcript=transcript.to_dict())
    store.save_answer(record)
    for ref in (record.id, "latest"):
        result = run_cli(["score", ref, "--json"])
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert data["question"] == question.text and data["timing"]["target_s"] == 60.0
        assert data["sentences"][0]["start"] is not None


def test_a_saved_follow_up_is_rescored_as_a_short_reply(isolated_user_dirs):
    """It was scored as a whole story: "You never said what the result was" for a reply to "What did you
    personally do?", which the round itself does not say."""
    _, recordings = isolated_user_dirs
    store = FileStore(recordings)
    session = store.create_session("practice", {}, ManualClock().start)
    question = load_catalog().question("co-01")
    transcript = transcript_of("I traced the slow query myself and I added the index that fixed it.")
    record = AnswerRecord(f"{session.id}-1f1", session.id, 1, question, "What did you personally do?",
                          "answer-1-followup-1.wav", "2026-11-22T09:30:00+00:00", kind="follow-up", status="complete",
                          duration_s=transcript.duration_s, target_s=60.0, transcript=transcript.to_dict())
    store.save_answer(record)
    result = run_cli(["score", record.id, "--json"])
    assert result.returncode == 0, result.stderr
    assert not any("result" in note for note in json.loads(result.stdout)["feedback"])


def test_an_answer_transcribed_again_loses_the_drill_cue_its_microphone_heard(isolated_user_dirs):
    """An answer stopped before it was transcribed is transcribed from its recording by 'score ID'; the
    spoken cue saved with it is taken out as it is in the round."""
    from interviewer.audio.wavwriter import CrashSafeWavWriter
    from interviewer.cli import _scoring_input
    from tests.fakes import tone

    _, recordings = isolated_user_dirs
    store = FileStore(recordings)
    session = store.create_session("drill", {}, ManualClock().start)
    question = load_catalog().question("ow-11")
    writer = CrashSafeWavWriter(store.session_dir(session) / "answer-1.wav", 16000)
    writer.write(tone(30.0))
    writer.close()
    record = AnswerRecord(f"{session.id}-1", session.id, 1, question, question.text, "answer-1.wav",
                          "2026-11-22T09:30:00+00:00", status="interrupted", duration_s=30.0, target_s=40.0,
                          extra={"cues": [{"kind": "warning", "at": 20.0, "said": "20 seconds"}]})
    store.save_answer(record)
    heard = transcript_of("I added an index and load-tested it. 20 seconds. Then I rewrote the retry logic.",
                          start=14.0, per_word=0.8)  # "20" at 20.4 s

    class Heard:
        def transcribe(self, samples):
            return heard

    _, transcript, _, _, _, _ = _scoring_input(record.id, store, Heard, None, None)
    assert "seconds" not in transcript.text and "load-tested it. Then I rewrote" in transcript.text


@pytest.mark.parametrize(
    "content,code,message",
    [
        ("", 6, "The transcript is empty"),
        ("Yes.", 6, "Only 1 word to score"),
        (" ".join(["I worked on the project with my team and we delivered the result on time."] * 220), 6, "longer than one answer"),
        ("Als Teamleiter habe ich die Migration geplant und wir haben die Kosten um dreißig Prozent gesenkt.", 6, "does not look like English"),
    ],
)
def test_bad_text_gets_a_clear_error_and_exit_code(tmp_path, content, code, message):
    path = tmp_path / "answer.txt"
    path.write_text(content)
    result = run_cli(["score", str(path), "--json"])
    assert result.returncode == code
    assert message in result.stderr and str(path) in result.stderr
    assert result.stdout == "" and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "name,data,message",
    [("empty.wav", b"", "the file is empty"), ("corrupt.mp3", b"ID3" + b"\x00garbage" * 50, "cannot decode it as audio"),
     ("notes.pdf", b"%PDF-1.4", "unknown kind of file")],
)
def test_unreadable_audio(tmp_path, name, data, message):
    path = tmp_path / name
    path.write_bytes(data)
    result = run_cli(["score", str(path)])
    assert result.returncode == 4 and message in result.stderr


def test_unknown_id_and_mixed_paths_keep_going(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(STORY)
    result = run_cli(["score", "20261122-093015-7", str(good), "--json"])
    assert result.returncode == 8
    assert "No answer '20261122-093015-7'" in result.stderr or "No session" in result.stderr or "no such" in result.stderr
    assert json.loads(result.stdout)["path"] == str(good)


SRT = """1
00:00:00,500 --> 00:00:05,000
At my last company our checkout was timing out
for five percent of customers.

2
00:00:05,200 --> 00:00:08,000
I was responsible for fixing it before the holidays.

3
00:00:11,500 --> 00:00:18,000
First I traced the slow query. Then I added an index and I rewrote the retry logic.

4
00:00:18,500 --> 00:00:24,000
As a result timeouts dropped from 5% to 0.1% and sales rose 3%.
"""
VTT = """WEBVTT

NOTE exported by a meeting tool

cue-1
00:00:00.500 --> 00:00:05.000
<v Candidate>At my last company our checkout was timing out for five percent of customers.

cue-2
00:00:05.200 --> 00:00:08.000
<v Candidate>I was responsible for fixing it before the holidays.

cue-3
00:00:11.500 --> 00:00:18.000
<v Candidate>First I traced the slow query. Then I added an index and I rewrote the retry logic.

cue-4
00:00:18.500 --> 00:00:24.000
<v Candidate>As a result timeouts dropped from 5% to 0.1% and sales rose 3%.
"""


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])  # UTF-16 was refused as "not UTF-8 text"
@pytest.mark.parametrize("name,content", [("answer.srt", SRT), ("answer.vtt", VTT)])
def test_subtitles_are_scored_with_their_times(tmp_path, name, content, encoding):
    """Cue identifiers, notes and voice tags are no words; the cues' times give the timing and the pauses."""
    path = tmp_path / name
    path.write_text(content, encoding=encoding)
    result = run_cli(["score", str(path), "--json"])
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["transcript"].startswith("At my last company our checkout") and "cue" not in data["transcript"]
    assert [s["label"] for s in data["sentences"]] == ["situation", "task", "action", "action", "result"]
    assert data["duration_s"] == 24.0 and data["timing"]["time_to_first_word_s"] == 0.5
    assert data["timing"]["long_pauses"] == [{"start": 8.0, "end": 11.5}]  # between the second and third cues
    assert data["sentences"][2]["start"] == 11.5 and data["star"]["action"]["seconds"] > 6


MEETING = VTT.replace("WEBVTT\n", "WEBVTT\n\nq\n00:00:00.000 --> 00:00:00.400\n<v Ana Ruiz>Tell me about a fix.\n", 1)


def test_a_meeting_transcript_is_scored_for_one_speaker(tmp_path):
    """A meeting tool's WebVTT names every cue's speaker: the interviewer's question is not the answer."""
    path = tmp_path / "meeting.vtt"
    path.write_text(MEETING.replace("<v Candidate>", "<v Sam Lee>"))
    both = run_cli(["score", str(path)])
    assert both.returncode == 6 and "cues from 2 speakers (Ana Ruiz, Sam Lee); give --speaker NAME" in both.stderr
    result = run_cli(["score", str(path), "--speaker", "sam lee", "--json"])
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["transcript"].startswith("At my last company") and "Tell me" not in data["transcript"]
    assert [s["label"] for s in data["sentences"]] == ["situation", "task", "action", "action", "result"]
    wrong = run_cli(["score", str(path), "--speaker", "Bob"])
    assert wrong.returncode == 6 and "no cues from 'Bob' (its speakers are Ana Ruiz, Sam Lee)" in wrong.stderr


@pytest.mark.parametrize(
    "name,content,message",
    [("empty.srt", "", "the file is empty"),
     ("notes.srt", "These are my notes, not subtitles.\n", "not readable as SRT subtitles"),
     ("notes.vtt", "Just some text\n", "not readable as VTT subtitles")],
)
def test_bad_subtitles_get_a_clear_error(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    result = run_cli(["score", str(path)])
    assert result.returncode == 6 and message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.real
def test_audio_file_is_transcribed_then_scored(tmp_path):
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    samples, reference = corpus.joined_answer(20)
    wav = corpus.write_wav(tmp_path / "answer.wav", samples)
    result = run_cli(["score", str(wav), "--json"])
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert corpus.word_error_rate(reference, data["transcript"]) <= 0.1
    assert data["duration_s"] == pytest.approx(len(samples) / 16000, abs=0.1)
    assert data["sentences"][0]["start"] is not None and data["timing"]["words_per_minute"] > 0


@pytest.mark.real
def test_twenty_minutes_of_audio_is_refused_before_transcribing(tmp_path):
    import numpy as np

    wav = corpus.write_wav(tmp_path / "long.wav", np.zeros(16000 * 60 * 20, dtype=np.float32))
    result = run_cli(["score", str(wav)])
    assert result.returncode == 6 and "20 minutes of audio is longer than one answer" in result.stderr
