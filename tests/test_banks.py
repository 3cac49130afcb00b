import random
import textwrap

import pytest

from interviewer.bankfiles import builtin_bank_files, load_catalog
from interviewer.banks import build_catalog, choose_questions, parse_bank, parse_bank_or_raise
from interviewer.errors import BankError, ConfigError

GOOD = textwrap.dedent(
    """\
    id: mine
    title: My questions
    principles:
      - id: ownership
        name: Ownership
        description: Act like an owner.
    questions:
      - id: my-01
        principle: Ownership
        text: Tell me about a time you owned something.
        follow_ups:
          - What was the outcome?
        tags: [scope]
      - id: my-02
        principle: ownership
        text: Another question?
    """
)


def test_builtin_bank_covers_every_principle_with_follow_ups():
    catalog = load_catalog()
    assert len(catalog.principles) == 16
    for principle in catalog.principles.values():
        questions = catalog.questions_for(principle.id)
        assert len(questions) >= 12, principle.name
        assert principle.description, principle.name
        for q in questions:
            assert q.follow_ups, q.id
            assert q.text.strip() and q.principle == principle.id
    ids = [q.id for q in catalog.questions]
    assert len(ids) == len(set(ids))


def test_good_bank_parses_with_principle_by_name_or_id():
    bank = parse_bank_or_raise(GOOD, "mine.yaml")
    assert [q.id for q in bank.questions] == ["my-01", "my-02"]
    assert {q.principle for q in bank.questions} == {"ownership"}
    assert bank.questions[0].follow_ups == ("What was the outcome?",)
    assert bank.questions[1].follow_ups == ()
    assert bank.questions[0].tags == ("scope",)


def test_principles_are_derived_when_not_listed():
    text = "id: mine\nquestions:\n  - id: a-1\n    principle: Dive Deep\n    text: Why?\n"
    bank = parse_bank_or_raise(text, "x.yaml")
    assert [p.id for p in bank.principles] == ["dive-deep"]
    assert bank.principles[0].name == "Dive Deep"


@pytest.mark.parametrize("principle,problem", [
    ("Ownershp", "'Ownershp' is not a principle (did you mean 'Ownership'?); to add a new one, list it"),
    ("Customer Obession", "did you mean 'Customer Obsession'?"),
    ("Ownership", None), ("bias-for-action", None), ("Resilience", None),  # built-in by name or id; a new one
])
def test_a_misspelt_principle_in_a_user_bank_is_a_problem_not_a_new_principle(principle, problem):
    """Without a 'principles:' list a question's principle was taken as it was written: a typo of a
    built-in principle made a principle of its own, with one question, silently."""
    from interviewer.bankfiles import builtin_principles

    text = f"id: mine\nquestions:\n  - id: a-1\n    principle: {principle}\n    text: Why?\n"
    result = parse_bank(text, "mine.yaml", known=builtin_principles())
    if problem is None:
        assert not result.problems and result.bank.questions[0].principle in ("ownership", "bias-for-action", "resilience")
    else:
        assert str(result.problems[0]).startswith("mine.yaml:4: question 'a-1', field 'principle': ")
        assert problem in str(result.problems[0])
    listed = text.replace("questions:", f"principles:\n  - name: {principle}\nquestions:")  # meant to be new
    assert not parse_bank(listed, "mine.yaml", known=builtin_principles()).problems


# Each broken bank -> (line, question id, field, words of the fix) that the message must name.
BROKEN = [
    (GOOD.replace("  - id: my-02\n", "  - id: my-01\n"), 14, "my-01", "id", "already used on line 8"),
    (GOOD.replace("follow_ups:\n      - What was the outcome?", "follow_ups: What was the outcome?"), 11, "my-01", "follow_ups", "each on its own"),
    (GOOD.replace("tags: [scope]", "tag: [scope]"), 13, "my-01", "tag", "did you mean 'tags'"),
    (GOOD.replace("principle: Ownership", "principle: Ownershp"), 9, "my-01", "principle", "did you mean 'Ownership'"),
    (GOOD.replace("text: Another question?\n", ""), 14, "my-02", "text", "needs the question 'text'"),
    (GOOD.replace("id: my-02", "id: My 02"), 14, "My 02", "id", "lower case"),
    (GOOD.replace("tags: [scope]", "tags: scope"), 13, "my-01", "tags", "list of words"),
]


