"""The SQLite index: migrations, and staying true to the files under recordings/."""

import json
import shutil
import sqlite3

from interviewer.index import MIGRATIONS, Index
from interviewer.store import FileStore
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
