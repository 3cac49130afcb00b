"""Drills, loops, follow-up probes and the story bank, through fakes at the device boundary."""

import json
import random
import re
import textwrap

import pytest

from interviewer.bankfiles import load_catalog
from interviewer.config import assets_dir
from interviewer.drill import TIME, WARNING, Attempt, DrillRunner, cue_times, part_bands_seconds, summarize
from interviewer.errors import BankError
from interviewer.followups import PROBE_NO_NUMBER, PROBE_NO_RESULT, PROBE_WE, follow_up_verdict
from interviewer.loop import LoopRunner, parse_plan, summarize_loop
from interviewer.scoring import ScoringSettings, score_text
from interviewer.session import InterviewRound, RoundOptions, RoundParts
from interviewer.stories import Story, StoryBank, import_markdown, match_story, parse_stories, point_covered, content_words, reuse_warnings
from interviewer.store import FileStore
from tests.fakes import FakeAnswerPlayer, FakeMicrophone, FakeSpeaker, FakeTranscriber, ManualClock, PressAfter, RecordingView, timed_words, tone, transcript_of
from interviewer.models import Transcript
from tests.sessions import STORY, THIN

# ------------------------------------------------------------------------------------------ drills


@pytest.mark.parametrize("target,expected", [(120, [(90, WARNING), (120, TIME)]), (40, [(20, WARNING), (40, TIME)])])
def test_cue_times(target, expected):
    assert cue_times(target) == expected


def test_part_bands_in_seconds_cap_the_situation():
    bands = part_bands_seconds(120, ScoringSettings())
    assert bands["situation"] == (6.0, 20.0)  # 25% of 2:00 is 30 s, but a Situation over 20 s reads as stalling
    assert bands["action"] == pytest.approx((36.0, 78.0))


def attempt(label, duration, parts=(20, 10, 50, 20), earlier=False):
    return Attempt(label, f"x-{label}", duration, 120.0, dict(zip(("situation", "task", "action", "result"), parts)),
                   150.0, 1.0, earlier)


def test_drill_summary_judges_parts_and_tracks_the_best():
    history = [attempt("11-01", 170, earlier=True), attempt("1", 150)]
    now = summarize(attempt("2", 140, parts=(35, 10, 70, 25)), history, ScoringSettings())
    assert now.attempt.off_target_s == 20
    assert {p.part: p.verdict for p in now.parts} == {"situation": "long", "task": "ok", "action": "ok", "result": "ok"}
    assert now.message == "Closest to the target so far (off by 20 s; best before 30 s). Trim the Situation."
    assert [a.label for a in now.history] == ["11-01", "1", "2"]
    assert summarize(attempt("3", 125), history, ScoringSettings()).message == "Within 10 s of the target."


def test_the_drills_table_shows_targets_when_earlier_attempts_had_others():
    from dataclasses import replace

    from rich.console import Console

    from interviewer.ui.terminal import drill_panel

    def shown(history):
        console = Console(width=100, record=True)
        console.print(drill_panel(summarize(attempt("1", 130), history, ScoringSettings()), 1, 3))
        table = console.export_text().split("Attempts at this question")[1]
        header = next(line for line in table.splitlines() if "attempt" in line)
        return re.split(r"\s{2,}", header.strip("│ ")), table

    columns, _ = shown([attempt("11-01", 170, earlier=True)])
    assert "target" not in columns and "off target" in columns
    earlier = replace(attempt("11-01", 100, earlier=True), target_s=90.0)  # +10 s against its own 1:30
    columns, table = shown([earlier])
    assert "target" in columns and "1:30" in table and "2:00" in table


@pytest.mark.parametrize("seconds,headline", [(120.2, "2:00 against 2:00: on the target"), (125, "2:05 against 2:00: 0:05 over"),
                                              (110, "1:50 against 2:00: 0:10 under")])
def test_the_drills_headline_says_on_the_target_rather_than_0_00_over(seconds, headline):
    from rich.console import Console

    from interviewer.ui.terminal import drill_panel

    console = Console(width=100, record=True)
    console.print(drill_panel(summarize(attempt("1", seconds), [], ScoringSettings()), 1, 3))
    assert headline in console.export_text()


class FakeCues:
    def __init__(self, words=None):
        self.prepared, self.played = [], []
        self.words = words or {}

    def said(self, kind):
        return self.words.get(kind)

    def prepare(self, kinds):
        self.prepared.append(list(kinds))

    def cue(self, kind):
        self.played.append(kind)


def make_parts(tmp_path, transcripts, mics, speaker=None, stop=None, stories=None):
    catalog = load_catalog()
    from interviewer.followups import choose_follow_ups
    from interviewer.scoring import score_answer

    return RoundParts(
        speaker=speaker or FakeSpeaker(), new_input=lambda: mics.pop(0), transcriber=FakeTranscriber(transcripts),
        store=FileStore(tmp_path / "rec"), view=RecordingView(), stop_key=stop, clock=ManualClock(),
        scorer=lambda t, q, target, kind, cut_at_s: score_answer(t, question=q, settings=ScoringSettings(target_s=target, expect_star=kind == "answer"), cut_at_s=cut_at_s),
        principle_name=catalog.principle_name, follow_up_chooser=choose_follow_ups, cue_player=FakeCues(), stories=stories,
    ), catalog