@pytest.mark.parametrize("text,line,qid,field,fix", BROKEN)
def test_broken_bank_error_names_file_line_question_and_field(text, line, qid, field, fix):
    with pytest.raises(BankError) as exc:
        parse_bank_or_raise(text, "banks/mine.yaml")
    message = str(exc.value)
    assert message.startswith(f"banks/mine.yaml:{line}: question '{qid}', field '{field}'"), message
    assert fix in message
    assert "\n" not in message


def test_yaml_syntax_error_names_the_line():
    text = "id: mine\nquestions:\n  - id: a\n    text: Tell me: about\n   bad indent: x\n"
    result = parse_bank(text, "bad.yaml")
    assert result.bank is None
    assert str(result.problems[0]).startswith("bad.yaml:")
    assert "YAML syntax error" in str(result.problems[0])


def test_libyaml_reads_a_bank_with_the_same_values_and_lines_and_an_error_in_the_same_words():
    """Banks are parsed by libyaml for speed; what it gives must be what the Python parser gives."""
    import yaml

    from interviewer import banks

    def lines(node):
        if isinstance(node, dict):
            return [node.line, node.key_lines, [lines(value) for value in node.values()]]
        if isinstance(node, list):
            return [node.item_lines, [lines(item) for item in node]]
        return node

    assert yaml.__with_libyaml__ and issubclass(banks._FastLineLoader, yaml.CSafeLoader)
    text = builtin_bank_files()[0].read_text(encoding="utf-8")
    fast, slow = yaml.load(text, Loader=banks._FastLineLoader), yaml.load(text, Loader=banks._LineLoader)
    assert fast == slow and lines(fast) == lines(slow)
    broken = "id: mine\nquestions:\n  - id: a\n    text: Tell me: about\n"
    with pytest.raises(yaml.MarkedYAMLError) as by_python:
        yaml.load(broken, Loader=banks._LineLoader)
    assert str(parse_bank(broken, "b.yaml").problems[0]) == (
        f"b.yaml:4: YAML syntax error: {by_python.value.problem}. "
        "Check the indentation, and put text containing ': ' or '#' in quotes."
    )


@pytest.mark.parametrize(
    "text,expected",
    [
        ("", "the file is empty"),
        ("- just\n- a list\n", "top level must be a mapping"),
        ("id: x\n", "has no 'questions' list"),
        ("id: x\nquestions: []\n", "non-empty list"),
        ("id: x\nquestions:\n  - id: q\n    text: t\n    principle: p\ncolour: red\n", "unknown top-level field 'colour'"),
        ("id: x\nid: y\nquestions: []\n", "duplicate key 'id'"),
    ],
)
def test_whole_file_problems(text, expected):
    result = parse_bank(text, "f.yaml")
    assert result.bank is None
    assert any(expected in str(p) for p in result.problems), [str(p) for p in result.problems]


def test_all_problems_are_collected_and_the_first_is_raised_with_a_count():
    text = GOOD.replace("tags: [scope]", "tag: x").replace("principle: ownership", "principle: nope")
    result = parse_bank(text, "m.yaml")
    assert len(result.problems) == 2
    with pytest.raises(BankError, match=r"and 1 more problem: run 'interviewer banks validate m.yaml'"):
        parse_bank_or_raise(text, "m.yaml")


def test_question_ids_must_be_unique_across_banks_but_a_bank_can_replace_the_builtin():
    a = parse_bank_or_raise(GOOD, "a.yaml")
    b = parse_bank_or_raise(GOOD.replace("id: mine", "id: other"), "b.yaml")
    with pytest.raises(BankError, match="also used in a.yaml"):
        build_catalog([a, b])
    builtin = parse_bank_or_raise(GOOD, "builtin.yaml", builtin=True)
    replaced = build_catalog([builtin, a])
    assert [bank.path for bank in replaced.banks] == ["a.yaml"]


