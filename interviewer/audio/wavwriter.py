"""A WAV writer that keeps the file playable while it grows.

The standard library's ``wave`` writer re-writes the header's sizes after every ``writeframes`` call; we
push each write to the operating system at once and ``fsync`` about once a second. A crash, Ctrl-C or
``kill -9`` mid-answer therefore leaves a valid WAV holding everything up to the last write (a power cut:
up to the last second). The file is created exclusively, so an existing recording is never overwritten.
"""

from __future__ import annotations

import os
import time
import wave
from pathlib import Path
from typing import Any, BinaryIO

SYNC_INTERVAL_S = 1.0  # fsync at most this often


def float_to_pcm16(samples: Any) -> bytes:
    import numpy as np

    clipped = np.clip(np.asarray(samples, dtype=np.float32), -1.0, 1.0)
    return (clipped * 32767.0).astype("<i2").tobytes()


class CrashSafeWavWriter:
    def __init__(self, path: Path, sample_rate: int, *, file: BinaryIO | None = None, sync_interval_s: float = SYNC_INTERVAL_S):
        self.path = Path(path)
        self.sample_rate = sample_rate
        self.frames_written = 0
        self._file = file if file is not None else open(self.path, "xb")  # noqa: SIM115 - closed in close()
        self._wav = wave.open(self._file, "wb")
        self._wav.setnchannels(1)
        self._wav.setsampwidth(2)
        self._wav.setframerate(sample_rate)
        self._wav.writeframes(b"")  # header now, so even an empty answer is a valid file
        self._file.flush()
        self._sync_interval_s = sync_interval_s
        self._last_sync = time.monotonic()
        self._closed = False

    def write(self, samples: Any) -> None:
        data = float_to_pcm16(samples)
        if not data:
            return
        self._wav.writeframes(data)  # also patches the header sizes
        self._file.flush()
        self.frames_written += len(data) // 2
        now = time.monotonic()
        if now - self._last_sync >= self._sync_interval_s:
            self._sync()
            self._last_sync = now

    def _sync(self) -> None:
        try:
            os.fsync(self._file.fileno())
        except (OSError, AttributeError, ValueError):
            pass  # not a real file (tests) or not syncable: the data is still with the OS

    @property
    def seconds(self) -> float:
        return self.frames_written / self.sample_rate

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        try:
            self._wav.close()  # final header patch
            self._file.flush()
            self._sync()
        except (OSError, ValueError):
            # The disk is full: the header patched at the last good write stays. Detach the file so
            # wave's destructor does not try to write to it again later.
            self._wav._file = None
            raise
        finally:
            self._file.close()
