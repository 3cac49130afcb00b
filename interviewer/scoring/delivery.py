"""Delivery signals: fillers (with rules for words that are fillers only in some places), hedges, "I" versus
"we", a number in the result, and words repeated close together.

Rules work on Whisper's words, whose punctuation is a hint, not a given: a comma after "like" or "you know"
makes a filler certain, but a filler is also recognised by position (sentence start) and by what follows.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from interviewer.models import Delivery, Repeat, Word
from interviewer.scoring.settings import ScoringSettings
from interviewer.scoring.text import Span, ends_sentence, norm

ALWAYS_FILLERS = {"um", "uh", "umm", "uhm", "uhh", "erm", "er", "ah", "ahh", "hmm", "hm", "mm", "mhm", "eh"}
SOMETIMES_FILLERS = {"like", "so", "well", "okay", "ok", "basically", "literally", "actually", "right"}
# After these, "like" is a verb or a comparison ("I like", "looks like"), not a filler.
LIKE_VERB_BEFORE = {
    "i", "you", "we", "they", "he", "she", "would", "'d", "i'd", "we'd", "you'd", "didn't", "don't", "do", "does",
    "did", "looks", "look", "looked", "seems", "seemed", "sounds", "sounded", "feel", "felt", "feels", "something",
    "anything", "nothing", "just", "much", "more", "things", "stuff", "people", "tools", "teams", "companies",
    "customers", "exactly", "really", "also", "not", "is", "was", "be", "been",
}
# Before these, "like" starts a comparison or an example ("like a", "like the", "like this").
NOUN_PHRASE_START = {
    "a", "an", "the", "this", "that", "these", "those", "my", "our", "your", "his", "her", "their", "its", "it",
    "him", "them", "us", "me", "to", "what", "how", "when", "where", "who", "before", "if", "some", "any",
    "every", "each", "most", "many", "other", "another", "you",
}
SO_NOT_FILLER_AFTER = {"that", "far", "much", "many", "long", "well", "to", "as"}
YOU_KNOW_OBJECTS = {"that", "what", "how", "why", "where", "when", "who", "whether", "if", "the", "a", "an", "him",
                    "her", "it", "them", "this", "those", "these", "about", "everyone", "everybody", "someone"}
HEDGES = (
    ("i", "think"), ("i", "guess"), ("i", "believe"), ("i", "feel", "like"), ("kind", "of"), ("sort", "of"),
    ("maybe",), ("probably",), ("perhaps",), ("i'm", "not", "sure"), ("somewhat",), ("a", "little", "bit"),
    ("more", "or", "less"), ("i", "suppose"), ("hopefully",), ("i", "would", "say"),
)
NOUN_KIND_OF = {"a", "the", "what", "this", "that", "any", "some", "every", "same", "different", "which", "one"}
# "They probably thought I was wrong": a guess about someone else, not the speaker softening their own claim.
OTHERS = {"they", "he", "she", "them", "people", "everyone", "nobody", "someone", "customers", "users"}
I_WORDS = {"i", "i'm", "i've", "i'd", "i'll", "me", "my", "myself", "mine"}
WE_WORDS = {"we", "we're", "we've", "we'd", "we'll", "us", "our", "ours", "ourselves"}
ALLOWED_DOUBLES = {"that", "had", "very", "really", "no", "yeah", "yes", "bye", "ha", "is", "do", "so", "many", "much", "far", "long"}
NUMBER_WORDS = {
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "fifteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "hundreds", "thousand",
    "thousands", "million", "millions", "billion", "half", "double", "doubled", "twice", "triple", "tripled",
    "halved", "percent", "dozen", "dozens", "quarter",
    # the other teens, nothing ("zero incidents"), and fractions ("by a third", "a tenth of users")
    "thirteen", "fourteen", "sixteen", "seventeen", "eighteen", "nineteen", "zero", "third", "thirds", "fifth",
    "fifths", "tenth", "tenths", "quarters",
}
METRIC = re.compile(r"\d|[$€£%]")


def _ends_clause(word: Word) -> bool:
    return bool(re.search(r"[,.;:!?…]$", word.text))


def filler_indexes(words: list[Word], spans: list[Span]) -> list[int]:
    """Indexes of words used as fillers. Multi-word fillers ("you know", "I mean") mark all their words."""
    starts = {s.first for s in spans}
    tokens = [norm(w.text) for w in words]
    found: set[int] = set()
    opens_sentence: set[int] = set()  # fillers that open a sentence ("Okay", "Um,")
    n = len(tokens)
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i > 0 else ""
        nxt = tokens[i + 1] if i + 1 < n else ""
        # After a sentence-opening filler, the next word is at the start too ("Okay so...", "Um, like...").
        at_start = i in starts or (i > 0 and _ends_clause(words[i - 1])) or (i - 1) in opens_sentence
        comma_after = _ends_clause(words[i])
        hit: list[int] = []
        if tok in ALWAYS_FILLERS:
            hit = [i]
        elif tok == "like":
            if prev in LIKE_VERB_BEFORE and not comma_after:
                hit = []
            elif comma_after or (at_start and nxt not in NOUN_PHRASE_START) or (
                prev in {"and", "but", "so", "was", "were", "it's", "um", "uh"} and nxt not in NOUN_PHRASE_START
            ):
                hit = [i]
        elif tok == "so":
            if at_start and nxt not in SO_NOT_FILLER_AFTER and prev != "and":
                hit = [i]
        elif tok in ("well", "okay", "ok"):
            if at_start and (comma_after or nxt in ("so", "um", "uh", "i", "we", "then", "yeah", "like")):
                hit = [i]
        elif tok in ("basically", "literally"):
            hit = [i]
        elif tok == "actually" and comma_after:
            hit = [i]
        elif tok == "right" and words[i].text.endswith("?") and i > 0:
            hit = [i]  # tag question: "..., right?"
        elif tok == "you" and nxt == "know":
            after = tokens[i + 2] if i + 2 < n else ""
            if _ends_clause(words[i + 1]) or after not in YOU_KNOW_OBJECTS:
                hit = [i, i + 1]
        elif tok == "i" and nxt == "mean" and (_ends_clause(words[i + 1]) or at_start):
            hit = [i, i + 1]
        found.update(hit)
        if hit and at_start:
            opens_sentence.add(hit[-1])
    return sorted(found)


def filler_label(words: list[Word], index: int) -> str:
    tok = norm(words[index].text)
    if tok in ("uhm", "umm"):
        return "um"
    if tok in ("uhh",):
        return "uh"
    if tok == "you":
        return "you know"
    if tok == "know" and index > 0 and norm(words[index - 1].text) == "you":
        return ""
    if tok == "i":
        return "I mean"
    if tok == "mean" and index > 0 and norm(words[index - 1].text) == "i":
        return ""
    return tok


def hedge_indexes(words: list[Word]) -> list[tuple[str, int]]:
    tokens = [norm(w.text) for w in words]
    found: list[tuple[str, int]] = []
    i = 0
    while i < len(tokens):
        for hedge in HEDGES:
            k = len(hedge)
            if tuple(tokens[i : i + k]) == hedge:
                if hedge in (("kind", "of"), ("sort", "of")) and i > 0 and tokens[i - 1] in NOUN_KIND_OF:
                    continue  # "a kind of tool" is a noun, not a hedge
                if hedge == ("probably",) and OTHERS & set(tokens[max(0, i - 2) : i]):
                    continue
                found.append((" ".join(hedge).replace("i ", "I ").replace("i'm", "I'm"), i))
                i += k - 1
                break
        i += 1
    return found


# The longest phrase a restart repeats: "I went to, I went to the store".
RESTART_MAX_WORDS = 3


def repeats(words: list[Word]) -> list[Repeat]:
    """Stutters and restarts: a word said twice in a row ("I I"), or a phrase of up to three words said again
    ("I went I went", "I went to, I went to the store"), also with a hesitation between ("I, um, I went")."""
    spoken = [(i, norm(w.text).rstrip("-")) for i, w in enumerate(words)]  # "I- I went": a word cut off
    spoken = [(i, tok) for i, tok in spoken if tok and tok not in ALWAYS_FILLERS]  # "I um I": still a restart
    tokens = [tok for _, tok in spoken]
    found: list[Repeat] = []
    k = 0
    while k < len(tokens) - 1:
        tok = tokens[k]
        if tok == tokens[k + 1] and tok not in ALLOWED_DOUBLES and not tok.isdigit():
            length = 1
        else:
            length = next((n for n in range(2, RESTART_MAX_WORDS + 1)
                           if tokens[k : k + n] == tokens[k + n : k + 2 * n]), 0)
        # Across a full stop only a whole sentence said again ("Login incorrect. Login incorrect."): "… and
        # fix it. It worked", "… engineering and product. Engineering and product became …" end one sentence
        # and open the next with the same words (Whisper writes a restart "I, I", "I- I" or "I... I").
        first, last = spoken[k][0], spoken[k + max(length, 1) - 1][0]
        if length and ((ends_sentence(words[last].text, words[last + 1].text)
                        and first > 0 and not ends_sentence(words[first - 1].text, words[first].text))
                       or words[spoken[k + length][0]].text.startswith("(")):  # "Terraform (terraform apply)"
            length = 0
        if length:
            index = spoken[k][0]
            text = f"{tok} {tok}" if length == 1 else " ".join(tokens[k : k + length])
            found.append(Repeat(text, words[index].start, index, tuple(i for i, _ in spoken[k : k + length])))
            k += 2 * length
            continue
        k += 1
    return found


# Number words that are as often no measure: "one endpoint", "one of them" (a measure in "down to one", "from
# twelve to one", "one percent"); "the next quarter", "the third time" (a measure in "by a quarter", "a third
# of the tickets").
ONE_AS_MEASURE_AFTER = {"to", "from", "only", "just", "under", "over", "than", "nearly", "almost", "exactly"}
UNITS = {"percent", "point", "points", "day", "hour", "week", "minute", "second", "month", "year", "person",
         "incident", "dollar", "x"}
ORDINAL_AFTER = {"the", "next", "last", "that", "this", "each", "every", "following", "previous", "same", "per"}


def has_number(words: list[Word]) -> bool:
    tokens = [norm(w.text) for w in words]
    for i, (word, token) in enumerate(zip(words, tokens)):
        before = tokens[i - 1] if i else ""
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if METRIC.search(word.text):
            return True
        if token == "one":
            if before in ONE_AS_MEASURE_AFTER or after in UNITS:
                return True
        elif token in ("quarter", "quarters", "third", "fifth", "tenth"):
            if before not in ORDINAL_AFTER:
                return True
        elif token in NUMBER_WORDS:
            return True
    return False


def measure_delivery(
    words: list[Word],
    spans: list[Span],
    labels: list[str],
    speaking_minutes: float | None,
    hypothetical: Sequence[int] = (),
) -> Delivery:
    """``hypothetical``: the sentences told as what the candidate would do (scoring/specific.py)."""
    fillers = filler_indexes(words, spans)
    counts = Counter(label for label in (filler_label(words, i) for i in fillers) if label)
    hedges = hedge_indexes(words)
    tokens = [norm(w.text) for w in words]
    result_words = [w for span, label in zip(spans, labels) if label == "result" for w in words[span.first : span.last + 1]]
    action_tokens = [norm(w.text) for span, label in zip(spans, labels) if label == "action"
                     for w in words[span.first : span.last + 1]]
    filler_count = sum(counts.values())
    restarts = repeats(words)
    return Delivery(
        fillers=dict(counts.most_common()),
        fillers_per_minute=(filler_count / speaking_minutes) if speaking_minutes else None,
        filler_share=filler_count / max(1, len(words)),
        hedges=dict(Counter(h for h, _ in hedges).most_common()),
        i_count=sum(t in I_WORDS for t in tokens),
        we_count=sum(t in WE_WORDS for t in tokens),
        quantified_result=has_number(result_words),
        action_i_count=sum(t in I_WORDS for t in action_tokens),
        action_we_count=sum(t in WE_WORDS for t in action_tokens),
        repeats=restarts,
        filler_word_indexes=fillers,
        hedge_word_indexes=[i for _, i in hedges],
        restart_word_indexes=sorted(i for restart in restarts for i in restart.abandoned),
        hypothetical_sentence_indexes=list(hypothetical),
    )


def too_much_we(delivery: Delivery, settings: ScoringSettings) -> tuple[int, int] | None:
    """("we", "I") counts when the candidate said "we" where the interviewer wants "I": in the Action, fewer
    than ``i_we_ratio_min`` "I" per "we", and enough "we" to matter. (Without an Action, the note that it is
    missing already asks for the candidate's own steps.)"""
    we, i = delivery.action_we_count, delivery.action_i_count
    return (we, i) if we >= settings.we_count_min and i < settings.i_we_ratio_min * we else None
