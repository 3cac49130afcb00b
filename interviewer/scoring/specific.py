"""Specific, not hypothetical: a behavioral question asks for one time it happened, and an answer told as what
the candidate would do, or does as a rule, is the one interviewers mark down."""

from __future__ import annotations

import re

from interviewer.models import Word
from interviewer.scoring.star import CUES, PARTICIPLES
from interviewer.scoring.text import Span, looks_regular_past, norm

# "I would listen to their complaint", "I usually check the logs first": what the candidate would do, or
# does as a rule, where the question asks for one time it happened. Read at the start of a clause only ("what
# I'd found", "assured him I would" report a past thought); "I'd" before a participle is "I had" ("I'd seen").
HYPOTHETICAL = re.compile(
    r"^i (?:would|will|usually|always|typically|normally|generally|tend to|often)\b"
    r"(?! have\b| say\b| like\b| love\b| rather\b)"
    r"|^i'(?:d|ll) (?!have\b|say\b|like\b|love\b|rather\b|been\b|already\b|just\b)"
)
LESSON = re.compile(CUES["hindsight"].pattern + "|" + CUES["learned"].pattern)
CLAUSE_START_AFTER = {"so", "and", "then", "first", "next", "also", "but", "now"}
# After "I'd", a participle makes it "I had": those that are not also the past ("seen", "done") and these,
# which are ("found", "told").
HAD_PARTICIPLES = set(PARTICIPLES) | {
    "heard", "found", "made", "told", "said", "had", "known", "got", "gotten", "built", "sent", "spent",
    "left", "lost", "met", "run", "won", "brought", "bought", "thought", "taught", "caught", "kept", "felt",
    "become",
}


def hypothetical_sentences(words: list[Word], spans: list[Span], labels: list[str]) -> list[int]:
    """Indexes of the sentences told as what the candidate would do or usually does. Hindsight and lessons
    ("Next time I would …", "Now I always …") are where "would" and "always" belong, whatever their label
    (an answer told in "would" reads as hindsight to the labeler)."""
    found: list[int] = []
    for index, (span, label) in enumerate(zip(spans, labels)):
        sentence = words[span.first : span.last + 1]
        tokens = [norm(w.text) for w in sentence]
        joined = " ".join(tokens)
        if label == "other" or LESSON.search(joined):
            continue
        for k, token in enumerate(tokens):
            if token not in ("i", "i'd", "i'll"):
                continue
            clause_start = (k == 0 or sentence[k - 1].text.endswith(",")
                            or tokens[k - 1] in CLAUSE_START_AFTER)
            following = tokens[k + 1] if k + 1 < len(tokens) else ""
            had = token == "i'd" and (following in HAD_PARTICIPLES or looks_regular_past(following))
            if clause_start and not had and HYPOTHETICAL.match(" ".join(tokens[k:])):
                found.append(index)
                break
    return found
