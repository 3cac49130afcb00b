"""Whole rounds through real devices: the CLI as a subprocess, a PulseAudio null sink as speaker and
microphone. The program speaks the question into the sink; the test plays a real recording of human speech
into the same sink; the program records it from the sink's monitor as if from a microphone."""

import json
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from tests import speech_corpus as corpus
from tests.conftest import need, run_cli

pytestmark = pytest.mark.real
ROOT = Path(__file__).resolve().parents[1]


def _signals_as_from_a_terminal() -> None:
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, signal.SIG_DFL)


class Program:
    """The CLI in the background, its output read line by line."""

    def __init__(self, args, env):
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "interviewer", *args], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True,
            # Ctrl-C, 'kill' and a closed terminal as from a terminal, even where the test run itself was started
            # with them ignored (under nohup, SIGHUP is ignored, and the program rightly keeps it so)
            preexec_fn=_signals_as_from_a_terminal,
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        for line in self.proc.stdout:
            self.output.append(line)
            self.lines.put(line)

    def wait_for(self, text, timeout=60.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if text in self.lines.get(timeout=0.2):
                    return
            except queue.Empty:
                if self.proc.poll() is not None:
                    break
        raise AssertionError(f"never saw {text!r}; output:\n{''.join(self.output)}")

    def press_enter(self):
        self.proc.stdin.write("\n")
        self.proc.stdin.flush()

    def finish(self, timeout=120.0) -> int:
        try:
            code = self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            # Say where it stood: a bare TimeoutExpired showed nothing of what the program had printed.
            self.proc.kill()
            self.proc.wait(timeout=10)
            time.sleep(0.1)
            raise AssertionError(f"still running {timeout} s later; output:\n{self.text}") from None
        time.sleep(0.1)
        return code

    @property
    def text(self) -> str:
        return "".join(self.output)


def pulse_env(pulse_server, **extra):
    env = dict(os.environ, **pulse_server["env"], **extra)
    return env


def play_into_sink(path, env):
    subprocess.run(["paplay", "-d", "virt", str(path)], env=env, check=True, timeout=120)


def start_monitor_capture(path, env):
    """Record what reaches the sink (what a listener would hear)."""
    return subprocess.Popen(["parec", "-d", "virt.monitor", "--raw", "--format=s16le", "--rate=16000", "--channels=1"],
                            env=env, stdout=open(path, "wb"), stderr=subprocess.DEVNULL)


def loud_seconds(raw_path) -> float:
    data = np.frombuffer(Path(raw_path).read_bytes(), dtype="<i2").astype(np.float32) / 32768
    frames = len(data) // 320
    if not frames:
        return 0.0
    rms = np.sqrt(np.mean(data[: frames * 320].reshape(frames, 320) ** 2, axis=1))
    return float(np.sum(rms > 0.01) * 0.02)


def saved_answers(recordings: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted(recordings.glob("*/answer-*.json"))]


def test_practice_round_through_the_virtual_sound_device(pulse_server, isolated_user_dirs, tmp_path):
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    _, recordings = isolated_user_dirs
    env = pulse_env(pulse_server)
    samples, reference = corpus.joined_answer(15)
    answer = corpus.write_wav(tmp_path / "answer.wav", samples)

    heard = tmp_path / "sink.raw"
    monitor = start_monitor_capture(heard, env)
    program = Program(["practice", "--count", "1", "--question", "co-02", "--max-seconds", "90"], env)
    program.wait_for("Recording", timeout=90)
    monitor.send_signal(signal.SIGINT)
    monitor.wait(timeout=10)
    assert loud_seconds(heard) > 1.5  # the question was spoken into the sink

    time.sleep(0.5)
    play_into_sink(answer, env)
    time.sleep(1.0)
    program.press_enter()
    assert program.finish() == 0, program.text
    assert "you pressed Enter" in program.text and "Transcript" in program.text

    [record] = saved_answers(recordings)
    assert record["question"]["id"] == "co-02" and record["status"] == "complete"
    assert record["stop_reason"] == "enter" and record["source"] == "microphone"
    wer = corpus.word_error_rate(reference, record["transcript"]["text"])
    assert wer <= 0.25, (wer, record["transcript"]["text"])
    folder = recordings / record["session_id"]
    with wave.open(str(folder / record["audio_file"])) as w:
        assert w.getframerate() == 16000 and w.getnframes() / 16000 >= len(samples) / 16000
    assert (folder / "answer-1-question.wav").is_file()
    assert record["score"]["timing"]["words_per_minute"] > 0
    assert record["processing"]["stop_to_feedback_s"] < 30


class TerminalProgram:
    """The CLI on a pseudo-terminal, as a candidate runs it: Enter and the choices between answers are typed."""

    ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][A-Za-z0-9]|\r")

    def __init__(self, args, env):
        master, slave = os.openpty()
        self.master = master
        self.proc = subprocess.Popen([sys.executable, "-m", "interviewer", *args], env=env, stdin=slave, stdout=slave,
                                     stderr=slave, close_fds=True)
        os.close(slave)
        self.chunks: list[str] = []
        self.seen = 0  # how far wait_for has read
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        while True:
            try:
                data = os.read(self.master, 4096)
            except OSError:  # the program ended and closed the terminal
                return
            if not data:
                return
            self.chunks.append(data.decode("utf-8", "replace"))

    @property
    def text(self) -> str:
        return self.ANSI.sub("", "".join(self.chunks))

    def wait_for(self, text, timeout=90.0):
        """The next appearance of ``text`` after the one waited for last."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.text.find(text, self.seen)
            if found >= 0:
                self.seen = found + len(text)
                return
            if self.proc.poll() is not None and self.text.find(text, self.seen) < 0:
                break
            time.sleep(0.1)
        raise AssertionError(f"never saw {text!r}; output:\n{self.text}")

    def type(self, keys: str):
        os.write(self.master, keys.encode())


def test_answering_a_question_again_on_a_terminal(pulse_server, isolated_user_dirs, tmp_path):
    """After the feedback the candidate types "p" and hears the answer played into the speaker until Enter
    stops it, then "a": the same question is asked again and a second recording made and scored; Enter after
    it finishes the round."""
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    _, recordings = isolated_user_dirs
    env = pulse_env(pulse_server, COLUMNS="120", LINES="40")
    samples, reference = corpus.joined_answer(8)
    answer = corpus.write_wav(tmp_path / "answer.wav", samples)
    heard = tmp_path / "heard.raw"  # what reached the speaker while the first answer was played back

    program = TerminalProgram(["practice", "--count", "1", "--question", "co-02", "--max-seconds", "60"], env)
    try:
        for attempt in range(2):
            program.wait_for("Recording")
            time.sleep(0.5)
            play_into_sink(answer, env)
            time.sleep(1.0)
            program.type("\r")  # Enter ends the answer
            program.wait_for("a: try again")
            if attempt == 0:
                monitor = start_monitor_capture(heard, env)
                time.sleep(0.3)
                program.type("p\r")
                program.wait_for("Playing your answer")
                time.sleep(2.0)
                program.type("\r")  # Enter stops the playing; the choices come back
                program.wait_for("a: try again")
                monitor.send_signal(signal.SIGINT)
                monitor.wait(timeout=10)
            program.type("a\r" if attempt == 0 else "\r")
        assert program.proc.wait(timeout=60) == 0, program.text
    finally:
        if program.proc.poll() is None:
            program.proc.kill()
        os.close(program.master)
    assert "· again" in program.text  # the second time the question's title says so
    # the recording was heard, and only its start: Enter stopped it (the answer holds about 8 s of speech)
    assert 0.5 < loud_seconds(heard) < 5.0, loud_seconds(heard)

    first, second = saved_answers(recordings)
    assert first["question"]["id"] == second["question"]["id"] == "co-02"
    assert second["extra"]["again_of"] == first["id"] and "again_of" not in first["extra"]
    assert second["score"]["feedback"][0].startswith("Against your previous try: ")
    assert "Against your previous try" in program.text  # shown after the second try
    for record in (first, second):
        assert record["status"] == "complete" and record["stop_reason"] == "enter"
        assert corpus.word_error_rate(reference, record["transcript"]["text"]) <= 0.3, record["transcript"]["text"]
        assert record["score"]["timing"]["words_per_minute"] > 0



def test_ctrl_c_twice_mid_answer_keeps_the_recording_and_ends_cleanly(pulse_server, isolated_user_dirs, tmp_path):
    """Ctrl-C ends the round and keeps what was said; people often press it twice. The second press used to
    land in the clean-up (the voice worker's exit, a Whisper decode in flight): a traceback, or a crash."""
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    _, recordings = isolated_user_dirs
    env = pulse_env(pulse_server)
    samples, _ = corpus.joined_answer(20)
    answer = corpus.write_wav(tmp_path / "answer.wav", samples)
    program = Program(["practice", "--count", "1", "--question", "co-02", "--max-seconds", "90"], env)
    program.wait_for("Recording", timeout=90)
    speaking = subprocess.Popen(["paplay", "-d", "virt", str(answer)], env=env)
    time.sleep(9.0)  # the live chunks are being decoded by now
    for _ in range(2):
        program.proc.send_signal(signal.SIGINT)
        time.sleep(0.1)
    code = program.finish(timeout=60)
    speaking.kill()
    assert code == 130, program.text
    assert "Stopped. The answer so far" in program.text
    assert "Traceback" not in program.text and "Exception" not in program.text, program.text
    [record] = saved_answers(recordings)
    assert record["status"] == "interrupted" and record["stop_reason"] == "interrupted"
    folder = recordings / record["session_id"]
    with wave.open(str(folder / record["audio_file"])) as w:
        assert abs(w.getnframes() / w.getframerate() - record["duration_s"]) < 1.0 and record["duration_s"] > 5
    assert json.loads((folder / "session.json").read_text())["status"] == "interrupted"

@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGHUP], ids=["kill", "terminal-closed"])
def test_kill_or_closing_the_terminal_mid_answer_ends_the_round_as_ctrl_c_does(pulse_server, isolated_user_dirs, stop):
    """'kill' or closing the terminal window killed the program where it stood: the answer's record said it
    was still being recorded and the session "running", for ever. Then it said "stopped by Ctrl-C"."""
    _, recordings = isolated_user_dirs
    program = Program(["practice", "--count", "1", "--question", "dd-02"], pulse_env(pulse_server))
    program.wait_for("Recording", timeout=90)
    time.sleep(3.0)
    program.proc.send_signal(stop)
    assert program.finish(timeout=60) == 130, program.text
    assert "Traceback" not in program.text, program.text
    [record] = saved_answers(recordings)
    assert record["status"] == "interrupted" and record["duration_s"] > 2
    assert record["stop_reason"] == {signal.SIGTERM: "terminated", signal.SIGHUP: "hangup"}[stop]
    folder = recordings / record["session_id"]
    with wave.open(str(folder / record["audio_file"])) as w:
        assert abs(w.getnframes() / w.getframerate() - record["duration_s"]) < 1.0
    assert json.loads((folder / "session.json").read_text())["status"] == "interrupted"


