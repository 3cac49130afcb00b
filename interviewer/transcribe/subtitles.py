"""Transcripts from subtitle files (SubRip .srt, WebVTT .vtt): what `interviewer export` writes, and what
meeting and video tools give for a recorded mock interview. Their cues carry times, so an answer scored from
them gets its timing, pace, pauses and seconds per STAR part, as one transcribed from audio does.

A cue's time is shared among its words by their length (a cue holds a line or two, so a word is placed
within a second or so); the gaps between cues are real pauses. Read with webvtt-py, which knows WebVTT's
cue identifiers, notes and voice tags ("<v Sam>") and reads SRT too.
"""

from __future__ import annotations

import re
from pathlib import Path

from interviewer.errors import ScoringError
from interviewer.models import Transcript, Word

SUBTITLE_SUFFIXES = (".srt", ".vtt")
# A word broken over two lines at its hyphen ("check-\nup"), as subtitle writers wrap lines.
WRAPPED_HYPHEN = re.compile(r"(\w-)\n(\w)")


def text_encoding(data: bytes) -> str:
    """UTF-16 where the bytes open with its byte-order mark (what Windows PowerShell's '>' and some caption
    tools write), else UTF-8, with or without a BOM."""
    return "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"


def read_subtitles(path: Path, speaker: str | None = None) -> Transcript:
    """The words of every cue in time order, each with a start and an end inside its cue. A meeting's
    transcript names each cue's speaker ("<v Sam Lee>"); with several speakers only ``speaker``'s cues are the
    answer (the interviewer's questions are not), and without one the choice is asked for."""
    import webvtt  # inside the function: only `score` on a subtitle file needs it

    data = path.read_bytes()
    encoding = text_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise ScoringError(f"{path}: not UTF-8 text; save the subtitles as UTF-8.") from exc
    if not text.strip():
        raise ScoringError(f"{path}: the file is empty; export the subtitles again.")
    try:
        read = webvtt.from_srt if path.suffix.lower() == ".srt" else webvtt.read
        captions = list(read(str(path), encoding=encoding))
    except (webvtt.errors.MalformedFileError, webvtt.errors.MalformedCaptionError, ValueError) as exc:
        kind = path.suffix.lstrip(".").upper()
        raise ScoringError(f"{path}: not readable as {kind} subtitles ({exc}); check the file, or save the "
                           "transcript as .txt.") from exc
    voices = sorted({c.voice for c in captions if c.voice})
    if speaker is not None:
        chosen = [v for v in voices if v.casefold() == speaker.casefold()]
        if not chosen:
            named = f"its speakers are {', '.join(voices)}" if voices else "its cues name no speaker"
            raise ScoringError(f"{path}: no cues from '{speaker}' ({named}); check --speaker.")
        captions = [c for c in captions if c.voice == chosen[0]]
    elif len(voices) > 1:
        raise ScoringError(f"{path}: cues from {len(voices)} speakers ({', '.join(voices)}); "
                           "give --speaker NAME to score one person's answer.")
    cues = sorted((c.start_time.in_milliseconds() / 1000, c.end_time.in_milliseconds() / 1000, c.text)
                  for c in captions)
    words: list[Word] = []
    for start, end, cue_text in cues:
        tokens = WRAPPED_HYPHEN.sub(r"\1\2", cue_text).split()
        if not tokens or end <= start:
            continue
        total = sum(len(token) for token in tokens) + len(tokens) - 1  # characters, with the spaces between
        done = 0
        for token in tokens:
            first = start + (end - start) * done / total
            done += len(token)
            words.append(Word(token, round(first, 3), round(start + (end - start) * done / total, 3)))
            done += 1
    duration = max((end for _, end, _ in cues), default=0.0) or None
    return Transcript(words=words, text=" ".join(w.text for w in words), duration_s=duration, model="subtitles")
