"""The Whisper adapter without a model: how faster-whisper's pieces become words, which invented words and
sentences are dropped, and how a whole recording is cut into chunks."""

import random
import time
from types import SimpleNamespace

import numpy as np
import pytest

from interviewer.models import Word
from interviewer.transcribe import FILLER_PROMPT
from interviewer.transcribe.whisper import (
    WhisperStream,
    WhisperTranscriber,
    drop_invented_sentences,
    drop_loops,
    drop_unvoiced,
    join_word_pieces,
)


def pieces(*texts):
    return [(text, float(i), i + 0.5, 0.9) for i, text in enumerate(texts)]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        ((" by", " 36", "%", " in"), ["by", "36%", "in"]),
        ((" to", " $2", ".5", " million."), ["to", "$2.5", "million."]),
        ((" from", " £12", ",000", " to", " £9", ",500."), ["from", "£12,000", "to", "£9,500."]),
        ((" the", " C", ".E", ".D.", " team"), ["the", "C.E.D.", "team"]),
        ((" ill", "-disposed"), ["ill-disposed"]),
        ((" the", " system.", " .", " .", " Diagramming"), ["the", "system.", "Diagramming"]),
        ((" logs", " .", " Then"), ["logs.", "Then"]),
        ((" the", " plan", " -", " which"), ["the", "plan", "which"]),
        ((" .", " So"), ["So"]),
        (("%", " done"), ["%", "done"]),  # a segment's first piece is a word whatever its spacing
    ],
)
def test_pieces_join_into_the_words_that_were_said(raw, words):
    assert [w.text for w in join_word_pieces(pieces(*raw))] == words


def test_a_joined_word_spans_its_pieces_and_keeps_the_lower_probability():
    joined = join_word_pieces([(" 36", 1.0, 1.4, 0.9), ("%", 1.4, 1.8, 0.5)])
    assert [(w.text, w.start, w.end, w.probability) for w in joined] == [("36%", 1.0, 1.8, 0.5)]


def timed(*spec):
    """(text, start, end, probability) tuples as Words."""
    return [Word(text, start, end, p) for text, start, end, p in spec]


@pytest.mark.parametrize(
    ("spec", "kept"),
    [
        # Whisper's invented courtesy between two sentences: unsure and brief
        ((("feasibility.", 71.3, 71.8, 0.99), ("Thank", 71.8, 71.9, 0.12), ("you.", 71.9, 72.0, 0.98),
          ("I", 72.1, 72.4, 0.95)), ["feasibility.", "I"]),
        ((("capabilities.", 92.0, 92.6, 0.99), ("Please.", 92.6, 92.8, 0.13)), ["capabilities."]),
        ((("infrastructure.", 4.4, 4.9, 0.78), ("Sure.", 5.08, 5.18, 0.02), ("Product", 5.6, 5.9, 0.5)),
         ["infrastructure.", "Product"]),
        # ... or said faster than anyone speaks, however sure Whisper is
        ((("decisions.", 6.1, 6.5, 0.99), ("Thank", 6.5, 6.5, 0.002), ("you", 6.5, 6.54, 0.98),
          ("very", 6.54, 6.54, 0.21), ("much.", 6.54, 6.58, 0.99), ("Then", 6.9, 7.1, 0.25)), ["decisions.", "Then"]),
        ((("opportunities.", 69.5, 70.1, 0.99), ("Please.", 70.14, 70.2, 0.24)), ["opportunities."]),
        # a longer one, in a pause between bullets read aloud (tiny.en on the Piper voice): unsure and too fast
        ((("timetable.", 21.44, 21.6, 0.94), ("This", 21.64, 21.64, 0.013), ("is", 21.64, 21.64, 0.6),
          ("the", 21.64, 21.64, 0.18), ("first", 21.64, 21.64, 0.1), ("one.", 21.64, 21.68, 0.15),
          ("Tested", 22.04, 22.46, 0.86)), ["timetable.", "Tested"]),
        ((("nurses.", 24.92, 25.2, 0.99), *((w, 25.2, 25.22, 0.15) for w in "This is the first time I've been working on".split()),
          ("this.", 25.24, 25.26, 0.23)), ["nurses."]),
        # ... but five words squeezed together that Whisper is sure of were said
        ((("done.", 1.0, 1.4, 0.99), *((w, 1.5, 1.5, 0.9) for w in "We shipped it on".split()), ("time.", 1.5, 1.6, 0.9)),
         ["done.", "We", "shipped", "it", "on", "time."]),
        # said: sure of itself, or long enough to be speech, or inside a sentence, or opening the chunk (which
        # may start mid-sentence)
        ((("fall.", 0.0, 0.1, 0.1), ("I", 0.5, 0.6, 0.9)), ["fall.", "I"]),
        ((("done.", 1.0, 1.4, 0.99), ("Yes.", 1.5, 1.8, 0.9)), ["done.", "Yes."]),
        ((("done.", 1.0, 1.4, 0.99), ("Yes.", 1.5, 2.0, 0.1)), ["done.", "Yes."]),
        ((("where", 4.3, 4.5, 0.4), ("Yes.", 4.6, 4.7, 0.06), ("People", 5.1, 5.4, 0.7)), ["where", "Yes.", "People"]),
        ((("Thank", 6.5, 6.5, 0.004), ("you", 6.5, 6.6, 0.98), ("for", 6.6, 6.7, 0.19), ("waiting.", 6.7, 7.0, 0.9)),
         ["Thank", "you", "for", "waiting."]),
        ((("projects.", 182.1, 182.5, 0.99), ("you.", 182.62, 182.74, 0.97)), ["projects.", "you."]),
        ((("We", 1.0, 1.2, 0.9), ("shipped", 1.2, 1.5, 0.9), ("it", 1.5, 1.6, 0.9), ("on", 1.6, 1.7, 0.9),
          ("time.", 1.7, 2.0, 0.9)), ["We", "shipped", "it", "on", "time."]),
    ],
)
def test_an_invented_sentence_between_sentences_is_dropped(spec, kept):
    assert [w.text for w in drop_invented_sentences(timed(*spec))] == kept