def test_a_drill_repeats_the_question_plays_cues_and_saves_summaries(tmp_path):
    mics = [FakeMicrophone(tone(50.0), idle_after=True) for _ in range(2)]
    parts, catalog = make_parts(tmp_path, [transcript_of(STORY), transcript_of(STORY)], mics, stop=PressAfter(2300))
    round_ = InterviewRound(parts, RoundOptions(kind="drill", target_s=40, cap_s=80))
    shown = []
    session = DrillRunner(round_, catalog.question("ow-11"), 2, [], ScoringSettings(target_s=40), shown.append).run()
    assert parts.speaker.said == [catalog.question("ow-11").text] * 2
    assert parts.cue_player.played == [WARNING, TIME] * 2  # at 20 s and 40 s of each ~46 s attempt
    assert [s.attempt.label for s in shown] == ["1", "2"] and len(shown[1].history) == 2
    record = json.loads((tmp_path / "rec" / session.id / "answer-2.json").read_text())
    assert record["extra"]["drill_round"] == 2 and record["extra"]["drill"]["off_target_s"] == pytest.approx(6.0)
    assert session.kind == "drill"


def test_a_spoken_cue_the_microphone_picked_up_is_not_part_of_the_answer(tmp_path):
    """With the speakers on, the drill's "20 seconds" is heard by the microphone and transcribed at its time;
    left in, "20 seconds." read as a Result with a number. It is taken out; the recording keeps it."""
    before = ("At my last company our checkout timed out for five percent of customers. I was responsible for "
              "fixing it. First I traced the slow query, then I added an index and load-tested it.")
    words = timed_words(before + " 20 seconds. Then I rewrote the retry logic with the payments team.", per_word=0.6)
    heard_at = next(w.start for w in words if w.text == "20")
    mics = [FakeMicrophone(tone(45.0), live=True)]
    transcript = Transcript(words, " ".join(w.text for w in words), 45.0, "fake")
    parts, catalog = make_parts(tmp_path, [transcript], mics)
    parts.cue_player = FakeCues({WARNING: "20 seconds"})
    round_ = InterviewRound(parts, RoundOptions(kind="drill", target_s=40, cap_s=80))
    session = DrillRunner(round_, catalog.question("ow-11"), 1, [], ScoringSettings(target_s=40), lambda s: None).run()
    record = json.loads((tmp_path / "rec" / session.id / "answer-1.json").read_text())
    assert record["extra"]["cues"][0] == {"kind": "warning", "at": 20.0, "said": "20 seconds"} and 20.0 <= heard_at <= 24.0
    assert "seconds" not in record["transcript"]["text"] and "load-tested it. Then I rewrote" in record["transcript"]["text"]
    assert not record["score"]["star"]["result"]["present"]  # it was a Result with a number


@pytest.mark.parametrize("heard,cue,at,dropped", [
    ("I added an index. 30 seconds. Then I rewrote it.", "30 seconds", 20.0, "30 seconds."),
    ("I added an index. Thirty seconds. Then I rewrote it.", "30 seconds", 20.0, "Thirty seconds."),
    ("I added an index. Twenty-five seconds. Then I rewrote it.", "25 seconds", 20.0, "Twenty-five seconds."),
    ("I added an index. 30 seconds. Then I rewrote it.", "30 seconds", 5.0, None),  # not when the cue played
    ("I added an index. 30 minutes. Then I rewrote it.", "30 seconds", 20.0, None),
    # misheard a little, or cut off by the end of the answer
    ("I added an index. 30 second. Then I rewrote it.", "30 seconds", 20.0, "30 second."),
    ("I added an index. Thirty secunds. Then I rewrote it.", "30 seconds", 20.0, "Thirty secunds."),
    ("I added an index and then I rewrote it. 30", "30 seconds", 45.0, "30"),
])
def test_heard_cue_words_are_matched_at_their_time_only(heard, cue, at, dropped):
    from interviewer.session import drop_heard_cues

    words = timed_words(heard, start=0.0, per_word=5.0)  # a word every 5 s: the number is said at 20 s
    cleaned = drop_heard_cues(Transcript(words, heard, 60.0), [(at, cue)])
    if dropped is None:
        assert cleaned.text == heard
    else:
        assert cleaned.text == heard.replace(dropped + " ", "").removesuffix(" " + dropped)
        assert len(cleaned.words) == len(words) - len(dropped.split())


