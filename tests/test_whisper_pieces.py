"""How faster-whisper's word pieces become words (no model needed: the pieces are what it returns)."""

import pytest

from interviewer.transcribe.whisper import join_word_pieces


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
