"""Fakes for every port, for unit tests of the core (no devices, no models)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np

from interviewer.audio.files import rms_db
from interviewer.errors import DeviceError
from interviewer.models import AnswerRecord, AnswerScore, Question, Transcript, Word
from interviewer.ports import AudioBlock

RATE = 16_000


class FakeSpeaker:
    """Records what it was asked to say; ``available=False`` behaves like a machine without a speaker."""

    description = "fake voice"

    def __init__(self, available: bool = True, fail: bool = False):
        self.available = available
        self.fail = fail
        self.said: list[str] = []
        self.rendered: list[Path] = []

    @property
    def silent_reason(self) -> str | None:
        return None if self.available else "No speaker found (fake)."

    def say(self, text: str) -> bool:
        if self.fail:
            raise DeviceError("The fake voice broke.")
        self.said.append(text)
        return self.available

    def render(self, text: str, path: Path) -> Path:
        from tests.speech_corpus import write_wav

        write_wav(Path(path), np.zeros(RATE // 10, dtype=np.float32))
        self.rendered.append(Path(path))
        return Path(path)


def tone(seconds: float, level: float = 0.1, freq: float = 220.0) -> np.ndarray:
    t = np.arange(int(seconds * RATE)) / RATE
    return (level * np.sin(2 * np.pi * freq * t)).astype(np.float32)


def silence(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * RATE), dtype=np.float32)


class FakeMicrophone:
    """Streams given samples in 20 ms blocks; optionally fails or raises Ctrl-C after some seconds."""

    sample_rate = RATE
    description = "fake microphone"

    def __init__(self, samples: np.ndarray, *, live: bool = True, block_s: float = 0.02,
                 interrupt_at: float | None = None, fail_at: float | None = None, idle_after: bool = False,
                 behind_until: float | None = None):
        self.samples = samples
        self.live = live
        self.block = int(block_s * RATE)
        self.interrupt_at = interrupt_at
        self.fail_at = fail_at
        self.idle_after = idle_after  # keep yielding heartbeats after the samples (a silent live mic)
        self.behind_until = behind_until  # blocks before this were already queued when handed over
        self.opened = 0

    @contextmanager
    def open(self) -> Iterator[Iterator[AudioBlock | None]]:
        self.opened += 1
        yield self._blocks()

    def _blocks(self) -> Iterator[AudioBlock | None]:
        for offset in range(0, len(self.samples), self.block):
            start = offset / RATE
            if self.interrupt_at is not None and start >= self.interrupt_at:
                raise KeyboardInterrupt
            if self.fail_at is not None and start >= self.fail_at:
                raise DeviceError("The microphone stopped sending audio (fake).")
            chunk = self.samples[offset : offset + self.block]
            behind = self.behind_until is not None and start + len(chunk) / RATE < self.behind_until
            yield AudioBlock(chunk, start, len(chunk) / RATE, rms_db(chunk), backlog=behind)
        while self.idle_after:
            yield None


class FakeTranscriber:
    """Returns canned transcripts in order (an exception among them is raised instead, as a Ctrl-C during
    the decoding would be); records how much audio each stream was fed."""

    name = "fake-whisper"

    def __init__(self, transcripts: list[Transcript] | None = None):
        self.transcripts = list(transcripts or [])
        self.fed_samples: list[int] = []
        self.preloaded = 0
        self.load_error: BaseException | None = None  # raised by stream(), as a model that failed to load

    def preload(self) -> None:
        self.preloaded += 1

    def stream(self, sample_rate: int):
        if self.load_error:
            raise self.load_error
        transcriber = self

        class Stream:
            def __init__(self):
                self.samples = 0
                self.aborted = False

            def feed(self, samples):
                self.samples += len(samples)

            def finish(self) -> Transcript:
                transcriber.fed_samples.append(self.samples)
                if transcriber.transcripts:
                    canned = transcriber.transcripts.pop(0)
                    if isinstance(canned, BaseException):
                        raise canned
                    return canned
                return Transcript(words=[], text="", duration_s=self.samples / RATE, model="fake")

            def abort(self):
                self.aborted = True

        return Stream()


class FakeAnswerPlayer:
    """Plays an answer back: remembers which files, with which stop key; ``available=False`` is no speaker."""

    def __init__(self, available: bool = True):
        self.played: list[tuple[Path, object]] = []
        self.unavailable = None
        self._available = available

    def play_back(self, paths, stop) -> bool:
        if not self._available:
            self.unavailable = "No speaker found: PortAudio lists no output device."
            return False
        self.played.append(([Path(p) for p in paths], stop))
        return True


class ManualClock:
    def __init__(self):
        self.t = 0.0
        self.start = datetime(2026, 11, 22, 9, 30, 0, tzinfo=timezone.utc)

    def monotonic(self) -> float:
        self.t += 0.01
        return self.t

    def now(self) -> datetime:
        return self.start + timedelta(seconds=self.t)


class PressAfter:
    """A StopKey pressed on the n-th poll after arming (None: never)."""

    def __init__(self, polls: int | None):
        self.polls = polls
        self.count = 0
        self.armed = 0

    def arm(self):
        self.armed += 1
        self.count = 0

    def pressed(self) -> bool:
        self.count += 1
        return self.polls is not None and self.count >= self.polls

    def disarm(self):
        pass


@dataclass
class RecordingView:
    events: list[tuple] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    continue_after: bool = True
    steps: list[str] = field(default_factory=list)  # what the candidate chooses after each answer, in order

    def show_question(self, number, total, question: Question, principle, prompt, again=False):
        self.events.append(("question", number, prompt) + (("again",) if again else ()))

    def notice(self, message):
        self.notices.append(message)

    def playing_back(self, seconds, replies=0):
        self.events.append(("playing", seconds) + ((replies,) if replies else ()))

    def recording_started(self, target_s, cap_s, live, auto_stop_s=None):
        self.events.append(("started", target_s, cap_s, live))

    def recording_progress(self, elapsed_s, level_db):
        pass

    def recording_stopped(self, elapsed_s, reason):
        self.events.append(("stopped", round(elapsed_s, 2), reason))

    def show_feedback(self, record: AnswerRecord, score: AnswerScore | None):
        self.events.append(("feedback", record.id, score is not None))

    def after_answer(self, last, can_repeat, can_replay=False):
        self.events.append(("after", last, can_repeat) + (("replay",) if can_replay else ()))
        if self.steps:
            return self.steps.pop(0)
        return "next" if self.continue_after or last else "stop"


def timed_words(text: str, start: float = 1.0, per_word: float = 0.4, gaps: dict[int, float] | None = None) -> list[Word]:
    """Words with regular timings; ``gaps`` adds silence before the word at that index."""
    words, t = [], start
    for i, token in enumerate(text.split()):
        t += (gaps or {}).get(i, 0.0)
        words.append(Word(token, round(t, 3), round(t + per_word * 0.8, 3), 0.9))
        t += per_word
    return words


def transcript_of(text: str, **kwargs) -> Transcript:
    words = timed_words(text, **kwargs)
    return Transcript(words=words, text=text, duration_s=(words[-1].end + 0.5) if words else 0.0, model="fake")
