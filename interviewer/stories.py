"""The candidate's story bank: prepared stories (title, the principles each serves, outline points), imported
from Markdown prep notes or written by hand in YAML; and, after an answer, which story was told and which
of its outline points were covered. Pure.

Format (docs/stories.md)::

    format: interviewer-stories/1
    stories:
      - id: checkout-timeouts
        title: Checkout timeouts before the holidays
        principles: [ownership, dive-deep]
        outline:
          - checkout timed out for 5% of customers
          - traced the slow query and added an index
          - timeouts fell from 5% to 0.1%
        keywords: [checkout, timeouts]        # optional words that identify the story
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from interviewer.banks import SLUG, BankProblem, Catalog, _did_you_mean, _LineDict, item_line, load_yaml_with_lines, slugify
from interviewer.errors import BankError, ConfigError
from interviewer.models import OTHER_PART_NAMES

FORMAT = "interviewer-stories/1"
STORY_FIELDS = ("id", "title", "principles", "outline", "keywords", "questions", "answer")
STOP = set(
    """a an the and or but of to in on at by for with from into over under about as is are was were be been being i we
    my our me us you your he she they them their it its this that these those there here so then than too very just
    also not no yes had has have having do did does done will would could should can may might must when while
    what which who whom how why where all any some each more most other such own same only up out off again once
    after before during through because if until get got make made take took""".split()
)
NUMBER_WORDS = {"one": "1", "two": "2", "three": "3", "four": "4", "five": "5", "six": "6", "seven": "7",
                "eight": "8", "nine": "9", "ten": "10", "twenty": "20", "thirty": "30", "forty": "40", "fifty": "50",
                "hundred": "100", "thousand": "1000", "million": "1000000", "percent": "%"}
MATCH_MIN = 0.22  # share of a story's outline words that must be heard to call it the story told
POINT_MIN = 0.6  # share of an outline point's words that must be heard (together) to call it covered


@dataclass(frozen=True)
class Story:
    id: str
    title: str
    principles: tuple[str, ...]
    outline: tuple[str, ...]
    keywords: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    answer: str = ""

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"id": self.id, "title": self.title, "principles": list(self.principles),
                             "outline": list(self.outline)}
        if self.keywords:
            d["keywords"] = list(self.keywords)
        if self.questions:
            d["questions"] = list(self.questions)
        if self.answer:
            d["answer"] = self.answer
        return d


@dataclass
class StoryBank:
    stories: list[Story]
    path: str = ""

    def get(self, story_id: str) -> Story:
        for story in self.stories:
            if story.id == story_id:
                return story
        raise ConfigError(f"No story '{story_id}' in {self.path or 'the story bank'}"
                          f"{_did_you_mean(story_id, [s.id for s in self.stories])}.")

    def to_yaml(self) -> str:
        return yaml.safe_dump({"format": FORMAT, "stories": [s.to_dict() for s in self.stories]},
                              sort_keys=False, allow_unicode=True, width=100)


# --------------------------------------------------------------------------------------------------
# Words


def _stem(word: str) -> str:
    for suffix in ("ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def content_sequence(text: str) -> list[str]:
    """Comparable content words in order: lower case, stemmed, numbers as digits, no small words."""
    words = []
    for raw in re.findall(r"[a-z0-9%$.]+", text.lower().replace("’", "'")):
        raw = raw.strip(".")
        if not raw or raw in STOP:
            continue
        raw = NUMBER_WORDS.get(raw, raw)
        if raw.endswith("%") and raw[:-1]:
            words.append(raw[:-1])
            continue
        words.append(_stem(raw) if not raw[0].isdigit() else raw)
    return words


def content_words(text: str) -> set[str]:
    return set(content_sequence(text))


# --------------------------------------------------------------------------------------------------
# Parsing YAML


def parse_stories(text: str, source: str, catalog: Catalog | None = None) -> StoryBank:
    problems: list[BankProblem] = []

    def problem(line, message, story=None, fld=None):
        problems.append(BankProblem(source, line, message, story, fld, kind="story"))

    data = load_yaml_with_lines(text, source)
    if data is None:
        return StoryBank([], source)
    if not isinstance(data, _LineDict) or not isinstance(data.get("stories"), list):
        raise BankError(f"{source}:1: a story bank is a mapping with a 'stories' list (see docs/stories.md).")
    stories: list[Story] = []
    seen: set[str] = set()
    for index, entry in enumerate(data["stories"], start=1):
        if not isinstance(entry, _LineDict):
            problem(item_line(data["stories"], index - 1, data.key_lines["stories"]),
                    f"story #{index} must be a mapping with 'title' and 'outline'.")
            continue
        label = entry.get("id") or f"#{index}"
        for key in entry:
            if key not in STORY_FIELDS:
                problem(entry.key_lines[key], f"unknown field{_did_you_mean(key, STORY_FIELDS)}.", label, key)
        title = entry.get("title")
        if not isinstance(title, str) or not title.strip():
            problem(entry.key_lines.get("title", entry.line), "needs a 'title'.", label, "title")
            continue
        story_id = entry.get("id") or slugify(title)[:40]
        if not isinstance(story_id, str) or not SLUG.match(story_id):
            problem(entry.key_lines.get("id", entry.line), "the id must be lower case letters, digits and dashes.", label, "id")
            continue
        if story_id in seen:
            problem(entry.key_lines.get("id", entry.line), "the id is used by another story.", label, "id")
            continue
        seen.add(story_id)
        principles = entry.get("principles", [])
        if not isinstance(principles, list) or not all(isinstance(p, str) for p in principles):
            problem(entry.key_lines.get("principles", entry.line), "must be a list of principles, e.g. [ownership, dive-deep].", label, "principles")
            continue
        resolved = []
        for name in principles:
            try:
                resolved.append(catalog.principle(name).id if catalog else slugify(name))
            except ConfigError as exc:
                problem(entry.key_lines["principles"], str(exc), label, "principles")
        outline = entry.get("outline", [])
        if not isinstance(outline, list) or not outline or not all(isinstance(p, str) and p.strip() for p in outline):
            problem(entry.key_lines.get("outline", entry.line), "needs 'outline': the points the story must make, each on a '- ' line.", label, "outline")
            continue
        keywords = entry.get("keywords", []) or []
        questions = entry.get("questions", []) or []
        stories.append(Story(story_id, " ".join(title.split()), tuple(resolved), tuple(" ".join(p.split()) for p in outline),
                             tuple(str(k) for k in keywords), tuple(str(q) for q in questions), str(entry.get("answer", "") or "")))
    if problems:
        more = len(problems) - 1
        raise BankError(str(problems[0]) + (f" (and {more} more)" if more else ""))
    return StoryBank(stories, source)


# --------------------------------------------------------------------------------------------------
# Importing Markdown prep notes

_HEADING = re.compile(r"^(#{1,6})\s*(.+?)\s*#*\s*$")
_STAR_LABELS = r"S|T|A|R|Situation|Task|Actions?|Results?|Reflection|Learnings?|Lessons?(?: learned)?"
# The headings other frameworks give the parts (CAR, PAR, "Context / Approach / Impact"). Notes use these
# words for other things too ("Goal: an offer by March"), so they mark a part only under a principle's
# heading or inside a story.
_LABELS = rf"{_STAR_LABELS}|{OTHER_PART_NAMES}"
# "S: context", "> * T:", "- **Situation**: context", "**Result:** ..." in a bullet
_PART = re.compile(rf"^\s*>?\s*(?:[-*•]\s+)?(?:\*\*|__)?\s*({_LABELS})\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$", re.I)
_BULLET = re.compile(r"^\s*>?\s*(?:[-*•]|\d+[.)])\s+(.*)$")
_PARAGRAPH = re.compile(rf"^\*\*({_LABELS})\s*:?\s*\*\*\s*:?\s*(.*)$", re.I)
_QUESTION = re.compile(r"^(?:tell me|describe|give (?:me )?an? example|share an example|can you tell|what|how|when|have you)\b", re.I)
# Flashcards: "Q: Tell me about …" (or "Question:", "**Q1:**") and, right after it, "A:" or "Answer:" with the
# answer written out as prose.
_CARD_QUESTION = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*|__)?(?:Q|Question)\s*\d*\s*[:.)]\s*(?:\*\*|__)?\s*(\S.*)$", re.I)
# A question that asks for a story, not for an opinion or a fact ("Why this company?").
_STORY_QUESTION = re.compile(r"\b(?:a time|an? (?:example|instance|situation|occasion)|the (?:last )?time|when you|"
                             r"tell me about (?:a|an|the|your)|describe (?:a|an|the|your)|walk me through)\b", re.I)
_CARD_ANSWER = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*|__)?(A|Answer)\s*\d*\s*:\s*(?:\*\*|__)?\s*(.*)$", re.I)
_STORY_HEADING = re.compile(r"^(?:story|example)\b\s*(?:\d+\b)?\s*[-–—:.)]?\s*", re.I)  # "Story 2 - Missed launch"
# The principles a story serves, named on a line of its own: "Principles: Ownership, Deliver Results",
# "- **LPs:** Dive Deep / Ownership", "Leadership Principles: Earn Trust".
_PRINCIPLES_LINE = re.compile(r"^\s*(?:[-*•]\s+)?(?:\*\*|__)?\s*(?:leadership principles?|principles?|lps?)\s*"
                              r"(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(\S.*)$", re.I)
POINT_CHARS = 140  # an outline point longer than this is cut at a word, as notes' long lines are
_RULE = re.compile(r"^\s*(?:-{3,}|_{3,}|\*{3,})\s*$")
_SHORT_LABEL = {"situation": "S", "context": "S", "background": "S", "challenge": "S", "problem": "S",
                "obstacle": "S", "task": "T", "goal": "T", "objective": "T", "action": "A", "approach": "A",
                "result": "R", "impact": "R", "outcome": "R"}


def _label(name: str) -> str:
    """A part label as the notes' own short form: S, T, A, R or Reflection ("Challenge" is CAR's scene and
    task together: S, as its first part)."""
    name = name.lower()
    return name.upper() if len(name) == 1 else _SHORT_LABEL.get(name.rstrip("s"), "Reflection")


def _star_label(name: str) -> bool:
    return re.fullmatch(_STAR_LABELS, name.strip(), re.I) is not None


def _heading_principles(name: str, catalog: Catalog) -> tuple[str, ...]:
    """The principles a heading names: one in full ("Have Backbone; Disagree and Commit", "2. Ownership"), or
    several joined by / & + or | ("Dive Deep / Ownership"). Only whole names: "Action" or "Results" over a
    story's part is not Bias for Action or Deliver Results."""
    def named(text: str) -> str | None:
        text = re.sub(r"^\s*(?:\d+[.)]|LP\s*:)\s*|\s*\([^)]*\)\s*$", "", text, flags=re.I)  # "2. X", "X (2 stories)"
        found = catalog.principle_named(text)
        return found.id if found else None

    whole = named(name)
    if whole:
        return (whole,)
    pieces = re.split(r"\s*[/&+|]\s*", name)
    ids = [named(piece) for piece in pieces]
    return tuple(ids) if len(pieces) > 1 and all(ids) else ()  # type: ignore[arg-type]


