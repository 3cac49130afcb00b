"""Word errors of the Whisper adapter on real human speech, as `interviewer score` transcribes a recording.

- LibriVox: the five "Sense and Sensibility" clips of pocketsphinx-testdata, one at a time (read prose).
- Answers: the asterisk prompts read by a voice actor (those of six words or more, 1,491 words) joined into
  2-minute answers, with the steady 0.6 s pauses of the tests, and again with a candidate's thinking pauses
  (0.3-3 s, the same every run).

For each: the word error rate (after the tests' normalisation: case, marks, numbers as digits), its
substitutions, deletions and insertions, how many stretches of speech Whisper skipped were decoded again and
how many loops were cut (``interviewer/transcribe/whisper.py``), and the time taken against the audio's
length.
The speech comes from Debian packages (scripts/setup-system.sh installs them); no model is downloaded.

    python benchmarks/word_errors.py [--model tiny.en|base|PATH]
"""

from __future__ import annotations

import argparse
import logging
import random
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from interviewer.audio import SAMPLE_RATE  # noqa: E402
from tests import speech_corpus  # noqa: E402

ANSWER_S = 120.0
STEADY_PAUSE_S = 0.6
THINKING_PAUSES_S = (0.3, 3.0)
SEED = 7


@dataclass
class Recording:
    name: str
    samples: object  # float32 mono at SAMPLE_RATE
    text: str


@dataclass
class Tally:
    """What the adapter reported while it transcribed: stretches decoded again, loops cut."""

    redecoded: int = 0
    loops: int = 0
    messages: list[str] = field(default_factory=list)


class _Counter(logging.Handler):
    def __init__(self, tally: Tally):
        super().__init__(logging.DEBUG)
        self.tally = tally

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.startswith("decoded again"):
            self.tally.redecoded += 1
        elif message.startswith("dropped a loop"):
            self.tally.loops += 1
        else:
            return
        self.tally.messages.append(message)


def librivox() -> list[Recording]:
    from interviewer.audio.files import read_audio

    return [Recording(clip.path.stem, read_audio(clip.path, SAMPLE_RATE), clip.text)
            for clip in speech_corpus.librivox_clips()]


def answers(pauses: str) -> list[Recording]:
    """The asterisk prompts joined into answers of about ``ANSWER_S``, with steady or with thinking pauses."""
    rng = random.Random(SEED)
    pause_s = (lambda: STEADY_PAUSE_S) if pauses == "steady" else (lambda: rng.uniform(*THINKING_PAUSES_S))
    joined = speech_corpus.joined_answers(ANSWER_S, pause_s, SAMPLE_RATE)
    return [Recording(f"{pauses} {n}", samples, text) for n, (samples, text) in enumerate(joined, 1)]


def measure(name: str, recordings: list[Recording], transcriber, verbose: bool) -> None:
    import jiwer

    from interviewer.transcribe import whisper

    tally = Tally()
    counter = _Counter(tally)
    whisper.log.addHandler(counter)
    level = whisper.log.level
    whisper.log.setLevel(logging.DEBUG)
    references, heard = [], []
    audio_s = spent_s = 0.0
    try:
        for recording in recordings:
            started = time.perf_counter()
            transcript = transcriber.transcribe(recording.samples, SAMPLE_RATE)
            spent_s += time.perf_counter() - started
            audio_s += len(recording.samples) / SAMPLE_RATE
            references.append(speech_corpus.normalised(recording.text))
            heard.append(speech_corpus.normalised(" ".join(w.text for w in transcript.words)))
            if verbose:
                print(f"  {recording.name}: {jiwer.wer(references[-1], heard[-1]):.2%}")
    finally:
        whisper.log.removeHandler(counter)
        whisper.log.setLevel(level)
    out = jiwer.process_words(references, heard)
    words = sum(len(r.split()) for r in references)
    print(f"{name:34} {len(recordings):2} recordings {words:5} words  word errors {out.wer:6.2%}"
          f"  (sub {out.substitutions}, del {out.deletions}, ins {out.insertions})"
          f"  decoded again {tally.redecoded}, loops cut {tally.loops}"
          f"  {spent_s:.0f} s for {audio_s:.0f} s of audio")
    if verbose:
        for message in tally.messages:
            print(f"    {message}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="tiny.en", help="Whisper model (default: tiny.en, as the product)")
    parser.add_argument("--verbose", action="store_true",
                        help="each recording's word errors, and what was decoded again")
    args = parser.parse_args()
    if not speech_corpus.available():
        sys.exit("word_errors: the speech recordings are missing; run scripts/setup-system.sh")
    from interviewer.transcribe.whisper import WhisperTranscriber

    transcriber = WhisperTranscriber(args.model)
    transcriber.model()  # loaded before the clock starts
    print(f"Whisper {args.model}, real human speech")
    measure("LibriVox clips (read prose)", librivox(), transcriber, args.verbose)
    measure("answers, steady 0.6 s pauses", answers("steady"), transcriber, args.verbose)
    measure("answers, thinking pauses 0.3-3 s", answers("thinking"), transcriber, args.verbose)


if __name__ == "__main__":
    main()