def test_kill_9_mid_answer_leaves_a_playable_recording_and_a_record(pulse_server, isolated_user_dirs, tmp_path):
    """... which the next command closes as interrupted: it stayed "recording" for ever, with no length in
    history, and 'latest' skipped it. A command run while the round is still going leaves it alone."""
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    _, recordings = isolated_user_dirs
    env = pulse_env(pulse_server)
    answer = corpus.write_wav(tmp_path / "answer.wav", corpus.joined_answer(20)[0])
    program = Program(["practice", "--count", "1", "--question", "dd-02"], env)
    program.wait_for("Recording", timeout=90)
    started = time.monotonic()
    speaking = subprocess.Popen(["paplay", "-d", "virt", str(answer)], env=env)
    time.sleep(4.0)
    assert run_cli(["history"], env=env).returncode == 0
    [record] = saved_answers(recordings)
    assert record["status"] == "recording"  # it says what is being answered, and the round goes on
    program.proc.send_signal(signal.SIGKILL)
    elapsed = time.monotonic() - started
    program.proc.wait(timeout=10)
    speaking.kill()
    audio = recordings / record["session_id"] / record["audio_file"]
    with wave.open(str(audio)) as w:
        seconds = w.getnframes() / w.getframerate()
        assert len(w.readframes(w.getnframes())) == 2 * w.getnframes()
    assert elapsed - 1.5 <= seconds <= elapsed + 0.5, (seconds, elapsed)

    history = run_cli(["history"], env=env)
    assert history.returncode == 0 and "did not finish (the program was killed or crashed)" in history.stderr
    [record] = saved_answers(recordings)
    assert record["status"] == "interrupted" and record["duration_s"] == pytest.approx(seconds, abs=0.01)
    assert json.loads((audio.parent / "session.json").read_text())["status"] == "interrupted"
    scored = run_cli(["score", "latest", "--json"], env=env)
    assert scored.returncode == 0 and json.loads(scored.stdout)["duration_s"] == pytest.approx(seconds, abs=0.5)
    [record] = saved_answers(recordings)
    assert record["status"] == "interrupted" and record["transcript"]["words"]  # cut short, and scored