class SlowTranscriber:
    """Stands in for Whisper: records the chunks it is given and takes a random time over each."""

    name = "fake"

    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.chunks = []

    def transcribe_chunk(self, samples, offset_s=0.0, context=""):
        self.chunks.append((round(offset_s, 2), len(samples)))
        time.sleep(self.rng.uniform(0.05, 0.3))
        return []


def speech_with_pauses(seconds=70, rate=16000):
    """Tone bursts of 0.4-3 s with pauses of 0.3-1 s, like sentences."""
    rng = np.random.default_rng(3)
    audio, t = [], 0.0
    while t < seconds:
        burst = rng.uniform(0.4, 3.0)
        audio.append(0.3 * np.sin(np.arange(int(burst * rate)) * 0.05).astype(np.float32))
        pause = rng.uniform(0.3, 1.0)
        audio.append(np.zeros(int(pause * rate), dtype=np.float32))
        t += burst + pause
    return np.concatenate(audio)


def test_a_whole_recording_is_cut_the_same_way_however_fast_the_decoding():
    audio = speech_with_pauses()
    cuts = []
    for seed in (1, 2):
        fake = SlowTranscriber(seed)
        stream = WhisperStream(fake, live=False)
        for i in range(0, len(audio), 16000):
            stream.feed(audio[i : i + 16000])
            time.sleep(0.02)  # the decoding runs while the audio arrives
        stream.finish()
        cuts.append(fake.chunks)
    assert cuts[0] == cuts[1]
    assert sum(n for _, n in cuts[0]) == len(audio) and all(n <= 25 * 16000 for _, n in cuts[0])


def test_words_over_steady_noise_are_all_dropped_and_words_over_speech_kept():
    """Whisper said "Yeah." (p 0.003) over 15 s of hiss; over speech, a sure word stays."""
    hiss = (np.random.default_rng(1).standard_normal(16000 * 15) * 0.003).astype(np.float32)
    assert drop_unvoiced([Word("Yeah.", 13.98, 14.86, 0.003), Word("So", 14.0, 14.2, 0.9)], hiss, 0.0) == []
    speech = speech_with_pauses(15)
    kept = drop_unvoiced([Word("So", 0.0, 0.2, 0.9)], speech, 0.0)
    assert [w.text for w in kept] == ["So"]


