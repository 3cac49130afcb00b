"""Words and sentences from Whisper transcripts or plain text.

Whisper's punctuation may be missing or odd, so sentence ends come from several signals: end punctuation
(not after abbreviations or inside numbers), a long pause between words, a line break in text input, and
for run-on speech a discourse marker ("and then", "so", "as a result") once a sentence is long.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from interviewer.models import Transcript, Word

ABBREVIATIONS = {"mr.", "mrs.", "ms.", "dr.", "e.g.", "i.e.", "etc.", "vs.", "approx.", "u.s.", "st.", "jr.", "sr.", "inc.", "no."}
END_PUNCT = re.compile(r"[.!?…]+[\"')\]]*$")
STRIP = re.compile(r"^[^\w$%€£'-]+|[^\w%'-]+$")
BULLET = re.compile(r"^\s*(?:[-*•▪◦]|\d+[.)])\s+")
MARKUP = re.compile(r"\*\*|__|`|^#+\s*|^>\s*")

# Phrases that open a new sentence in run-on speech. Only used to split sentences that are already long.
BREAK_MARKERS: tuple[tuple[str, ...], ...] = (
    ("and", "then"),
    ("so", "then"),
    ("after", "that"),
    ("as", "a", "result"),
    ("in", "the", "end"),
    ("at", "the", "end"),
    ("ultimately",),
    ("eventually",),
    ("finally",),
    ("afterwards",),
    ("looking", "back"),
    ("in", "hindsight"),
    ("what", "i", "learned"),
    ("next", "time"),
    ("so", "i"),
    ("but", "then"),
    ("then", "i"),
    ("first", "i"),
    ("which", "meant"),
    ("which", "led"),
    ("because", "of", "that"),
)


def norm(token: str) -> str:
    """Lower-case word without surrounding punctuation ("Well," -> "well")."""
    return STRIP.sub("", token.lower()).replace("’", "'")


@dataclass
class Span:
    """A sentence as a range of word indexes (inclusive)."""

    first: int
    last: int


HTML_TAG = re.compile(r"<[^>]{1,200}>")
PART_PREFIX = re.compile(r"^(?:situation|task|action|result|reflection|learnings?|s|t|a|r|l)\s*[:\-–]\s+", re.I)


def words_from_text(text: str) -> tuple[list[Word], set[int]]:
    """Words of a plain-text transcript, and the indexes of words that end a line (hard breaks).

    A line break ends a sentence when it ends a list item, a paragraph, or a line that ends in
    punctuation; a line of wrapped prose that simply continues on the next line does not.
    """
    lines = [HTML_TAG.sub(" ", raw) for raw in text.splitlines()]
    words: list[Word] = []
    breaks: set[int] = set()
    for index, raw_line in enumerate(lines):
        is_item = bool(BULLET.match(raw_line))
        line = PART_PREFIX.sub("", MARKUP.sub("", BULLET.sub("", raw_line)).strip())
        tokens = line.split()
        if not tokens:
            continue
        words.extend(Word(t) for t in tokens)
        following = lines[index + 1].strip() if index + 1 < len(lines) else ""
        wrapped = (
            following
            and not is_item
            and not BULLET.match(lines[index + 1])
            and not re.search(r"[.!?:;]\W*$", line)
            and (following[0].islower() or following[0] in "*_(\"'")
        )
        if not wrapped:
            breaks.add(len(words) - 1)
    return words, breaks


ENUMERATOR = re.compile(r"\(?\d{1,2}[.)]")  # "2.", "3)", "(4)" opening a list item within running text


def _ends_sentence(token: str, next_token: str | None) -> bool:
    low = token.lower()
    if low in ABBREVIATIONS or not END_PUNCT.search(token):
        return False
    if re.fullmatch(r"(?:[a-z]\.){2,}", low):  # U.S., a.m.
        return False
    return True


def split_sentences(
    words: list[Word],
    hard_breaks: set[int] | None = None,
    *,
    pause_s: float = 1.2,
    long_words: int = 28,
    max_words: int = 50,
) -> list[Span]:
    """Sentence spans over ``words``.

    - end punctuation ends a sentence (abbreviations and "2.5" excepted);
    - a pause of ``pause_s`` or more between words ends one, if it already has 4 words;
    - beyond ``long_words`` words, a discourse marker starts a new one; beyond ``max_words``, a comma does;
      a run-on is never longer than ``max_words`` + 10 words.
    """
    hard_breaks = hard_breaks or set()
    spans: list[Span] = []
    start = 0
    n = len(words)
    for i in range(n):
        length = i - start + 1
        token = words[i].text
        nxt = words[i + 1] if i + 1 < n else None
        end = i == n - 1 or i in hard_breaks or _ends_sentence(token, nxt.text if nxt else None)
        if end and length == 1 and nxt is not None and i not in hard_breaks and ENUMERATOR.fullmatch(token):
            end = False  # "... the logs. 2. I checked the fabric": the number opens the next item
        if not end and nxt is not None:
            gap = (nxt.start - words[i].end) if (nxt.start is not None and words[i].end is not None) else 0.0
            if gap >= pause_s and length >= 4 and _can_end_here(words[i], nxt):
                end = True
            elif length >= long_words and _marker_at(words, i + 1):
                end = True
            elif length >= max_words and token.endswith((",", ";", ":")):
                end = True
            elif length >= max_words + 10:
                end = True
        if end:
            spans.append(Span(start, i))
            start = i + 1
    return spans


# Words after which a sentence cannot end: a pause after "the" or "to" is a pause inside the sentence.
CONTINUES_AFTER = {
    "the", "a", "an", "to", "of", "and", "or", "but", "with", "for", "in", "on", "at", "by", "from", "into", "my",
    "our", "their", "his", "her", "its", "your", "this", "that", "these", "those", "i", "we", "they", "he", "she",
    "was", "were", "is", "are", "be", "been", "had", "have", "has", "would", "could", "should", "will", "can",
    "very", "so", "because", "about", "before", "after", "than", "as", "if", "when", "while", "some", "any",
}


def _can_end_here(word: Word, following: Word) -> bool:
    """A long pause ends a sentence only where the words allow it (not after "the", not before "and")."""
    if norm(word.text) in CONTINUES_AFTER or word.text.endswith(","):
        return False
    return norm(following.text) not in {"and", "or", "but", "of", "to", "that", "which", "who"}


def _marker_at(words: list[Word], index: int) -> bool:
    for marker in BREAK_MARKERS:
        if index + len(marker) <= len(words) and all(
            norm(words[index + k].text) == part for k, part in enumerate(marker)
        ):
            return True
    return False


def sentence_text(words: list[Word], span: Span) -> str:
    return " ".join(w.text for w in words[span.first : span.last + 1])


def transcript_from_text(text: str) -> tuple[Transcript, set[int]]:
    words, breaks = words_from_text(text)
    return Transcript(words=words, text=" ".join(w.text for w in words), duration_s=None, model="text"), breaks
