"""STAR labeling on what Whisper really writes: the labeled answers spoken by the Piper voice, transcribed by
Whisper on the CPU, and scored the way the practice round scores a recording.

The other figures (star_eval.py) read the answers as written, or as a simulated recognizer would give them.
Here the sentences come from Whisper's own punctuation, casing, number formatting and mishearings
("the piclists", "So what I did was. I stayed…"), with its word times. Each transcribed word takes the gold
label of the written word it is aligned with (difflib over lower-cased words; a word Whisper added takes its
neighbour's), and a transcribed sentence the label of most of its words. A part is "removed" by taking its
words out of the transcript and closing the gap in time, so the pause before it stays as it was.

Speaking and transcribing take about 10 s per answer on 2 cores with tiny.en (20 minutes for both sets).
The Piper voice is sampled, so every rendering differs: the speech is kept under benchmarks/.cache/heard/
(about 400 MB), and so are the transcripts (keyed by model, voice, text and the Whisper adapter's code), so
that a second run takes seconds and repeats the figures, and an adapter change is judged on the same audio.

    python benchmarks/star_heard.py [--model tiny.en] [--set spoken|issue|both] [--limit N] [--verbose]
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.star_data import (  # noqa: E402
    LabeledAnswer,
    load_all,
    load_spoken,
    load_training,
    majority,
    removed_with,
)
from benchmarks.star_eval import cross_validated, evaluate, ours, position_baseline, show  # noqa: E402
from interviewer.models import Word  # noqa: E402
from interviewer.scoring.star import load_weights  # noqa: E402
from interviewer.scoring.text import BULLET, norm, split_sentences, words_from_text  # noqa: E402

CACHE = ROOT / "benchmarks" / ".cache" / "heard"


def spoken_form(answer: LabeledAnswer) -> str:
    """What a candidate reading the answer aloud says: no markdown, each line ended as a sentence."""
    lines = []
    for _, text in answer.parts:
        for line in text.splitlines():
            line = BULLET.sub("", line)
            line = re.sub(r"[*_#`>]+", "", line).strip()  # every mark, not only MARKUP's: a voice reads "*"
            if line:
                lines.append(line if re.search(r"[.!?]$", line) else line + ".")
    return " ".join(lines)


def heard_words(text: str, model: str, speaker, transcriber, adapter: bytes) -> list[Word]:
    """Whisper's words for the text spoken by ``speaker``; cached by model, voice, text and the adapter's code
    (a change to how words are read from Whisper transcribes again)."""
    key = hashlib.sha256(f"{model}|{speaker.model_path}|{text}|".encode() + adapter).hexdigest()[:24]
    cached = CACHE / model / f"{key}.json"
    if not cached.exists():
        from interviewer.audio.files import read_audio

        # Piper samples its voice (VITS noise): every rendering differs, and so would Whisper's words. The
        # audio is kept, so that runs repeat and a change to the adapter is judged on the same speech.
        voice_key = hashlib.sha256(f"{speaker.model_path}|{text}".encode()).hexdigest()[:24]
        wav = CACHE / "audio" / f"{voice_key}.wav"
        if not wav.exists():
            speaker.render(text, wav)
        transcript = transcriber.transcribe(read_audio(wav))
        cached.parent.mkdir(parents=True, exist_ok=True)
        cached.write_text(json.dumps({"text": text, "words": [w.to_dict() for w in transcript.words]}))
    # Always read back from the cache, so that a first run and a cached one score the same words.
    stored = json.loads(cached.read_text())["words"]
    return [Word(w["text"], w["start"], w["end"], w.get("p")) for w in stored]


def aligned_labels(gold_words: list[str], gold_labels: list[str], heard: list[str]) -> list[str]:
    """The gold label of each heard word, through a word alignment of the two texts."""
    labels: list[str | None] = [None] * len(heard)
    matcher = difflib.SequenceMatcher(None, gold_words, heard, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "replace"):
            for j in range(j1, j2):  # a replaced run maps proportionally ("forty percent" -> "40%")
                labels[j] = gold_labels[min(i2 - 1, i1 + (j - j1) * (i2 - i1) // (j2 - j1))]
    for j in range(len(labels)):  # words Whisper added take the label before them (or after, at the start)
        if labels[j] is None:
            labels[j] = labels[j - 1] if j else next((x for x in labels if x), gold_labels[0])
    return labels  # type: ignore[return-value]


@dataclass
class HeardAnswer(LabeledAnswer):
    """A labeled answer as Whisper transcribed it; ``words`` and ``word_labels`` are given, not derived."""

    def prepare(self) -> HeardAnswer:
        self.spans = split_sentences(self.words, set())
        self.gold = [majority(self.word_labels[span.first : span.last + 1]) for span in self.spans]
        return self

    def without(self, label: str) -> HeardAnswer:
        gone = removed_with(label)
        words, labels, shift = [], [], 0.0
        removed_from: float | None = None
        for word, lab in zip(self.words, self.word_labels):
            if lab in gone:
                if removed_from is None:
                    removed_from = word.start
                continue
            if removed_from is not None:  # close the gap: the pause before the removed part stays
                shift += word.start - removed_from
                removed_from = None
            words.append(Word(word.text, word.start - shift, word.end - shift))
            labels.append(lab)
        return HeardAnswer(f"{self.id}-no-{label}", self.source, self.question,
                           [(lab, text) for lab, text in self.parts if lab not in gone],
                           words=words, word_labels=labels).prepare()


def heard(answers: list[LabeledAnswer], model: str, limit: int | None) -> list[HeardAnswer]:
    from interviewer.audio.tts import PiperSpeaker
    from interviewer.transcribe import whisper

    speaker, transcriber = PiperSpeaker(), whisper.WhisperTranscriber(model)
    adapter = Path(whisper.__file__).read_bytes()  # the code that is running, read once
    result = []
    for index, answer in enumerate(answers[:limit]):
        gold_words, gold_labels = [], []
        for label, text in answer.parts:
            spoken = spoken_form(LabeledAnswer(answer.id, answer.source, None, [(label, text)]))
            words = [norm(w.text) for w in words_from_text(spoken)[0]]
            gold_words += words
            gold_labels += [label] * len(words)
        words = heard_words(spoken_form(answer), model, speaker, transcriber, adapter)
        labels = aligned_labels(gold_words, gold_labels, [norm(w.text) for w in words])
        result.append(HeardAnswer(answer.id, answer.source, answer.question, answer.parts,
                                  words=words, word_labels=labels).prepare())
        total = min(len(answers), limit or len(answers))
        print(f"\r  {index + 1}/{total} transcribed", end="", file=sys.stderr)
    print(file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="tiny.en", help="Whisper model (default: tiny.en, as the product)")
    parser.add_argument("--set", choices=("spoken", "issue", "both"), default="both")
    parser.add_argument("--limit", type=int, help="only the first N answers of each set")
    parser.add_argument("--verbose", action="store_true", help="print each sentence with its labels")
    args = parser.parse_args()
    weights = load_weights()
    sets = []
    if args.set in ("issue", "both"):
        sets.append(("star_dev.jsonl and the seeds, as Whisper heard them", load_all(),
                     lambda a: ours(weights)))
    if args.set in ("spoken", "both"):
        sets.append(("our spoken-style answers, as Whisper heard them (fitted without them)", load_spoken(),
                     cross_validated(load_training())))
    for name, answers, labeler_for in sets:
        answers = heard(answers, args.model, args.limit)
        print(f"{name}: {len(answers)} answers, {sum(len(a.gold) for a in answers)} sentences ({args.model})")
        show("position-only baseline", evaluate(answers, lambda a: position_baseline))
        show("interviewer", evaluate(answers, labeler_for))
        if args.verbose:
            for answer in answers:
                labels, present = labeler_for(answer)(answer)
                print(f"\n{answer.id} present={sorted(p for p, v in present.items() if v)}")
                for span, gold, pred in zip(answer.spans, answer.gold, labels):
                    text = " ".join(w.text for w in answer.words[span.first : span.last + 1])
                    print(f"  {'  ' if gold == pred else '**'} {gold[:4]:>4} {pred[:4]:>4}  {text}")


if __name__ == "__main__":
    main()