def test_devices_lists_the_virtual_device(pulse_server):
    result = run_cli(["devices"], env=pulse_env(pulse_server))
    assert result.returncode == 0 and "pulse" in result.stdout and "microphone" in result.stdout


def test_no_microphone_is_one_line_pointing_to_demo(no_audio_env, isolated_user_dirs):
    _, recordings = isolated_user_dirs
    result = run_cli(["practice", "--count", "1"], env=no_audio_env)
    assert result.returncode == 3
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "No microphone found" in lines[0]
    assert "interviewer demo" in lines[0] and "--answer-file" in lines[0]
    assert not recordings.exists() or not any(recordings.iterdir())  # nothing half-started


def test_demo_without_any_audio_device(no_audio_env, isolated_user_dirs):
    _, recordings = isolated_user_dirs
    result = run_cli(["demo"], env=no_audio_env, timeout=300)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "No speaker found" in result.stdout and "text only" in result.stdout
    assert "The question as it would have been spoken:" in result.stdout
    [record] = saved_answers(recordings)
    assert record["source"] == "demo" and record["status"] == "complete"
    reference = (ROOT / "interviewer" / "assets" / "demo-answer.txt").read_text()
    assert corpus.word_error_rate(reference, record["transcript"]["text"]) <= 0.15
    assert record["score"]["missing"] == []
    question_audio = recordings / record["session_id"] / "answer-1-question.wav"
    with wave.open(str(question_audio)) as w:
        assert w.getnframes() / w.getframerate() > 2.0


