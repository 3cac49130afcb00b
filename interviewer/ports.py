"""The interfaces the core talks to. Adapters implement them with real devices and models
(``audio``, ``transcribe``, ``store``, ``ui``); tests implement them with fakes (``tests/fakes.py``).

Audio crosses these interfaces as float32 mono numpy arrays, but the core never imports numpy: it only
passes the arrays from a source to sinks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from interviewer.models import AnswerRecord, AnswerScore, Question, SessionRecord, Transcript


@dataclass
class AudioBlock:
    """A run of samples from an audio input."""

    samples: Any  # float32 mono numpy array at the input's sample rate
    start_s: float  # time of its first sample, from the start of the answer
    duration_s: float
    level_db: float  # RMS level, dBFS (about -90 for digital silence, 0 for full scale)
    backlog: bool = False  # more blocks were already waiting: the reader has fallen behind the input

    @property
    def end_s(self) -> float:
        return self.start_s + self.duration_s


class Speaker(Protocol):
    """The interviewer's voice."""

    description: str
    silent_reason: str | None  # why say() returned False (e.g. no output device), if it did

    def say(self, text: str) -> bool:
        """Speak and wait until done. False when there is no output device (text-only); never raises for that."""

    def render(self, text: str, path: Path) -> Path:
        """Write the spoken text to an audio file and return its path."""


class AudioInput(Protocol):
    """A microphone, or a recording played through the same pipeline."""

    sample_rate: int
    description: str
    live: bool  # True for a microphone: Enter ends the answer and the meter is shown

    def open(self) -> AbstractContextManager[Iterator[AudioBlock | None]]:
        """Blocks as they arrive; ``None`` now and then when nothing arrived (so the caller can check keys)."""


class AudioSink(Protocol):
    """Where an answer's audio is written while it is recorded."""

    path: Path
    frames_written: int

    def write(self, samples: Any) -> None: ...

    def close(self) -> None: ...


class TranscriptionStream(Protocol):
    """One answer being transcribed: fed audio while it is recorded, finished when it ends."""

    def feed(self, samples: Any) -> None: ...

    def finish(self) -> Transcript:
        """Transcribe what is left and return the whole transcript (word times from the start)."""

    def abort(self) -> None: ...


class Transcriber(Protocol):
    name: str  # model description saved with each answer, e.g. "faster-whisper tiny.en int8"

    def stream(self, sample_rate: int) -> TranscriptionStream: ...

    def preload(self) -> None:
        """Start loading the model in the background, so the first answer does not wait for it."""


class AnswerPlayer(Protocol):
    """Plays a recorded answer back to the candidate."""

    unavailable: str | None  # why nothing could be played, once known

    def play_back(self, paths: Sequence[Path], stop: StopKey | None) -> bool:
        """Play the recordings one after another and return when they end or ``stop`` is pressed. False when
        there is no speaker."""


class StopKey(Protocol):
    """The key that ends an answer (Enter)."""

    def arm(self) -> None:
        """Start listening for this answer."""

    def pressed(self) -> bool: ...

    def disarm(self) -> None: ...


class Clock(Protocol):
    def monotonic(self) -> float: ...

    def now(self) -> datetime:
        """Wall-clock time, timezone-aware."""


class Store(Protocol):
    root: Path

    def create_session(self, kind: str, settings: dict[str, Any], started_at: datetime) -> SessionRecord: ...

    def session_dir(self, session: SessionRecord) -> Path: ...

    def open_answer_audio(self, session: SessionRecord, stem: str, sample_rate: int) -> AudioSink:
        """Create a new audio file in the session folder (never an existing one) and return its writer."""

    def save_answer(self, record: AnswerRecord) -> None: ...

    def save_session(self, session: SessionRecord) -> None: ...

    def times_answered(self) -> dict[str, int]:
        """How often each question id has been answered, for choosing what to practise next."""


class RoundView(Protocol):
    """What the candidate sees during a round."""

    def show_question(self, number: int, total: int, question: Question, principle: str, prompt: str,
                      again: bool = False) -> None:
        """``again``: the candidate asked to answer this question once more."""

    def notice(self, message: str) -> None:
        """A one-line warning (a missing speaker, a voice that failed...)."""

    def playing_back(self, seconds: float, replies: int = 0) -> None:
        """The candidate's answer, and its ``replies`` to follow-ups, are being played back to them (Enter
        stops it)."""

    def recording_started(self, target_s: float, cap_s: float, live: bool, auto_stop_s: float | None = None) -> None:
        """``auto_stop_s``: seconds of silence that end the answer, when the candidate asked for that."""

    def recording_progress(self, elapsed_s: float, level_db: float) -> None: ...

    def recording_stopped(self, elapsed_s: float, reason: str) -> None: ...

    def show_feedback(self, record: AnswerRecord, score: AnswerScore | None) -> None: ...

    def after_answer(self, last: bool, can_repeat: bool, can_replay: bool = False) -> str:
        """After an answer of a round or a drill's attempt: "next" (also after the last one), "again" (record
        this question once more; only if ``can_repeat``), "replay" (hear the answer just given; only if
        ``can_replay``; asked again after it) or "stop" (end the round here)."""