def test_a_drill_attempt_can_be_heard_back_before_the_next(tmp_path):
    mics = [FakeMicrophone(tone(2.0), live=False) for _ in range(2)]
    parts, catalog = make_parts(tmp_path, [transcript_of(STORY), transcript_of(STORY)], mics)
    parts.answer_player = player = FakeAnswerPlayer()
    parts.view.steps = ["replay", "next"]
    round_ = InterviewRound(parts, RoundOptions(kind="drill", target_s=40, cap_s=80))  # from the microphone
    session = DrillRunner(round_, catalog.question("ow-11"), 2, [], ScoringSettings(target_s=40), lambda s: None).run()
    assert player.played == [([tmp_path / "rec" / session.id / "answer-1.wav"], None)]
    # between the two attempts only (the drill itself is the answering again)
    assert [e for e in parts.view.events if e[0] == "after"] == [("after", False, False, "replay")] * 2
    assert len(session.answers) == 2


# ------------------------------------------------------------------------------------------ loops

PLAN = textwrap.dedent(
    """\
    title: Short loop
    follow_ups: 1
    interviewers:
      - name: Ana
        role: the hiring manager
        principles: [ownership, dive deep]
        questions: 2
        voice: en-us
      - name: Bo
        principles: [Earn Trust]
        questions: 1
        rate: 150
        intro: Hello, I'm Bo. Let's talk about trust.
    """
)


def test_the_default_plan_is_valid_and_covers_the_most_asked_principles():
    catalog = load_catalog()
    plan = parse_plan((assets_dir() / "loop-default.yaml").read_text(), "default", catalog)
    assert len(plan.interviewers) == 5
    covered = {p for i in plan.interviewers for p in i.principles}
    assert {"customer-obsession", "ownership", "earn-trust", "bias-for-action", "deliver-results", "dive-deep"} <= covered
    assert len({(i.voice, i.rate, i.pitch) for i in plan.interviewers}) == 5  # a distinct voice each
    assert all(1 <= len(i.principles) <= 3 for i in plan.interviewers)


@pytest.mark.parametrize(
    "text,message",
    [
        (PLAN.replace("principles: [Earn Trust]", "principles: []"), "one to three principles"),
        (PLAN.replace("rate: 150", "rate: 9000"), "'rate' is words per minute"),
        (PLAN.replace("voice: en-us", "voise: en-us"), "did you mean 'voice'"),
        (PLAN.replace("[Earn Trust]", "[Earn Truth]"), "No principle matches 'Earn Truth'"),
        ("interviewers: []\n", "non-empty 'interviewers' list"),
    ],
)
def test_bad_plans_are_explained(text, message):
    with pytest.raises(BankError, match=message):
        parse_plan(text, "plan.yaml", load_catalog())


def test_a_loop_switches_voices_introduces_interviewers_and_probes(tmp_path):
    catalog = load_catalog()
    plan = parse_plan(PLAN, "plan.yaml", catalog)
    transcripts = [transcript_of(THIN), transcript_of("I rewrote the query myself and I added the index."),
                   transcript_of(STORY), transcript_of("I would measure earlier next time."),
                   transcript_of(STORY), transcript_of("I would ask the team sooner.")]
    mics = [FakeMicrophone(tone(1.0), live=False) for _ in transcripts]
    parts, _ = make_parts(tmp_path, transcripts, mics)
    speakers = {"Ana": FakeSpeaker(), "Bo": FakeSpeaker()}
    round_ = InterviewRound(parts, RoundOptions(kind="loop", follow_ups=1))
    shown = {}
    runner = LoopRunner(round_, plan, catalog, speakers, {}, lambda i, pos, n: shown.setdefault("who", []).append(i.name),
                        lambda s: shown.setdefault("summary", s), rng=random.Random(3))
    session = runner.run()
    assert shown["who"] == ["Ana", "Bo"]
    assert speakers["Ana"].said[0] == "Hi, I'm Ana, the hiring manager. I'll be asking about Ownership and Dive Deep."
    assert speakers["Bo"].said[0] == "Hello, I'm Bo. Let's talk about trust."
    assert len(speakers["Ana"].said) == 1 + 2 * 2 and len(speakers["Bo"].said) == 1 + 2  # intro, questions, probes
    assert speakers["Ana"].said[2] == "What exactly did you do yourself?"  # the thin answer had no actions of "I"
    folder = tmp_path / "rec" / session.id
    records = [json.loads(p.read_text()) for p in sorted(folder.glob("answer-*.json"))]
    main = [r for r in records if r["kind"] == "answer"]
    assert [r["extra"]["interviewer"] for r in main] == ["Ana", "Ana", "Bo"]
    assert len({r["question"]["id"] for r in main}) == 3
    assert {r["question"]["principle"] for r in main[:2]} <= {"ownership", "dive-deep"}
    follow = [r for r in records if r["kind"] == "follow-up"]
    assert len(follow) == 3 and follow[0]["score"]["feedback"][0] == "Good: this time it was clear what you did yourself."
    saved = json.loads((folder / "session.json").read_text())
    assert saved["kind"] == "loop" and saved["extra"]["plan"]["title"] == "Short loop"
    assert [p["name"] for p in saved["extra"]["summary"]["per_interviewer"]] == ["Ana", "Bo"]
    summary = shown["summary"]
    assert summary.per_interviewer[0]["follow_ups"] == 2