def import_markdown(text: str, catalog: Catalog) -> list[Story]:
    """Stories from Markdown prep notes (docs/stories.md): principle headings; questions (lines or headings,
    with follow-up bullets); parts under S:/T:/A:/R: or Situation:/... labels, as lines, as "- **Situation**:"
    bullets, or as a label line or "### Situation" heading followed by its bullets; quoted outlines under
    "### Answer"; **S:** or **Situation:** paragraphs; "#### Story 2 - title" sections, whose own lines
    and bullets are the outline when they carry no labels; and flashcards ("Q: question" then "A: the answer
    in prose"), whose sentences are the outline."""
    stories: list[Story] = []
    principles: tuple[str, ...] = ()
    principle_level = 0  # the heading level that named it: a heading under it ("## Tell me about…") keeps it
    questions: list[str] = []
    outline: list[str] = []
    paragraphs: list[str] = []
    paragraph_points: list[list[str]] = []  # each paragraph's bullet lines (written under its **S:** label)
    plain_points: list[str] = []  # the lines and bullets of a story section, in case they carry no labels
    section_title: str | None = None  # a "Story" heading's title ("" for none); None outside such a section
    heading_title = ""  # another heading under the principle's: the title, if labels make a story of it
    part_open = False  # after a part's own label line or heading ("Situation:", "### Action"): its lines follow
    in_story = False
    labelled = False  # an outline counts only with S:/T:/A:/R: labels or under an "Answer" heading
    after_card_question = False  # the last line with words was a flashcard's "Q: …": an "A:" is its answer
    card = False  # the story is a flashcard's answer
    named_principles: tuple[str, ...] = ()  # from a "Principles: …" line: this story's, over the heading's

    def marks_a_part(name: str) -> bool:
        """A STAR label marks a part anywhere; another framework's ("Goal:") only under a principle or in a
        story, as notes use those words for their own lines too."""
        return _star_label(name) or bool(principles) or in_story

    def close() -> None:
        nonlocal outline, paragraphs, paragraph_points, plain_points, questions, section_title, heading_title
        nonlocal in_story, labelled, part_open, card, named_principles
        if (outline and labelled) or paragraphs or (section_title is not None and plain_points):
            # a heading outside any principle's names the story only when its lines follow it directly: above
            # a question or a flashcard it is more likely the notes' own ("# Prep", "# Other notes")
            own_heading = heading_title if principles or not questions else ""
            title = section_title or own_heading or _title(questions, paragraphs, outline or plain_points)
            base = _short_id(title) or f"story-{len(stories) + 1}"
            story_id, n = base, 2
            while any(s.id == story_id for s in stories):
                story_id, n = f"{base}-{n}", n + 1
            # a paragraph's points are its bullets, or else its first sentence (every sentence of a
            # flashcard's answer: it is the whole story, told as prose)
            told = [point for paragraph, bullets in zip(paragraphs, paragraph_points)
                    for point in (bullets or (_sentences(paragraph) if card else [_first_sentence(paragraph)])) if point]
            points = outline or told or plain_points
            stories.append(Story(story_id, title, named_principles or principles, tuple(points), (), tuple(questions),
                                 "\n\n".join(paragraphs)))
        outline, paragraphs, paragraph_points, plain_points, questions = [], [], [], [], []
        section_title, heading_title, in_story, labelled, part_open, card = None, "", False, False, False, False
        named_principles = ()

    def add_point(text: str) -> None:
        nonlocal labelled
        label = _PART.match(text)
        if label:  # "S: context", or a bare "S:" that only starts a part
            labelled = True
            text = label.group(2)
        if text.strip():
            outline.append(text.strip())

    for raw in text.splitlines():
        line = raw.rstrip()
        heading = _HEADING.match(line)
        if heading:
            level, name = len(heading.group(1)), heading.group(2)
            if name.lower().startswith("answer"):
                in_story = labelled = True
                continue
            part_name = name.strip(" :*_")
            if re.fullmatch(_LABELS, part_name, re.I) and marks_a_part(part_name):
                # "### Situation" over a part's lines
                in_story = labelled = part_open = True
                continue
            close()
            named = _heading_principles(name, catalog)
            if named:
                principles, principle_level = named, level
                continue
            if level <= principle_level:  # a section of its own ("# About me")
                principles, principle_level = (), 0
            if level > principle_level and _QUESTION.match(name):  # "## Tell me about a time…"
                questions.append(name)
            elif _STORY_HEADING.match(name):
                section_title, in_story = _STORY_HEADING.sub("", name, count=1).strip(" .:"), True
            elif principles and level > principle_level:  # the story's own heading, under a principle's
                heading_title = name.strip(" .:")
            elif not principles and len(name.split()) >= 3 and not name.rstrip(" *_").endswith(":"):
                heading_title = name.strip(" .:")  # on its own: a title, not "Weak:" or "Notes"
            continue
        listed = _PRINCIPLES_LINE.match(line)
        if listed:
            # names hold "and" and ";" ("Have Backbone; Disagree and Commit"): split at , / & + | only
            found = [catalog.principle_named(re.sub(r"^\s*\d+[.)]\s*", "", piece))
                     for piece in re.split(r"\s*[,/&+|]\s*", listed.group(1).strip(" *_."))]
            named_principles = tuple(dict.fromkeys(p.id for p in found if p))
            continue
        if _RULE.match(line):
            close()
            continue
        card_question = _CARD_QUESTION.match(line)
        asked = card_question.group(1).strip().strip("*_").strip() if card_question else ""
        # A flashcard's question ends the story before it; "Q3: we shipped" inside a story is one of its lines.
        if (asked and (_STORY_QUESTION.search(asked) or asked.endswith("?"))
                and not line.lstrip().startswith(">")):
            if outline or paragraphs:
                close()
            after_card_question = bool(_STORY_QUESTION.search(asked))  # "Q: Why this company?" asks for no story
            if after_card_question:
                questions.append(asked)
            continue
        card_answer = _CARD_ANSWER.match(line)
        if card_answer and (after_card_question or len(card_answer.group(1)) > 1) and not (outline or paragraphs):
            in_story, part_open, card, after_card_question = True, False, True, False
            paragraphs.append(card_answer.group(2).strip())
            paragraph_points.append([])
            continue
        if line.strip():
            after_card_question = False
        paragraph = _PARAGRAPH.match(line.strip())
        if paragraph and marks_a_part(paragraph.group(1)):
            in_story, part_open = True, False  # what follows is the paragraph's
            paragraphs.append(f"{_label(paragraph.group(1))}: {paragraph.group(2).strip()}".strip())
            paragraph_points.append([])
            continue
        if in_story and paragraphs and (line.startswith(("* ", "- ")) and not line.startswith(">")):
            point = _BULLET.match(line).group(1).strip()  # bullets inside a **S:** paragraph
            paragraphs[-1] += (" " if paragraphs[-1].endswith(":") else "\n") + point
            paragraph_points[-1].append(point)
            continue
        if (in_story and paragraphs and line.strip() and not line.startswith((">", " ", "\t"))
                and not _PART.match(line) and not _QUESTION.match(line.strip())):
            # the paragraph goes on ("**Situation**" on a line of its own, then its text)
            paragraphs[-1] += (" " if paragraphs[-1].endswith(":") else "\n") + line.strip()
            continue
        part = _PART.match(line)
        # A label spelt out ("Situation:") marks a part anywhere, and so do "S:", "T:" and "R:"; "A:" only in a
        # story or quoted, as "Q: ... A: ..." notes use it for an answer.
        quoted = line.lstrip().startswith(">")
        if part and (quoted or in_story or part.group(1).upper() != "A") and marks_a_part(part.group(1)):
            in_story, part_open = True, not quoted  # a quoted outline goes on in quoted bullets
            add_point(line.lstrip("> ").strip())
            continue
        bullet = _BULLET.match(line)
        if bullet and quoted:
            in_story = True
            add_point(bullet.group(1))
            continue
        stripped = line.strip().strip("*").strip()
        # a line or top-level bullet of a part or a "Story" section (not a picture, a link or a bold sub-heading)
        own = (not line[:1].isspace() and re.search(r"\w", stripped) is not None
               and not re.match(r"^(?:!?\[|<|\*\*.*\*\*$)", line.strip()))
        if own and part_open:
            if not bullet and stripped.endswith(":"):  # "5 Whys:": another list, not this part's
                part_open = False
            else:
                outline.append(_first_sentence(bullet.group(1) if bullet else stripped))
            continue
        if own and section_title is not None:
            plain_points.append(_first_sentence(bullet.group(1) if bullet else stripped))
            continue
        if stripped and not in_story and _QUESTION.match(stripped) and not line.lstrip().startswith(("*", "-", ">")):
            if outline or paragraphs:
                close()
            questions.append(stripped)
    close()
    return stories


