"""The SQLite index beside the recordings (``recordings/index.sqlite``): sessions, answers, questions and
scores, for fast history and progress queries.

The files under recordings/ are the source of truth. The index remembers each record file's size and
modification time; ``sync`` compares them with the folder and re-reads only what changed, so a session
copied in from another machine, a folder deleted by hand, or a missing or damaged index is noticed and
repaired rather than trusted. ``rebuild`` (``interviewer reindex``) starts from scratch.

Schema changes are named migrations, each applied in a transaction together with its record in
``_migrations``.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from interviewer.errors import StoreError

log = logging.getLogger(__name__)

INDEX_FILE = "index.sqlite"


# --------------------------------------------------------------------------------------------------
# Migrations


def _run(db: sqlite3.Connection, script: str) -> None:
    """Statements one by one (executescript would commit the open transaction first)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _m001_initial(db: sqlite3.Connection) -> None:
    _run(
        db,
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY, kind TEXT, status TEXT, started_at TEXT, ended_at TEXT,
            program_version TEXT, settings TEXT
        );
        CREATE TABLE questions (
            id TEXT PRIMARY KEY, bank TEXT, principle TEXT, text TEXT
        );
        CREATE TABLE answers (
            id TEXT PRIMARY KEY, session_id TEXT REFERENCES sessions(id), number INTEGER, kind TEXT,
            parent_id TEXT, status TEXT, question_id TEXT REFERENCES questions(id), principle TEXT, prompt TEXT,
            started_at TEXT, duration_s REAL, target_s REAL, stop_reason TEXT, audio_file TEXT, source TEXT,
            model TEXT, error TEXT
        );
        CREATE TABLE scores (
            answer_id TEXT PRIMARY KEY REFERENCES answers(id), words INTEGER, words_per_minute REAL,
            fillers_per_minute REAL, time_to_first_word_s REAL, star_completeness REAL, missing TEXT,
            quantified_result INTEGER, i_count INTEGER, we_count INTEGER, situation_s REAL, task_s REAL,
            action_s REAL, result_s REAL, reflection_s REAL, first_note TEXT, notes TEXT
        );
        CREATE TABLE files (
            path TEXT PRIMARY KEY, mtime_ns INTEGER, size INTEGER
        );
        CREATE INDEX answers_by_question ON answers(question_id, started_at);
        CREATE INDEX answers_by_principle ON answers(principle, started_at);
        """
    )


def _m002_drill_and_loop(db: sqlite3.Connection) -> None:
    """Answers given in drills and loops carry which drill round or interviewer they belong to."""
    db.execute("ALTER TABLE answers ADD COLUMN extra TEXT")


def _m003_principle_name(db: sqlite3.Connection) -> None:
    """Answers keep their principle's name, for banks given once with --bank (not loaded later to name it)."""
    db.execute("ALTER TABLE answers ADD COLUMN principle_name TEXT")


MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = [
    ("001_initial", _m001_initial),
    ("002_drill_and_loop", _m002_drill_and_loop),
    ("003_principle_name", _m003_principle_name),
]


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """BEGIN ... COMMIT, or ROLLBACK on any error (the connection runs in autocommit mode)."""
    db.execute("BEGIN")
    try:
        yield db
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply the migrations not yet applied; each in one transaction together with its record."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        with transaction(db):
            step(db)
            db.execute("INSERT INTO _migrations VALUES (?, datetime('now'))", (name,))
        applied.append(name)
    return applied


def connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)  # we BEGIN and COMMIT ourselves
    db.row_factory = sqlite3.Row
    return db


# --------------------------------------------------------------------------------------------------


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    damaged: list[str] = field(default_factory=list)  # record files that could not be read
    orphans: list[str] = field(default_factory=list)  # audio files without a record
    rebuilt: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed or self.rebuilt)