def test_the_loop_summary_lists_the_principles_each_interviewer_asked_about(tmp_path):
    catalog = load_catalog()
    plan = parse_plan(PLAN.replace("questions: 2", "questions: 1").replace("follow_ups: 1", "follow_ups: 0"),
                      "plan.yaml", catalog)
    parts, _ = make_parts(tmp_path, [transcript_of(STORY)] * 2, [FakeMicrophone(tone(1.0), live=False) for _ in range(2)])
    round_ = InterviewRound(parts, RoundOptions(kind="loop"))
    runner = LoopRunner(round_, plan, catalog, {"Ana": FakeSpeaker(), "Bo": FakeSpeaker()}, {}, lambda *a: None,
                        lambda s: None, rng=random.Random(3))
    runner.run()
    asked = round_.records[0].question.principle
    # Ana's plan names Ownership and Dive Deep; with one question only the one she asked about is listed.
    assert runner.summary.per_interviewer[0]["principles"] == catalog.principle_name(asked)


def test_a_loop_waits_after_each_question_and_can_be_stopped_there_with_its_summary(tmp_path):
    """The next interviewer's question used to be spoken, and its recording started, right under the last
    answer's feedback; now the candidate reads it first, and q ends the loop with a summary of what was asked."""
    catalog = load_catalog()
    plan = parse_plan(PLAN.replace("questions: 2", "questions: 1").replace("follow_ups: 1", "follow_ups: 0"),
                      "plan.yaml", catalog)
    parts, _ = make_parts(tmp_path, [transcript_of(STORY)] * 2, [FakeMicrophone(tone(1.0), live=False) for _ in range(2)])
    parts.view.steps = ["stop"]
    round_ = InterviewRound(parts, RoundOptions(kind="loop"))
    runner = LoopRunner(round_, plan, catalog, {"Ana": FakeSpeaker(), "Bo": FakeSpeaker()}, {}, lambda *a: None,
                        lambda s: None, rng=random.Random(3))
    session = runner.run()
    assert [e for e in parts.view.events if e[0] == "after"] == [("after", False, False)]
    assert len(round_.records) == 1 and session.status == "complete"
    assert [row["name"] for row in runner.summary.per_interviewer] == ["Ana"]  # Bo never asked


# ------------------------------------------------------------------------------------------ follow-ups


@pytest.mark.parametrize(
    "probe,answer,expected",
    [
        (PROBE_NO_RESULT, "As a result errors fell by forty percent and the launch went well.", "You gave the outcome"),
        (PROBE_NO_RESULT, "We kept working on it for a while with the team.", "Still no outcome"),
        (PROBE_NO_NUMBER, "We cut the error rate by 40% in a month.", "now there is a number"),
        (PROBE_NO_NUMBER, "The customers were much happier afterwards.", "Still no number"),
        (PROBE_WE, "I wrote the migration myself and I reviewed every change.", "clear what you did yourself"),
        (PROBE_WE, "We wrote the migration and we reviewed it as a team.", "Still mostly 'we'"),
    ],
)
def test_follow_up_answers_are_checked_against_the_probe(probe, answer, expected):
    assert expected in follow_up_verdict(probe, score_text(answer, settings=ScoringSettings(expect_star=False)))


def test_follow_up_answers_are_not_judged_as_whole_stories():
    score = score_text("We cut the error rate by 40% in a month.", settings=ScoringSettings(expect_star=False))
    assert not any("never said" in f or "setting the scene" in f for f in score.feedback)


# ------------------------------------------------------------------------------------------ stories

STORIES = textwrap.dedent(
    """\
    format: interviewer-stories/1
    stories:
      - id: checkout
        title: Checkout timeouts before the holidays
        principles: [ownership, dive-deep]
        outline:
          - checkout timing out for five percent of customers
          - responsible for fixing it before the holidays
          - traced the slow query and added an index
          - rewrote the retry logic with the payments team
          - timeouts dropped from 5% to 0.1%
          - learned to measure before optimizing
      - id: hiring
        title: Rebuilt the interview loop
        principles: [Hire and Develop the Best]
        outline:
          - interview loop had no rubric
          - wrote a rubric and trained six interviewers
    """
)


def test_story_bank_parses_and_reports_problems():
    bank = parse_stories(STORIES, "stories.yaml", load_catalog())
    assert [s.id for s in bank.stories] == ["checkout", "hiring"]
    assert bank.stories[1].principles == ("hire-and-develop-the-best",)
    broken = STORIES.split("  - id: hiring")[0].replace("    outline:\n", "    outline: []\n    notes:\n")
    with pytest.raises(BankError, match=r"stories.yaml:7: story 'checkout', field 'notes': unknown field"):
        parse_stories(broken, "stories.yaml", load_catalog())
    no_outline = "stories:\n  - id: x\n    title: A story\n    principles: [ownership]\n"
    with pytest.raises(BankError, match=r"stories.yaml:2: story 'x', field 'outline': needs 'outline'"):
        parse_stories(no_outline, "stories.yaml", load_catalog())


