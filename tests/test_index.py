"""The SQLite index: migrations, and staying true to the files under recordings/."""

import json
import os
import shutil
import sqlite3

from interviewer.index import MIGRATIONS, Index
from interviewer.store import FileStore
from tests.conftest import run_cli
from tests.sessions import STORY, THIN, make_session


def test_migrations_are_recorded_and_applied_once(tmp_path):
    index = Index(tmp_path)
    names = [row[0] for row in index.query("SELECT name FROM _migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]
    index.close()
    Index(tmp_path).counts()  # opening again applies nothing twice
    assert [row[0] for row in Index(tmp_path).query("SELECT count(*) FROM _migrations")] == [len(MIGRATIONS)]


def test_a_failing_migration_leaves_no_trace(tmp_path, monkeypatch):
    import interviewer.index as module

    def broken(db):
        db.execute("CREATE TABLE half_done (x)")
        raise RuntimeError("boom")

    monkeypatch.setattr(module, "MIGRATIONS", [*module.MIGRATIONS, ("003_broken", broken)])
    db = module.connect(tmp_path / "i.sqlite")
    try:
        module.migrate(db)
    except RuntimeError:
        pass
    tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "half_done" not in tables and "answers" in tables
    assert "003_broken" not in {r[0] for r in db.execute("SELECT name FROM _migrations")}


def test_saving_updates_the_index(tmp_path):
    session_id = make_session(tmp_path, [("co-01", STORY, 3.0), ("dd-02", THIN, 2.0)])
    index = Index(tmp_path)
    rows = index.query("SELECT a.id, a.question_id, s.star_completeness FROM answers a JOIN scores s ON s.answer_id = a.id ORDER BY a.id")
    assert [(r[0], r[1]) for r in rows] == [(f"{session_id}-1", "co-01"), (f"{session_id}-2", "dd-02")]
    assert rows[0][2] == 1.0
    assert index.query("SELECT status FROM sessions")[0][0] == "complete"


def test_a_folder_copied_in_from_another_machine_is_noticed(tmp_path):
    mine, theirs = tmp_path / "mine", tmp_path / "theirs"
    make_session(mine, [("co-01", STORY, 3.0)])
    other = make_session(theirs, [("ow-01", STORY, 3.0)], days_ago=3)
    store = FileStore(mine)
    assert store.index.counts()["answers"] == 1
    store.index.close()
    shutil.copytree(theirs / other, mine / other)  # no index row for it yet
    store = FileStore(mine)
    assert store.index.counts()["answers"] == 2
    assert store.last_sync.added == 2  # its session.json and answer record
    assert store.times_answered() == {"co-01": 1, "ow-01": 1}


def test_deleted_and_edited_files_are_noticed(tmp_path):
    first = make_session(tmp_path, [("co-01", STORY, 3.0)])
    second = make_session(tmp_path, [("co-02", STORY, 3.0)], days_ago=1)
    FileStore(tmp_path).index.close()
    shutil.rmtree(tmp_path / second)  # deleted by hand
    record = tmp_path / first / "answer-1.json"
    data = json.loads(record.read_text())
    data["status"] = "failed"
    record.write_text(json.dumps(data))  # edited by hand
    store = FileStore(tmp_path)
    store.index  # noqa: B018 - first use syncs
    assert store.last_sync.removed == 2 and store.last_sync.updated == 1
    assert [tuple(r) for r in store.index.query("SELECT id, status FROM answers")] == [(f"{first}-1", "failed")]


def test_a_missing_or_damaged_index_is_rebuilt_from_the_files(tmp_path):
    make_session(tmp_path, [("co-01", STORY, 3.0), ("co-02", STORY, 3.0)])
    (tmp_path / "index.sqlite").unlink()
    for extra in ("index.sqlite-wal", "index.sqlite-shm"):
        (tmp_path / extra).unlink(missing_ok=True)
    assert FileStore(tmp_path).index.counts()["answers"] == 2
    (tmp_path / "index.sqlite").write_bytes(b"this is not a database" * 100)
    for extra in ("index.sqlite-wal", "index.sqlite-shm"):
        (tmp_path / extra).unlink(missing_ok=True)
    assert FileStore(tmp_path).index.counts()["answers"] == 2
    assert (tmp_path / "index.sqlite.damaged").exists()


def test_damaged_records_and_orphan_recordings_are_reported(tmp_path):
    session_id = make_session(tmp_path, [("co-01", STORY, 3.0), ("co-02", STORY, 3.0)])
    (tmp_path / session_id / "answer-2.json").write_text("{ not json")
    (tmp_path / session_id / "answer-1.json").rename(tmp_path / session_id / "moved-away.txt")
    report = Index(tmp_path).rebuild()
    assert report.damaged == [f"{session_id}/answer-2.json (JSONDecodeError)"]
    assert report.orphans == [f"{session_id}/answer-1.wav"]
    assert Index(tmp_path).counts()["answers"] == 0


def test_index_survives_a_read_only_failure_of_its_own(tmp_path, monkeypatch):
    """The files are written even when the index cannot be (it is repaired on the next sync)."""
    store = FileStore(tmp_path)

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(Index, "put_answer", broken)
    session_id = make_session(tmp_path, [("co-01", STORY, 3.0)])
    assert (tmp_path / session_id / "answer-1.json").is_file()
    monkeypatch.undo()
    assert FileStore(tmp_path).index.counts()["answers"] == 1
    assert store  # the first store object is unaffected


CRASHING_ROUND = """
import os, signal, sys
from datetime import datetime
from pathlib import Path
from interviewer.bankfiles import load_catalog
from interviewer.models import AnswerRecord
from interviewer.store import FileStore

store = FileStore(Path(sys.argv[1]))
session = store.create_session("practice", {}, datetime.now().astimezone())
writer = store.open_answer_audio(session, "answer-1", 16000)
record = AnswerRecord(session.id + "-1", session.id, 1, load_catalog().question("co-01"), "q", "answer-1.wav",
                      session.started_at)
session.answers.append(record.id)
store.save_answer(record)
store.save_session(session)
writer.write([0.1] * 16000 * 3)  # three seconds recorded
print(session.id, flush=True)
if sys.argv[2] == "crash":
    os.kill(os.getpid(), signal.SIGKILL)
sys.stdin.read()  # still running, until the test lets it go
"""


def _round_in_child(root, how):
    import subprocess
    import sys

    child = subprocess.Popen([sys.executable, "-c", CRASHING_ROUND, str(root), how],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    return child, child.stdout.readline().strip()


def test_a_session_left_running_by_a_crash_is_closed_as_interrupted(tmp_path):
    """kill -9, a crash or a power cut left the session "running" and its answer "recording" for ever:
    history showed no length, 'latest' skipped it ("No saved answers yet") and review said "running"."""
    child, session_id = _round_in_child(tmp_path, "crash")
    child.wait(timeout=30)
    store = FileStore(tmp_path)
    [session] = store.recover_abandoned()
    assert session.id == session_id and session.status == "interrupted" and session.ended_at
    [record] = store.load_answers(session_id)
    assert record.status == "interrupted" and record.stop_reason is None  # not "Ctrl-C": cut by the program's end
    assert record.duration_s == 3.0 and not record.recorded_to_its_end
    assert store.latest_answer().id == record.id
    assert store.load_session(session_id).status == "interrupted"
    assert [r["status"] for r in store.index.query("SELECT status FROM answers")] == ["interrupted"]
    assert not (tmp_path / session_id / ".lock").exists()
    assert store.recover_abandoned() == []  # once


def test_a_round_still_running_is_left_alone(tmp_path):
    """... and cannot be deleted from under it."""
    child, session_id = _round_in_child(tmp_path, "run")
    try:
        assert FileStore(tmp_path).recover_abandoned() == []
        assert FileStore(tmp_path).load_session(session_id).status == "running"
        [record] = FileStore(tmp_path).load_answers(session_id)
        assert record.status == "recording" and FileStore(tmp_path).in_progress(session_id)
        for ref in (session_id, record.id):
            refused = run_cli(["delete", ref, "--yes"], env={**os.environ, "INTERVIEWER_RECORDINGS": str(tmp_path)})
            assert refused.returncode == 7 and "is being recorded right now" in refused.stderr, refused.stderr
        assert (tmp_path / session_id / "answer-1.wav").exists()
    finally:
        child.communicate("", timeout=30)
    assert not FileStore(tmp_path).in_progress(session_id)
    assert [s.id for s in FileStore(tmp_path).recover_abandoned()] == [session_id]  # ended without finishing


def test_a_session_that_finishes_leaves_no_lock_and_is_not_recovered(tmp_path):
    session_id = make_session(tmp_path, [("co-01", STORY, 3.0)])
    assert not (tmp_path / session_id / ".lock").exists()
    assert FileStore(tmp_path).recover_abandoned() == []


def test_a_crashed_session_that_lost_its_record_is_rebuilt_with_the_answer_closed(tmp_path):
    """reindex rebuilt the session record but left the answer "recording", with no length, for ever."""
    child, session_id = _round_in_child(tmp_path, "crash")
    child.wait(timeout=30)
    (tmp_path / session_id / "session.json").unlink()
    store = FileStore(tmp_path)
    assert store.recover_abandoned() == []  # nothing to recover without the session's record
    assert store.restore_missing_sessions() == [session_id]
    [record] = store.load_answers(session_id)
    assert record.status == "interrupted" and record.duration_s == 3.0
    assert store.load_session(session_id).status == "interrupted"


def test_reindex_closes_a_session_left_running_before_rounds_took_a_lock(tmp_path):
    """A crash of an earlier version left no lock file: only 'reindex' (asked for) closes such a session."""
    child, session_id = _round_in_child(tmp_path, "crash")
    child.wait(timeout=30)
    (tmp_path / session_id / ".lock").unlink()  # as a session saved before the lock
    finished = make_session(tmp_path, [("co-01", STORY, 3.0)])
    assert FileStore(tmp_path).recover_abandoned() == []
    env = {**os.environ, "INTERVIEWER_RECORDINGS": str(tmp_path)}
    done = run_cli(["reindex"], env=env)
    assert done.returncode == 0 and f"Session {session_id} did not finish" in done.stderr, done.stderr
    [record] = FileStore(tmp_path).load_answers(session_id)
    assert record.status == "interrupted" and record.duration_s == 3.0
    assert not (tmp_path / session_id / ".lock").exists() and not (tmp_path / finished / ".lock").exists()


def test_an_index_from_before_principle_names_is_migrated_and_answers_name_their_principle(tmp_path):
    # An index made before answers kept their principle's name gains the column; the names saved answers give
    # their principles are found with and without the index (a bank given once with --bank names nothing later).
    from interviewer.bankfiles import load_catalog

    db = sqlite3.connect(tmp_path / "index.sqlite")
    db.execute("CREATE TABLE _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    for name, step in MIGRATIONS[:2]:
        step(db)
        db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
    db.commit()
    db.close()
    bank = tmp_path / "mine.yaml"
    bank.write_text("id: mine\nprinciples:\n  - id: negotiation\n    name: Hard Negotiation\nquestions:\n"
                    "  - id: neg-1\n    principle: negotiation\n    text: Tell me about a hard negotiation.\n")
    session = make_session(tmp_path, [("neg-1", STORY, 3.0), ("co-01", STORY, 3.0)], catalog=load_catalog([bank]))
    record = json.loads((tmp_path / session / "answer-1.json").read_text())
    assert record["question"]["principle_name"] == "Hard Negotiation"
    names = {"negotiation": "Hard Negotiation", "customer-obsession": "Customer Obsession"}
    assert FileStore(tmp_path).principle_names() == names
    assert FileStore(tmp_path, use_index=False).principle_names() == names
    assert load_catalog().with_recorded_principles(names).principle_name("negotiation") == "Hard Negotiation"