def test_a_model_that_failed_to_load_is_raised_when_an_answer_starts():
    """Loading runs in the background while the question is asked; its failure is raised by stream(), before
    the answer is recorded, once it is known."""
    from interviewer.errors import TranscriptionError
    from interviewer.transcribe.whisper import WhisperTranscriber

    transcriber = WhisperTranscriber("tiny.en", compute_type="float16")
    transcriber._loading = True  # as after preload() ...
    transcriber._error = TranscriptionError("Cannot load Whisper model with compute type float16")
    transcriber._loaded.set()  # ... whose load has failed
    with pytest.raises(TranscriptionError, match="float16"):
        transcriber.stream()


class ScriptedModel:
    """Stands in for faster-whisper's model: each call to ``transcribe`` gives the next scripted list of
    (word, start, end) in seconds from the start of the audio it is given, and records that audio's length
    and prompt."""

    def __init__(self, *scripts):
        self.scripts = list(scripts)
        self.calls = []

    def transcribe(self, samples, initial_prompt=None, **_options):
        self.calls.append((round(len(samples) / 16000, 2), initial_prompt))
        script = self.scripts.pop(0) if self.scripts else []
        pieces = [SimpleNamespace(word=" " + text, start=start, end=end, probability=0.9)
                  for text, start, end in script]
        return [SimpleNamespace(words=pieces, no_speech_prob=0.0, avg_logprob=-0.2)], None


def scripted_transcriber(*scripts):
    transcriber = WhisperTranscriber("tiny.en")
    transcriber._model = ScriptedModel(*scripts)
    transcriber._loaded.set()
    transcriber._loading = True
    return transcriber


def steady_speech(seconds, rate=16000):
    """A voice that never pauses for long: 0.9 s tone bursts with 0.1 s gaps."""
    second = np.concatenate([0.3 * np.sin(np.arange(int(0.9 * rate)) * 0.05), np.zeros(int(0.1 * rate))])
    return np.tile(second, int(seconds)).astype(np.float32)


def test_speech_whisper_skipped_before_its_first_words_is_decoded_again():
    """Whisper timed "Regional bank, mobile app team of eight." at 20 s, the end of its chunk, and lost the
    20 s of speech before it; decoded on their own, those seconds come back, in front."""
    transcriber = scripted_transcriber(
        [("Regional", 8.0, 8.5), ("bank.", 8.5, 9.0), ("Paired", 9.1, 9.6), ("with", 9.6, 9.9),
         ("QA.", 10.0, 10.8)],
        [("Regulator", 0.0, 0.6), ("set", 0.6, 0.9), ("a", 1.0, 1.2), ("rule.", 1.2, 1.8), ("I", 2.0, 2.3),
         ("was", 2.3, 2.8), ("the", 3.0, 3.4), ("lead.", 4.0, 6.8)],
    )
    words = transcriber.transcribe_chunk(steady_speech(11), offset_s=30.0, context="So.")
    assert [w.text for w in words] == ["Regulator", "set", "a", "rule.", "I", "was", "the", "lead.",
                                       "Regional", "bank.", "Paired", "with", "QA."]
    assert transcriber._model.calls[1] == (8.0, f"{FILLER_PROMPT} So.")  # the hole, with the chunk's prompt
    assert [w.start for w in words] == sorted(w.start for w in words) and words[0].start >= 30.0


def test_a_word_stretched_over_skipped_speech_is_decoded_again_without_repeating_its_neighbours():
    """"and it[5.0-24.3 s] was a lens alignment issue": the 19 s under "it" were said and lost."""
    transcriber = scripted_transcriber(
        [("edges,", 0.0, 0.9), ("and", 1.0, 1.3), ("it", 1.4, 8.0), ("was", 8.0, 8.4), ("a", 8.5, 8.9)],
        [("it", 0.0, 0.3), ("was", 0.3, 0.6), ("ruining", 0.6, 1.6), ("experiments.", 2.0, 5.5),
         ("It", 5.6, 6.0), ("was", 6.0, 6.6)],
    )
    words = transcriber.transcribe_chunk(steady_speech(9))
    assert [w.text for w in words] == [
        "edges,", "and", "it", "was", "ruining", "experiments.", "It", "was", "a"]
    assert transcriber._model.calls[1][1].endswith("edges, and")  # prompted with the words kept before it