@pytest.mark.parametrize(
    "query,expected",
    [("ownership", "Ownership"), ("Dive deep", "Dive Deep"), ("dive", "Dive Deep"), ("co", "Customer Obsession"),
     ("backbone", "Have Backbone; Disagree and Commit"), ("earth", "Strive to be Earth's Best Employer"),
     ("bias-for-action", "Bias for Action"), ("HDB", "Hire and Develop the Best"), ("ias", "Invent and Simplify")],
)
def test_principle_lookup(query, expected):
    assert load_catalog().principle(query).name == expected


def test_unknown_principle_and_question_give_hints():
    catalog = load_catalog()
    with pytest.raises(ConfigError, match="Did you mean 'Frugality'"):
        catalog.principle("frugallity")
    assert catalog.question("co-1").id == "co-01"
    with pytest.raises(ConfigError, match="Did you mean"):
        catalog.question("co-99")


def test_choose_questions_prefers_least_practised_and_spreads_principles():
    catalog = load_catalog()
    answered = {q.id: 3 for q in catalog.questions if q.principle == "ownership" and q.id != "ow-07"}
    chosen = choose_questions(catalog, count=2, principle_ids=["ownership"], times_answered=answered, rng=random.Random(1))
    assert chosen[0].id == "ow-07"
    spread = choose_questions(catalog, count=16, rng=random.Random(2))
    assert len({q.principle for q in spread}) == 16
    named = choose_questions(catalog, count=1, question_ids=["dd-02"])
    assert [q.id for q in named] == ["dd-02"]


def test_banks_validate_and_practice_name_a_misspelt_principle_in_your_banks(tmp_path):
    import os

    from tests.conftest import run_cli

    banks = tmp_path / "home" / "banks"
    banks.mkdir(parents=True)
    (banks / "mine.yaml").write_text("id: mine\nquestions:\n  - id: my-1\n    principle: Ownershp\n    text: Why?\n")
    env = {**os.environ, "INTERVIEWER_HOME": str(tmp_path / "home"), "INTERVIEWER_RECORDINGS": str(tmp_path / "rec")}
    checked = run_cli(["banks", "validate"], env=env)
    assert checked.returncode == 2 and f"{banks / 'mine.yaml'}:4: question 'my-1', field 'principle'" in checked.stderr
    practice = run_cli(["practice", "-n", "1"], env=env)
    assert practice.returncode == 2 and "did you mean 'Ownership'?" in practice.stderr
    assert len(practice.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("kind", ["bank", "principles", "stories", "plan"])
def test_a_list_item_that_is_not_a_mapping_is_named_at_its_own_line(kind):
    """It was named at the line of its list's key ('questions:'), however far down the file it was."""
    from interviewer.loop import parse_plan
    from interviewer.stories import parse_stories

    catalog = load_catalog()
    if kind == "bank":
        text = "id: mine\nquestions:\n  - id: a-1\n    principle: Ownership\n    text: Why?\n  - just a string\n"
        problem = str(parse_bank(text, "f.yaml").problems[0])
        assert problem.startswith("f.yaml:6: question #2 must be a mapping")
    elif kind == "principles":
        text = "id: mine\nprinciples:\n  - id: ownership\n    name: Ownership\n  - Ownership\nquestions: []\n"
        assert str(parse_bank(text, "f.yaml").problems[0]).startswith("f.yaml:5: field 'principles': each principle")
    elif kind == "stories":
        text = "stories:\n  - id: a\n    title: A story\n    principles: [ownership]\n    outline: [one]\n  - a string\n"
        with pytest.raises(BankError, match=r"^s.yaml:6: story #2 must be a mapping"):
            parse_stories(text, "s.yaml", catalog)
    else:
        text = "interviewers:\n  - name: Ana\n    principles: [ownership]\n  - Bo\n"
        with pytest.raises(BankError, match=r"^p.yaml:4: interviewer #2 must be a mapping"):
            parse_plan(text, "p.yaml", catalog)
