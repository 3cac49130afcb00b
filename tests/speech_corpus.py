"""Real human speech with reference text, from Debian packages (installed by scripts/setup-system.sh):

- ``asterisk-core-sounds-en-wav``: prompts read by a voice actor (8 kHz), text in core-sounds-en.txt.gz;
- ``pocketsphinx-testdata``: LibriVox "Sense and Sensibility" clips (16 kHz) with a transcription file.

Used by the real-path tests and by the benchmarks.
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ASTERISK_DIR = Path("/usr/share/asterisk/sounds/en")
ASTERISK_TEXT = Path("/usr/share/doc/asterisk-core-sounds-en/core-sounds-en.txt.gz")
LIBRIVOX_DIR = Path("/usr/share/pocketsphinx/test/data/librivox")


@dataclass
class Clip:
    path: Path
    text: str


def available() -> bool:
    return ASTERISK_DIR.is_dir() and ASTERISK_TEXT.is_file() and LIBRIVOX_DIR.is_dir()


def asterisk_prompts(min_words: int = 6) -> list[Clip]:
    """Prompts of plain spoken English (no tones, no spelled digits), in a stable order."""
    clips = []
    for line in gzip.open(ASTERISK_TEXT, "rt", encoding="utf-8", errors="replace"):
        if ":" not in line or line.startswith(";"):
            continue
        name, text = line.split(":", 1)
        text = text.strip()
        if "[" in text or "<" in text or re.search(r"\d", text) or len(text.split()) < min_words:
            continue
        path = ASTERISK_DIR / f"{name.strip()}.wav"
        if path.is_file():
            clips.append(Clip(path, text))
    return clips


def librivox_clips() -> list[Clip]:
    clips = []
    for line in (LIBRIVOX_DIR / "transcription").read_text().splitlines():
        m = re.match(r"<s>(.*)</s>\s*\((.*)\)", line.strip())
        if m:
            clips.append(Clip(LIBRIVOX_DIR / f"{m.group(2)}.wav", m.group(1).strip()))
    return clips


def joined_answers(seconds: float, pause_s: Callable[[], float] = lambda: 0.6, sample_rate: int = 16000):
    """The asterisk prompts, in order, joined into answers of about ``seconds`` of speech (the last one
    shorter), each prompt followed by a pause of ``pause_s()`` seconds: (samples, reference text) each."""
    import numpy as np

    from interviewer.audio.files import read_audio

    pieces, texts, total = [], [], 0.0
    prompts = asterisk_prompts()
    for index, clip in enumerate(prompts):
        audio = read_audio(clip.path, sample_rate)
        gap_s = pause_s()
        pieces += [audio, np.zeros(int(gap_s * sample_rate), dtype=np.float32)]
        texts.append(clip.text)
        total += len(audio) / sample_rate + gap_s
        if total >= seconds or index == len(prompts) - 1:
            yield np.concatenate(pieces), " ".join(texts)
            pieces, texts, total = [], [], 0.0


def joined_answer(seconds: float, gap_s: float = 0.6, sample_rate: int = 16000):
    """Asterisk prompts joined with short pauses into about ``seconds`` of speech: (samples, reference
    text)."""
    return next(joined_answers(seconds, lambda: gap_s, sample_rate))


def write_wav(path: Path, samples, sample_rate: int = 16000) -> Path:
    import wave

    import numpy as np

    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(sample_rate)
        w.writeframes((np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes())
    return path


DIGITS = {word: str(n) for n, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}


def normalised(text: str) -> str:
    """Words to compare: lower case, no punctuation, numbers as digits (Whisper writes "press 3" one time and
    "press three" the next: the same words)."""
    text = text.lower().replace("%", " percent")
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return " ".join(DIGITS.get(word, word) for word in text.split())


def word_error_rate(reference: str, hypothesis: str) -> float:
    """WER after ``normalised``."""
    import jiwer

    return jiwer.wer(normalised(reference), normalised(hypothesis))