def test_demo_speaks_into_the_virtual_speaker(pulse_server, isolated_user_dirs, tmp_path):
    env = pulse_env(pulse_server)
    heard = tmp_path / "sink.raw"
    monitor = start_monitor_capture(heard, env)
    result = run_cli(["demo"], env=env, timeout=300)
    monitor.send_signal(signal.SIGINT)
    monitor.wait(timeout=10)
    assert result.returncode == 0, result.stderr
    assert "No speaker" not in result.stdout
    assert loud_seconds(heard) > 1.5


def test_answer_file_through_the_same_pipeline_at_real_speed(isolated_user_dirs, no_audio_env, tmp_path):
    need(corpus.available(), "pocketsphinx-testdata")
    _, recordings = isolated_user_dirs
    clip = corpus.librivox_clips()[3]  # 18 words
    result = run_cli(["practice", "-n", "1", "-q", "ow-01", "--answer-file", str(clip.path), "--realtime"], env=no_audio_env)
    assert result.returncode == 0, result.stderr
    [record] = saved_answers(recordings)
    assert record["source"] == f"file:{clip.path}" and record["stop_reason"] == "end-of-input"
    assert corpus.word_error_rate(clip.text, record["transcript"]["text"]) <= 0.2


def test_play_an_answer_into_the_virtual_speaker(pulse_server, isolated_user_dirs, tmp_path):
    need(corpus.available(), "pocketsphinx-testdata")
    env = pulse_env(pulse_server)
    clip = corpus.librivox_clips()[3]
    made = run_cli(["practice", "-n", "1", "-q", "ow-01", "--answer-file", str(clip.path)], env=env)
    assert made.returncode == 0, made.stderr
    heard = tmp_path / "sink.raw"
    monitor = start_monitor_capture(heard, env)
    time.sleep(0.3)
    played = run_cli(["play", "latest", "--from", "0:01"], env=env)
    time.sleep(0.3)
    monitor.send_signal(signal.SIGINT)
    monitor.wait(timeout=10)
    assert played.returncode == 0, played.stderr
    assert "Playing" in played.stdout and "from 0:01" in played.stdout
    assert loud_seconds(heard) > 2.0
    past_end = run_cli(["play", "latest", "--from", "9:00"], env=env)
    assert past_end.returncode == 2 and "past the end" in past_end.stderr


