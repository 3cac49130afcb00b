"""Feedback that reads like an interviewer's notes: a few specific points, most important first, each tied to
a moment of the answer where there is one."""

from __future__ import annotations

from interviewer.models import AnswerScore, Delivery, FeedbackNote, Pause, Sentence, StarPart, Timing
from interviewer.scoring.delivery import too_much_we
from interviewer.scoring.settings import ScoringSettings
from interviewer.scoring.star import outcome_in_passing, setting_in_passing, task_in_passing, told_as_a_team_step
from interviewer.units import clock, counted

MISSING = {
    "result": "You never said what the result was. End with the outcome, ideally a number: time saved, revenue, errors, customers.",
    "action": "I didn't hear what you did. Walk through your own actions in the first person: 'I built…', 'I convinced…'.",
    "situation": "You started without setting the scene. Open with one or two sentences: where, when, what was at stake.",
    "task": "Say what you were responsible for or aiming at ('My goal was…') before the actions.",
}
# No Action of the candidate's, but the team's steps told with "we": the cure is the same, the note says why.
TEAM_STEPS = ("I heard what the team did ('{said}'{when}) but not what you did; tell your own steps as "
              "'I …': 'I built…', 'I convinced…'.")
# A part said only in a clause of another part's sentence: not told, but not never said either. The outcome
# at the end of the last step ("…, and the problem went away"), the scene before the task ("Our checkout page
# got so slow that customers were leaving, so my manager asked me to fix it"), the task after the scene ("Last
# year our checkout page became really slow, and I needed to fix it before Black Friday") or before it ("I was
# brought in to fix the onboarding flow at a fitness app where only a third of new users finished").
IN_A_CLAUSE = {
    "result": "The result came only in passing, at the end of a step ('{said}'{when}); give it a sentence of its "
              "own to end on, so that it lands.",
    "situation": "You set the scene only in passing, before your task ('{said}'{when}); a sentence of its own on "
                 "where, when and what was at stake lets the interviewer follow.",
    "task": "You said what you had to do only in passing, in the sentence that sets the scene "
            "('{said}'{when}); give it a sentence of its own ('My goal was…') before the actions.",
}
# A part that has sentences but is not counted as told (only the Action: see star.PRESENT_MIN_SHARE).
IN_PASSING = {
    "action": "Your actions came up only in passing ({amount}{span}); walk through what you did, step by step: "
              "'First I…, then I…'.",
}
# Where the time cap stopped the answer: what to do to reach the parts it cut off, by the first of them.
CUT_OFF_CURE = {
    "task": "say what you had to do sooner",
    "action": "get to what you did sooner",
    "result": "leave time for how it ended",
}
PRIORITY = {"hypothetical": 1, "cut-off": 1, "missing-result": 1, "missing-action": 1, "missing-situation": 2,
            "missing-task": 2, "length": 3, "long-situation": 4, "short-action": 4, "no-number": 5, "we": 5,
            "fillers": 6, "pace": 6, "short-result": 7, "pause": 8, "hedges": 8, "reflection": 9,
            "repeats": 10}


def _span(sentences: list[Sentence], label: str) -> tuple[float | None, float | None]:
    starts = [s.start for s in sentences if s.label == label and s.start is not None]
    ends = [s.end for s in sentences if s.label == label and s.end is not None]
    return (min(starts), max(ends)) if starts and ends else (None, None)


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _amount(part: StarPart) -> str:
    return f"{part.seconds:.0f} s, {_pct(part.share)}" if part.seconds is not None else _pct(part.share)


def _opening(text: str, words: int = 6) -> str:
    """The first words of a sentence, to quote it: "I would listen to their complaint…"."""
    kept = text.split()
    return " ".join(kept[:words]).rstrip(",.;:") + ("…" if len(kept) > words else "")


