"""Saved sessions: the files under recordings/ (the source of truth) and, beside them, a SQLite index.

Layout::

    recordings/
      index.sqlite                      the index (rebuilt from the files by 'interviewer reindex')
      20261122-093015/                  one folder per session, named by its start time
        session.json
        .lock                           held by the program while the session runs
        answer-1-question.wav           the question as spoken
        answer-1.wav                    the answer, written while it is recorded
        answer-1.json                   question, times, transcript with word timings, score, model...
        answer-1-followup-1.wav/.json   a follow-up probe's answer

Audio files are created exclusively (never overwritten); JSON records are written to a temporary file
and renamed over the old version, so a crash leaves either the old or the new record, never half of one.
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections import Counter
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from interviewer import __version__
from interviewer.audio.wavwriter import CrashSafeWavWriter
from interviewer.errors import NotFoundError, StoreError
from interviewer.models import AnswerRecord, SessionRecord

log = logging.getLogger(__name__)

SESSION_FILE = "session.json"
SESSION_LOCK = ".lock"  # held while a round runs: a "running" session whose lock is free was left by a crash
SESSION_ID = re.compile(r"^\d{8}-\d{6}(?:-\d+)?$")
ANSWER_ID = re.compile(r"^(?P<session>\d{8}-\d{6}(?:-\d+)?)-(?P<number>\d+)(?:f(?P<follow>\d+))?$")


def write_json_atomic(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=1, ensure_ascii=False)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def read_json(path: Path) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError as exc:
        raise NotFoundError(f"{path}: missing.") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise StoreError(f"{path}: not valid JSON ({exc}). Move it aside and run 'interviewer reindex'.") from exc


def _read_record(path: Path, kind: type[AnswerRecord | SessionRecord]) -> Any:
    """A saved record, or a StoreError naming the file: JSON that is not such a record (a field missing or
    of the wrong kind) is as damaged as JSON that does not parse, not a bug in the program."""
    data = read_json(path)
    try:
        return kind.from_dict(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise StoreError(f"{path}: not a readable {'answer' if kind is AnswerRecord else 'session'} record "
                         f"({type(exc).__name__}: {exc}). Move it aside and run 'interviewer reindex'.") from exc


class FileStore:
    """The Store port on a recordings folder, keeping the SQLite index beside it up to date."""

    def __init__(self, root: Path, *, use_index: bool = True):
        self.root = Path(root)
        self.use_index = use_index
        self._index = None
        self.last_sync = None  # what the first use of the index found out of date (an index.SyncReport)
        self._session_locks: dict[str, Any] = {}  # the sessions this program is running

    @property
    def index(self):
        """The index, brought up to date with the files the first time it is used."""
        if self._index is None:
            from interviewer.index import Index

            self.ensure_root()  # a clear error where the folder cannot be (a file there, no permission)
            self._index = Index(self.root)
            self.last_sync = self._index.sync()
        return self._index

    def _update_index(self, method: str, data: dict[str, Any], path: Path) -> None:
        if not self.use_index:
            return
        import sqlite3

        try:
            getattr(self.index, method)(data, path)
        except (sqlite3.Error, OSError) as exc:  # the files are what matters; the next sync repairs this
            log.warning("index not updated for %s: %s", path, exc)

    # Writing ---------------------------------------------------------------------------------------

    def ensure_root(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(
                f"Cannot create the recordings folder {self.root} ({exc.strerror}). "
                "Choose another with INTERVIEWER_RECORDINGS or the recordings_dir setting."
            ) from exc

    def session_dir(self, session: SessionRecord | str) -> Path:
        return self.root / (session if isinstance(session, str) else session.id)

    def create_session(self, kind: str, settings: dict[str, Any], started_at: datetime) -> SessionRecord:
        self.ensure_root()
        base = started_at.strftime("%Y%m%d-%H%M%S")
        for attempt in range(1, 1000):
            session_id = base if attempt == 1 else f"{base}-{attempt}"
            try:
                (self.root / session_id).mkdir()
                break
            except FileExistsError:
                continue
            except OSError as exc:
                raise StoreError(f"Cannot create a session folder in {self.root} ({exc.strerror}).") from exc
        else:
            raise StoreError(f"Too many sessions started at {base} in {self.root}.")
        session = SessionRecord(session_id, kind, started_at.isoformat(timespec="seconds"), __version__, dict(settings))
        lock = _session_lock(self.session_dir(session_id))
        try:
            lock.acquire()
            self._session_locks[session_id] = lock
        except OSError as exc:  # a folder that cannot be locked still records; only crash recovery misses it
            log.warning("session %s not locked: %s", session_id, exc)
        self.save_session(session)
        return session

    def open_answer_audio(self, session: SessionRecord, stem: str, sample_rate: int) -> CrashSafeWavWriter:
        path = self.session_dir(session) / f"{stem}.wav"
        try:
            return CrashSafeWavWriter(path, sample_rate)
        except FileExistsError as exc:
            raise StoreError(f"{path} already exists; recordings are never overwritten.") from exc
        except OSError as exc:
            raise StoreError(f"Cannot create {path} ({exc.strerror}).") from exc

    def answer_json_path(self, record: AnswerRecord) -> Path:
        return self.session_dir(record.session_id) / (Path(record.audio_file).stem + ".json")

    def save_answer(self, record: AnswerRecord) -> None:
        path = self.answer_json_path(record)
        data = record.to_dict()
        write_json_atomic(path, data)
        self._update_index("put_answer", data, path)

    def save_session(self, session: SessionRecord) -> None:
        path = self.session_dir(session) / SESSION_FILE
        data = session.to_dict()
        write_json_atomic(path, data)
        self._update_index("put_session", data, path)
        if session.status != "running" and session.id in self._session_locks:
            _release(self._session_locks.pop(session.id))

    def in_progress(self, session_id: str) -> bool:
        """Whether a round, in this program or another, is recording into the session right now."""
        if session_id in self._session_locks:
            return True
        if not (self.session_dir(session_id) / SESSION_LOCK).exists():
            return False
        lock = _session_lock(self.session_dir(session_id))
        try:
            lock.acquire()
        except OSError:
            return True
        lock.release()  # the file stays: a session left running is closed by recover_abandoned
        return False

    def recover_abandoned(self, *, every_session: bool = False) -> list[SessionRecord]:
        """Sessions left "running" by a program that is gone (killed, crashed, the machine lost power) become
        interrupted, and so does the answer each was recording, with its length read from its audio file:
        history then shows how long it was, 'latest' finds it, and its note says the program ended while it
        was being recorded. A round still running, in this program or another, holds its session's lock and
        is left alone. ``every_session`` ('interviewer reindex') looks at sessions without a lock file too:
        those saved before rounds took one. Returns the sessions recovered."""
        if not self.root.is_dir():
            return []
        recovered = []
        # A lock file outlives the program that held it; a session that ends removes its own.
        locked = {p.parent.name for p in self.root.glob(f"*/{SESSION_LOCK}")}
        for session_id in sorted(set(self.session_ids()) if every_session else locked):
            if session_id in self._session_locks or not SESSION_ID.match(session_id):
                continue
            if session_id not in locked and _status_of(self.session_dir(session_id) / SESSION_FILE) != "running":
                continue  # finished long ago: no lock file to make
            lock = _session_lock(self.session_dir(session_id))
            try:
                lock.acquire()
            except OSError:  # held (filelock.Timeout: a round in progress), or cannot be locked here: leave it
                continue
            try:
                session = self.load_session(session_id)
                if session.status == "running":
                    self._close_abandoned(session)
                    recovered.append(session)
            except (StoreError, NotFoundError) as exc:
                log.warning("session %s left running, not recovered: %s", session_id, exc)
            finally:
                _release(lock)
        return recovered

    def _close_abandoned(self, session: SessionRecord) -> None:
        ended = [record.ended_at or record.started_at for record in self._answers_closed(session.id)]
        session.status = "interrupted"
        session.ended_at = max(ended, default=session.started_at)
        self.save_session(session)

    def _answers_closed(self, session_id: str) -> list[AnswerRecord]:
        """The session's answers, with any still "recording" (its program gone) saved as interrupted, their
        length and end read from the audio file."""
        records = self.read_answers(session_id)[0]
        for record in records:
            if record.status == "recording":
                audio = self.audio_path(record)
                record.status = "interrupted"
                record.duration_s = _wav_seconds(audio)
                if audio.is_file():
                    record.ended_at = datetime.fromtimestamp(audio.stat().st_mtime).astimezone().isoformat(timespec="seconds")
                self.save_answer(record)
        return records

    def restore_missing_sessions(self) -> list[str]:
        """Give a session folder whose session.json is gone (lost in a crash, or moved aside because it was
        damaged) one rebuilt from its answer records, so that the session can be reviewed and exported again.
        Its kind is read from the answers (a drill's cues, a loop's interviewers); its settings are lost. A
        session.json that is there is never touched, readable or not."""
        restored = []
        for session_id in self.session_ids():
            if (self.session_dir(session_id) / SESSION_FILE).exists():
                continue
            # an answer left "recording" is closed too, unless a round is recording it right now
            records = self.read_answers(session_id)[0] if self.in_progress(session_id) else self._answers_closed(session_id)
            if not records:
                continue  # nothing to rebuild it from
            extras = [r.extra for r in records]
            kind = ("drill" if any("drill" in e or "cues" in e for e in extras)
                    else "loop" if any("interviewer" in e for e in extras)
                    else "demo" if all(r.source == "demo" for r in records) else "practice")
            ended = [r.ended_at for r in records if r.ended_at]
            session = SessionRecord(
                session_id, kind, min(r.started_at for r in records), records[0].program_version or __version__,
                answers=[r.id for r in records], ended_at=max(ended) if ended else None,
                status="complete" if all(r.status == "complete" for r in records) else "interrupted",
                extra={"rebuilt_from_answers": True},
            )
            self.save_session(session)
            restored.append(session_id)
        return restored

    # Reading ---------------------------------------------------------------------------------------

    def session_ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if p.is_dir() and SESSION_ID.match(p.name))

    def load_session(self, session_id: str) -> SessionRecord:
        folder = self.session_dir(session_id)
        if not folder.is_dir():
            raise NotFoundError(f"No session '{session_id}' in {self.root}. Run 'interviewer history' to list them.")
        path = folder / SESSION_FILE
        if not path.is_file():
            raise NotFoundError(f"{path} is missing; run 'interviewer reindex' to rebuild it from the answers.")
        return _read_record(path, SessionRecord)

    def answer_files(self, session_id: str) -> list[Path]:
        folder = self.session_dir(session_id)
        if not folder.is_dir():
            return []
        files = [p for p in folder.glob("answer-*.json") if not p.name.startswith(".")]
        return sorted(files, key=_answer_sort_key)

    def read_answers(self, session_id: str) -> tuple[list[AnswerRecord], list[StoreError]]:
        """The session's answer records that can be read, and what is wrong with the others: one damaged
        record must not hide the rest of its session."""
        records, damaged = [], []
        for path in self.answer_files(session_id):
            try:
                records.append(_read_record(path, AnswerRecord))
            except StoreError as exc:
                damaged.append(exc)
        return records, damaged

    def load_answers(self, session_id: str) -> list[AnswerRecord]:
        records, damaged = self.read_answers(session_id)
        if damaged:
            raise damaged[0]
        return records

    def load_answer(self, answer_id: str) -> AnswerRecord:
        m = ANSWER_ID.match(answer_id)
        if not m:
            raise NotFoundError(f"'{answer_id}' is not an answer id (they look like 20261122-093015-1).")
        records, damaged = self.read_answers(m.group("session"))
        for record in records:
            if record.id == answer_id:
                return record
        if damaged:
            raise damaged[0]  # it may be the one asked for
        raise NotFoundError(f"No answer '{answer_id}' in {self.root}. Run 'interviewer history' to list them.")

    def audio_path(self, record: AnswerRecord) -> Path:
        return self.session_dir(record.session_id) / record.audio_file

    def iter_answers(self) -> Iterator[AnswerRecord]:
        for session_id in self.session_ids():
            yield from self.read_answers(session_id)[0]  # a damaged record: 'interviewer reindex' reports it

    def latest_answer(self) -> AnswerRecord:
        """The most recent main answer that finished (for 'latest')."""
        for session_id in reversed(self.session_ids()):
            for record in reversed(self.read_answers(session_id)[0]):
                if record.kind == "answer" and record.status in ("complete", "failed", "interrupted"):
                    return record
        raise NotFoundError(f"No saved answers yet in {self.root}. Run 'interviewer practice' or 'interviewer demo'.")

    def times_answered(self) -> dict[str, int]:
        if not self.root.is_dir():
            return {}  # nothing saved yet (and reading must not create the folder)
        if self.use_index:
            rows = self.index.query(
                "SELECT question_id, count(*) FROM answers WHERE kind = 'answer' AND status = 'complete' GROUP BY question_id")
            return {row[0]: row[1] for row in rows}
        return dict(Counter(r.question.id for r in self.iter_answers() if r.kind == "answer" and r.status == "complete"))

    def principle_names(self) -> dict[str, str]:
        """The names saved answers give their principles (see Question.principle_name), by principle id."""
        if not self.root.is_dir():
            return {}
        if self.use_index:
            rows = self.index.query("SELECT DISTINCT principle, principle_name FROM answers WHERE principle_name IS NOT NULL")
            return {row[0]: row[1] for row in rows}
        return {r.question.principle: r.question.principle_name for r in self.iter_answers() if r.question.principle_name}

    # Deleting (the only place recordings are ever removed) --------------------------------------------

    def answer_files_of(self, record: AnswerRecord) -> list[Path]:
        """Every file of one answer: audio, record, spoken question, and its follow-ups' files."""
        folder = self.session_dir(record.session_id)
        stem = Path(record.audio_file).stem
        files = [p for p in folder.glob(f"{stem}*") if p.name.startswith(stem + ".") or p.name.startswith(stem + "-")]
        return sorted(files)

    def delete_answer(self, record: AnswerRecord) -> list[Path]:
        files = self.answer_files_of(record)
        follow_ups = [r.id for r in self.read_answers(record.session_id)[0] if r.parent_id == record.id]
        for path in files:
            path.unlink(missing_ok=True)
        session = self.load_session(record.session_id)
        session.answers = [a for a in session.answers if a != record.id and a not in follow_ups]
        self.save_session(session)
        if self.use_index:
            self.index.forget(answer_ids=[record.id, *follow_ups])
        return files

    def delete_session(self, session_id: str) -> list[Path]:
        import shutil

        folder = self.session_dir(session_id)
        if not folder.is_dir():
            raise NotFoundError(f"No session '{session_id}' in {self.root}.")
        files = sorted(p for p in folder.rglob("*") if p.is_file())
        shutil.rmtree(folder)
        if self.use_index:
            self.index.forget(session_id=session_id)
        return files


def _session_lock(folder: Path) -> Any:
    import filelock

    # thread_local=False: the lock belongs to the program running the round, whichever thread saves
    return filelock.FileLock(folder / SESSION_LOCK, timeout=0, thread_local=False)


def _release(lock: Any) -> None:
    try:
        lock.release()
        Path(lock.lock_file).unlink(missing_ok=True)
    except OSError as exc:
        log.warning("session lock %s not removed: %s", lock.lock_file, exc)


def _status_of(session_file: Path) -> str | None:
    try:
        return read_json(session_file).get("status")
    except (StoreError, NotFoundError, AttributeError):
        return None


def _wav_seconds(path: Path) -> float | None:
    """A recording's length from its header, which the writer keeps up to date while it records."""
    import wave

    try:
        with wave.open(str(path), "rb") as wav:
            return wav.getnframes() / wav.getframerate()
    except (OSError, EOFError, wave.Error, ZeroDivisionError):
        return None


def _answer_sort_key(path: Path) -> tuple[int, int]:
    m = re.match(r"answer-(\d+)(?:-followup-(\d+))?\.json$", path.name)
    return (int(m.group(1)), int(m.group(2) or 0)) if m else (10**9, 0)
