import pytest

from interviewer.bankfiles import load_catalog
from interviewer.followups import choose_follow_ups
from interviewer.scoring import score_text

FULL = (
    "At my last company our checkout was timing out for five percent of customers. "
    "I was responsible for fixing it before the holidays. "
    "First I traced the slow query. Then I added an index and I rewrote the retry logic. "
    "As a result timeouts dropped from 5% to 0.1% and sales rose 3%. "
    "I learned to measure before optimizing."
)


@pytest.mark.parametrize(
    "answer,first_probe",
    [
        (FULL.replace("As a result timeouts dropped from 5% to 0.1% and sales rose 3%. I learned to measure before optimizing.", ""),
         "What was the outcome?"),
        (FULL.replace("from 5% to 0.1% and sales rose 3%", "a lot and customers were happier"), "How did you measure success?"),
        (FULL.replace("I learned to measure before optimizing.", ""), "What would you do differently now?"),
        (FULL.replace("First I traced", "First we traced").replace("Then I added an index and I", "Then we added an index and we")
         .replace("I was responsible", "We were asked") + " We were proud of our team.", "What did you personally do?"),
    ],
)
def test_probes_follow_what_the_answer_lacked(answer, first_probe):
    question = load_catalog().question("co-01")
    assert choose_follow_ups(question, score_text(answer), 1)[0] == first_probe


def test_complete_answer_gets_the_banks_follow_ups_without_repeats():
    question = load_catalog().question("co-01")
    probes = choose_follow_ups(question, score_text(FULL), 3)
    assert probes == list(question.follow_ups)[:3]
    again = choose_follow_ups(question, score_text(FULL), 2, asked=probes[:1])
    assert probes[0] not in again


def test_no_we_probe_when_only_the_setting_and_outcome_say_we():
    question = load_catalog().question("co-01")
    answer = ("We were three weeks from launch and we had a flaky build. Our goal was to ship on time. "
              "I profiled the build. I cached the dependencies. I split the slow tests. "
              "We shipped on time and we cut the build from 40 to 12 minutes. I learned to measure first.")
    assert "What did you personally do?" not in choose_follow_ups(question, score_text(answer), 3)
