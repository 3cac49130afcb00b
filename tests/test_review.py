"""history, review, export, progress, report, delete, reindex on sessions made by the real code path."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import srt
import webvtt

from tests.conftest import run_cli
from tests.sessions import PASSING_ACTION, STORY, THIN, make_session


@pytest.fixture
def saved(isolated_user_dirs):
    _, recordings = isolated_user_dirs
    old = make_session(recordings, [("co-01", THIN, 2.0)], days_ago=10)
    new = make_session(recordings, [("co-01", STORY, 3.0), ("dd-02", STORY, 3.0)], days_ago=1)
    return recordings, old, new


def test_history_lists_newest_first_and_filters(saved):
    recordings, old, new = saved
    out = run_cli(["history"]).stdout
    assert out.index(f"{new}-2") < out.index(f"{new}-1") < out.index(f"{old}-1")
    only_dd = run_cli(["history", "--principle", "dive deep"]).stdout
    assert f"{new}-2" in only_dd and f"{new}-1" not in only_dd
    only_q = run_cli(["history", "--question", "co-1"]).stdout
    assert f"{old}-1" in only_q and f"{new}-1" in only_q and f"{new}-2" not in only_q
    since = run_cli(["history", "--since", "2026-11-20"]).stdout  # the fake clock's sessions: 11-12 and 11-21
    assert f"{new}-1" in since and f"{old}-1" not in since
    assert run_cli(["history", "--since", "soon"]).returncode == 2
    # rows left out by --limit are said to be there (they were left out without a word)
    limited = run_cli(["history", "--limit", "2"]).stdout
    assert f"{old}-1" not in limited and "The newest 2 of 3 answers; --limit 3 shows them all." in limited
    assert "The newest" not in out


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_terminal_that_is_not_utf8_gets_the_output_not_an_encoding_error(saved, encoding):
    """A cp1252 console or PYTHONIOENCODING=ascii: "·", "…" and "■" cannot be written there; they become "?"
    (they used to stop the program with "unexpected error: UnicodeEncodeError")."""
    recordings, old, new = saved
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for args in (["history"], ["review", f"{new}-1"], ["export", f"{new}-1"]):
        result = subprocess.run([sys.executable, "-m", "interviewer", *args], env=env, capture_output=True,
                                encoding=encoding, timeout=120)
        assert result.returncode == 0 and "unexpected error" not in result.stderr, (args, result.stderr)
        assert f"{new}-1" in result.stdout


def test_history_fits_an_80_column_terminal_with_the_star_letters(saved):
    """Every column did not fit in 80 columns and the last one, the STAR letters, was cut off; the date
    goes first there (the answer id says when)."""
    recordings, old, new = saved
    for columns in (80, 90, 99):  # at 90 the date still showed and the STAR letters were cut to "ST"
        out = run_cli(["history"], env={**os.environ, "COLUMNS": str(columns)}).stdout
        header = next(line for line in out.splitlines() if "answer" in line and "length" in line)
        assert "STAR" in header and "when" not in header and "question" in header
        row = next(line for line in out.splitlines() if f"{new}-1" in line)
        assert len(row.rstrip()) <= columns and row.rstrip().endswith("STAR #"), (columns, row)
    assert "when" in run_cli(["history"], env={**os.environ, "COLUMNS": "120"}).stdout
    # A second round started in the same second has longer ids ("…-2-1"): the "#" was cut off at 80, and
    # at 150 the wide layout cut "fillers" and the principle's name.
    twin = make_session(recordings, [("co-01", STORY, 3.0)], days_ago=1)
    assert twin == f"{new}-2"
    for columns in (80, 160):
        out = run_cli(["history"], env={**os.environ, "COLUMNS": str(columns)}).stdout
        header = next(line for line in out.splitlines() if "answer" in line and "length" in line)
        assert "fillers" in header and "…" not in header, (columns, header)
        row = next(line for line in out.splitlines() if f"{twin}-1" in line)
        assert len(row.rstrip()) <= columns and "STAR #" in row, (columns, row)
        assert ("Customer Obsession" if columns == 160 else "Customer Obses…") in row


def test_review_shows_transcript_with_times_parts_and_feedback(saved):
    recordings, old, new = saved
    out = run_cli(["review", new]).stdout
    assert "Practice session" in out and out.count("Transcript") == 2
    assert "0:01 S So, at my last company" in out
    assert "Notes" in out and "Customer Obsession" in out
    latest = run_cli(["review"]).stdout  # 'latest' by default: the newest session
    assert f"Answer {new}-2" in latest
    single = run_cli(["review", f"{old}-1"]).stdout
    assert "I didn't hear what you did" in single
    # how to hear it, from the moment the first timed note points at when there is one
    assert f"Hear it: interviewer play {old}-1 --from 0:06" in " ".join(single.split())
    assert f"Hear it: interviewer play {new}-2\n" in out
    (recordings / old / "answer-1.wav").unlink()  # a 'play' command that can only fail is not offered
    single = run_cli(["review", f"{old}-1"], env={**os.environ, "COLUMNS": "200"}).stdout
    assert "Hear it" not in single and f"The recording {recordings / old / 'answer-1.wav'} is missing." in single


def test_export_formats(saved, tmp_path):
    recordings, old, new = saved
    answer = f"{new}-1"
    md = run_cli(["export", answer, "--format", "md"]).stdout
    assert md.startswith(f"# Answer {answer}") and "| Situation | yes |" in md and "### Transcript" in md
    # each sentence marked by its part's letter as on screen: the lesson is L, not a second R
    assert "**R** As a result timeouts dropped" in md and "**L** I learned to measure" in md
    data = json.loads(run_cli(["export", answer, "--format", "json"]).stdout)
    assert data["id"] == answer and data["score"]["schema"] == "interviewer.score/1"
    session = json.loads(run_cli(["export", new, "-f", "json"]).stdout)
    assert [a["id"] for a in session["answers"]] == [f"{new}-1", f"{new}-2"]

    subtitles = list(srt.parse(run_cli(["export", answer, "-f", "srt"]).stdout))  # strict parser
    assert subtitles[0].index == 1 and subtitles[0].start.total_seconds() == pytest.approx(1.0)
    assert all(s.end > s.start for s in subtitles)
    assert all(a.end <= b.start for a, b in zip(subtitles, subtitles[1:]))
    assert all((s.end - s.start).total_seconds() <= 6.5 for s in subtitles)
    assert " ".join(s.content.replace("\n", " ") for s in subtitles).startswith("So, at my last company")

    vtt_path = tmp_path / "a.vtt"
    assert run_cli(["export", answer, "-f", "vtt", "-o", str(vtt_path)]).returncode == 0
    captions = webvtt.read(str(vtt_path))  # raises on invalid WebVTT
    assert len(captions) == len(subtitles)
    assert captions[0].identifier == "situation-1" and captions[0].start == "00:00:01.000"

    folder = tmp_path / "subs"
    assert run_cli(["export", new, "-f", "srt", "-o", str(folder)]).returncode == 0
    assert sorted(p.name for p in folder.iterdir()) == ["answer-1.srt", "answer-2.srt"]
    # A session's subtitles into a file named like one: its only answer, or a clear error for several
    one = tmp_path / "one.srt"
    assert run_cli(["export", old, "-f", "srt", "-o", str(one)]).returncode == 0
    assert one.is_file() and list(srt.parse(one.read_text()))
    several = run_cli(["export", new, "-f", "srt", "-o", str(tmp_path / "both.srt")])
    assert several.returncode == 2 and "has 2 answers" in several.stderr and not (tmp_path / "both.srt").exists()

    html = tmp_path / "r.html"
    assert run_cli(["export", answer, "-f", "html", "-o", str(html)]).returncode == 0
    page = html.read_text()
    assert "data:audio/" in page and "<script" in page and "http" not in page.split("<body>")[1].split("Made by")[0]
    assert run_cli(["export", answer, "-f", "pdf"]).returncode == 2


def test_the_page_shows_the_size_of_a_part_said_only_in_passing(isolated_user_dirs, tmp_path):
    _, recordings = isolated_user_dirs
    session = make_session(recordings, [("co-01", PASSING_ACTION, 40.0)])
    page = tmp_path / "a.html"
    assert run_cli(["export", f"{session}-1", "-f", "html", "-o", str(page)]).returncode == 0
    row = page.read_text().split('<tr class="action">')[1].split("</tr>")[0]
    assert "missing" in row and "% in passing" in row


def test_exports_do_not_call_a_follow_ups_untold_parts_missing():
    """A follow-up answers one probe (the round's notes do not judge its STAR parts), so the Markdown and the
    HTML page list what it told without "missing" against the rest, as the terminal does."""
    from interviewer.bankfiles import load_catalog
    from interviewer.models import AnswerRecord
    from interviewer.review.export import to_markdown
    from interviewer.review.html import answer_view, render_answers
    from interviewer.scoring import ScoringSettings, score_answer
    from tests.fakes import transcript_of

    text = "I was asked to cover their on-call rotation for a month on top of my own work."
    catalog = load_catalog()
    record = AnswerRecord("20261122-093000-1f1", "20261122-093000", 1, catalog.question("co-01"),
                          "What did your team give up?", "answer-1-followup-1.wav", "2026-11-22T09:31:00+00:00",
                          kind="follow-up", status="complete", duration_s=6.0, transcript=transcript_of(text).to_dict(),
                          score=score_answer(transcript_of(text), settings=ScoringSettings(expect_star=False)).to_dict())
    assert not record.score["star"]["action"]["present"]
    markdown = to_markdown([record], catalog.principle_name)
    assert "| Action | no |" in markdown and "missing" not in markdown
    page = render_answers("t", [answer_view(record, None, catalog.principle_name)])
    assert "missing" not in page.split('<tr class="action">')[1].split("</tr>")[0]


def test_text_only_answers_cannot_become_subtitles(saved):
    recordings, old, new = saved
    record = recordings / new / "answer-1.json"
    data = json.loads(record.read_text())
    for word in data["transcript"]["words"]:
        word["start"] = word["end"] = None
    record.write_text(json.dumps(data))
    result = run_cli(["export", f"{new}-1", "-f", "srt"])
    assert result.returncode == 2 and "no word timings" in result.stderr


def test_progress_and_report(saved, tmp_path):
    recordings, old, new = saved
    out = run_cli(["progress"]).stdout
    assert "Customer Obsession" in out and "not yet" in out and "2 of 16 principles practised" in out
    assert "more complete" in out  # co: the thin answer first, the full one later
    # Below 100 columns each trend is a line of its own under the table, not folded into a narrow column.
    narrow = run_cli(["progress"], env=dict(os.environ, COLUMNS="80")).stdout
    assert any(line.startswith("Customer Obsession: ") and "more complete" in line for line in narrow.splitlines())
    assert "Insist on the Highest Standards" in narrow and all(len(line) <= 80 for line in narrow.splitlines()[:20])
    wide = run_cli(["progress"], env=dict(os.environ, COLUMNS="120")).stdout
    assert "trend" in wide and not any(line.startswith("Customer Obsession: ") for line in wide.splitlines())
    page = tmp_path / "all.html"
    assert run_cli(["report", "--all", "-o", str(page)]).returncode == 0
    html = page.read_text()
    assert "Practice progress" in html and "Answers per principle" in html and "<svg" in html
    assert "3 answers in 2 sessions" in html
    # A round stopped before its first answer was whole adds a session but no answer: not counted.
    from datetime import datetime

    from interviewer.store import FileStore
    FileStore(recordings).create_session("practice", {}, datetime(2026, 11, 22, 9, 0))
    assert run_cli(["report", "--all", "-o", str(page)]).returncode == 0
    assert "3 answers in 2 sessions" in page.read_text()


def test_answers_to_a_bank_given_once_with_bank_are_found_and_counted(saved, tmp_path):
    # practice --bank mine.yaml: 'history -q neg-1' said "No question with id", and progress left the
    # answers out, since neither command reads that bank.
    from interviewer.bankfiles import load_catalog

    recordings, _, _ = saved
    bank = tmp_path / "mine.yaml"
    bank.write_text("id: mine\nprinciples:\n  - id: negotiation\n    name: Negotiation\nquestions:\n"
                    "  - id: neg-1\n    principle: negotiation\n    text: Tell me about a hard negotiation.\n")
    session = make_session(recordings, [("neg-1", STORY, 3.0)], catalog=load_catalog([bank]))
    for args in (["-q", "NEG-1"], ["-p", "negotiation"], ["-p", "Negotiation"]):
        found = run_cli(["history", *args])
        assert found.returncode == 0 and f"{session}-1" in found.stdout and "co-01" not in found.stdout, found.stderr
    assert "No question with id 'neg-2'" in run_cli(["history", "-q", "neg-2"]).stderr
    out = run_cli(["progress"], env=dict(os.environ, COLUMNS="120")).stdout
    assert "3 of 17 principles practised" in out
    # ... and they are listed under the principle's name, which their records keep: the bank that named it
    # is not loaded now ("negotiation" was shown, the bare id).
    assert any(line.split()[:2] == ["Negotiation", "1"] for line in out.splitlines()), out
    listed = run_cli(["history", "-q", "neg-1"]).stdout
    assert "Negotiation" in listed and "negotiation" not in listed
    assert "Negotiation" in run_cli(["review", f"{session}-1"]).stdout
    assert "Negotiation" in run_cli(["export", f"{session}-1", "--format", "md"]).stdout


def test_reindex_rebuilds_a_lost_session_record_from_its_answers(saved):
    # "session.json is missing; run 'interviewer reindex' to rebuild it from the answers" - and reindex did
    # not, so the session could not be reviewed again whatever the user did.
    recordings, old, new = saved
    lost = recordings / new / "session.json"
    original = json.loads(lost.read_text())
    lost.unlink()
    before = run_cli(["review", new])
    assert before.returncode != 0 and "run 'interviewer reindex' to rebuild it" in before.stderr
    damaged = recordings / old / "session.json"
    damaged.write_text("{broken")
    done = run_cli(["reindex"])
    assert done.returncode == 0 and f"Rebuilt session.json from the answers of 1 session" in done.stdout
    rebuilt = json.loads(lost.read_text())
    for key in ("id", "kind", "started_at", "answers", "status"):
        assert rebuilt[key] == original[key], key
    assert damaged.read_text() == "{broken"  # a damaged one is never overwritten: it may be mended by hand
    after = run_cli(["review", new])
    assert after.returncode == 0 and f"Practice session {new}" in after.stdout


def test_delete_needs_confirmation_and_removes_files_and_rows(saved):
    recordings, old, new = saved
    refused = run_cli(["delete", f"{new}-2"])
    assert refused.returncode == 2 and "--yes" in refused.stderr
    # the question is named in quotes, cut at a word with "…" (it was cut mid-word: "... the competing;")
    named = re.search(rf"answer {new}-2 \('(.+?)'; ", refused.stderr).group(1)
    prompt = json.loads((recordings / new / "answer-2.json").read_text())["prompt"]
    assert named == prompt or (named.endswith("…") and prompt.startswith(named[:-1]) and prompt[len(named) - 1] == " ")
    assert (recordings / new / "answer-2.wav").exists()
    done = run_cli(["delete", f"{new}-2", "--yes"])
    assert done.returncode == 0, done.stderr
    assert not list((recordings / new).glob("answer-2*"))
    assert (recordings / new / "answer-1.wav").exists()
    assert f"{new}-2" not in run_cli(["history"]).stdout
    assert json.loads((recordings / new / "session.json").read_text())["answers"] == [f"{new}-1"]
    files = len([p for p in (recordings / old).rglob("*") if p.is_file()])
    deleted = run_cli(["delete", old, "--yes"], env={**os.environ, "COLUMNS": "200"})
    assert deleted.returncode == 0
    # "1 answer records, 4 files): 4 files removed" before
    assert deleted.stdout.strip() == f"Deleted session {old} (1 answer, {files} files) from {recordings}."
    assert not (recordings / old).exists() and f"{old}-1" not in run_cli(["history"]).stdout


def test_reindex_after_copying_sessions_in(saved, tmp_path):
    recordings, old, new = saved
    elsewhere = tmp_path / "laptop"
    other = make_session(elsewhere, [("fr-01", STORY, 3.0)], days_ago=5)
    shutil.copytree(elsewhere / other, recordings / other)
    noticed = run_cli(["history"])
    assert f"{other}-1" in noticed.stdout and "Index brought up to date" in noticed.stderr
    out = run_cli(["reindex"]).stdout
    assert "3 sessions, 4 answers" in out


def test_unknown_references(saved):
    result = run_cli(["review", "20200101-000000"])
    assert result.returncode == 8 and "No session or answer" in result.stderr
    assert run_cli(["play", "20200101-000000-1"]).returncode == 8


def test_a_second_try_is_marked_in_review_and_export(isolated_user_dirs):
    _, recordings = isolated_user_dirs
    session = make_session(recordings, [("co-01", THIN, 2.0), ("co-01", STORY, 3.0)], steps=["again"])
    first, second = (json.loads((recordings / session / f"answer-{n}.json").read_text()) for n in (1, 2))
    assert second["extra"]["again_of"] == first["id"]
    out = run_cli(["review", session]).stdout
    assert f"Answer {session}-2 · again" in out and f"Answer {session}-1 · again" not in out
    assert "Against your previous try" in out
    md = run_cli(["export", session, "-f", "md"]).stdout
    assert md.count("(again)") == 1 and md.index("(again)") > md.index(f"answer `{session}-1`")
    page = run_cli(["export", session, "-f", "html", "-o", str(isolated_user_dirs[0] / "s.html")])
    assert page.returncode == 0
    assert (isolated_user_dirs[0] / "s.html").read_text().count("answered again · ") == 1


def test_a_chart_writes_a_date_once_however_many_answers_it_had():
    import re

    from interviewer.review.charts import line_chart

    svg = line_chart("Fillers per minute", ["11-20", "11-21", "11-21", "11-21", "11-21"], {"fillers/min": [1, 2, 3, 2, 1]})
    ticks = re.findall(r'class="tick" text-anchor="(\w+)">(\d\d-\d\d)<', svg)
    assert ticks == [("middle", "11-20"), ("middle", "11-21")]
    svg = line_chart("Fillers per minute", ["11-20", "11-21", "11-22"], {"fillers/min": [1, 2, 3]})
    assert re.findall(r'text-anchor="(\w+)">(\d\d-\d\d)<', svg)[-1] == ("end", "11-22")  # inside the frame


def test_a_chart_over_and_under_its_target_marks_zero():
    import re

    from interviewer.review.charts import line_chart

    # Every answer short of its target: the axis read "-87, -43, 1" with the target line at 0, unlabeled.
    svg = line_chart("Duration against target", ["12-07", "12-07", "12-08"], {"over/under": [-43, -87, -87]},
                     y_min=-87, reference=0, reference_label="target")
    assert re.findall(r'text-anchor="end">(-?\d+)<', svg) == ["-87", "0"]
    svg = line_chart("Duration against target", ["12-07", "12-08"], {"over/under": [-40, 60]},
                     y_min=-40, reference=0, reference_label="target")
    assert re.findall(r'text-anchor="end">(-?\d+)<', svg) == ["-40", "0", "70"]


def test_the_attempts_chart_draws_the_answers_own_target():
    from interviewer.review.html import attempts_chart

    attempts = [{"started_at": "2026-12-05T17:38", "duration_s": 21.0, "target_s": 60.0},
                {"started_at": "2026-12-05T17:42", "duration_s": 65.0, "target_s": 120.0}]  # a later try, aimed at 2:00
    assert "target 1:00" in attempts_chart(attempts, 60.0) and "target 2:00" not in attempts_chart(attempts, 60.0)


def test_a_principles_sparkline_shows_its_latest_answers():
    from interviewer.models import Principle
    from interviewer.progress import SPARK_SHOWN, Attempt, by_principle, describe

    # Eleven answers, the first three without a Result (75%), the rest complete: the column holds eight,
    # and cut at its end it showed the oldest ones.
    attempts = [Attempt("ownership", "ow-01", f"2026-11-{day:02d}", 100.0, 120.0, 0.75 if day <= 3 else 1.0)
                for day in range(1, 12)]
    [row] = [describe(p) for p in by_principle([Principle("ownership", "Ownership")], attempts)]
    assert len(row["spark"]) == SPARK_SHOWN == 8 and set(row["spark"]) == {"█"}


@pytest.mark.parametrize("damage", ["{broken", '{"id": 5}'])  # not JSON; JSON but not an answer record
def test_a_damaged_record_does_not_hide_the_rest_of_its_session(saved, damage):
    """One unreadable answer record made every command on its session fail, and JSON that is not a
    record was reported as a bug ('unexpected error: KeyError … please report it')."""
    recordings, old, new = saved
    (recordings / new / "answer-1.json").write_text(damage)
    other = run_cli(["review", f"{new}-2"])
    assert other.returncode == 0 and f"Answer {new}-2" in other.stdout, other.stderr
    session = run_cli(["review", new])
    assert session.returncode == 0 and f"Answer {new}-2" in session.stdout
    assert f"! {recordings / new / 'answer-1.json'}: not " in session.stderr and "reindex" in session.stderr
    assert [line for line in run_cli(["export", new, "-f", "md"]).stdout.splitlines() if line.startswith("## ")] == [
        "## Tell me about the most complex problem you have worked on."]
    assert run_cli(["review", "latest"]).returncode == 0
    damaged = run_cli(["review", f"{new}-1"])
    assert damaged.returncode == 7 and "unexpected" not in damaged.stderr
    assert damaged.stderr.strip().splitlines()[-1].startswith(f"error: {recordings / new / 'answer-1.json'}: not ")


def test_the_html_transcript_strikes_the_words_a_restart_said_again():
    from types import SimpleNamespace

    from interviewer.review.html import _sentences
    from interviewer.scoring import score_answer
    from tests.fakes import transcript_of

    transcript = transcript_of("At my last job the build failed. We went to, we went to the logs first.")
    record = SimpleNamespace(score=score_answer(transcript).to_dict(), transcript=transcript.to_dict())
    tokens = [t for s in _sentences(record) for t in s["tokens"]]
    assert [t["text"] for t in tokens if t["cls"] == "restart"] == ["We", "went", "to,"]