def test_the_story_told_and_its_outline_coverage():
    bank = parse_stories(STORIES, "s.yaml", load_catalog())
    told = STORY.replace("First I traced the slow query and um then I added an index. ", "")  # one point left out
    match = match_story(bank, told, "ownership")
    assert match.story.id == "checkout"
    assert match.missed == ["traced the slow query and added an index"]
    assert len(match.covered) == 5
    assert match_story(bank, "I organised the summer party and everyone had fun.", "ownership") is None


def test_common_words_alone_do_not_make_a_story_told():
    """A story written out as prose shares common words ("first", "day", "week", "work") with any answer: the
    demo's checkout answer was called the dashboard story, "covered 0 of 5 outline points". One of a story's
    points must be made; a story whose points were made is the one told, though fewer of its words were heard."""
    prose = Story("dashboard", "Promised a dashboard", (), (
        "In my first year I promised a dashboard in a week without checking the data sources.",
        "I told my lead on day three, split the work, and delivered part of it in a week.",
        "Since then I check the inputs before I give a date."))
    answer = ("In my first week the checkout was late. I spent a day with each engineer, split the work and "
              "checked the test suite. I renegotiated the scope with the product manager.")
    assert match_story(StoryBank([prose], "s.yaml"), answer) is None
    told = Story("checkout", "Late checkout", (), ("renegotiated the scope with the product manager",
                                                   "moved the holiday launch date", "hired a contractor for payments",
                                                   "froze the design system", "wrote a migration guide for partners",
                                                   "documented a rollback plan for every service"))
    match = match_story(StoryBank([prose, told], "s.yaml"), answer)
    assert match.story.id == "checkout" and match.covered == ["renegotiated the scope with the product manager"]


@pytest.mark.parametrize(
    "point,text,covered",
    [("timeouts dropped from 5% to 0.1%", "timeouts fell from five percent to 0.1 percent", True),
     ("trained six interviewers", "I trained 6 interviewers", True),
     ("rewrote the retry logic", "we refactored the retries", False)],
)
def test_outline_point_coverage(point, text, covered):
    assert point_covered(point, content_words(text)) is covered


def test_import_prep_notes_shaped_like_the_seeds():
    from pathlib import Path

    notes = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "principle-answers.md"
    if not notes.is_file():
        pytest.skip("the seeds are not next to this checkout")
    stories = import_markdown(notes.read_text(), load_catalog())
    assert len(stories) == 6
    assert stories[0].principles == ("think-big",) and stories[0].questions[0].startswith("Tell me about a time when you thought")
    assert "Secured license to Asana for my team" in stories[0].outline
    assert not any(p in ("S:", "T:", "A:", "R:") for s in stories for p in s.outline)
    round_trip = parse_stories(StoryBank(stories).to_yaml(), "x.yaml", load_catalog())
    assert [s.id for s in round_trip.stories] == [s.id for s in stories]


def test_import_keeps_the_principle_over_question_subheadings():
    # "# Ownership" then "## Tell me about …" per story: each question heading ended the principle's section,
    # so the stories were imported for no principle.
    notes = """# About me

## Tell me about yourself

**S:** I build payment systems.

# Ownership

## Tell me about a time you took over a late project

**S:** Our checkout was six weeks behind.
**R:** We launched nine days early.

## Describe a time you fixed something outside your job

**S:** The build was broken for a week.
**A:** I bisected it and fixed the flaky test.

# Notes

## Tell me about a failure

**S:** A launch slipped.
"""
    stories = import_markdown(notes, load_catalog())
    assert [(s.principles, s.questions) for s in stories] == [
        ((), ("Tell me about yourself",)),
        (("ownership",), ("Tell me about a time you took over a late project",)),
        (("ownership",), ("Describe a time you fixed something outside your job",)),
        ((), ("Tell me about a failure",)),
    ]


