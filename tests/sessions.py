"""Saved sessions for review tests, made by the real round, store and scorer (fakes only for devices)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from interviewer.bankfiles import load_catalog
from interviewer.followups import choose_follow_ups
from interviewer.scoring import ScoringSettings, score_answer
from interviewer.session import InterviewRound, RoundOptions, RoundParts
from interviewer.store import FileStore
from tests.fakes import FakeMicrophone, FakeSpeaker, FakeTranscriber, ManualClock, RecordingView, tone, transcript_of

STORY = (
    "So, at my last company our checkout was timing out for five percent of customers. "
    "I was responsible for fixing it before the holidays. "
    "First I traced the slow query and um then I added an index. Then I rewrote the retry logic with the payments team. "
    "As a result timeouts dropped from 5% to 0.1% and sales rose 3%. "
    "I learned to measure before optimizing."
)
THIN = "We had a slow checkout page and customers were unhappy. We worked on it together and we fixed the query."
# One short sentence of what the candidate did in a long answer: the Action only in passing.
PASSING_ACTION = (
    "Last spring our mobile app was crashing for about one in fifty users after every release, and the support "
    "queue had tripled. The crashes came from an old image library that nobody on the team had touched in years. "
    "Product wanted to ship a redesign the same month, so there was little room for cleanup work. "
    "I was responsible for making the release stable again. "
    "I swapped the image library for the platform's own one. "
    "As a result crashes dropped from 2% to 0.1% within two weeks. "
    "Support tickets fell by 60% over the next month, and the redesign shipped on time. "
    "The app store rating went from 3.9 to 4.5 by the end of the quarter, and the product team now budgets time "
    "for upkeep. I learned that maintenance work has to be planned like features."
)


def make_session(root: Path, answers: list[tuple[str, str, float]], *, days_ago: float = 0.0, kind: str = "practice",
                 target_s: float = 120.0, steps: list[str] | None = None, catalog=None) -> str:
    """A session answering each (question id, transcript text, seconds of audio); returns its id. ``steps``:
    what the candidate chose after each answer ("again" answers the same question once more: list its
    answer with the same question id)."""
    catalog = catalog or load_catalog()
    clock = ManualClock()
    clock.start = clock.start - timedelta(days=days_ago)
    transcripts = [transcript_of(text, per_word=0.45) for _, text, _ in answers]
    mics = [FakeMicrophone(tone(seconds, level=0.05), live=False) for _, _, seconds in answers]
    parts = RoundParts(
        speaker=FakeSpeaker(), new_input=lambda: mics.pop(0), transcriber=FakeTranscriber(transcripts),
        store=FileStore(root), view=RecordingView(), stop_key=None, clock=clock,
        scorer=lambda t, q, target, kind, cut_at_s: score_answer(t, question=q, settings=ScoringSettings(target_s=target, expect_star=kind == 'answer'), cut_at_s=cut_at_s),
        principle_name=catalog.principle_name, follow_up_chooser=choose_follow_ups,
    )
    parts.view.steps = list(steps or [])
    round_ = InterviewRound(parts, RoundOptions(kind=kind, target_s=target_s, cap_s=2 * target_s))
    tries = iter(["next", *(steps or [])])  # the question of an answer after "again" is asked once
    questions = [catalog.question(qid) for qid, _, _ in answers if next(tries, "next") != "again"]
    session = round_.run(questions)
    return session.id
