"""Sounds during a timing drill: a spoken warning before the target ("30 seconds") and a soft two-tone chime
at the target. Prepared before the answer starts, then started without blocking, so recording goes on."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Any

from interviewer.audio.player import SoundDevicePlayer, read_wav
from interviewer.drill import TIME, WARNING, warning_words

log = logging.getLogger(__name__)
CHIME_RATE = 22_050


def chime(rate: int = CHIME_RATE) -> Any:
    """Two soft tones (660 Hz then 880 Hz, 0.18 s each, faded in and out)."""
    import numpy as np

    def tone(freq: float) -> Any:
        t = np.arange(int(0.18 * rate)) / rate
        fade = np.minimum(1.0, np.minimum(t, t[::-1]) / 0.03)
        return (0.22 * np.sin(2 * np.pi * freq * t) * fade).astype(np.float32)

    return np.concatenate([tone(660), np.zeros(int(0.05 * rate), np.float32), tone(880)])


class SoundCuePlayer:
    def __init__(self, player: SoundDevicePlayer, speaker, target_s: float, cache_dir: Path | None = None):
        self.player = player
        self.speaker = speaker
        self.target_s = target_s
        self.cache_dir = cache_dir or Path(tempfile.gettempdir()) / "interviewer-cues"
        self._sounds: dict[str, tuple[Any, int]] = {}
        self._words: dict[str, str] = {}  # what a spoken cue says, to be taken out of the transcript if heard
        self.played: list[str] = []

    def prepare(self, kinds) -> None:
        for kind in kinds:
            if kind in self._sounds:
                continue
            if kind == TIME:
                self._sounds[kind] = (chime(), CHIME_RATE)
            elif kind == WARNING:
                text = warning_words(self.target_s)
                try:
                    path = self.speaker.render(text, self.cache_dir / f"warning-{text.replace(' ', '-')}.wav")
                    self._sounds[kind] = read_wav(path)
                    self._words[kind] = text
                except Exception as exc:  # noqa: BLE001 - no voice: the chime alone will do
                    log.info("spoken warning unavailable (%s); using the chime", exc)
                    self._sounds[kind] = (chime(), CHIME_RATE)

    def said(self, kind: str) -> str | None:
        return self._words.get(kind)

    def cue(self, kind: str) -> None:
        sound = self._sounds.get(kind)
        if sound is None:
            return
        self.played.append(kind)
        self.player.start(*sound)