def test_import_reads_the_common_shapes_of_star_notes():
    """Notes shaped unlike the seeds' principle-answers.md gave "no stories found": "- **Situation**:" bullets,
    "### Story:" headings, a heading naming two principles, part headings, label lines over bullets (as in
    star-story-template.md), bold labels on lines of their own, and the "#### Story 1 - title" sections of
    loop-interview-notes.md whose lines and bullets carry no labels."""
    notes = """# My LP prep

## Customer Obsession
### Story: The refund backlog
- **Situation**: Refund requests piled up to 3 weeks.
- **Task**: I owned the returns desk and had to get it under 2 days.
- **Action**: I triaged by type, wrote templates, trained two people.
- **Result:** Under 2 days in a month; complaints halved.
- **Learning**: Measure the queue before adding people.

## Dive Deep / Ownership
### Story: Wrong revenue chart
S: A board chart was missing one region.
T: Find why before the meeting.
A: Traced the spreadsheet filter and told my manager.
R: The report went out on time and correct.

## Deliver Results (2 stories)
### Late launch
### Situation
The launch slipped two weeks.
### Action
- Cut scope with the product manager
### Result
- Shipped on the new date.

### Have Backbone; Disagree and Commit

![[diagram.png]]

#### Story 1 - Disagreed and things went your way.

The CEO presented a new product vision at the offsite.
- I asked for a week to survey our customers
	- ten calls of twenty minutes
- Nine of ten customers were against it

**Team**

- This brought everyone back to our core focus.

___

# Earn Trust
Situation:
- We had lost a client's trust.

Task:
- Win it back within a quarter.

5 Whys:
- u

# Frugality
**Situation**
Our cloud bill doubled in a year.

**Action**
- Turned off idle clusters

**Result**
The bill fell by 40%.

# Q&A
Q: Why this company?
A: Because I like the product.
"""
    stories = import_markdown(notes, load_catalog())
    assert [(s.title, s.principles) for s in stories] == [
        ("The refund backlog", ("customer-obsession",)),
        ("Wrong revenue chart", ("dive-deep", "ownership")),
        ("Late launch", ("deliver-results",)),  # its "### Action" and "### Result" are not principles
        ("Disagreed and things went your way", ("have-backbone-disagree-and-commit",)),
        ("We had lost a client's trust.", ("earn-trust",)),
        ("Our cloud bill doubled in a year.", ("frugality",)),
    ]
    assert stories[0].outline[0] == "Refund requests piled up to 3 weeks." and len(stories[0].outline) == 5
    assert stories[1].outline[2] == "Traced the spreadsheet filter and told my manager."
    assert stories[2].outline == ("The launch slipped two weeks.", "Cut scope with the product manager", "Shipped on the new date.")
    assert stories[3].outline == ("The CEO presented a new product vision at the offsite.",
                                  "I asked for a week to survey our customers", "Nine of ten customers were against it",
                                  "This brought everyone back to our core focus.")
    assert stories[4].outline == ("We had lost a client's trust.", "Win it back within a quarter.")  # not the 5 whys
    # a bold label on a line of its own, then the part's text: a paragraph's points are its bullets or its text
    assert stories[5].outline == ("Our cloud bill doubled in a year.", "Turned off idle clusters", "The bill fell by 40%.")


def test_import_reads_flashcards_whose_answers_are_prose():
    """Flashcard notes ("Q: question", then "A:" and the answer written out) gave "no stories found": the
    letter A is the Action's label only inside a story. Each card is a story, the answer's sentences its
    outline; a card whose "Q:" is followed by S:/T:/A:/R: labels is still a labelled outline."""
    notes = """# Flashcards

## Ownership

Q: Tell me about a time you took on something outside your job.
A: At Acme the nightly billing export kept failing. Nobody owned it, so I did.
I rewrote the retry logic and added an alert.

Failures dropped from weekly to none in a quarter.

**Q2:** Tell me about a time you failed.
**A:** I promised a dashboard in a week without checking the sources. I told my lead on day three.

Q: Why do you want to work here?
A: I like the product.

# Other notes

Question: Tell me about a conflict.
Answer: My designer and I disagreed about the launch date. We agreed on a phased launch.

Q: Tell me about a late project.
S: The launch was six weeks late.
T: I had to get it out before Black Friday.
A: I cut scope and ran daily check-ins.
R: We shipped on time.
"""
    stories = import_markdown(notes, load_catalog())
    assert [(s.principles, s.questions, s.outline) for s in stories] == [
        (("ownership",), ("Tell me about a time you took on something outside your job.",),
         ("At Acme the nightly billing export kept failing.", "Nobody owned it, so I did.",
          "I rewrote the retry logic and added an alert.", "Failures dropped from weekly to none in a quarter.")),
        (("ownership",), ("Tell me about a time you failed.",),
         ("I promised a dashboard in a week without checking the sources.", "I told my lead on day three.")),
        ((), ("Tell me about a conflict.",),
         ("My designer and I disagreed about the launch date.", "We agreed on a phased launch.")),
        ((), ("Tell me about a late project.",),
         ("The launch was six weeks late.", "I had to get it out before Black Friday.", "I cut scope and ran daily check-ins.",
          "We shipped on time.")),
    ]
    assert stories[0].answer.startswith("At Acme the nightly billing export kept failing.")
    assert stories[1].answer == "I promised a dashboard in a week without checking the sources. I told my lead on day three."
    assert stories[0].title == "At Acme the nightly billing export kept failing."