def _score_row(answer_id: str, score: dict[str, Any] | None, transcript: dict[str, Any] | None) -> dict[str, Any] | None:
    if not score:
        return None
    star = score.get("star", {})
    timing = score.get("timing", {})
    delivery = score.get("delivery", {})
    feedback = score.get("feedback") or []
    return {
        "answer_id": answer_id,
        "words": len((transcript or {}).get("words") or []),
        "words_per_minute": timing.get("words_per_minute"),
        "fillers_per_minute": delivery.get("fillers_per_minute"),
        "time_to_first_word_s": timing.get("time_to_first_word_s"),
        "star_completeness": score.get("star_completeness"),
        "missing": ",".join(score.get("missing") or []),
        "quantified_result": int(bool(delivery.get("quantified_result"))),
        "i_count": delivery.get("i_count"),
        "we_count": delivery.get("we_count"),
        **{f"{part}_s": (star.get(part) or {}).get("seconds") for part in ("situation", "task", "action", "result", "reflection")},
        "first_note": feedback[0] if feedback else None,
        "notes": json.dumps(feedback, ensure_ascii=False),
    }


class Index:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.path = self.root / INDEX_FILE
        self._db: sqlite3.Connection | None = None

    # Opening --------------------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            self.root.mkdir(parents=True, exist_ok=True)
            try:
                db = connect(self.path)
                db.execute("PRAGMA journal_mode = WAL")
                migrate(db)
            except sqlite3.DatabaseError as exc:
                # A damaged index is not data: set it aside and build a new one from the files.
                log.warning("index %s unreadable (%s); rebuilding", self.path, exc)
                try:
                    db.close()
                except Exception:  # noqa: BLE001
                    pass
                self.path.replace(self.path.with_suffix(".sqlite.damaged"))
                db = connect(self.path)
                migrate(db)
            self._db = db
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    @property
    def db(self) -> sqlite3.Connection:
        return self._connect()

    # Writing --------------------------------------------------------------------------------------

    def _file_key(self, path: Path) -> str:
        return str(path.relative_to(self.root))

    def _remember_file(self, path: Path) -> None:
        st = path.stat()
        self.db.execute("INSERT OR REPLACE INTO files VALUES (?, ?, ?)", (self._file_key(path), st.st_mtime_ns, st.st_size))

    def put_session(self, data: dict[str, Any], path: Path | None = None) -> None:
        with transaction(self.db):
            self.db.execute(
                "INSERT OR REPLACE INTO sessions VALUES (?, ?, ?, ?, ?, ?, ?)",
                (data["id"], data.get("kind"), data.get("status"), data.get("started_at"), data.get("ended_at"),
                 data.get("program_version"), json.dumps(data.get("settings") or {})),
            )
            if path is not None:
                self._remember_file(path)

    def put_answer(self, data: dict[str, Any], path: Path | None = None) -> None:
        q = data["question"]
        with transaction(self.db):
            self.db.execute("INSERT OR REPLACE INTO questions VALUES (?, ?, ?, ?)",
                            (q["id"], q.get("bank"), q.get("principle"), q.get("text")))
            self.db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (data["id"], data["session_id"], data["number"], data.get("kind", "answer"), data.get("parent_id"),
                 data.get("status"), q["id"], q.get("principle"), data.get("prompt"), data.get("started_at"),
                 data.get("duration_s"), data.get("target_s"), data.get("stop_reason"), data.get("audio_file"),
                 data.get("source"), data.get("model"), data.get("error"), json.dumps(data.get("extra") or {}),
                 q.get("principle_name") or None),
            )
            self.db.execute("DELETE FROM scores WHERE answer_id = ?", (data["id"],))
            row = _score_row(data["id"], data.get("score"), data.get("transcript"))
            if row:
                columns = ", ".join(row)
                self.db.execute(f"INSERT INTO scores ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values()))
            if path is not None:
                self._remember_file(path)

    def forget(self, *, session_id: str | None = None, answer_ids: Iterable[str] = ()) -> None:
        """Remove rows for a deleted session or answers (their files are already gone)."""
        with transaction(self.db):
            ids = list(answer_ids)
            if session_id:
                ids += [r[0] for r in self.db.execute("SELECT id FROM answers WHERE session_id = ?", (session_id,))]
                self.db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
                self.db.execute("DELETE FROM files WHERE path LIKE ?", (f"{session_id}/%",))
            for answer_id in ids:
                self.db.execute("DELETE FROM scores WHERE answer_id = ?", (answer_id,))
                self.db.execute("DELETE FROM answers WHERE id = ?", (answer_id,))

    # Keeping up with the files --------------------------------------------------------------------

    def _record_files(self) -> dict[str, Path]:
        from interviewer.store import SESSION_ID

        found: dict[str, Path] = {}
        if not self.root.is_dir():
            return found
        for folder in self.root.iterdir():
            if not folder.is_dir() or not SESSION_ID.match(folder.name):
                continue
            for path in folder.iterdir():
                if path.suffix == ".json" and not path.name.startswith(".") and (
                    path.name == "session.json" or path.name.startswith("answer-")
                ):
                    found[self._file_key(path)] = path
        return found

    def sync(self) -> SyncReport:
        """Bring the index in line with the files: new, changed and removed records."""
        report = SyncReport()
        files = self._record_files()
        known = {row["path"]: (row["mtime_ns"], row["size"]) for row in self.db.execute("SELECT * FROM files")}
        # Sessions before their answers, so answer rows always find their session.
        for key in sorted(files, key=lambda k: (k.split("/")[0], k.split("/")[1] != "session.json", k)):
            path = files[key]
            try:
                st = path.stat()
            except FileNotFoundError:
                continue
            if known.get(key) == (st.st_mtime_ns, st.st_size):
                continue
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
                if path.name == "session.json":
                    self.put_session(data, path)
                else:
                    self.put_answer(data, path)
            except (json.JSONDecodeError, UnicodeDecodeError, KeyError, TypeError, OSError) as exc:
                report.damaged.append(f"{key} ({type(exc).__name__})")
                continue
            if key in known:
                report.updated += 1
            else:
                report.added += 1
        gone = [key for key in known if key not in files]
        if gone:
            with transaction(self.db):
                for key in gone:
                    session_id, name = key.split("/", 1)
                    if name == "session.json":
                        self.db.execute("DELETE FROM sessions WHERE id = ?", (session_id,))
                    else:
                        stem = name[: -len(".json")]
                        ids = [r[0] for r in self.db.execute(
                            "SELECT id FROM answers WHERE session_id = ? AND audio_file = ?", (session_id, stem + ".wav"))]
                        for answer_id in ids:
                            self.db.execute("DELETE FROM scores WHERE answer_id = ?", (answer_id,))
                            self.db.execute("DELETE FROM answers WHERE id = ?", (answer_id,))
                    self.db.execute("DELETE FROM files WHERE path = ?", (key,))
            report.removed = len(gone)
        report.orphans = self._orphan_audio()
        return report

    def _orphan_audio(self) -> list[str]:
        from interviewer.store import SESSION_ID

        orphans = []
        for folder in sorted(p for p in self.root.iterdir() if p.is_dir() and SESSION_ID.match(p.name)) if self.root.is_dir() else []:
            for wav in folder.glob("answer-*.wav"):
                if wav.name.endswith("-question.wav"):
                    continue
                if not wav.with_suffix(".json").exists():
                    orphans.append(str(wav.relative_to(self.root)))
        return orphans

    def rebuild(self) -> SyncReport:
        """Throw the index away and build it again from the files."""
        self.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(self.path) + suffix).unlink(missing_ok=True)
        report = self.sync()
        report.rebuilt = True
        return report

    # Reading --------------------------------------------------------------------------------------

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        try:
            return list(self.db.execute(sql, tuple(params)))
        except sqlite3.Error as exc:
            raise StoreError(f"The index {self.path} could not be read ({exc}); run 'interviewer reindex'.") from exc

    def counts(self) -> dict[str, int]:
        return {table: self.query(f"SELECT count(*) FROM {table}")[0][0] for table in ("sessions", "answers", "questions", "scores")}

