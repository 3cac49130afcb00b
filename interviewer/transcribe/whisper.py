"""faster-whisper, loaded once per process and only when first needed, transcribing while the candidate
speaks.

Streaming works on chunks: once enough audio has arrived (``MIN_CHUNK_S``) and the worker is free, the
audio is cut at the quietest 200 ms near its end and handed to a worker thread; the next chunk is prompted
with the tail of the text so far. Whisper pads every chunk to a 30 s window, so the wait after the
candidate stops is mostly the last chunk's: keeping chunks short while the worker keeps up keeps that
wait near a second (benchmarks/latency.py measures it).
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import re
import threading
import time
import weakref
from dataclasses import dataclass
from typing import Any

from interviewer.audio import SAMPLE_RATE
from interviewer.errors import TranscriptionError
from interviewer.models import Transcript, Word
from interviewer.transcribe import FILLER_PROMPT
from interviewer.transcribe.models import ModelLocation, resolve_model

log = logging.getLogger(__name__)

MIN_CHUNK_S = 6.0  # cut a chunk once this much audio waits and the worker is idle
MAX_CHUNK_S = 25.0  # cut anyway by now (Whisper's window is 30 s)
CUT_SEARCH_S = 2.5  # look for the quietest spot within this much of the end of the pending audio
CHECK_EVERY_S = 0.25  # look for a pause at most this often (each look scans the pending audio)
FRAME_S = 0.02
QUIET_WINDOW_S = 0.2
SILENT_CHUNK_DB = -50.0  # a chunk whose loudest 20 ms frame is below this is not transcribed
PROMPT_TAIL_WORDS = 24  # words of previous text given as context
PAUSE_BELOW_SPEECH_DB = 20.0  # a pause is at least this much quieter than the speech around it
STEADY_NOISE_DB = 3.0  # a chunk whose level varies less than this holds no speech (speech at 0 dB SNR: 6 dB)
UNSURE_P = 0.2  # word probability under which a word over silence is taken as invented
VOICE_MARGIN_S = 0.1  # Whisper's word times are this loose
MIN_WORD_S = 0.06  # never shrink a word below this
INVENTED_SENTENCE_S = 0.35  # an unsure sentence of a few words shorter than this was not said
SAID_WORD_MIN_S = 0.1  # a sentence faster than this per word was not said
INVENTED_WORDS_MAX = 12  # "This is the first time I've been working on this." in 0.06 s, in a pause
SKIPPED_SPEECH_S = 1.5  # this much speech with no word on it was skipped by Whisper: it is decoded again
LONGEST_WORD_S = 2.0  # a word stretched over more speech than this stands for words Whisper skipped
REPEAT_WITHIN_S = 0.5  # a word decoded again this close to the same word kept beside it is that word
REDECODE_ROUNDS = 3  # at most this many rounds of decoding skipped speech again in one chunk
REPEATED_RUN = 3  # this many words after a stretch, the same as its first words decoded again, were mistimed
LOOP_TIMES = 3  # a phrase said this many times running, too fast to be said, is Whisper looping
LOOP_LONGEST = 8  # words in the longest phrase looked for


def _frame_db(samples: Any, rate: int) -> Any:
    import numpy as np

    n = int(rate * FRAME_S)
    frames = len(samples) // n
    if frames == 0:
        return np.array([-100.0])
    block = np.asarray(samples[: frames * n], dtype=np.float32).reshape(frames, n)
    rms = np.sqrt(np.mean(block.astype(np.float64) ** 2, axis=1))
    return 20 * np.log10(np.maximum(rms, 1e-5))


def _voiced(db: Any) -> Any:
    """Frames with voice: within ``PAUSE_BELOW_SPEECH_DB`` of the speech level (the 90th percentile), and not
    near-silence."""
    import numpy as np

    return db > max(float(np.percentile(db, 90)) - PAUSE_BELOW_SPEECH_DB, SILENT_CHUNK_DB)


def quietest_cut(samples: Any, rate: int, search_s: float, *, need_pause: bool = True) -> int | None:
    """Sample index in the middle of the quietest 200 ms within the last ``search_s`` seconds.

    With ``need_pause``, only a real pause counts (``PAUSE_BELOW_SPEECH_DB`` under the speech level of
    ``samples``, or digital near-silence); otherwise None, and the caller waits for more audio: a cut inside
    a word makes Whisper drop or invent words at the chunk's edge.
    """
    import numpy as np

    start = max(0, len(samples) - int(search_s * rate))
    db = _frame_db(samples[start:], rate)
    width = max(1, int(QUIET_WINDOW_S / FRAME_S))
    if len(db) <= width:
        return None if need_pause else len(samples)
    energy = np.convolve(10 ** (db / 10), np.ones(width) / width, mode="valid")
    best = int(np.argmin(energy))
    if need_pause:
        speech_db = float(np.percentile(_frame_db(samples, rate), 90))
        quiet_db = 10 * np.log10(max(float(energy[best]), 1e-10))
        if quiet_db > min(speech_db - PAUSE_BELOW_SPEECH_DB, -25.0) and quiet_db > SILENT_CHUNK_DB:
            return None
    return start + int((best + width / 2) * FRAME_S * rate)


def drop_unvoiced(words: list[Word], samples: Any, offset_s: float, rate: int = SAMPLE_RATE) -> list[Word]:
    """Remove words Whisper invented over silence (the classic "Thank you." at the end of a chunk).

    A word is dropped when it is unsure (probability < ``UNSURE_P``) and lies over silence: after the
    chunk's last speech, before its first, or with no speech energy under its own span. Words right after
    a dropped one that are also over silence go with it ("Thank" is unsure, the "you." after it is not).
    A chunk of steady noise (its 20 ms frames within ``STEADY_NOISE_DB`` of each other, 10th to 90th
    percentile) holds no speech, and all its words go.
    """
    import numpy as np

    if not words:
        return words
    db = _frame_db(samples, rate)
    speech_db = float(np.percentile(db, 90))
    if speech_db - float(np.percentile(db, 10)) < STEADY_NOISE_DB:
        return []  # a fan or hiss and nothing else: Whisper invents words over it ("Yeah.")
    voiced = _voiced(db)
    if not voiced.any():
        return []
    speech_start = offset_s + int(np.argmax(voiced)) * FRAME_S
    speech_end = offset_s + (len(voiced) - int(np.argmax(voiced[::-1]))) * FRAME_S
    kept: list[Word] = []
    dropping = False
    for w in words:
        first = max(0, int((w.start - offset_s) / FRAME_S))
        last = min(len(voiced), int((max(w.end, w.start + 0.1) - offset_s) / FRAME_S) + 1)
        silent = (
            w.start >= speech_end - VOICE_MARGIN_S
            or w.end <= speech_start + VOICE_MARGIN_S
            or not voiced[first:last].any()
        )
        if silent and (dropping or (w.probability is not None and w.probability < UNSURE_P)):
            dropping = True
            log.debug("dropped a word over silence: %r at %.2f s", w.text, w.start)
            continue
        dropping = False
        kept.append(_snap_to_voice(w, voiced, offset_s))
    return kept


def skipped_speech(
    words: list[Word], samples: Any, offset_s: float, rate: int = SAMPLE_RATE
) -> list[tuple[float, float, int, int]]:
    """Stretches of speech that Whisper gave no words: (start s, end s, first, last), where
    ``words[first:last]`` are the words the stretch replaces (none for a gap between words, the one stretched
    word otherwise). A gap holds speech when at least ``SKIPPED_SPEECH_S`` of its 20 ms frames are voiced, as
    ``_voiced`` counts them; pauses, breaths and a short "um" Whisper left out are less."""
    import numpy as np

    if len(samples) == 0:
        return []
    db = _frame_db(samples, rate)
    voiced = _voiced(db)

    def speech_s(start: float, end: float) -> float:
        first = max(0, int((start - offset_s) / FRAME_S))
        last = min(len(voiced), int((end - offset_s) / FRAME_S))
        return float(np.count_nonzero(voiced[first:last])) * FRAME_S if last > first else 0.0

    end_s = offset_s + len(samples) / rate
    holes: list[tuple[float, float, int, int]] = []
    cursor = offset_s
    for i, word in enumerate(words + [Word("", end_s, end_s)]):
        if speech_s(cursor, word.start) >= SKIPPED_SPEECH_S:
            holes.append((cursor, word.start, i, i))
        stretched = i < len(words) and word.end - word.start > LONGEST_WORD_S
        if stretched and speech_s(word.start, word.end) >= max(SKIPPED_SPEECH_S, LONGEST_WORD_S):
            following = words[i + 1].start if i + 1 < len(words) else end_s
            holes.append((word.start, following, i, i + 1))
        cursor = max(cursor, word.end)
    return holes


def _bare(word: Word) -> str:
    """A word as said, for comparing: "Data," and "data" are one word."""
    return re.sub(r"\W", "", word.text.lower())


def _same_word(a: Word, b: Word) -> bool:
    return _bare(a) == _bare(b)


def _without_neighbours(found: list[Word], before: list[Word], after: list[Word]) -> list[Word]:
    """Words decoded again for a skipped stretch, less a first or last one that repeats the word kept just
    before or after it (the stretch's edges follow Whisper's loose word times)."""
    if found and before and _same_word(found[0], before[0]):
        found = found[1:] if found[0].start - before[0].end < REPEAT_WITHIN_S else found
    if found and after and _same_word(found[-1], after[0]):
        found = found[:-1] if after[0].start - found[-1].end < REPEAT_WITHIN_S else found
    return found


def _mistimed_repeat(found: list[Word], after: list[Word]) -> int:
    """How many of the words after a stretch repeat the first words decoded for it (0 under ``REPEATED_RUN``):
    Whisper had timed the chunk's first sentence at its end ("Regional bank, mobile app team of eight." at
    20 s, said at 0 s)."""
    n = 0
    while n < min(len(found), len(after)) and _same_word(found[n], after[n]):
        n += 1
    return n if n >= REPEATED_RUN else 0


def drop_loops(words: list[Word]) -> list[Word]:
    """``words`` without the repeats of a phrase Whisper looped on: said ``LOOP_TIMES`` times running or more,
    faster than ``SAID_WORD_MIN_S`` a word ("… the data and analyze the data and analyze …", 111 times in
    10 s, by base; decoding a stretch again, 80 times in 12 s). The first turn stays; the speech under the
    others is then a stretch Whisper skipped, decoded again. A person repeating a word ("no, no, no") takes
    longer."""
    texts = [_bare(w) for w in words]
    kept: list[Word] = []
    i = 0
    while i < len(words):
        for size in range(1, LOOP_LONGEST + 1):
            turns = 1
            while texts[i + turns * size : i + (turns + 1) * size] == texts[i : i + size]:
                turns += 1
            repeats = words[i + size : i + turns * size]
            if turns >= LOOP_TIMES and repeats[-1].end - repeats[0].start < SAID_WORD_MIN_S * len(repeats):
                log.debug("dropped a loop: %r said %d times", " ".join(texts[i : i + size]), turns)
                kept += words[i : i + size]
                i += turns * size
                break
        else:
            kept.append(words[i])
            i += 1
    return kept


def drop_invented_sentences(words: list[Word]) -> list[Word]:
    """Remove a short sentence that Whisper invented in the pause after a sentence.

    Whisper writes "Thank you.", "Thank you for watching.", "Please.", "Sure." or "Yes." there, timed over
    the end of the word before, where ``drop_unvoiced`` cannot tell it from speech. A sentence of up to four
    words between two sentence ends was not said when it is unsure (a word under ``UNSURE_P``) and shorter
    than ``INVENTED_SENTENCE_S``, or faster than anyone speaks (``SAID_WORD_MIN_S`` a word). A longer one
    ("This is the first one.", in a pause between two bullets read aloud) must be both unsure and that fast:
    real words whose times Whisper squeezed together are sure of themselves."""
    kept: list[Word] = []
    i = 0
    while i < len(words):
        invented = _invented_sentence_at(words, i)
        if invented:
            said = " ".join(w.text for w in words[i : i + invented])
            log.debug("dropped an invented sentence: %r at %.2f s", said, words[i].start)
            i += invented
        else:
            kept.append(words[i])
            i += 1
    return kept


def _invented_sentence_at(words: list[Word], i: int) -> int:
    """How many words from ``i`` make an invented sentence (0: none)."""
    def ends(word: Word) -> bool:
        return word.text[-1:] in ".!?"

    if i == 0 or not ends(words[i - 1]):  # a chunk may start mid-sentence: its first words were said
        return 0
    for size, last in enumerate(words[i : i + INVENTED_WORDS_MAX], start=1):
        if not ends(last):
            continue
        group = words[i : i + size]
        if group[0].start is None or last.end is None:
            return 0
        lasts = last.end - group[0].start
        unsure = min(w.probability if w.probability is not None else 1.0 for w in group) < UNSURE_P
        too_fast = lasts < SAID_WORD_MIN_S * size
        if size <= 4:
            return size if (unsure and lasts < INVENTED_SENTENCE_S) or too_fast else 0
        return size if unsure and too_fast else 0
    return 0


def _snap_to_voice(word: Word, voiced: Any, offset_s: float) -> Word:
    """Trim a word's span to the voiced frames inside it: Whisper stretches words over nearby silence,
    which hides pauses and puts the first word at 0.0 s."""
    import numpy as np

    first = max(0, int((word.start - offset_s) / FRAME_S))
    last = min(len(voiced), int(np.ceil((word.end - offset_s) / FRAME_S)))
    inside = np.flatnonzero(voiced[first:last])
    if len(inside) == 0:
        return word
    start = offset_s + (first + int(inside[0])) * FRAME_S
    end = offset_s + (first + int(inside[-1]) + 1) * FRAME_S
    if end - start < MIN_WORD_S:
        return word
    return Word(word.text, round(max(word.start, start), 3), round(min(word.end, end), 3), word.probability)


def join_word_pieces(pieces: list[tuple[str, float, float, float]]) -> list[Word]:
    """Words from one segment's pieces as faster-whisper gives them (text, start, end, probability).

    A word starts with a space; a piece without one continues the word before it: Whisper splits "36%" into
    "36" + "%", "$2.5" into "$2" + ".5", "12,000" into "12" + ",000", "ill-disposed" into "ill" + "-disposed".
    Punctuation on its own (" ." or " -" where the audio had a long pause) goes to the word before it or,
    when that already ends a sentence or is a dash, is dropped: it was never said."""
    words: list[Word] = []
    for raw, start, end, probability in pieces:
        text = raw.strip()
        if not text or re.fullmatch(r"[-–—]+", text):  # a dash on its own is a pause, not a word
            continue
        bare_mark = re.fullmatch(r"[.,!?;:…]+", text) is not None
        continues = words and (not raw.startswith(" ") or bare_mark or text.startswith("-"))
        if continues:
            last = words[-1]
            if bare_mark and re.search(r"[.!?…]$", last.text):
                continue
            p = min(last.probability if last.probability is not None else 1.0, probability)
            words[-1] = Word(last.text + text, last.start, round(end, 3), round(p, 3))
        elif not bare_mark:
            words.append(Word(text, round(start, 3), round(end, 3), round(probability, 3)))
    return words


EXIT_WAIT_S = 15.0  # at most this long for a load or a decode in flight when the program exits


@dataclass
class _Chunk:
    samples: Any
    offset_s: float


class WhisperTranscriber:
    """The Transcriber port on faster-whisper."""

    def __init__(
        self,
        model: str = "tiny.en",
        *,
        compute_type: str = "int8",
        beam_size: int = 1,
        cpu_threads: int = 0,
        keep_fillers: bool = True,
    ):
        self.spec = model
        self.compute_type = compute_type
        self.beam_size = beam_size
        self.cpu_threads = cpu_threads or min(4, os.cpu_count() or 2)
        self.keep_fillers = keep_fillers
        self._location: ModelLocation | None = None
        self._model: Any = None
        self._error: BaseException | None = None
        self._loaded = threading.Event()
        self._load_lock = threading.Lock()
        self._loading = False
        self.load_seconds: float | None = None
        self._decode_lock = threading.Lock()  # one decode at a time: the threads are already all in use
        _TRANSCRIBERS.add(self)

    @property
    def location(self) -> ModelLocation:
        if self._location is None:
            self._location = resolve_model(self.spec)
        return self._location

    @property
    def name(self) -> str:
        return f"faster-whisper {self.location.name} {self.compute_type} beam {self.beam_size}"

    # Loading --------------------------------------------------------------------------------------

    def preload(self) -> None:
        with self._load_lock:
            if self._loading or self._loaded.is_set():
                return
            self._loading = True
        self.location  # noqa: B018 - resolve now so a missing model is reported at once
        threading.Thread(target=self._load, name="whisper-load", daemon=True).start()

    def _load(self) -> None:
        started = time.perf_counter()
        try:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for the network
            from faster_whisper import WhisperModel

            self._model = WhisperModel(
                str(self.location.path),  # a str: ctranslate2 rejects Path objects
                device="cpu",
                compute_type=self.compute_type,
                cpu_threads=self.cpu_threads,
                num_workers=1,
            )
        except ImportError as exc:
            self._error = TranscriptionError(f"faster-whisper is not installed ({exc}); pip install faster-whisper.")
        except Exception as exc:  # ctranslate2 raises RuntimeError/ValueError for bad folders or types
            self._error = TranscriptionError(
                f"Cannot load Whisper model {self.location.path} with compute type {self.compute_type}: "
                f"{str(exc).rstrip('.')}. Try --model tiny.en, or set compute_type in config.toml to one this CPU "
                "runs (int8, float32)."
            )
        self.load_seconds = time.perf_counter() - started
        self._loaded.set()

    def model(self) -> Any:
        self.preload()
        self._loaded.wait()
        if self._error:
            raise self._error
        return self._model

    # Transcribing ---------------------------------------------------------------------------------

    def transcribe_chunk(self, samples: Any, offset_s: float = 0.0, context: str = "") -> list[Word]:
        """Words of one chunk of at most ~30 s, with times shifted by ``offset_s``.

        Whisper now and then jumps over speech: it times its first sentence at the end of the chunk, or
        stretches one word over twenty seconds, and the words in between are lost (67 of 147 words of one
        spoken answer). The stretches it skipped (``skipped_speech``) are decoded again on their own, with the
        words before them as the prompt; decoded again, a stretch can be jumped over in part, or looped on
        (``drop_loops``), hence rounds."""
        words = self._decode(samples, offset_s, context)
        tried: set[tuple[float, float]] = set()  # a cough or a laugh gives no words however often decoded
        for _ in range(REDECODE_ROUNDS):
            holes = [hole for hole in skipped_speech(words, samples, offset_s) if hole[:2] not in tried]
            if not holes:
                break
            tried.update(hole[:2] for hole in holes)
            words = self._fill(words, holes, samples, offset_s, context)
        return words

    def _fill(
        self, words: list[Word], holes: list[tuple[float, float, int, int]], samples: Any, offset_s: float,
        context: str,
    ) -> list[Word]:
        """``words`` with each skipped stretch decoded again in its place."""
        filled: list[Word] = []
        done = 0
        for start_s, end_s, first, last in holes:
            if first < done:
                continue
            filled += words[done:first]
            before = " ".join(w.text for w in filled[-PROMPT_TAIL_WORDS:]) or context
            part = samples[int((start_s - offset_s) * SAMPLE_RATE) : int((end_s - offset_s) * SAMPLE_RATE)]
            found = self._decode(part, start_s, before)
            if not found and before:
                # The prompt is Whisper's own last words, and can be its own mistake ("… participants. And
                # we're"): led by it, Whisper gave 21 s of speech no words, twice. Without it, all 43 came.
                found = self._decode(part, start_s, "")
            log.debug("decoded again %.1f-%.1f s, skipped by Whisper: %d words", start_s, end_s, len(found))
            if not found:
                filled += words[first:last]
                done = last
                continue
            filled += _without_neighbours(found, filled[-1:], words[last : last + 1])
            # The words Whisper timed after the stretch may be its own first words put at the wrong time:
            # then they go, and the speech they covered is a stretch for the next round.
            done = last + _mistimed_repeat(found, words[last:])
        return filled + words[done:]

    def _decode(self, samples: Any, offset_s: float, context: str) -> list[Word]:
        import numpy as np

        if len(samples) == 0 or float(np.max(_frame_db(samples, SAMPLE_RATE))) < SILENT_CHUNK_DB:
            return []  # silence: Whisper would only invent words ("Thank you.")
        model = self.model()
        prompt = " ".join(filter(None, [FILLER_PROMPT if self.keep_fillers else "", context])) or None
        with self._decode_lock:
            segments, _info = model.transcribe(
                np.asarray(samples, dtype=np.float32),
                language="en",
                # Greedy only: faster-whisper's fallback samples at a higher temperature where a segment
                # repeats itself ("… followed by the pound key" three times) and, unseedable from here, gave
                # the same 20 s of speech different words on each run (the last 15 lost 1 time in 10). On
                # the test speech (640 words) greedy alone: word error 2.5% against 3.9%.
                temperature=0.0,
                beam_size=self.beam_size,
                word_timestamps=True,
                initial_prompt=prompt,
                condition_on_previous_text=False,
                vad_filter=False,
                without_timestamps=False,
            )
            words: list[Word] = []
            for segment in segments:
                if segment.no_speech_prob > 0.6 and segment.avg_logprob < -1.0:
                    continue  # Whisper's own "nothing was said here"
                words += join_word_pieces(
                    [(w.word, w.start + offset_s, w.end + offset_s, w.probability) for w in segment.words or []])
        return drop_loops(drop_invented_sentences(drop_unvoiced(words, samples, offset_s)))

    def transcribe(self, samples: Any, sample_rate: int = SAMPLE_RATE) -> Transcript:
        """A whole recording, in chunks of ``MAX_CHUNK_S`` cut at the quietest spot near their end.

        Not the live chunking: that cuts when the worker is free, so the chunks, the prompts and so the words
        would change with the machine's load; the same file must give the same transcript (with greedy
        decoding, see ``transcribe_chunk``)."""
        stream = self.stream(sample_rate, live=False)
        step = sample_rate
        for i in range(0, len(samples), step):
            stream.feed(samples[i : i + step])
        return stream.finish()

    def stream(self, sample_rate: int = SAMPLE_RATE, *, live: bool = True) -> WhisperStream:
        if sample_rate != SAMPLE_RATE:
            raise TranscriptionError(f"Whisper needs {SAMPLE_RATE} Hz audio, got {sample_rate} Hz.")
        self.preload()
        if self._loaded.is_set() and self._error:  # it failed while the question was asked: say so before the answer
            raise self._error
        return WhisperStream(self, live=live)


_TRANSCRIBERS: weakref.WeakSet[WhisperTranscriber] = weakref.WeakSet()


@atexit.register
def _let_native_work_finish() -> None:
    """At exit, wait for a model load or a decode running on a worker thread, and keep another from starting.

    Ctrl-C in the middle of an answer ends the program while a worker may be inside ctranslate2's C++ code;
    the interpreter's shutdown then stops that thread under it, and the process died with a segmentation
    fault or "terminate called without an active exception" after everything had been saved. Exit handlers
    run before that shutdown, while the worker can still finish: a chunk takes about a second. (A second
    Ctrl-C does not cut the wait short: cli.main holds it back.)"""
    busy = [t for t in list(_TRANSCRIBERS) if t._loading]  # those whose model was ever asked for
    if not busy:
        return
    deadline = time.monotonic() + EXIT_WAIT_S
    for transcriber in busy:
        transcriber._loaded.wait(max(0.0, deadline - time.monotonic()))
        # Held from here on: a worker that takes another chunk waits on it, in Python, not in the model.
        transcriber._decode_lock.acquire(timeout=max(0.0, deadline - time.monotonic()))


class WhisperStream:
    """One answer: ``feed`` while recording (cheap; cutting happens here, decoding on a worker), ``finish`` at the end."""

    def __init__(self, transcriber: WhisperTranscriber, *, live: bool = True):
        self.transcriber = transcriber
        self.live = live  # cut early whenever the worker is free (live), or only at MAX_CHUNK_S (a whole file)
        self.rate = SAMPLE_RATE
        self._pending: list[Any] = []
        self._pending_len = 0
        self._pending_start = 0  # sample index of the first pending sample
        self._checked_at = 0  # pending length at the last look for a pause
        self._jobs: queue.Queue = queue.Queue()
        self._busy = threading.Event()
        self._words: list[Word] = []
        self._error: BaseException | None = None
        self._aborted = False
        self.chunks: list[tuple[float, float, float]] = []  # (start s, length s, decode s), for benchmarks
        self._worker = threading.Thread(target=self._work, name="whisper-stream", daemon=True)
        self._worker.start()

    def _context(self) -> str:
        return " ".join(w.text for w in self._words[-PROMPT_TAIL_WORDS:])

    def _work(self) -> None:
        while True:
            chunk = self._jobs.get()
            if chunk is None:
                return
            if self._aborted or self._error:
                continue
            self._busy.set()
            started = time.perf_counter()
            try:
                self._words.extend(self.transcriber.transcribe_chunk(chunk.samples, chunk.offset_s, self._context()))
            except BaseException as exc:  # surfaced by finish()
                self._error = exc
            finally:
                self.chunks.append((chunk.offset_s, len(chunk.samples) / self.rate, time.perf_counter() - started))
                self._busy.clear()

    def _idle(self) -> bool:
        return self._jobs.empty() and not self._busy.is_set()

    def feed(self, samples: Any) -> None:
        if len(samples) == 0:
            return
        self._pending.append(samples)
        self._pending_len += len(samples)
        pending_s = self._pending_len / self.rate
        if pending_s >= MAX_CHUNK_S:
            self._cut(quietest_cut(self._audio(), self.rate, 2 * CUT_SEARCH_S, need_pause=False))
        elif (self.live and pending_s >= MIN_CHUNK_S and self._idle()
              and self._since_check_s() >= CHECK_EVERY_S):
            self._checked_at = self._pending_len
            cut = quietest_cut(self._audio(), self.rate, CUT_SEARCH_S)
            if cut is not None:
                self._cut(cut)

    def _since_check_s(self) -> float:
        return (self._pending_len - self._checked_at) / self.rate

    def _audio(self) -> Any:
        import numpy as np

        if len(self._pending) > 1:
            self._pending = [np.concatenate(self._pending)]
        return self._pending[0]

    def _cut(self, cut: int | None) -> None:
        audio = self._audio()
        cut = len(audio) if cut is None else cut
        chunk, rest = audio[:cut], audio[cut:]
        self._checked_at = 0
        self._jobs.put(_Chunk(chunk, self._pending_start / self.rate))
        self._pending_start += cut
        self._pending = [rest] if len(rest) else []
        self._pending_len = len(rest)

    def finish(self) -> Transcript:
        if self._pending_len:
            self._cut(None)
        self._jobs.put(None)
        self._worker.join()
        if self._error:
            if isinstance(self._error, TranscriptionError):
                raise self._error
            raise TranscriptionError(f"Transcription failed: {self._error}") from self._error
        words = self._words
        duration = self._pending_start / self.rate
        return Transcript(
            words=words,
            text=" ".join(w.text for w in words),
            duration_s=duration,
            model=self.transcriber.name,
        )

    def abort(self) -> None:
        self._aborted = True
        self._jobs.put(None)