def test_import_takes_a_story_heading_and_a_principles_line():
    """The commonest home-made notes: a heading per story, a "Principles:" line, labelled bullets. The heading
    was dropped (the story was titled by its first bullet) and the line ignored (no principles)."""
    notes = """# My stories

## Migrating billing to events without downtime
Principles: Ownership, Deliver Results
- S: billing ran on a monolith that fell over every December
- T: I had to move it to events before Black Friday
- A: I built a shadow pipeline and compared outputs for three weeks
- R: zero downtime, 40% fewer billing tickets

## Coaching a struggling new hire
- **LPs:** Hire and Develop the Best / Have Backbone; Disagree and Commit
- S: a new hire was missing every deadline
- A: I paired with him daily for two weeks

## Weak:
S: A new deploy system was being created.
R: Users loved it.
"""
    stories = import_markdown(notes, load_catalog())
    assert [(s.title, s.principles) for s in stories] == [
        ("Migrating billing to events without downtime", ("ownership", "deliver-results")),
        ("Coaching a struggling new hire", ("hire-and-develop-the-best", "have-backbone-disagree-and-commit")),
        ("A new deploy system was being created.", ()),  # "Weak:" heads a list of stories, it is no title
    ]
    assert stories[0].outline[0] == "billing ran on a monolith that fell over every December"


def test_import_reads_letter_labels_outside_a_story_section():
    """Plain "S:", "T:", "R:" lines start a story anywhere (they were read only inside a story section, so
    the commonest notes, four letter-labelled lines under a question, gave "no stories found"); "A:" is the
    Action once a story is open."""
    notes = "# Prep\n\nTell me about a late project.\nS: The launch was six weeks late.\nT: I had to ship it.\n" \
            "A: I cut scope.\nR: We shipped on time.\n"
    [story] = import_markdown(notes, load_catalog())
    assert story.questions == ("Tell me about a late project.",)
    assert story.outline == ("The launch was six weeks late.", "I had to ship it.", "I cut scope.", "We shipped on time.")
    # A line that only looks like a flashcard's question ("Q3.") does not end the story.
    [story] = import_markdown(notes.replace("A: I cut", "Q3: I cut"), load_catalog())
    assert story.outline == ("The launch was six weeks late.", "I had to ship it.", "Q3: I cut scope.", "We shipped on time.")


def test_import_reads_other_frameworks_headings_in_a_story():
    """Notes kept in CAR or PAR form ("Context:", "Challenge:", "Approach:", "Impact:") gave "no stories
    found" or a story without its parts. They are the parts under a principle's heading or inside a story;
    outside, "Goal: an offer by March" is the notes' own line, no story."""
    notes = """Goal: an offer by March

# Ownership
Context: our nightly billing job failed twice a week.
Approach: I rewrote its retries and added an alert.
Impact: no failure in the six months since.

# Frugality
**Challenge:** the cloud bill doubled in a year.
**Outcome:** it fell by 40%.
**Key takeaway:** measure before you buy.
"""
    stories = import_markdown(notes, load_catalog())
    assert [(s.title, s.principles) for s in stories] == [
        ("our nightly billing job failed twice a week.", ("ownership",)),
        ("the cloud bill doubled in a year.", ("frugality",)),
    ]
    assert stories[0].outline == ("our nightly billing job failed twice a week.",
                                  "I rewrote its retries and added an alert.",
                                  "no failure in the six months since.")
    assert stories[1].answer.splitlines() == ["S: the cloud bill doubled in a year.", "",
                                              "R: it fell by 40%.", "", "Reflection: measure before you buy."]


def test_reuse_warnings_in_a_loop():
    warnings = reuse_warnings([("Checkout", "Ownership", "Ana"), ("Checkout", "Dive Deep", "Bo"), ("Hiring", "Hire", "Cy")])
    assert len(warnings) == 1 and "'Checkout' story for 2 principles" in warnings[0] and "Dive Deep (Bo)" in warnings[0]


def test_story_coverage_is_saved_with_the_answer_and_reuse_is_flagged_in_the_loop(tmp_path):
    catalog = load_catalog()
    bank = parse_stories(STORIES, "s.yaml", catalog)
    plan = parse_plan(PLAN.replace("follow_ups: 1", "follow_ups: 0"), "p.yaml", catalog)
    transcripts = [transcript_of(STORY) for _ in range(3)]
    parts, _ = make_parts(tmp_path, transcripts, [FakeMicrophone(tone(1.0), live=False) for _ in range(3)], stories=bank)
    round_ = InterviewRound(parts, RoundOptions(kind="loop", follow_ups=0))
    shown = {}
    LoopRunner(round_, plan, catalog, {"Ana": FakeSpeaker(), "Bo": FakeSpeaker()}, {}, lambda *a: None,
               lambda s: shown.setdefault("summary", s), rng=random.Random(1)).run()
    assert all(r.extra["story"]["id"] == "checkout" for r in round_.records)
    assert shown["summary"].warnings and "Checkout timeouts before the holidays" in shown["summary"].warnings[0]
    summary = summarize_loop(plan, round_.records, round_.scores, catalog.principle_name)
    assert summary.warnings == shown["summary"].warnings


