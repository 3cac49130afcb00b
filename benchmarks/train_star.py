"""Fit the STAR emission weights (interviewer/scoring/star_weights.json).

The weights start from a hand-written prior (``PRIOR`` below: which wording signals which part, and how
strongly) and are then adjusted on the labeled answers by multinomial logistic regression whose L2 penalty
pulls them back toward the prior (strength ``LAMBDA``, chosen by leave-one-source-out cross-validation in
benchmarks/star_eval.py --tune). With little data from few authors this keeps the weights close to
linguistics that hold for any story, while letting the data correct the scale and the overlaps.

Two models are fitted: "full" (wording and position) labels the sentences; "content" (wording only)
decides whether a part is present at all.

    python benchmarks/train_star.py            # writes the weights file
    python benchmarks/train_star.py --check    # fails if the committed file differs from a fresh fit
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from star_data import LabeledAnswer, load_training  # noqa: E402

from interviewer.scoring.star import PARTS, WEIGHTS_FILE, sentence_features  # noqa: E402
from interviewer.scoring.text import norm  # noqa: E402

LAMBDA = 30.0  # pull toward the prior (per sentence-weighted example set); larger = closer to PRIOR
ITERATIONS = 2000
LEARNING_RATE = 0.5

S, T, A, R, L = PARTS
# Feature -> {part: log-odds weight}. Written from how each part is usually said, not from the data.
PRIOR_CONTENT: dict[str, dict[str, float]] = {
    "bias": {S: 0.0, T: -0.6, A: 0.3, R: 0.0, L: -1.0},
    # Situation: setting, background states, problems
    "setting_frame": {S: 2.0},
    "when_i_was": {S: 1.5},
    "while_doing": {S: 1.8},
    "there_was": {S: 1.5},
    "state_progressive": {S: 1.2},
    "past_perfect": {S: 0.8, L: 0.3},
    "problem_words": {S: 1.0, T: 0.3},
    "third_person_start": {S: 0.6, R: 0.4, A: -0.5},
    "because": {S: 0.5},
    "negation": {S: 0.4},
    # Task: goals, responsibilities, obligation
    "task_noun": {T: 2.5},
    "task_passive": {T: 2.0},
    "task_assigned": {T: 2.0, A: -0.5},
    "obligation": {T: 2.0, L: 0.3},
    "obligation_shared": {T: 1.4, S: 0.3},
    "purpose": {T: 0.8, A: 0.3},
    "task_infinitive_open": {T: 1.5},
    "role_frame": {T: 1.0},
    "bare_verb_open": {T: 0.8, A: 0.4},
    "modal": {L: 0.8, T: 0.4},
    # Action: first-person past actions, sequence
    "i_past_action": {A: 2.0},
    "i_decided": {A: 1.5},
    "sequence_marker": {A: 1.5},
    "we_past_action": {A: 1.0, R: 0.3},
    "bare_past_open": {A: 1.2},
    "bare_gerund_open": {A: 2.0},
    "bare_outcome_open": {R: 1.2, A: 0.3},
    "worked_with": {A: 1.2},
    "first_person": {A: 0.3, T: 0.2},
    "we": {A: 0.2, R: 0.2},
    "past_ratio": {A: 0.5, S: 0.3, R: 0.3, T: -0.2, L: -0.5},
    # Result: outcomes, numbers, evaluation
    "result_opener": {R: 3.0},
    "result_marker": {R: 2.0},
    "metric": {R: 1.5, S: 0.3},
    "digit": {R: 0.3},
    "result_verb_non_i": {R: 1.8},
    "evaluation": {R: 1.2, L: 0.3},
    "we_achieved": {R: 1.5},
    "now_state": {R: 0.8, L: 0.5},
    "no_outcome_wording": {R: -1.5},
    # Reflection: lessons, hindsight, general statements
    "learned": {L: 3.0},
    "hindsight": {L: 3.0},
    "experience_subject": {L: 2.5},
    "generic_present": {L: 1.5},
    "present_only": {L: 1.2, S: 0.3, R: -0.3, A: -0.5},
    "no_lesson_wording": {L: -3.0},
}
PRIOR_POSITION: dict[str, dict[str, float]] = {
    "pos_early": {S: 1.2, T: 0.3, A: -0.3, R: -0.8, L: -1.2},
    "pos_late": {R: 1.0, L: 1.0, S: -1.2, T: -0.8},
    "pos_first": {S: 0.5},
    "pos_last": {R: 0.3, L: 0.3},
}


def examples(answers: list[LabeledAnswer], with_position: bool = True) -> tuple[list[dict[str, float]], list[str], list[str]]:
    feats, labels, sources = [], [], []
    for a in answers:
        tokens_list = [[t for t in (norm(w.text) for w in a.words[s.first : s.last + 1]) if t] for s in a.spans]
        total = sum(len(t) for t in tokens_list) or 1
        done = 0
        for i, (tokens, gold) in enumerate(zip(tokens_list, a.gold)):
            position = (done + len(tokens) / 2) / total
            done += len(tokens)
            feats.append(sentence_features(tokens, position, i, len(tokens_list), with_position=with_position))
            labels.append(gold)
            sources.append(a.source)
    return feats, labels, sources


def prior(with_position: bool) -> dict[str, dict[str, float]]:
    table = dict(PRIOR_CONTENT)
    if with_position:
        table.update(PRIOR_POSITION)
    return table


def fit(answers: list[LabeledAnswer], lam: float = LAMBDA) -> dict[str, dict[str, dict[str, float]]]:
    return {"full": fit_model(answers, True, lam), "content": fit_model(answers, False, lam)}


def fit_model(answers: list[LabeledAnswer], with_position: bool, lam: float = LAMBDA) -> dict[str, dict[str, float]]:
    import numpy as np

    table = prior(with_position)
    feats, labels, sources = examples(answers, with_position)
    names = sorted({k for f in feats for k in f} | set(table))
    W0 = np.array([[table.get(k, {}).get(label, 0.0) for label in PARTS] for k in names])
    if lam == float("inf") or not feats:
        W = W0
    else:
        X = np.array([[f.get(k, 0.0) for k in names] for f in feats])
        y = np.array([PARTS.index(lab) for lab in labels])
        Y = np.eye(len(PARTS))[y]
        # Balance classes (task and reflection are rare) and sources (one author wrote half the data).
        counts = Y.sum(axis=0)
        weight = (len(y) / (len(PARTS) * np.maximum(counts, 1)))[y]
        per_source = {s: sources.count(s) for s in set(sources)}
        weight = weight * np.array([len(y) / (len(per_source) * per_source[s]) for s in sources]) ** 0.5
        weight = weight / weight.sum()
        W = W0.copy()
        for _ in range(ITERATIONS):
            Z = X @ W
            Z -= Z.max(axis=1, keepdims=True)
            P = np.exp(Z)
            P /= P.sum(axis=1, keepdims=True)
            grad = X.T @ ((P - Y) * weight[:, None]) + (lam / len(y)) * (W - W0)
            W -= LEARNING_RATE * grad
    return {label: {k: round(float(W[i, j]), 4) for i, k in enumerate(names) if abs(W[i, j]) > 1e-4}
            for j, label in enumerate(PARTS)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    answers = load_training()
    payload = {
        "about": "Emission weights of the STAR labeler: the hand-written prior in benchmarks/train_star.py, "
                 "adjusted by benchmarks/train_star.py on ../shared/data/star_dev.jsonl, the labeled seed answers "
                 "and benchmarks/data/star_spoken.jsonl.",
        "lambda": LAMBDA,
        "sentences": sum(len(a.gold) for a in answers),
        "models": fit(answers),
    }
    text = json.dumps(payload, indent=1, sort_keys=True) + "\n"
    if args.check:
        same = WEIGHTS_FILE.is_file() and WEIGHTS_FILE.read_text() == text
        print("weights are up to date" if same else "weights differ from a fresh fit: run benchmarks/train_star.py")
        sys.exit(0 if same else 1)
    WEIGHTS_FILE.write_text(text)
    print(f"wrote {WEIGHTS_FILE} from {payload['sentences']} sentences")


if __name__ == "__main__":
    main()
