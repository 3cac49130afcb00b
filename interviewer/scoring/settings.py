"""Scoring thresholds: every number the feedback judges against, with where its default comes from
(docs/scoring.md has the full references). Override any of them in config.toml under [scoring]."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from interviewer.errors import ConfigError


@dataclass
class ScoringSettings:
    # Length. The common advice is 1-2 minutes for a behavioral answer; the default target is 2:00.
    target_s: float = 120.0
    over_target_grace_s: float = 15.0  # running over by less than this is not mentioned
    short_answer_fraction: float = 0.5  # under half the target reads thin

    # Pace, words per minute over the speaking time (first word to last). 130-160 is the usual band
    # (Griffiths 1990; Tauroza & Allison 1990); under ~110 reads slow, over ~170 fast.
    wpm_band: tuple[float, float] = (130.0, 160.0)
    wpm_slow: float = 110.0
    wpm_fast: float = 170.0

    # Pauses. Research counts silent pauses from 200 ms (De Jong & Bosker 2013); tools flag > ~2.5 s;
    # pauses inside a clause hurt fluency most.
    pause_min_s: float = 0.2
    long_pause_s: float = 2.5
    mention_pause_s: float = 3.0  # a long pause inside a sentence worth a feedback point

    # Fillers. <= ~5 per minute carries no measurable penalty; harm concentrates near 12/min
    # (Laske et al. 2024); < 2% of words is excellent, > 5% needs work.
    fillers_per_min_ok: float = 5.0
    fillers_per_min_high: float = 12.0
    filler_share_high: float = 0.05
    fillers_min_count: int = 3  # ours: one "so" in a 10-second answer is 6 a minute, and says nothing

    # STAR. Situation over ~20 s reads as stalling (jobtrackfy.com). Shares are bands, not points: real
    # answers put ~40-44% in Action and ~21-26% in Result (126 public answers), less than the 60% advice.
    situation_max_s: float = 20.0
    star_bands: dict[str, tuple[float, float]] = field(
        default_factory=lambda: {
            "situation": (0.05, 0.25),
            "task": (0.03, 0.20),
            "action": (0.30, 0.65),
            "result": (0.10, 0.40),
        }
    )

    # Ownership. Interviewers want "I" rather than "we" in what the candidate did (the Action); scorers in
    # the wild aim at I:we of 3:1 (junior) to 2:1 (senior).
    i_we_ratio_min: float = 2.0
    we_count_min: int = 3  # fewer "we" in the Action than this is never worth a comment

    # Specific, not hypothetical. A behavioral question asks for one time it happened; telling what one would
    # do or usually does is the answer interviewers mark down ("Don't state what you might do, state what you
    # did": twinemployment.com's and vieple's STAR guides). Mentioned when at least this many sentences, and
    # this share of them, are told that way (one "I would" inside a real story is not; ours: of 338 labeled
    # answers, 6 have one such sentence or more and 1, told entirely as what one would do, is noted).
    hypothetical_mention: int = 2
    hypothetical_share: float = 0.25

    expect_star: bool = True  # False for a follow-up answer: no notes about missing parts or proportions
    hedges_mention: int = 3  # this many hedges earn a feedback point
    repeats_mention: int = 3
    max_feedback_points: int = 5

    # Input limits for scoring at all.
    min_words: int = 8
    max_words: int = 2600  # max_answer_s at a fast 170 words a minute; longer is not one answer
    max_answer_s: float = 900.0  # audio longer than 15 minutes is not one answer
    min_english_share: float = 0.12  # English text has 0.25-0.6 function words; other languages ~0

    @classmethod
    def from_overrides(cls, overrides: dict[str, Any] | None, *, target_s: float | None = None) -> ScoringSettings:
        settings = cls()
        known = {f.name for f in fields(cls)}
        for key, value in (overrides or {}).items():
            if key not in known:
                raise ConfigError(f"Unknown scoring setting '{key}'. Known: {', '.join(sorted(known))}.")
            setattr(settings, key, _checked(key, value, getattr(settings, key)))
        if target_s is not None:
            settings.target_s = target_s
        return settings


def _number(value: Any) -> bool:
    """A number a threshold can be: every one is a time, a rate, a count or a share, none below zero."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value >= 0


def _pair(value: Any) -> bool:
    """Two numbers, low then high: a band."""
    return isinstance(value, (list, tuple)) and len(value) == 2 and all(map(_number, value)) and value[0] <= value[1]


def _checked(key: str, value: Any, current: Any) -> Any:
    """An override in the type of its default, or a ConfigError saying what was expected; a wrong type would
    otherwise surface as a crash in the middle of scoring an answer."""
    if isinstance(current, bool):
        ok, expected = isinstance(value, bool), "true or false"
    elif isinstance(current, int):
        ok, expected = isinstance(value, int) and _number(value), "a whole number, 0 or more"
    elif isinstance(current, float):
        ok, expected = _number(value), "a number, 0 or more"
    elif isinstance(current, tuple):
        ok, expected = _pair(value), "two numbers, low then high, like [130, 160]"
    else:  # star_bands: a band per part
        ok = isinstance(value, dict) and all(k in current and _pair(v) for k, v in value.items())
        expected = f"a band per part ({', '.join(current)}), like {{ action = [0.3, 0.65] }}"
        if ok:
            return {**current, **{k: tuple(v) for k, v in value.items()}}
    if not ok:
        raise ConfigError(f"Scoring setting '{key}' should be {expected}, got {value!r}.")
    return tuple(value) if isinstance(current, tuple) else float(value) if isinstance(current, float) else value