def _short_id(title: str, limit: int = 40) -> str:
    """A slug of the title cut at a word boundary."""
    slug = slugify(title)
    if len(slug) <= limit:
        return slug
    cut = slug[:limit].rsplit("-", 1)[0]
    return cut or slug[:limit]


def _first_sentence(text: str) -> str:
    text = re.sub(r"^(?:[STAR]|Reflection):\s*", "", text)
    sentence = re.split(r"(?<=[.!?])\s", text.strip())[0]
    return sentence if len(sentence) <= POINT_CHARS else sentence[:POINT_CHARS].rsplit(" ", 1)[0] + "…"


def _sentences(text: str) -> list[str]:
    """Each sentence of prose, cut as outline points are."""
    return [_first_sentence(sentence) for sentence in re.split(r"(?<=[.!?])\s+", text.strip()) if re.search(r"\w", sentence)]


def _title(questions: Sequence[str], paragraphs: Sequence[str], outline: Sequence[str]) -> str:
    candidates = [_first_sentence(p) for p in paragraphs] + list(outline) + list(questions)
    words = next((c for c in candidates if c.strip()), "Story").split()
    return " ".join(words[:9]) + ("…" if len(words) > 9 else "")


# --------------------------------------------------------------------------------------------------
# Matching an answer to a story


