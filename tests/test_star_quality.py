"""The STAR labeler on the labeled answers (../shared/data and the seeds, and our spoken-style answers in
benchmarks/data): a regression guard on quality, not on speed. The full figures come from
benchmarks/star_eval.py."""

import sys

import pytest

from tests.conftest import ROOT, need

sys.path.insert(0, str(ROOT / "benchmarks"))


def need_star_dev():
    import star_data

    need((star_data.SHARED / "data" / "star_dev.jsonl").is_file(), "../shared/data/star_dev.jsonl beside the checkout")


@pytest.fixture(scope="module")
def labeled():
    import star_data

    need_star_dev()
    return star_data.load_all()


def test_sentence_accuracy_and_missing_parts(labeled):
    import star_eval

    from interviewer.scoring.star import load_weights

    weights = load_weights()
    ours = star_eval.evaluate(labeled, lambda a: star_eval.ours(weights))
    baseline = star_eval.evaluate(labeled, lambda a: star_eval.position_baseline)
    assert ours["accuracy4"] >= 0.90
    assert ours["accuracy4"] >= baseline["accuracy4"] + 0.08
    assert ours["missing_recall"] >= 0.75 and ours["false_missing"] <= 0.15


def test_spoken_answers_judged_by_weights_fitted_without_them():
    """Answers as people say them ("yeah, so...", "my manager asked me to...", number words), scored by a
    model that never saw them."""
    import star_data
    import star_eval
    import train_star

    need_star_dev()
    weights = train_star.fit(star_data.load_all())
    spoken = star_eval.evaluate(star_data.load_spoken(), lambda a: star_eval.ours(weights))
    assert spoken["accuracy4"] >= 0.90
    assert spoken["missing_recall"] >= 0.8 and spoken["false_missing"] <= 0.15


def test_written_answers_never_fitted():
    """Answers written for prep in prose and story-bank bullets, in many trades, that no fit has seen."""
    import star_data
    import star_eval

    from interviewer.scoring.star import load_weights

    weights = load_weights()
    written = star_data.load_written()
    ours = star_eval.evaluate(written, lambda a: star_eval.ours(weights))
    baseline = star_eval.evaluate(written, lambda a: star_eval.position_baseline)
    assert ours["accuracy4"] >= 0.93 and ours["accuracy4"] >= baseline["accuracy4"] + 0.03
    assert ours["missing_recall"] >= 0.85 and ours["false_missing"] <= 0.15


def test_spoken_answers_without_punctuation():
    """The spoken answers as a recognizer that writes no punctuation gives them (lower case, no marks, pauses
    of 0.25-0.9 s between sentences): before the splitter read clause starts, acc4 was 0.64 and 81% of
    complete answers lost a part."""
    import star_data
    import star_eval

    from interviewer.scoring.star import load_weights

    weights = load_weights()
    unpunctuated = star_data.without_punctuation(star_data.load_spoken())
    run = star_eval.evaluate(unpunctuated, lambda a: star_eval.ours(weights))
    assert run["accuracy4"] >= 0.85
    assert run["missing_recall"] >= 0.8 and run["false_missing"] <= 0.15


def test_committed_weights_match_a_fresh_fit():
    import json

    import star_data
    import train_star

    from interviewer.scoring.star import WEIGHTS_FILE

    need_star_dev()
    fresh = train_star.fit(star_data.load_training())
    committed = json.loads(WEIGHTS_FILE.read_text())["models"]
    for model in ("full", "content"):
        for part, weights in fresh[model].items():
            for feature, value in weights.items():
                assert committed[model][part].get(feature, 0.0) == pytest.approx(value, abs=0.01), (model, part, feature)


def test_the_heard_benchmark_follows_gold_labels_through_whisper_s_words():
    """benchmarks/star_heard.py: labels follow an alignment, and taking a part out closes its time."""
    from benchmarks.star_heard import HeardAnswer, aligned_labels
    from interviewer.models import Word

    gold = "we were late i fixed the build it shipped".split()
    parts = ["situation"] * 3 + ["action"] * 4 + ["result"] * 2
    heard = "um we were late i fix the build and it shipped".split()  # an added word, a misheard one
    labels = aligned_labels(gold, parts, heard)
    assert labels == ["situation"] * 4 + ["action"] * 5 + ["result"] * 2

    texts = "We were late. I fixed the build. It shipped.".split()
    words = [Word(t, i * 0.5, i * 0.5 + 0.4) for i, t in enumerate(texts)]
    answer = HeardAnswer("x", "src", None, [("situation", ""), ("action", ""), ("result", "")],
                         words=words, word_labels=parts).prepare()
    assert answer.gold == ["situation", "action", "result"]
    reduced = answer.without("action")
    assert [w.text for w in reduced.words] == ["We", "were", "late.", "It", "shipped."]
    assert reduced.words[3].start == 1.5  # where "I" started: the pause before the removed part stays
    assert reduced.words[4].start == 2.0
    assert reduced.gold == ["situation", "result"]


def test_a_labeled_file_from_elsewhere_may_spell_its_parts_its_own_way(tmp_path):
    """`star_eval.py --extra FILE` reads answers labeled elsewhere: "Result", "Actions", STAR-L's "Learning"
    are our parts, a line without an id or source still counts, and a line it cannot read is named."""
    import json

    import star_data

    answer = {"parts": [{"label": "Situation", "text": "Our build took forty minutes."},
                        {"label": "task", "text": "I had to cut it in half."},
                        {"label": "Actions", "text": "I cached the dependencies and split the tests."},
                        {"label": "Results:", "text": "The build dropped to fifteen minutes."},
                        {"label": "Learning", "text": "I learned to measure before changing anything."}]}
    good = tmp_path / "elsewhere.jsonl"
    good.write_text(json.dumps(answer) + "\n")
    [loaded] = star_data.load_dev(good)
    assert [label for label, _ in loaded.parts] == ["situation", "task", "action", "result", "reflection"]
    assert loaded.id == loaded.source == "elsewhere-1"

    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(answer) + "\n" + json.dumps({"parts": [{"label": "Context", "text": "x"}]}) + "\n")
    with pytest.raises(SystemExit, match=r"bad\.jsonl:2: .*'Context'"):
        star_data.load_dev(bad)