def _said_in_a_clause(part: str, sentences: list[Sentence]) -> tuple[Sentence, str] | None:
    """The sentence that holds ``part`` in a clause of another part's, and that clause:
    - the Result: the story's last step, when it ends with an outcome (only what is shown as a result or a
      reflection, which then is no outcome, may follow it);
    - the Situation: the story's first sentence, when it is the Task and opens with the scene;
    - the Task: the first sentence of the scene, before any step, that goes on to the task."""
    story = [s for s in sentences if s.label != "other"]
    if part == "result":
        steps = [s for s in story if s.label not in ("result", "reflection")]
        candidates = steps[-1:] if steps and steps[-1].label == "action" else []
        find = outcome_in_passing
    elif part == "situation":
        candidates = story[:1] if story and story[0].label == "task" else []
        find = setting_in_passing
    else:
        first_step = next((i for i, s in enumerate(story) if s.label in ("action", "result", "reflection")),
                          len(story))
        candidates = [s for s in story[:first_step] if s.label == "situation"]
        find = task_in_passing
    return next(((s, said) for s in candidates if (said := find(s.text))), None)


STORY_ORDER = ("situation", "task", "action", "result")


def _cut_off(star: dict[str, StarPart]) -> list[str]:
    """The parts missing after the last part told, in story order: those an answer stopped by the time cap
    never reached. Empty when no part was told (nothing says how far the story got)."""
    told = [i for i, part in enumerate(STORY_ORDER) if star[part].present]
    return [p for p in STORY_ORDER[told[-1] + 1:] if not star[p].present] if told else []


def _most_over_its_band(star: dict[str, StarPart], duration: float | None, parts=STORY_ORDER) -> str:
    """The part that took the most time beyond the top of its band: the one to trim first. Without a
    ``duration`` (a typed answer), the most of the answer's words beyond it."""
    if duration is None:
        return max(parts, key=lambda p: star[p].share - (star[p].band or (0, 1))[1])
    return max(parts, key=lambda p: (star[p].seconds or 0) - (star[p].band or (0, 1))[1] * duration)


def _busiest_minute(times: list[float]) -> tuple[float, float] | None:
    """The 30-second window with the most of these moments."""
    if len(times) < 3:
        return None
    best, best_count = None, 0
    for t in times:
        count = sum(1 for u in times if t <= u < t + 30)
        if count > best_count:
            best, best_count = t, count
    return (best, best + 30) if best is not None and best_count >= 3 else None


