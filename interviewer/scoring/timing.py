"""Timing: duration against the target, time to the first word, pace, and pauses (from word times)."""

from __future__ import annotations

from interviewer.models import Pause, Timing, Transcript
from interviewer.scoring.settings import ScoringSettings
from interviewer.scoring.text import Span

LONGEST_SHOWN = 3


def pauses_between_words(transcript: Transcript, spans: list[Span], min_s: float) -> list[tuple[Pause, bool]]:
    """Silent gaps between consecutive words, each with whether it falls inside a sentence."""
    words = transcript.words
    sentence_end = {s.last for s in spans}
    result = []
    for i in range(len(words) - 1):
        a, b = words[i], words[i + 1]
        if a.end is None or b.start is None:
            continue
        gap = b.start - a.end
        if gap >= min_s:
            result.append((Pause(a.end, b.start), i not in sentence_end))
    return result


def measure_timing(transcript: Transcript, spans: list[Span], settings: ScoringSettings) -> Timing:
    words = transcript.words
    duration = transcript.duration_s
    if not transcript.timed:
        # Text: no clock, so pace and pauses are unknown; estimate nothing rather than guess.
        return Timing(duration, settings.target_s, None, None)
    first, last = words[0].start, words[-1].end
    speaking = max(0.0, (last or 0.0) - (first or 0.0))
    wpm = len(words) / (speaking / 60.0) if speaking > 1.0 else None
    gaps = pauses_between_words(transcript, spans, settings.pause_min_s)
    long_pauses = [p for p, _inside in gaps if p.seconds >= settings.long_pause_s]
    longest = sorted((p for p, _ in gaps), key=lambda p: p.seconds, reverse=True)[:LONGEST_SHOWN]
    return Timing(
        duration_s=duration if duration is not None else last,
        target_s=settings.target_s,
        words_per_minute=wpm,
        time_to_first_word_s=first,
        long_pauses=long_pauses,
        longest_pauses=sorted(longest, key=lambda p: p.start),
        speaking_s=speaking,
    )


def long_pauses_inside_sentences(transcript: Transcript, spans: list[Span], settings: ScoringSettings) -> list[Pause]:
    return [p for p, inside in pauses_between_words(transcript, spans, settings.mention_pause_s) if inside]
