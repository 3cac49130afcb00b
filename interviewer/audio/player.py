"""Playing audio through sounddevice. A missing output device is reported once; after that playing is a
no-op that returns False, so a round goes on with text only."""

from __future__ import annotations

import logging
import time
import wave
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from interviewer.audio.devices import resolve_device, sounddevice
from interviewer.errors import DeviceError
from interviewer.ports import StopKey

log = logging.getLogger(__name__)

REPLY_GAP_S = 0.8  # silence between an answer and each follow-up reply played after it


def read_wav(path: Path) -> tuple[Any, int]:
    """16-bit PCM WAV → (float32 mono samples, sample rate), with the standard library."""
    import numpy as np

    with wave.open(str(path)) as w:
        rate, channels, width = w.getframerate(), w.getnchannels(), w.getsampwidth()
        frames = w.readframes(w.getnframes())
    if width != 2:
        raise ValueError(f"{path}: expected 16-bit PCM, got {8 * width}-bit")
    data = np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return data, rate


class SoundDevicePlayer:
    def __init__(self, device: str | int | None = None):
        self.device_spec = device
        self._device: int | None = None
        self.unavailable: str | None = None  # why nothing can be played, once known

    def _resolve(self) -> int | None:
        if self.unavailable is None and self._device is None:
            try:
                self._device = resolve_device(self.device_spec, "output")
            except DeviceError as exc:
                self.unavailable = str(exc)
        return self._device

    def check_named_device(self) -> None:
        """A device that was named and is not there raises DeviceError now, before a round starts; with none
        named, a machine without a speaker still gets its round, with the questions as text."""
        if self.device_spec not in (None, ""):
            self._device = resolve_device(self.device_spec, "output")

    def available(self) -> bool:
        self._resolve()
        return self.unavailable is None

    def play(self, samples: Any, sample_rate: int) -> bool:
        """Play and wait until done. False (and ``unavailable`` says why) when there is no speaker."""
        if not self.available():
            return False
        sd = sounddevice()
        try:
            sd.play(samples, sample_rate, device=self._device)
            sd.wait()
        except KeyboardInterrupt:
            sd.stop()
            raise
        except Exception as exc:  # PortAudioError: device vanished or refused the format
            self.unavailable = f"Cannot play audio on the speaker: {exc}"
            log.warning(self.unavailable)
            return False
        return True

    def start(self, samples: Any, sample_rate: int) -> bool:
        """Start playing and return at once (cues during an answer); False when there is no speaker."""
        if not self.available():
            return False
        sd = sounddevice()
        try:
            sd.play(samples, sample_rate, device=self._device)
        except Exception as exc:  # PortAudioError
            self.unavailable = f"Cannot play audio on the speaker: {exc}"
            return False
        return True

    def play_file(self, path: Path, start_s: float = 0.0) -> bool:
        samples, rate = read_wav(path)
        return self.play(samples[int(start_s * rate) :], rate)

    def play_back(self, paths: Sequence[Path], stop: StopKey | None, start_s: float = 0.0) -> bool:
        """Play recordings one after another (an answer, then its follow-up replies, a short silence between)
        and return when they end or ``stop`` (Enter) is pressed; False when there is no speaker. A candidate
        listening to a two-minute answer again may have heard enough after ten seconds."""
        import numpy as np

        samples, rate = read_wav(paths[0])
        pieces = [samples[int(start_s * rate) :]]
        for path in paths[1:]:
            more, more_rate = read_wav(path)
            if more_rate == rate:  # one microphone's recordings; another rate would play at the wrong pitch
                pieces += [np.zeros(int(REPLY_GAP_S * rate), dtype=np.float32), more]
        samples = np.concatenate(pieces)
        if not self.start(samples, rate):
            return False
        sd = sounddevice()
        ends = time.monotonic() + len(samples) / rate + 0.1
        if stop:
            stop.arm()
        try:
            while time.monotonic() < ends and not (stop and stop.pressed()):
                time.sleep(0.05)
        finally:
            sd.stop()
            if stop:
                stop.disarm()
        return True