@dataclass
class StoryMatch:
    story: Story
    score: float  # share of the story's outline words heard
    covered: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.story.id, "title": self.story.title, "score": round(self.score, 3),
                "covered": self.covered, "missed": self.missed}


def point_covered(point: str, heard: set[str] | list[str]) -> bool:
    """Most of the point's words were said, and said together (within a short stretch of the answer):
    words scattered over a whole story ("engineers" here, "team" there) do not make a point."""
    words = content_words(point)
    if not words:
        return True
    sequence = list(heard) if isinstance(heard, list) else None
    if sequence is None:  # only a set of words: no positions to check
        hits = len(words & heard)
    else:
        width = max(8, 2 * len(words))
        hits = 0
        for start in range(0, max(1, len(sequence) - width + 1)):
            hits = max(hits, len(words & set(sequence[start : start + width])))
            if hits == len(words):
                break
    return hits / len(words) >= POINT_MIN and (hits >= 2 or len(words) <= 2)


def match_story(bank: StoryBank | None, transcript: str, principle: str | None = None) -> StoryMatch | None:
    """The story the answer told (most of its outline words heard), preferring stories for this principle."""
    if bank is None or not bank.stories:
        return None
    heard = content_words(transcript)
    candidates: list[tuple[float, int, Story]] = []
    for n, story in enumerate(bank.stories):
        words = set().union(*(content_words(p) for p in story.outline)) | content_words(" ".join(story.keywords))
        words |= content_words(story.title)
        if not words:
            continue
        score = len(words & heard) / len(words)
        if principle and principle in story.principles:
            score *= 1.15  # a story prepared for this principle is the likelier one
        if score >= MATCH_MIN:
            candidates.append((score, -n, story))
    sequence = content_sequence(transcript)
    for score, _, story in sorted(candidates, key=lambda c: c[:2], reverse=True):
        covered = [p for p in story.outline if point_covered(p, sequence)]
        # Common words alone ("day", "first", "work": a story written out as prose is full of them) do not
        # make a story told: one of its points must be.
        if covered or not story.outline:
            missed = [p for p in story.outline if p not in covered]
            return StoryMatch(story, min(1.0, score), covered, missed)
    return None


def reuse_warnings(uses: Sequence[tuple[str, str, str]]) -> list[str]:
    """Warnings for a story told for several principles in one loop. ``uses``: (story title, principle name,
    interviewer name) per answer."""
    by_story: dict[str, list[tuple[str, str]]] = {}
    for title, principle, interviewer in uses:
        by_story.setdefault(title, []).append((principle, interviewer))
    warnings = []
    for title, told in by_story.items():
        principles = {p for p, _ in told}
        if len(principles) > 1:
            where = "; ".join(f"{p} ({who})" for p, who in told)
            warnings.append(f"You told the '{title}' story for {len(principles)} principles: {where}. "
                            "Interviewers compare notes: prepare a different story for each.")
    return warnings