def test_an_answer_that_could_not_be_scored_is_not_matched_to_a_story(tmp_path):
    # No speech (or one word): "No prepared story matched this answer." under "No speech was detected" said
    # nothing the candidate could use.
    bank = parse_stories(STORIES, "s.yaml", load_catalog())
    parts, catalog = make_parts(tmp_path, [transcript_of(""), transcript_of(STORY)],
                                [FakeMicrophone(tone(1.0), live=False) for _ in range(2)], stories=bank)
    round_ = InterviewRound(parts, RoundOptions())
    round_.run([catalog.question("ow-11"), catalog.question("ow-06")])
    silent, told = round_.records
    assert silent.error and "story" not in silent.extra
    assert told.extra["story"]["id"] == "checkout"
    # Answers saved before say "no story matched" (None); review does not show that for them either.
    from rich.console import Console

    from interviewer.ui.report import answer_panel
    silent.extra["story"] = None
    console = Console(width=100, record=True)
    console.print(answer_panel(silent))
    shown = console.export_text()
    assert "No speech" in shown and "No prepared story" not in shown


def test_a_loops_summary_is_shown_again_in_review_and_export(tmp_path, monkeypatch):
    """The summary (who would note what) was shown once, at the loop's end: 'review' and the report the
    loop points to left it out, and the report called the loop a practice session."""
    from tests.conftest import run_cli

    catalog = load_catalog()
    plan = parse_plan(PLAN.replace("follow_ups: 1", "follow_ups: 0"), "plan.yaml", catalog)
    parts, _ = make_parts(tmp_path, [transcript_of(STORY)] * 3, [FakeMicrophone(tone(1.0), live=False) for _ in range(3)])
    session = LoopRunner(InterviewRound(parts, RoundOptions(kind="loop")), plan, catalog,
                         {"Ana": FakeSpeaker(), "Bo": FakeSpeaker()}, {}, lambda *a: None, lambda s: None,
                         rng=random.Random(3)).run()
    monkeypatch.setenv("INTERVIEWER_RECORDINGS", str(tmp_path / "rec"))
    monkeypatch.setenv("INTERVIEWER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("COLUMNS", "120")
    review = run_cli(["review", session.id])
    assert review.returncode == 0, review.stderr
    assert "Loop summary" in review.stdout and "By interviewer" in review.stdout and "Earn Trust" in review.stdout
    md = run_cli(["export", session.id, "-f", "md"]).stdout
    assert md.startswith(f"# Loop session {session.id}\n\n## Loop summary")
    assert "| Bo | Earn Trust | 1 | 0 |" in md
    html_path = tmp_path / "loop.html"
    assert run_cli(["export", session.id, "-f", "html", "--link-audio", "-o", str(html_path)]).returncode == 0
    html = html_path.read_text()
    assert f"<h1>Loop session {session.id}</h1>" in html and "<h2>Loop summary</h2>" in html


def test_the_loop_summary_puts_each_interviewers_note_under_the_table_at_80_columns():
    from rich.console import Console

    from interviewer.loop import LoopSummary
    from interviewer.ui.terminal import loop_summary_panel

    note = "You never said what the result was. End with the outcome, ideally a number: time saved, revenue."
    summary = LoopSummary(per_interviewer=[{"name": "Priya", "principles": "Ownership", "answers": 1, "follow_ups": 1,
                                            "impression": "needs work", "would_note": note}])
    console = Console(width=80, record=True)
    console.print(loop_summary_panel(summary))
    shown = console.export_text()
    assert "Priya would note: You never said what the result was." in shown  # one line, not a ribbon
    assert "needs work" in shown and "would note  " not in shown


def test_loop_impression_counts_ownership_in_the_actions():
    from interviewer.loop import impression
    from interviewer.scoring import ScoringSettings, score_answer

    # Complete, with a number, on time: "we" in the setting and the outcome, "I" in every step.
    answer = score_answer(transcript_of(
        "We were three weeks from launch and we had a flaky build. Our goal was to ship on time. "
        "I profiled the build. I cached the dependencies. I split the slow tests. "
        "We shipped on time and we cut the build from 40 to 12 minutes. I learned to measure first.", per_word=0.4),
        settings=ScoringSettings(target_s=20))
    assert answer.delivery.we_count > answer.delivery.i_count
    assert impression([answer]) == "strong"


def test_loop_impression_judges_time_as_the_answers_notes_do():
    from interviewer.loop import impression
    from interviewer.scoring import ScoringSettings, score_answer

    story = ("At my last job our checkout kept timing out before the holidays. I was asked to fix it. "
             "I profiled the service and I found a slow query. I added an index and I cached the results. "
             "Timeouts dropped from 5% to 0.1% and sales went up 3%.")
    # 55% of the target: no note calls it short, so neither does the impression (it said "mixed" before).
    fine = score_answer(transcript_of(story, per_word=0.6), settings=ScoringSettings(target_s=50))
    assert not any(n.kind == "length" for n in fine.notes) and impression([fine]) == "strong"
    thin = score_answer(transcript_of(story, per_word=0.6), settings=ScoringSettings(target_s=120))
    assert any(n.kind == "length" for n in thin.notes) and impression([thin]) == "mixed"