def build_feedback(
    sentences: list[Sentence],
    star: dict[str, StarPart],
    timing: Timing,
    delivery: Delivery,
    inner_pauses: list[Pause],
    filler_times: list[float],
    settings: ScoringSettings,
    cut_at_s: float | None = None,
) -> list[FeedbackNote]:
    notes: list[FeedbackNote] = []
    timed = timing.speaking_s is not None

    def add(kind: str, text: str, at: float | None = None) -> None:
        notes.append(FeedbackNote(text, kind, PRIORITY[kind], at))

    structure = settings.expect_star  # a follow-up answers one probe, not a whole story
    # First: an answer told as what one would do misses its parts because it tells no story, and the cure is
    # one specific time, not the missing parts.
    hypothetical = delivery.hypothetical_sentence_indexes
    story = [s for s in sentences if s.label != "other"]
    if (structure and len(hypothetical) >= settings.hypothetical_mention
            and len(hypothetical) >= settings.hypothetical_share * len(story)):
        first = sentences[hypothetical[0]]
        said = _opening(first.text)
        add("hypothetical", f"You told what you would or usually do ('{said}') rather than one time it "
                            "happened; tell a specific example: when, what you did, how it ended.",
            first.start)
    cut_off = _cut_off(star) if structure and cut_at_s is not None else []
    if cut_off:
        # The parts after the last one told were not left out: the cap came first. What took the time is
        # what to trim.
        longest = _most_over_its_band(star, cut_at_s, [p for p in STORY_ORDER if star[p].present])
        start, end = _span(sentences, longest)
        span = f" ({clock(start)}–{clock(end)})" if start is not None else ""
        names = " and the ".join(p.capitalize() for p in cut_off)
        add("cut-off", f"The {clock(cut_at_s)} time cap stopped you before the {names}; the "
                       f"{longest.capitalize()} took {star[longest].seconds or 0:.0f} s{span}. {CUT_OFF_CURE[cut_off[0]].capitalize()}.",
            cut_at_s)
    for part in ("result", "action", "situation", "task"):
        if not structure or star[part].present or part in cut_off:
            continue
        if star[part].words and part in IN_PASSING:
            start, end = _span(sentences, part)
            span = f", {clock(start)}–{clock(end)}" if start is not None else ""
            add(f"missing-{part}", IN_PASSING[part].format(amount=_amount(star[part]), span=span), start)
        elif part in IN_A_CLAUSE and (passing := _said_in_a_clause(part, sentences)):
            holder, said = passing
            when = f", {clock(holder.start)}" if holder.start is not None else ""
            add(f"missing-{part}", IN_A_CLAUSE[part].format(said=_opening(said, 10), when=when), holder.start)
        elif part == "action" and len(team_steps := [s for s in sentences if told_as_a_team_step(s.text)]) >= 2:
            when = f", {clock(team_steps[0].start)}" if team_steps[0].start is not None else ""
            add("missing-action", TEAM_STEPS.format(said=_opening(team_steps[0].text), when=when), team_steps[0].start)
        else:
            add(f"missing-{part}", MISSING[part])

    duration = timing.duration_s
    if timed and duration is not None and structure:
        over = duration - settings.target_s
        if over > settings.over_target_grace_s:
            longest = _most_over_its_band(star, duration)
            add("length", f"At {clock(duration)} you ran {clock(over)} over the {clock(settings.target_s)} target; "
                          f"trim the {longest.capitalize()} first.", settings.target_s)
        elif duration < settings.short_answer_fraction * settings.target_s:
            add("length", f"At {clock(duration)} the answer is short for a {clock(settings.target_s)} target; "
                          "add detail to what you did and how it turned out.")
    elif not timed and structure:
        # A typed answer or a story prepared in writing: its length said aloud at a steady pace (the middle of
        # the pace band), judged against the target as a spoken one is.
        words = sum(s.word_count for s in sentences)
        pace = sum(settings.wpm_band) / 2
        spoken = words / pace * 60
        about = f"About {words} words, roughly {clock(spoken)} said at {pace:.0f} words a minute"
        if spoken - settings.target_s > settings.over_target_grace_s:
            longest = _most_over_its_band(star, None)
            add("length", f"{about}: over the {clock(settings.target_s)} target; trim the {longest.capitalize()} first.")
        elif spoken < settings.short_answer_fraction * settings.target_s:
            add("length", f"{about}: short for a {clock(settings.target_s)} target; add detail to what you did "
                          "and how it turned out.")

    s_part = star["situation"]
    if not structure:
        pass
    elif s_part.present and s_part.seconds is not None and round(s_part.seconds) > settings.situation_max_s:
        start, end = _span(sentences, "situation")
        add("long-situation", f"Situation ran {s_part.seconds:.0f} s ({clock(start)}–{clock(end)}); aim for under "
                              f"{settings.situation_max_s:.0f} s and get to your actions sooner.", start)
    elif s_part.present and s_part.verdict == "long" and not timed:
        add("long-situation", f"Situation takes {_pct(s_part.share)} of the answer; keep the background to a few sentences.")

    a_part = star["action"]
    if structure and a_part.present and a_part.verdict == "short":
        low = (a_part.band or (0.3, 0.65))[0]
        add("short-action", f"Action was only {_amount(a_part)} of the answer; make what you did the longest part (at least {_pct(low)}).",
            _span(sentences, "action")[0])

    r_part = star["result"]
    if structure and r_part.present and not delivery.quantified_result:
        add("no-number", "No number in the Result: how did you measure success?", _span(sentences, "result")[0])
    if structure and r_part.present and r_part.verdict == "short":
        amount = f"{r_part.seconds:.0f} s" if r_part.seconds is not None else _pct(r_part.share)
        add("short-result", f"The Result got {amount}; give the outcome and its impact more room.", _span(sentences, "result")[0])

    we_heavy = too_much_we(delivery, settings)
    if we_heavy:
        we, i = we_heavy
        # "Mostly" only when it is; 10 'I' against 6 'we' is still too little 'I' for the ratio interviewers expect.
        amount = "Mostly 'we'" if we > i else "As much 'we' as 'I'" if we == i else "A lot of 'we'"
        add("we", f"{amount} in your actions ({we} 'we' vs {i} 'I'): say what you personally did.",
            _span(sentences, "action")[0])

    enough = delivery.filler_count >= settings.fillers_min_count  # a rate of one or two is noise
    if enough and delivery.fillers_per_minute is not None and delivery.fillers_per_minute > settings.fillers_per_min_ok:
        top = ", ".join(f"'{w}' ×{n}" for w, n in list(delivery.fillers.items())[:3])
        window = _busiest_minute(filler_times)
        where = f", most around {clock(window[0])}–{clock(window[1])}" if window else ""
        add("fillers", f"{delivery.fillers_per_minute:.1f} fillers a minute ({top}){where}; pause silently instead.",
            window[0] if window else None)
    elif enough and delivery.fillers_per_minute is None and delivery.filler_share > settings.filler_share_high:
        add("fillers", f"Fillers are {_pct(delivery.filler_share)} of your words; pause silently instead.")

    wpm = round(timing.words_per_minute, 1) if timing.words_per_minute is not None else None  # as displayed
    if wpm is not None and wpm > settings.wpm_fast:
        add("pace", f"Pace {wpm:.0f} words a minute is fast; slow to {settings.wpm_band[0]:.0f}–{settings.wpm_band[1]:.0f} so each point lands.")
    elif wpm is not None and wpm < settings.wpm_slow:
        add("pace", f"Pace {wpm:.0f} words a minute is slow; aim for {settings.wpm_band[0]:.0f}–{settings.wpm_band[1]:.0f}.")

    if inner_pauses:
        worst = max(inner_pauses, key=lambda p: p.seconds)
        add("pause", f"A {worst.seconds:.1f} s pause at {clock(worst.start)} in the middle of a sentence; "
                     "finish the thought, then pause.", worst.start)

    if sum(delivery.hedges.values()) >= settings.hedges_mention:
        top = ", ".join(f"'{h}' ×{n}" for h, n in list(delivery.hedges.items())[:3])
        add("hedges", f"{sum(delivery.hedges.values())} hedges ({top}): state what you did and what happened with confidence.")

    if structure and not star["reflection"].present and star["result"].present:
        add("reflection", "Close with what you learned or would do differently; interviewers often ask.")

    if len(delivery.repeats) >= settings.repeats_mention:
        first = delivery.repeats[0]
        said = " ".join("I" + w[1:] if w == "i" or w.startswith("i'") else w for w in first.text.split())  # "I I"
        add("repeats", f"{len(delivery.repeats)} restarts like '{said}'; slow down at the start of sentences.",
            first.at)

    notes.sort(key=lambda n: (n.priority, n.at if n.at is not None else 1e9))
    notes = notes[: settings.max_feedback_points]
    if structure and not any(n.kind.startswith("missing") or n.kind == "cut-off" for n in notes) and len(notes) <= 1:
        praise = "Clear structure: situation, task, action and result are all there"
        if delivery.quantified_result:
            praise += ", with a measured result"
        if timed and duration is not None:
            praise += f", in {clock(duration)} against a {clock(settings.target_s)} target"
        notes.insert(0, FeedbackNote(praise + ".", "praise", 0))
    return notes


