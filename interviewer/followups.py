"""Choosing follow-up probes the way an interviewer digs: first what the answer lacked, then the bank's own
follow-ups for the question. Pure."""

from __future__ import annotations

import re
from collections.abc import Sequence

from interviewer.models import AnswerScore, Question
from interviewer.scoring.delivery import too_much_we
from interviewer.scoring.settings import ScoringSettings

PROBE_NO_RESULT = "What was the outcome?"
PROBE_NO_ACTION = "What exactly did you do yourself?"
PROBE_WE = "What did you personally do?"
PROBE_NO_NUMBER = "How did you measure success?"
PROBE_NO_REFLECTION = "What would you do differently now?"


def _key(text: str) -> set[str]:
    stop = {"what", "did", "you", "how", "the", "a", "was", "do", "your", "of", "to", "it", "in", "now", "would"}
    return {w for w in re.findall(r"[a-z']+", text.lower()) if w not in stop}


def _similar(a: str, b: str) -> bool:
    ka, kb = _key(a), _key(b)
    return bool(ka and kb) and len(ka & kb) / min(len(ka), len(kb)) >= 0.6


def gaps(score: AnswerScore | None, settings: ScoringSettings | None = None) -> list[str]:
    """Probes for what the answer lacked, most important first."""
    if score is None:
        return []
    probes = []
    if not score.star["result"].present:
        probes.append(PROBE_NO_RESULT)
    if not score.star["action"].present:
        probes.append(PROBE_NO_ACTION)
    delivery = score.delivery
    if too_much_we(delivery, settings or ScoringSettings()):
        probes.append(PROBE_WE)
    if score.star["result"].present and not delivery.quantified_result:
        probes.append(PROBE_NO_NUMBER)
    if not score.star["reflection"].present:
        probes.append(PROBE_NO_REFLECTION)
    return probes


def choose_follow_ups(question: Question, score: AnswerScore | None, count: int, asked: Sequence[str] = (),
                      settings: ScoringSettings | None = None) -> list[str]:
    """Up to ``count`` probes: gaps in the answer first, then the question's follow-ups; none repeated."""
    chosen: list[str] = []
    for probe in gaps(score, settings) + list(question.follow_ups):
        if len(chosen) >= count:
            break
        if any(_similar(probe, other) for other in list(chosen) + list(asked)):
            continue
        chosen.append(probe)
    return chosen


def follow_up_verdict(probe: str, score: AnswerScore) -> str | None:
    """Whether a follow-up answer gave what the probe asked for (for the probes chosen from gaps)."""
    if probe == PROBE_NO_RESULT:
        return ("You gave the outcome this time." if score.star["result"].present
                else "Still no outcome: say what happened in the end, with a number if you can.")
    if probe == PROBE_NO_NUMBER:
        return ("Good: now there is a number." if score.delivery.quantified_result or _has_digits(score.transcript)
                else "Still no number: name a metric, even an estimate (hours saved, % faster, customers).")
    if probe in (PROBE_WE, PROBE_NO_ACTION):
        if score.delivery.i_count > score.delivery.we_count:
            return "Good: this time it was clear what you did yourself."
        if score.delivery.we_count:
            return "Still mostly 'we': say 'I' and name your own actions."
        return "Say what you yourself did, starting with 'I'."
    if probe == PROBE_NO_REFLECTION:
        return ("Good reflection." if score.star["reflection"].present
                else "Name one concrete thing you would change, and why.")
    return None


def _has_digits(text: str) -> bool:
    return any(ch.isdigit() for ch in text)
