"""Progress over many sessions: which principles were practised, how often, and whether length against the
target and STAR completeness are improving. Pure: works on rows of (principle, time, duration, target,
completeness, fillers)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import mean

from interviewer.models import Principle
from interviewer.units import clock

SPARK = "▁▂▃▄▅▆▇█"
SPARK_SHOWN = 8  # answers in a principle's sparkline, the latest


@dataclass
class Attempt:
    principle: str
    question_id: str
    started_at: str
    duration_s: float | None
    target_s: float
    completeness: float | None  # share of S/T/A/R present, 0..1
    fillers_per_minute: float | None = None
    session_id: str = ""

    @property
    def off_target_s(self) -> float | None:
        """How far from the target, either way (what a timing drill tries to shrink)."""
        return None if self.duration_s is None else abs(self.duration_s - self.target_s)


@dataclass
class PrincipleProgress:
    principle: Principle
    attempts: list[Attempt] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.attempts)

    @property
    def last(self) -> str | None:
        return max((a.started_at for a in self.attempts), default=None)

    @property
    def average_duration(self) -> float | None:
        values = [a.duration_s for a in self.attempts if a.duration_s is not None]
        return mean(values) if values else None

    @property
    def average_completeness(self) -> float | None:
        values = [a.completeness for a in self.attempts if a.completeness is not None]
        return mean(values) if values else None

    def completeness_series(self) -> list[float]:
        return [a.completeness for a in self.attempts if a.completeness is not None]

    def off_target_series(self) -> list[float]:
        return [a.off_target_s for a in self.attempts if a.off_target_s is not None]


def trend(values: Sequence[float]) -> float | None:
    """Mean of the later half minus mean of the earlier half (None with fewer than two values)."""
    if len(values) < 2:
        return None
    half = len(values) // 2
    return mean(values[-half:]) - mean(values[:half])


def sparkline(values: Sequence[float], lo: float | None = None, hi: float | None = None) -> str:
    if not values:
        return ""
    lo = min(values) if lo is None else lo
    hi = max(values) if hi is None else hi
    span = (hi - lo) or 1.0
    return "".join(SPARK[min(len(SPARK) - 1, int((v - lo) / span * (len(SPARK) - 1) + 0.5))] for v in values)


def by_principle(principles: Sequence[Principle], attempts: Sequence[Attempt]) -> list[PrincipleProgress]:
    """A row per principle, in the given order; a principle answered but not among them (a bank given once
    with --bank) gets a row of its own at the end, under its id, rather than its answers going uncounted."""
    rows = {p.id: PrincipleProgress(p) for p in principles}
    for attempt in sorted(attempts, key=lambda a: a.started_at):
        if attempt.principle not in rows:
            rows[attempt.principle] = PrincipleProgress(Principle(attempt.principle, attempt.principle))
        rows[attempt.principle].attempts.append(attempt)
    return list(rows.values())


def trend_words(progress: PrincipleProgress) -> str:
    """A short reading of the trends, e.g. 'closer to target (-14 s), more complete (+25%)'."""
    words = []
    off = trend(progress.off_target_series())
    if off is not None and abs(off) >= 5:
        words.append(f"{'closer to' if off < 0 else 'further from'} target ({'-' if off < 0 else '+'}{abs(off):.0f} s)")
    star = trend(progress.completeness_series())
    if star is not None and abs(star) >= 0.1:
        words.append(f"{'more' if star > 0 else 'less'} complete ({star * 100:+.0f}%)")
    if not words and progress.count >= 2:
        words.append("steady")
    return ", ".join(words)


def describe(progress: PrincipleProgress) -> dict[str, object]:
    """A principle's row for the terminal and the HTML overview."""
    avg = progress.average_duration
    completeness = progress.average_completeness
    return {
        "id": progress.principle.id,
        "name": progress.principle.name,
        "answers": progress.count,
        "last": progress.last[:10] if progress.last else None,
        "average_duration": clock(avg) if avg is not None else None,
        "completeness": f"{completeness * 100:.0f}%" if completeness is not None else None,
        "trend": trend_words(progress),
        # The latest answers: the column holds 8, and cut at its end it showed the oldest.
        "spark": sparkline([c * 100 for c in progress.completeness_series()[-SPARK_SHOWN:]], 0, 100),
    }