def compare_tries(first: AnswerScore, again: AnswerScore, target_s: float) -> str:
    """A question answered again, against the try before (``first``): the time against the target, the STAR
    parts told or lost, a number in the Result, and how many points the feedback still has."""
    said: list[str] = []
    if first.duration_s is not None and again.duration_s is not None:
        before, now = abs(first.duration_s - target_s), abs(again.duration_s - target_s)
        trend = "closer to" if now < before - 5 else "further from" if now > before + 5 else "as near to"
        said.append(f"{clock(again.duration_s)} after {clock(first.duration_s)}, {trend} the {clock(target_s)} target")
    told = [p.capitalize() for p in first.missing if p not in again.missing]
    lost = [p.capitalize() for p in again.missing if p not in first.missing]
    if told:
        said.append(f"the {' and the '.join(told)} now told")
    if lost:
        said.append(f"the {' and the '.join(lost)} missing this time")
    if again.delivery.quantified_result and not first.delivery.quantified_result:
        said.append("a number in the Result now")
    left, before_left = (sum(note.kind != "praise" for note in score.notes) for score in (again, first))
    if left:
        said.append(f"{counted(left, 'point')} to work on (previous try {before_left})")
    elif before_left:  # not "0 points to work on"
        said.append(f"nothing left to work on (previous try {counted(before_left, 'point')})")
    else:
        said.append("nothing to work on, as before")
    return "Against your previous try: " + "; ".join(said) + "."
