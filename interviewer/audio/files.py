"""Reading audio files (wav, flac, mp3, ogg, ...) as 16 kHz mono float32, and feeding them through the
answer pipeline as if they came from a microphone."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from interviewer.audio import SAMPLE_RATE
from interviewer.errors import AudioFileError
from interviewer.ports import AudioBlock

AUDIO_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg", ".oga", ".opus", ".m4a", ".aac", ".webm", ".wma", ".aiff", ".aif")


def rms_db(samples: Any) -> float:
    """RMS level in dBFS; -100 for silence."""
    import numpy as np

    if len(samples) == 0:
        return -100.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20.0 * math.log10(rms) if rms > 1e-5 else -100.0


def write_opus(destination: Any, samples: Any, rate: int, bit_rate: int) -> None:
    """Mono float samples as Ogg Opus, to a path or a binary file object (PyAV, as ``read_audio``)."""
    import av
    import numpy as np

    with av.open(destination if not isinstance(destination, Path) else str(destination), "w",
                 format="ogg") as container:
        stream = container.add_stream("libopus", rate=rate)
        stream.bit_rate = bit_rate
        stream.layout = "mono"
        pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype(np.int16)[None, :]
        frame = av.AudioFrame.from_ndarray(pcm, format="s16", layout="mono")
        frame.sample_rate = rate
        for packet in [*stream.encode(frame), *stream.encode(None)]:
            container.mux(packet)


def read_audio(path: Path, sample_rate: int = SAMPLE_RATE) -> Any:
    """Decode any audio file to mono float32 at ``sample_rate`` (PyAV, which faster-whisper ships with)."""
    path = Path(path)
    if not path.exists():
        raise AudioFileError(f"{path}: no such file.")
    if path.is_dir():
        raise AudioFileError(f"{path}: is a folder, not an audio file.")
    if path.stat().st_size == 0:
        raise AudioFileError(f"{path}: the file is empty (0 bytes). Record the answer again.")
    try:
        from faster_whisper.audio import decode_audio

        samples = decode_audio(str(path), sampling_rate=sample_rate)
    except Exception as exc:  # PyAV raises many types for bad input
        reason = str(exc).split("\n")[0][:120]
        raise AudioFileError(
            f"{path}: cannot decode it as audio ({type(exc).__name__}: {reason}). "
            "Check that it is a complete wav, flac, mp3 or ogg file."
        ) from exc
    if len(samples) == 0:
        raise AudioFileError(f"{path}: holds no audio samples. Record the answer again.")
    return samples


class FileAudioInput:
    """Plays a recording through the answer pipeline: fast by default, or paced like a live microphone."""

    live = False

    def __init__(self, path: Path, *, realtime: bool = False, sample_rate: int = SAMPLE_RATE):
        self.path = Path(path)
        self.sample_rate = sample_rate
        self.realtime = realtime
        self.description = f"file {self.path.name}"
        self.samples = read_audio(self.path, sample_rate)  # fail before the question is asked

    @property
    def duration_s(self) -> float:
        return len(self.samples) / self.sample_rate

    @contextmanager
    def open(self) -> Iterator[Iterator[AudioBlock | None]]:
        yield self._blocks()

    def _blocks(self) -> Iterator[AudioBlock | None]:
        block = int(self.sample_rate * (0.05 if self.realtime else 0.5))
        started = time.monotonic()
        for offset in range(0, len(self.samples), block):
            chunk = self.samples[offset : offset + block]
            start_s = offset / self.sample_rate
            if self.realtime:
                delay = started + start_s + len(chunk) / self.sample_rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            yield AudioBlock(chunk, start_s, len(chunk) / self.sample_rate, rms_db(chunk))