def test_pauses_and_well_timed_words_are_not_decoded_again():
    speech = speech_with_pauses(12)
    transcriber = scripted_transcriber([(f"w{i}", i * 1.0, i * 1.0 + 0.8) for i in range(12)])
    assert len(transcriber.transcribe_chunk(speech)) > 0
    assert len(transcriber._model.calls) == 1


def test_a_stretch_that_gives_no_words_again_keeps_what_was_heard():
    transcriber = scripted_transcriber([("and", 0.0, 0.3), ("it", 0.4, 7.0), ("was", 7.0, 7.4)], [])
    assert [w.text for w in transcriber.transcribe_chunk(steady_speech(8))] == ["and", "it", "was"]


def test_a_first_sentence_timed_at_the_end_is_put_back_and_the_speech_it_hid_decoded():
    """Decoded again, the stretch before "Regional bank, mobile team." (timed at 8 s) gives that sentence at
    0 s and jumps once more: the copy at 8 s was mistimed and goes, and a second round decodes the rest."""
    transcriber = scripted_transcriber(
        [("Regional", 8.0, 8.5), ("bank,", 8.5, 8.8), ("mobile", 8.8, 9.2), ("team.", 9.2, 9.8),
         ("Paired", 10.0, 10.6)],
        [("Regional", 0.0, 0.5), ("bank,", 0.5, 0.8), ("mobile", 0.8, 1.2), ("team.", 1.2, 1.8)],
        [("Regulator", 0.2, 0.8), ("set", 0.8, 1.2), ("a", 1.3, 1.5), ("rule.", 1.5, 2.6), ("I", 3.0, 3.3),
         ("negotiated", 3.4, 4.5), ("with", 4.6, 5.0), ("the", 5.1, 5.4), ("vendor.", 5.5, 6.6),
         ("Then", 6.8, 7.4), ("I", 7.5, 7.8)],
    )
    words = transcriber.transcribe_chunk(steady_speech(11))
    said = ["Regional", "bank,", "mobile", "team.", "Regulator", "set", "a", "rule.", "I", "negotiated",
            "with", "the", "vendor.", "Then", "I", "Paired"]
    assert [w.text for w in words] == said
    assert len(transcriber._model.calls) == 3


def test_whisper_looping_over_a_stretch_decoded_again_keeps_one_turn_of_the_loop():
    """Decoding a stretch again, Whisper looped "the data and analyze" 80 times: one turn is kept, and the
    rest of the stretch is decoded again in the next round."""
    phrase = ["the", "data", "and", "analyze"]
    loop = [(word, 1.0 + 0.01 * i, 1.01 + 0.01 * i) for i, word in enumerate(phrase * 80)]
    transcriber = scripted_transcriber(
        [("plan", 0.0, 0.4), ("to", 0.5, 0.7), ("analyze", 7.0, 7.5)],
        [("customize", 0.0, 0.5)] + loop,
        [("it.", 0.0, 0.4), ("Then", 0.5, 0.9), ("I", 1.0, 1.2), ("built", 1.3, 1.8), ("a", 1.9, 2.0),
         ("dashboard", 2.1, 3.0), ("to", 3.1, 3.3)],
    )
    words = transcriber.transcribe_chunk(steady_speech(8))
    said = ["plan", "to", "customize", "the", "data", "and", "analyze", "it.", "Then", "I", "built", "a",
            "dashboard", "to", "analyze"]
    assert [w.text for w in words] == said


def test_a_loop_too_fast_to_be_said_keeps_one_turn_and_a_person_repeating_a_word_keeps_all():
    loop = timed(*[(word, 50.0 + 0.03 * i, 50.03 + 0.03 * i, 0.9)
                   for i, word in enumerate(["the", "data", "and", "analyze"] * 20)])
    after = timed(("Then", 53.0, 53.3, 0.9))
    assert [w.text for w in drop_loops(loop + after)] == ["the", "data", "and", "analyze", "Then"]
    said = timed(("No,", 1.0, 1.3, 0.9), ("no,", 1.4, 1.7, 0.9), ("no.", 1.8, 2.2, 0.9),
                 ("Stop.", 2.5, 2.9, 0.9))
    assert drop_loops(said) == said
