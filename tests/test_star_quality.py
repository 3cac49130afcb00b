"""The STAR labeler on the labeled answers (../shared/data and the seeds): a regression guard on quality,
not on speed. The full figures come from benchmarks/star_eval.py."""

import sys

import pytest

from tests.conftest import ROOT, need

sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def labeled():
    import star_data

    need((star_data.SHARED / "data" / "star_dev.jsonl").is_file(), "../shared/data/star_dev.jsonl beside the checkout")
    return star_data.load_all()


def test_sentence_accuracy_and_missing_parts(labeled):
    import star_eval

    from interviewer.scoring.star import load_weights

    weights = load_weights()
    ours = star_eval.evaluate(labeled, lambda a: star_eval.ours(weights))
    baseline = star_eval.evaluate(labeled, lambda a: star_eval.position_baseline)
    assert ours["accuracy4"] >= 0.90
    assert ours["accuracy4"] >= baseline["accuracy4"] + 0.08
    assert ours["missing_recall"] >= 0.7 and ours["false_missing"] <= 0.2


def test_committed_weights_match_a_fresh_fit(labeled):
    import json

    import train_star

    from interviewer.scoring.star import WEIGHTS_FILE

    fresh = train_star.fit(labeled)
    committed = json.loads(WEIGHTS_FILE.read_text())["models"]
    for model in ("full", "content"):
        for part, weights in fresh[model].items():
            for feature, value in weights.items():
                assert committed[model][part].get(feature, 0.0) == pytest.approx(value, abs=0.01), (model, part, feature)