def test_an_answer_plays_back_with_its_follow_up_replies(pulse_server, tmp_path):
    """The in-round 'p' after follow-ups: the answer, a short silence, the reply, all heard on the speaker."""
    env = pulse_env(pulse_server)
    rate = 16000
    tone = 0.3 * np.sin(2 * np.pi * 440 * np.arange(int(1.5 * rate)) / rate)
    files = [corpus.write_wav(tmp_path / f"{name}.wav", tone) for name in ("answer-1", "answer-1-followup-1")]
    heard = tmp_path / "sink.raw"
    monitor = start_monitor_capture(heard, env)
    time.sleep(0.3)
    played = subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                             "from interviewer.audio.player import SoundDevicePlayer; "
                             "sys.exit(0 if SoundDevicePlayer().play_back([Path(a) for a in sys.argv[1:]], None) else 1)",
                             *map(str, files)], env=env, capture_output=True, text=True, timeout=60)
    time.sleep(0.3)
    monitor.send_signal(signal.SIGINT)
    monitor.wait(timeout=10)
    assert played.returncode == 0, played.stderr
    assert 2.6 <= loud_seconds(heard) <= 3.4  # both recordings; the silence between them is not loud


def test_play_without_a_speaker_says_where_the_file_is(no_audio_env, isolated_user_dirs):
    need(corpus.available(), "pocketsphinx-testdata")
    clip = corpus.librivox_clips()[0]
    assert run_cli(["practice", "-n", "1", "-q", "ow-01", "--answer-file", str(clip.path)], env=no_audio_env).returncode == 0
    result = run_cli(["play", "latest"], env=no_audio_env)
    assert result.returncode == 3
    assert "No speaker found" in result.stderr and "answer-1.wav" in result.stderr
    assert "Playing" not in result.stdout  # nothing is announced that will not be heard
    [wav] = isolated_user_dirs[1].rglob("answer-1.wav")
    wav.write_bytes(b"RIFF\x00\x00")  # a recording cut short by a broken disk
    broken = run_cli(["play", "latest"], env=no_audio_env)
    assert broken.returncode == 4 and "cannot read the recording" in broken.stderr
    assert len(broken.stderr.strip().splitlines()) == 1


def test_an_answer_the_time_cap_cut_is_told_what_it_cut_off(isolated_user_dirs, no_audio_env):
    # The demo answer's first 20 s hold its Situation and Task; cut there by --max-seconds, it was told "You
    # never said what the result was" and "I didn't hear what you did", as if it had left them out.
    _, recordings = isolated_user_dirs
    demo = Path(__file__).resolve().parents[1] / "interviewer" / "assets" / "demo-answer.ogg"
    result = run_cli(["practice", "-n", "1", "-q", "ow-01", "--answer-file", str(demo), "--target", "0:30",
                      "--max-seconds", "20"], env=no_audio_env)
    assert result.returncode == 0, result.stderr
    [record] = saved_answers(recordings)
    assert record["stop_reason"] == "cap" and record["duration_s"] == pytest.approx(20.0, abs=0.1)
    first = record["score"]["feedback"][0]
    assert first.startswith("The 0:20 time cap stopped you before the Action and the Result;"), record["score"]["feedback"]
    assert "the time cap" in result.stdout and "never said what the result was" not in result.stdout


def test_a_round_of_several_questions_ends_with_its_answers_side_by_side(isolated_user_dirs, no_audio_env):
    """After three questions the last feedback was all the round showed; the round now ends with its answers
    listed as 'history' lists them (length against the target, the STAR parts told). One question: no list."""
    need(corpus.available(), "pocketsphinx-testdata")
    _, recordings = isolated_user_dirs
    clip = str(corpus.librivox_clips()[0].path)  # 7 s of speech (the 65 s demo took three times as long)
    two = run_cli(["practice", "-n", "2", "-q", "ow-01", "-q", "co-01", "--answer-file", clip],
                  env=no_audio_env)
    assert two.returncode == 0, two.stderr
    recap = two.stdout.split("This round", 1)[1]
    session = json.loads(next(recordings.glob("*/session.json")).read_text())["id"]
    rows = [line for line in recap.splitlines() if line.strip().startswith(session)]
    assert [row.split()[0] for row in rows] == [f"{session}-1", f"{session}-2"]
    assert all("0:07/2:00" in row and "STAR" in row for row in rows), rows
    assert f"'interviewer review {session}' shows the round in full" in " ".join(recap.split())
    one = run_cli(["practice", "-n", "1", "-q", "ow-01", "--answer-file", clip], env=no_audio_env)
    assert one.returncode == 0 and "This round" not in one.stdout
