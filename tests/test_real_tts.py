"""Real text-to-speech: pyttsx3 (espeak-ng on Linux) rendering to files through the worker process."""

import ctypes.util
import wave

import pytest

from interviewer.audio.player import SoundDevicePlayer
from interviewer.audio.tts import Pyttsx3Speaker
from tests.conftest import ROOT, need, run_cli

pytestmark = pytest.mark.real


def espeak_available() -> bool:
    return ctypes.util.find_library("espeak-ng") is not None or ctypes.util.find_library("espeak") is not None


def duration(path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


QUESTIONS = [
    "Tell me about a time you disagreed with your manager.",
    "Describe a time a customer asked for one thing but actually needed something else.",
    "Tell me about the most complex problem you have worked on.",
]


def test_renders_real_speech_of_plausible_length(tmp_path):
    need(espeak_available(), "libespeak-ng1")
    speaker = Pyttsx3Speaker(rate=165, player=SoundDevicePlayer())
    for i, text in enumerate(QUESTIONS):
        path = speaker.render(text, tmp_path / f"q{i}.wav")
        seconds = duration(path)
        expected = len(text.split()) / 165 * 60
        assert 0.6 * expected <= seconds <= 1.8 * expected, (text, seconds, expected)


def test_back_to_back_renders_are_never_empty(tmp_path):
    """pyttsx3 sometimes writes an empty file (quirk 2); the worker checks and retries."""
    need(espeak_available(), "libespeak-ng1")
    speaker = Pyttsx3Speaker(rate=180)
    for i in range(12):
        rate = 150 + 10 * (i % 4)  # changing the rate between utterances (quirk 5)
        speaker.rate = rate
        path = speaker.render(f"Question number {i}. Tell me about a risk you took.", tmp_path / f"r{i}.wav")
        assert duration(path) > 1.0


def test_voice_and_rate_are_applied(tmp_path):
    need(espeak_available(), "libespeak-ng1")
    slow = Pyttsx3Speaker(rate=120).render(QUESTIONS[0], tmp_path / "slow.wav")
    fast = Pyttsx3Speaker(rate=240).render(QUESTIONS[0], tmp_path / "fast.wav")
    assert duration(slow) > 1.5 * duration(fast)
    british = Pyttsx3Speaker(voice="en-gb", rate=165)
    assert british._resolve_voice().startswith("gmw/en-gb") or "en-gb" in british._resolve_voice()
    with pytest.raises(Exception, match="No voice named like"):
        Pyttsx3Speaker(voice="klingon-opera")._resolve_voice()


def test_a_voice_that_is_not_installed_stops_before_the_round(isolated_user_dirs):
    """It was a notice after the first question was shown, and the round went on silent."""
    need(espeak_available(), "libespeak-ng1")
    _, recordings = isolated_user_dirs
    result = run_cli(["practice", "--voice", "klingon-opera", "-n", "1",
                      "--answer-file", str(ROOT / "interviewer" / "assets" / "demo-answer.ogg")])
    assert result.returncode == 2, result.stderr
    assert "No voice named like 'klingon-opera'" in result.stderr and "Traceback" not in result.stderr
    assert not list(recordings.glob("*/session.json"))  # nothing was started


def test_no_speaker_means_text_only_not_a_crash(no_audio_env):
    need(espeak_available(), "libespeak-ng1")
    code = (
        "from interviewer.audio.tts import Pyttsx3Speaker\n"
        "s = Pyttsx3Speaker()\n"
        "print('HEARD', s.say('Tell me about a time you failed.'))\n"
        "print('WHY', s.silent_reason)\n"
    )
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-c", code], env=no_audio_env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "HEARD False" in result.stdout and "No speaker found" in result.stdout


def test_voices_command_lists_english_voices():
    need(espeak_available(), "libespeak-ng1")
    result = run_cli(["voices"])
    assert result.returncode == 0 and "(default)" in result.stdout and "en-us" in result.stdout.lower()
    # The neural voice is installed here (CI installs it for the Piper tests): no install command for it.
    assert "--voice piper (the neural voice, installed)" in result.stdout and "pip install" not in result.stdout
