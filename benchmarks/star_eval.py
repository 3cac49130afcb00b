"""How well the STAR labeler works, on the labeled answers we have: ../shared/data/star_dev.jsonl and the
seeds (the issue's figures), our spoken-style answers (benchmarks/data/star_spoken.jsonl) and our written
answers, never fitted (benchmarks/data/star_written.jsonl). Prints:

- sentence accuracy over four classes (reflection counted as result) and over five classes;
- for every answer with one of S/T/A/R removed: how often that part is reported missing;
- for complete answers: how often some part is wrongly reported missing;
- the same for the naive position-only labeler (first 20% S, next 10% T, next 45% A, rest R);
- the same under leave-one-source-out cross-validation (weights refitted without the answer's source),
  the honest estimate for answers from sources we have not seen.

    python benchmarks/star_eval.py [--verbose] [--extra FILE.jsonl]
    python benchmarks/star_eval.py --tune    # presence thresholds, cross-validated (about four minutes)
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from star_data import (  # noqa: E402
    LabeledAnswer,
    load_all,
    load_dev,
    load_spoken,
    load_training,
    load_written,
    with_hesitations,
    without_punctuation,
)
from train_star import fit  # noqa: E402

from interviewer.scoring.star import USUAL_PLACE, label_spans, load_weights  # noqa: E402
from interviewer.scoring.text import norm, sentence_text  # noqa: E402

FOUR = {"reflection": "result"}
STAR = ("situation", "task", "action", "result")


def position_baseline(answer: LabeledAnswer) -> tuple[list[str], dict[str, bool]]:
    total = sum(s.last - s.first + 1 for s in answer.spans) or 1
    labels, done = [], 0
    for s in answer.spans:
        mid = (done + (s.last - s.first + 1) / 2) / total
        done += s.last - s.first + 1
        labels.append(next(part for part, end in USUAL_PLACE if mid < end))  # S 20%, T 10%, A 45%, R 25%
    return labels, {p: p in labels for p in STAR}


def ours(weights):
    def run(answer: LabeledAnswer) -> tuple[list[str], dict[str, bool]]:
        lab = label_spans(answer.words, answer.spans, weights)
        return lab.labels, lab.present

    return run


def evaluate(answers: list[LabeledAnswer], labeler_for) -> dict[str, float]:
    correct4 = correct5 = total = 0
    missing_hits = missing_cases = 0
    false_missing = complete = 0
    per_part = defaultdict(lambda: [0, 0])
    for answer in answers:
        labeler = labeler_for(answer)
        labels, present = labeler(answer)
        for pred, gold in zip(labels, answer.gold):
            total += 1
            correct5 += pred == gold
            correct4 += FOUR.get(pred, pred) == FOUR.get(gold, gold)
        complete += 1
        false_missing += any(not present.get(p, False) for p in STAR if p in answer.gold)
        for part in STAR:
            if part not in {label for label, _ in answer.parts}:
                continue
            reduced = answer.without(part)
            if not reduced.spans:
                continue
            _, present_r = labeler(reduced)
            missing_cases += 1
            hit = not present_r.get(part, False)
            missing_hits += hit
            per_part[part][0] += hit
            per_part[part][1] += 1
    return {
        "accuracy4": correct4 / total,
        "accuracy5": correct5 / total,
        "missing_recall": missing_hits / max(1, missing_cases),
        "false_missing": false_missing / max(1, complete),
        "sentences": total,
        "answers": len(answers),
        **{f"missing_{p}": hits / max(1, n) for p, (hits, n) in per_part.items()},
    }


def cross_validated(answers: list[LabeledAnswer]):
    folds: dict[str, dict] = {}
    for source in {a.source for a in answers}:
        folds[source] = fit([a for a in answers if a.source != source])
    return lambda answer: ours(folds[answer.source])


def tune(answers: list[LabeledAnswer]) -> dict[str, float]:
    """Per-part presence thresholds that best balance missing parts found against complete answers that
    lose a part, cross-validated by source (each source judged by weights fitted without it).
    Coordinate search over a small grid."""
    import itertools

    import interviewer.scoring.star as star

    cv = cross_validated(answers)
    grid = [-1.0, -0.5, 0.0, 0.3, 0.6, 1.0, 1.5, 2.0, 2.5]
    best = dict(star.PRESENT_EVIDENCE)
    best_score = None
    original = dict(star.PRESENT_EVIDENCE)
    for _round in range(2):
        for part, value in itertools.product(STAR, grid):
            trial = dict(best, **{part: value})
            star.PRESENT_EVIDENCE.clear()
            star.PRESENT_EVIDENCE.update(trial)
            r = evaluate(answers, cv)
            score = (round(r["missing_recall"] - r["false_missing"], 6), r["accuracy4"])
            if best_score is None or score > best_score:
                best, best_score = trial, score
    star.PRESENT_EVIDENCE.clear()
    star.PRESENT_EVIDENCE.update(original)
    return best


def show(name: str, r: dict[str, float]) -> None:
    parts = " ".join(f"{p[0].upper()}={r.get('missing_' + p, 0):.2f}" for p in STAR)
    print(f"{name:<38} acc4 {r['accuracy4']:.3f}  acc5 {r['accuracy5']:.3f}  "
          f"missing found {r['missing_recall']:.3f} ({parts})  false missing {r['false_missing']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--verbose", action="store_true", help="print each sentence with gold and predicted labels")
    parser.add_argument("--tune", action="store_true", help="search per-part presence thresholds (slow)")
    parser.add_argument("--extra", type=Path, action="append", default=[],
                        help="another labeled file in star_dev.jsonl's format, evaluated on its own")
    args = parser.parse_args()
    training = load_training()
    if args.tune:
        print("presence thresholds (cross-validated by source):", tune(training))
        return
    answers = load_all()
    spoken = load_spoken()
    weights = load_weights()
    cv = cross_validated(training)  # weights fitted on every source but the answer's own
    print(f"star_dev.jsonl and the seeds (the issue's figures): {len(answers)} answers, "
          f"{sum(len(a.gold) for a in answers)} sentences, {len({a.source for a in answers})} sources")
    show("position-only baseline", evaluate(answers, lambda a: position_baseline))
    show("interviewer (committed weights)", evaluate(answers, lambda a: ours(weights)))
    show("interviewer (leave-one-source-out)", evaluate(answers, cv))
    print(f"\nour spoken-style answers (benchmarks/data/star_spoken.jsonl): {len(spoken)} answers, "
          f"{sum(len(a.gold) for a in spoken)} sentences")
    show("position-only baseline", evaluate(spoken, lambda a: position_baseline))
    show("interviewer (committed weights)", evaluate(spoken, lambda a: ours(weights)))
    show("interviewer (fitted without them)", evaluate(spoken, cv))
    show("the same, with 'um', 'uh' and stutters", evaluate(with_hesitations(spoken), cv))
    show("the same, with no punctuation", evaluate(without_punctuation(spoken), cv))
    show("the issue's answers with no punctuation",
         evaluate(without_punctuation(answers), lambda a: ours(weights)))
    written = load_written()
    print(f"\nour written answers, never fitted (benchmarks/data/star_written.jsonl): "
          f"{len(written)} answers, {sum(len(a.gold) for a in written)} sentences")
    show("position-only baseline", evaluate(written, lambda a: position_baseline))
    show("interviewer (committed weights)", evaluate(written, lambda a: ours(weights)))
    by_style = defaultdict(list)
    for a in training:
        by_style[a.source.rsplit("/", 1)[-1][:36]].append(a)
    print("\neach source, judged by weights fitted without it:")
    for source, group in sorted(by_style.items()):
        show(f"  {source}", evaluate(group, cv))

    for extra in args.extra:
        others = load_dev(extra)
        print(f"\n{extra.name}: {len(others)} answers, {sum(len(a.gold) for a in others)} sentences")
        show("  position-only baseline", evaluate(others, lambda a: position_baseline))
        show("  interviewer (committed weights)", evaluate(others, lambda a: ours(weights)))

    norm.cache_clear()  # timed from cold, as a fresh process scores its first answer
    started = time.perf_counter()
    runs = 0
    for a in answers:
        label_spans(a.words, a.spans, weights)
        runs += 1
    print(f"\nlabeling time: {(time.perf_counter() - started) / runs * 1000:.1f} ms per answer "
          f"(mean {sum(len(a.words) for a in answers) / runs:.0f} words)")

    if args.verbose:
        confusion = Counter()
        for a in answers:
            lab = label_spans(a.words, a.spans, weights)
            print(f"\n== {a.id}  present={ {k: v for k, v in lab.present.items() if v} }")
            for span, gold, pred in zip(a.spans, a.gold, lab.labels):
                confusion[(gold, pred)] += 1
                mark = "  " if gold == pred else "XX"
                print(f"{mark} {gold[:4]:<4} {pred[:4]:<4} {sentence_text(a.words, span)[:110]}")
        print("\nconfusion (gold -> predicted):")
        for (g, p), n in sorted(confusion.items()):
            if g != p:
                print(f"  {g:<10} -> {p:<10} {n}")


if __name__ == "__main__":
    main()
