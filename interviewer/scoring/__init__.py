"""Scoring a transcript: sentences, STAR parts, timing, delivery and feedback. Pure functions.

``score_answer`` is what the practice round and ``interviewer score`` call; its result's ``to_dict()`` is the
public score JSON (docs/score-json.md).
"""

from __future__ import annotations

import re

from interviewer.errors import ScoringError
from interviewer.models import STAR_LABELS, AnswerScore, Sentence, StarPart, Transcript
from interviewer.scoring.delivery import measure_delivery
from interviewer.scoring.feedback import build_feedback
from interviewer.scoring.settings import ScoringSettings
from interviewer.scoring.specific import hypothetical_sentences
from interviewer.scoring.star import label_spans
from interviewer.scoring.text import Span, norm, sentence_text, split_sentences, transcript_from_text
from interviewer.scoring.timing import long_pauses_inside_sentences, measure_timing
from interviewer.units import counted

__all__ = ["ScoringSettings", "score_answer", "score_text", "check_scorable"]

# The most frequent English function words; they make up about half of any English text.
COMMON_ENGLISH = set(
    """the be to of and a in that have i it for not on with he as you do at this but his by from they we say her
    she or an will my one all would there their what so up out if about who get which go me when make can like
    time no just him know take people into year your good some could them see other than then now look only come
    its over think also back after use two how our work first well way even new want because any these give day
    most us is are was were been has had did does am being having our ours mine yours their theirs was isn't
    wasn't don't didn't it's i'm we're they're that's there's here where why more much very each every both
    few many such own same too again further once while until before through during above below off under
    should must may might shall need needed had has let lets made please please followed""".split()
)


def check_scorable(transcript: Transcript, settings: ScoringSettings) -> None:
    """Raise ScoringError (one line, with a fix) for input that cannot be scored as one answer."""
    words = [w for w in transcript.words if norm(w.text)]
    if not words:
        if transcript.duration_s:
            raise ScoringError(
                f"No speech was detected in the answer ({transcript.duration_s:.0f} s of audio). Check the microphone "
                "and its level ('interviewer devices'), then try again."
            )
        raise ScoringError("The transcript is empty: there is nothing to score.")
    min_words = settings.min_words if settings.expect_star else 2  # "About forty percent." answers a probe
    if len(words) < min_words:
        raise ScoringError(
            f"Only {counted(len(words), 'word')} to score; a behavioral answer needs at least "
            f"{min_words} (aim for a full story of one to two minutes)."
        )
    if len(words) > settings.max_words:
        raise ScoringError(
            f"{len(words)} words is longer than one answer (limit {settings.max_words}, about 15 minutes); "
            "score one answer at a time."
        )
    tokens = [norm(w.text) for w in words]
    share = sum(t in COMMON_ENGLISH for t in tokens) / len(tokens)
    letters = "".join(w.text for w in words)
    latin = sum(c.isascii() for c in letters) / max(1, len(letters))
    if share < settings.min_english_share or latin < 0.8:
        raise ScoringError(
            "This does not look like English; the STAR scorer reads English answers only. "
            "Answer in English, or pass an English transcript."
        )


def _star_parts(sentences: list[Sentence], present: dict[str, bool], timed: bool,
                settings: ScoringSettings) -> dict[str, StarPart]:
    """Each part's size and verdict. A part can have sentences and still not be present: an Action told only
    in passing (see ``star.PRESENT_MIN_SHARE``) keeps its words, seconds and share, with the verdict
    "missing"."""
    total_words = sum(s.word_count for s in sentences if s.label != "other") or 1
    total_seconds = sum((s.end - s.start) for s in sentences if s.label != "other" and s.start is not None) if timed else 0
    parts: dict[str, StarPart] = {}
    for label in STAR_LABELS:
        mine = [s for s in sentences if s.label == label]
        words = sum(s.word_count for s in mine)
        seconds = sum(s.end - s.start for s in mine) if timed else None
        share = (seconds / total_seconds) if timed and total_seconds else words / total_words
        part = StarPart(present[label], words, seconds, share, settings.star_bands.get(label))
        shown = round(part.share * 100) / 100  # judged as shown: "30%" is not short of a 30-65% band
        if not part.present:
            part.verdict = "missing"
        elif part.band and shown < part.band[0]:
            part.verdict = "short"
        elif part.band and shown > part.band[1]:
            part.verdict = "long"
        parts[label] = part
    return parts


def _sentences(transcript: Transcript, spans: list[Span], labels: list[str]) -> list[Sentence]:
    words = transcript.words
    sentences = []
    for index, (span, label) in enumerate(zip(spans, labels)):
        start = words[span.first].start
        # A sentence lasts until the next one starts, so the parts' seconds add up to the speaking time.
        if index + 1 < len(spans) and words[spans[index + 1].first].start is not None:
            end = words[spans[index + 1].first].start
        else:
            end = words[span.last].end
        sentences.append(Sentence(sentence_text(words, span), label, start, end, span.first, span.last))
    return sentences


def score_answer(
    transcript: Transcript,
    *,
    question: str | None = None,
    settings: ScoringSettings | None = None,
    hard_breaks: set[int] | None = None,
    cut_at_s: float | None = None,
) -> AnswerScore:
    """``cut_at_s``: where the time cap stopped the answer, if it did (the parts it never reached are told so)."""
    settings = settings or ScoringSettings()
    check_scorable(transcript, settings)
    words = transcript.words
    spans = split_sentences(words, hard_breaks)
    labeling = label_spans(words, spans)
    sentences = _sentences(transcript, spans, labeling.labels)
    star = _star_parts(sentences, labeling.present, transcript.timed, settings)
    timing = measure_timing(transcript, spans, settings)
    minutes = (timing.speaking_s / 60.0) if timing.speaking_s else None
    hypothetical = hypothetical_sentences(words, spans, labeling.labels)
    delivery = measure_delivery(words, spans, labeling.labels, minutes, hypothetical)
    filler_times = [words[i].start for i in delivery.filler_word_indexes if words[i].start is not None]
    inner = long_pauses_inside_sentences(transcript, spans, settings) if transcript.timed else []
    notes = build_feedback(sentences, star, timing, delivery, inner, filler_times, settings, cut_at_s)
    return AnswerScore(
        transcript=transcript.text,
        duration_s=transcript.duration_s,
        sentences=sentences,
        star=star,
        timing=timing,
        delivery=delivery,
        notes=notes,
        question=question,
    )


def score_text(text: str, *, question: str | None = None, settings: ScoringSettings | None = None) -> AnswerScore:
    """A plain-text transcript (no timings): line breaks of lists and paragraphs end sentences."""
    cleaned = re.sub(r"\r\n?", "\n", text)
    transcript, breaks = transcript_from_text(cleaned)
    return score_answer(transcript, question=question, settings=settings, hard_breaks=breaks)
