"""Commands for looking back: history, review, play, export, progress, report, delete, reindex.

Registered on the main app by cli.py. Like the rest of the CLI, they only wire the store, the index and
the renderers together."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from interviewer.cli_common import (
    PrincipleOpt, _catalog, _names_catalog, _settings, _split, _split_principles, _store, console, err_console, escape,
)
from interviewer.errors import ConfigError, NotFoundError, StoreError
from interviewer.units import clock, counted, parse_duration, parse_since

RefArg = Annotated[str, typer.Argument(metavar="ID", help="A session id (20261122-093015), an answer id (20261122-093015-1), or 'latest'.")]


def _resolve(store, ref: str, *, latest: str = "session") -> tuple[str, str]:
    """('session' | 'answer', id) for a reference: an exact id, 'latest', or the unique end of an id."""
    from interviewer.store import ANSWER_ID, SESSION_ID

    ref = ref.strip()
    if ref == "latest":
        if latest == "answer":
            return "answer", store.latest_answer().id
        ids = store.session_ids()
        if not ids:
            raise NotFoundError(f"No sessions yet in {store.root}. Run 'interviewer practice' or 'interviewer demo'.")
        return "session", ids[-1]
    if SESSION_ID.match(ref) and (store.root / ref).is_dir():
        return "session", ref
    if ANSWER_ID.match(ref):
        return "answer", ref
    sessions = [s for s in store.session_ids() if s.endswith(ref)]
    if len(sessions) == 1:
        return "session", sessions[0]
    answers = [r[0] for r in store.index.query("SELECT id FROM answers WHERE id LIKE ?", (f"%{ref}",))]
    if len(answers) == 1:
        return "answer", answers[0]
    if len(sessions) + len(answers) > 1:
        raise ConfigError(f"'{ref}' matches several sessions or answers; give more of the id ('interviewer history').")
    raise NotFoundError(f"No session or answer '{ref}' in {store.root}. Run 'interviewer history' to list them.")


def _records(store, kind: str, ref_id: str):
    if kind == "session":
        session = store.load_session(ref_id)
        records, damaged = store.read_answers(ref_id)
        for problem in damaged:  # the rest of the session is still shown
            err_console.print(f"[yellow]! {escape(str(problem))}[/]", soft_wrap=True)
        return session, records
    return None, [store.load_answer(ref_id)]


def _note_sync(store) -> None:
    """Tell the user when the index had to catch up with the files (copied-in sessions, deletions...)."""
    store.index  # noqa: B018 - syncs on first use
    report = getattr(store, "last_sync", None)
    if report and (report.added or report.removed) and report.added + report.removed < 10_000:
        parts = []
        if report.added:
            parts.append(counted(report.added, "new record file"))
        if report.removed:
            parts.append(f"{report.removed} gone")
        err_console.print(f"[dim]Index brought up to date with the recordings folder: {', '.join(parts)}.[/]")
    if report and report.damaged:
        # Not "left out": one read before keeps its row in the index, as it was last read.
        err_console.print(f"[yellow]Some records could not be read: {escape(', '.join(report.damaged[:3]))}"
                          f"{' ...' if len(report.damaged) > 3 else ''}. Move them aside and run 'interviewer reindex'.[/]",
                          soft_wrap=True)


def _answered_or(store, column: str, wanted: str, find) -> str:
    """The id of a principle or question in the banks, or one answers were given to under a bank used once
    with --bank (so 'history -q neg-1' finds them); otherwise the banks' error, with its suggestions."""
    try:
        return find(wanted).id
    except ConfigError:
        given = wanted.strip().lower()  # ids are lower case, as the banks' own lookups take them
        if store.index.query(f"SELECT 1 FROM answers WHERE {column} = ? LIMIT 1", [given]):
            return given
        raise


STAR_LEGEND = "STAR: green = present, red = missing, # = a number in the result."


def history(
    principle: PrincipleOpt = None,
    question: Annotated[Optional[list[str]], typer.Option("--question", "-q", metavar="ID", help="Only this question id; repeatable.")] = None,
    since: Annotated[Optional[str], typer.Option("--since", metavar="WHEN", help="Only answers since a date (2026-11-01) or a span (7d, 2w, today).")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", metavar="N", min=1, help="At most this many rows.")] = 50,
    follow_ups: Annotated[bool, typer.Option("--follow-ups", help="Include follow-up answers.")] = False,
) -> None:
    """Past answers, newest first: date, principle, question, length against target, key scores."""
    store = _store()
    _note_sync(store)
    catalog = _names_catalog(store)
    where, params = ["1 = 1"], []
    if not follow_ups:
        where.append("a.kind = 'answer'")
    principle_ids = [_answered_or(store, "principle", name, catalog.principle) for name in _split_principles(principle, catalog)]
    if principle_ids:
        where.append(f"a.principle IN ({', '.join('?' * len(principle_ids))})")
        params += principle_ids
    question_ids = [_answered_or(store, "question_id", q, catalog.question) for q in _split(question)]
    if question_ids:
        where.append(f"a.question_id IN ({', '.join('?' * len(question_ids))})")
        params += question_ids
    if since:
        where.append("a.started_at >= ?")
        params.append(parse_since(since))
    rows = answer_rows(store, where, params, limit=limit)
    if not rows:
        console.print("No answers match." if params else "No answers yet. Start with 'interviewer practice' or 'interviewer demo'.")
        return
    matching = store.index.query(f"SELECT COUNT(*) AS n FROM answers a WHERE {' AND '.join(where)}", params)[0]["n"]
    console.print(answers_table(rows, catalog, "Past answers"))
    if matching > len(rows):  # the older ones were left out without a word
        console.print(f"The newest {len(rows)} of {matching} answers; --limit {matching} shows them all.")
    console.print(f"[dim]{STAR_LEGEND} 'interviewer review ID' shows an answer in full.[/]")


def answer_rows(store, where: list[str], params: list, *, limit: int | None = None,
                order: str = "a.started_at DESC, a.id DESC") -> list:
    """Index rows of answers (with their question's text and their scores) matching ``where``."""
    return store.index.query(
        f"""SELECT a.*, q.text AS question_text, s.* FROM answers a
            LEFT JOIN questions q ON q.id = a.question_id LEFT JOIN scores s ON s.answer_id = a.id
            WHERE {' AND '.join(where)} ORDER BY {order}{' LIMIT ?' if limit else ''}""",
        [*params, *([limit] if limit else [])],
    )


def answers_table(rows, catalog, title: str) -> Table:
    """One line per answer: when, id, principle, question, length against target, pace, fillers, STAR."""
    from rich import box

    wide = console.width >= 160  # narrow terminals get the essentials; 'review ID' has the rest
    # Under 100 columns every column does not fit, and the last (the STAR letters) was cut off: the answer
    # id already says when (20261122-093015-1), so the date goes first.
    dated = console.width >= 100
    table = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True)
    if dated:
        table.add_column("when", no_wrap=True, min_width=11)
    # Two rounds started in the same second have ids two characters longer (20261122-093015-2-1): the
    # principle gives those up, or the STAR column was cut to "STAR" without its "#".
    id_width = max(17, *(len(row["id"]) for row in rows))
    table.add_column("answer", no_wrap=True, min_width=id_width)
    table.add_column("principle", no_wrap=True, overflow="ellipsis", max_width=(20 if dated else 17) - (id_width - 17))
    table.add_column("question", no_wrap=True, overflow="ellipsis", max_width=30 if wide else 8)  # "question" whole
    for column, width in (("length", 9), ("wpm", 3), ("fillers", 6), ("STAR", 6)):
        table.add_column(column, no_wrap=True, min_width=width)
    if wide:
        table.add_column("first note", no_wrap=True, overflow="ellipsis", max_width=40)  # 160 columns in all
    for row in rows:
        duration, target = row["duration_s"], row["target_s"] or 120
        length = Text(f"{clock(duration)}/{clock(target)}")
        if duration is not None:
            length.stylize("green" if abs(duration - target) <= 15 else "yellow" if duration < target else "red")
        missing = set((row["missing"] or "").split(",")) if row["star_completeness"] is not None else None
        star = Text()
        for part, letter in (("situation", "S"), ("task", "T"), ("action", "A"), ("result", "R")):
            if missing is None:
                star.append("·", style="dim")
            else:
                star.append(letter, style="red strike" if part in missing else "green")
        if row["quantified_result"]:
            star.append(" #", style="green")
        cells = [
            *([(row["started_at"] or "")[5:16].replace("T", " ")] if dated else []),
            row["id"],
            Text(catalog.principle_name(row["principle"])),
            Text(f"{row['question_id']} {row['question_text'] or ''}" if wide else row["question_id"]),
            length,
            f"{row['words_per_minute']:.0f}" if row["words_per_minute"] else "–",
            f"{row['fillers_per_minute']:.1f}/m" if row["fillers_per_minute"] is not None else "–",
            star,
        ]
        if wide:
            cells.append(Text(row["first_note"] or row["error"] or row["status"] or ""))
        table.add_row(*cells)
    return table


def review(ref: RefArg = "latest") -> None:
    """An answer or a whole session: transcript with times, STAR parts coloured, fillers, pauses, feedback."""
    from interviewer.ui.report import print_answer

    store = _store()
    _note_sync(store)
    catalog = _names_catalog(store)
    kind, ref_id = _resolve(store, ref)
    session, records = _records(store, kind, ref_id)
    if session:
        console.print(f"[bold]{session.kind.capitalize()} session {escape(session.id)}[/] · {session.started_at[:16].replace('T', ' ')}"
                      f" · {counted(len(records), 'answer')} · {session.status}")
    for record in records:
        console.print(f"\n[bold cyan]{escape(catalog.principle_name(record.question.principle))}[/] · {escape(record.prompt)}")
        print_answer(console, record)
        if record.duration_s and store.audio_path(record).is_file():
            console.print(f"[dim]{escape(_play_hint(record))}[/]")
        elif record.duration_s:  # not a 'play' command that can only fail
            console.print(f"[yellow]The recording {escape(str(store.audio_path(record)))} is missing.[/]", soft_wrap=True)
    if not records:
        console.print("This session has no answers.")
    if session and session.extra.get("summary"):
        # A loop's summary, as it was shown at its end: who would note what.
        from interviewer.loop import LoopSummary
        from interviewer.ui.terminal import loop_summary_panel

        console.print(loop_summary_panel(LoopSummary.from_dict(session.extra["summary"])))


def _play_hint(record) -> str:
    """How to hear the answer, from the moment its first timed note points at ("Situation ran 48 s
    (0:02-0:50)" starts at 0:02), since that is what a reader of the notes wants to hear."""
    notes = (record.score or {}).get("notes", [])
    moment = next((note["at"] for note in notes if note.get("at") is not None), None)
    if moment is None:
        return f"Hear it: interviewer play {record.id}"
    return f"Hear it: interviewer play {record.id} --from {clock(moment)} (where the first timed note points)"


def play(
    ref: Annotated[str, typer.Argument(metavar="ID", help="An answer id, or 'latest'.")],
    start: Annotated[Optional[str], typer.Option("--from", metavar="M:SS", help="Start here, e.g. 1:05.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", "-o", metavar="DEVICE", help="Speaker: index or part of the name.")] = None,
) -> None:
    """Play an answer's recording; Enter stops it."""
    import wave

    from interviewer.audio.player import SoundDevicePlayer
    from interviewer.errors import AudioFileError, DeviceError
    from interviewer.ui.keys import EnterKey

    store = _store()
    kind, ref_id = _resolve(store, ref, latest="answer")
    if kind != "answer":
        raise ConfigError(f"'{ref}' is a session; play one of its answers ('interviewer review {ref_id}' lists them).")
    record = store.load_answer(ref_id)
    path = store.audio_path(record)
    if not path.is_file():
        raise AudioFileError(f"{path}: the recording is missing.")
    offset = 0.0 if not start or start in ("0", "0:00") else parse_duration(start, what="--from time")
    try:  # the header's length: the player reads the samples
        with wave.open(str(path), "rb") as wav:
            length = wav.getnframes() / wav.getframerate()
    except Exception as exc:  # noqa: BLE001 - wave.Error, EOFError, a rate of 0
        raise AudioFileError(f"{path}: cannot read the recording ({exc}).") from exc
    if offset >= length:
        raise ConfigError(f"--from {clock(offset)} is past the end of the answer ({clock(length)}).")
    player = SoundDevicePlayer(output or _settings().output_device or None)
    if player.available():  # say "Playing" only where something will be heard
        console.print(f"Playing {record.id} from {clock(offset)} of {clock(length)} ({path}). Enter stops.", markup=False)
    if not player.play_back([path], EnterKey(), offset):
        raise DeviceError(f"{player.unavailable} The recording is at {path}.")


FORMATS = ("md", "json", "srt", "vtt", "html")


def export(
    ref: RefArg,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="FORMAT", help=f"One of {', '.join(FORMATS)}.")] = "md",
    out: Annotated[Optional[Path], typer.Option("-o", "--out", metavar="PATH", help="Write here (a file; a folder for a session's subtitles, or a .srt/.vtt file if it has one answer). Default: standard output, or a file in the current folder for html.")] = None,
    link_audio: Annotated[bool, typer.Option("--link-audio", help="HTML: refer to the recordings by relative path instead of embedding them.")] = False,
) -> None:
    """Export an answer or a session as Markdown, JSON, SRT or WebVTT subtitles, or a self-contained HTML report."""
    from interviewer.review import export as ex

    fmt = fmt.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ConfigError(f"Unknown format '{fmt}'. Use one of: {', '.join(FORMATS)}.")
    store = _store()
    _note_sync(store)
    catalog = _names_catalog(store)
    kind, ref_id = _resolve(store, ref)
    session, records = _records(store, kind, ref_id)
    if not records:
        raise NotFoundError(f"Session {ref_id} has no answers to export.")
    if fmt in ("srt", "vtt"):
        render = ex.to_srt if fmt == "srt" else ex.to_vtt
        a_file = out is not None and out.suffix.lower() == f".{fmt}"  # "-o answer.srt": one file, not a folder
        if kind == "answer" or (a_file and len(records) == 1):
            _write(render(records[0]), out)
        elif a_file:
            raise ConfigError(f"{out}: session {ref_id} has {len(records)} answers, one subtitle file each; give a "
                              f"folder (-o {out.with_suffix('')}) or one answer's id ({records[0].id}).")
        else:
            folder = out or Path(f"{ref_id}-{fmt}")
            folder.mkdir(parents=True, exist_ok=True)
            for record in records:
                path = folder / f"{Path(record.audio_file).stem}.{fmt}"
                path.write_text(render(record), encoding="utf-8")
                console.print(f"wrote {path}", soft_wrap=True, markup=False)
        return
    if fmt == "json":
        _write(ex.to_json(records, session), out)
    elif fmt == "md":
        _write(ex.to_markdown(records, catalog.principle_name, session), out)
    else:
        target = out or Path(f"{ref_id}.html")
        html = _answers_html(store, catalog, records, session, embed_audio=not link_audio, relative_to=target.resolve().parent)
        target.write_text(html, encoding="utf-8")
        console.print(f"wrote {target} ({target.stat().st_size / 1024:.0f} KiB; open it in any browser, it works offline)",
                      soft_wrap=True, markup=False)


def _write(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}", soft_wrap=True, markup=False)


def attempts_for(store, question_id: str) -> list[dict]:
    rows = store.index.query(
        """SELECT a.id, a.started_at, a.duration_s, a.target_s, s.star_completeness, s.fillers_per_minute
           FROM answers a LEFT JOIN scores s ON s.answer_id = a.id
           WHERE a.question_id = ? AND a.kind = 'answer' AND a.status = 'complete' ORDER BY a.started_at""",
        (question_id,),
    )
    return [dict(row) for row in rows]


def _answers_html(store, catalog, records, session, *, embed_audio: bool, relative_to: Path) -> str:
    from interviewer.review.html import answer_view, render_answers

    views = [
        answer_view(record, store.audio_path(record), catalog.principle_name, attempts_for(store, record.question.id),
                    embed_audio=embed_audio, relative_to=relative_to)
        for record in records
    ]
    title = f"{session.kind.capitalize()} session {session.id}" if session else f"Answer {records[0].id}"
    return render_answers(title, views, session)


def _attempts(store) -> list:
    from interviewer.progress import Attempt

    rows = store.index.query(
        """SELECT a.principle, a.question_id, a.started_at, a.duration_s, a.target_s, s.star_completeness,
                  s.fillers_per_minute, a.session_id
           FROM answers a LEFT JOIN scores s ON s.answer_id = a.id
           WHERE a.kind = 'answer' AND a.status = 'complete' ORDER BY a.started_at"""
    )
    return [Attempt(r["principle"], r["question_id"], r["started_at"] or "", r["duration_s"], r["target_s"] or 120.0,
                    r["star_completeness"], r["fillers_per_minute"], r["session_id"] or "") for r in rows]


def progress() -> None:
    """Per principle: practised or not, how often, and the trend of length-vs-target and STAR completeness."""
    from interviewer.progress import by_principle, describe

    store = _store()
    _note_sync(store)
    catalog = _names_catalog(store)
    rows = [describe(p) for p in by_principle(list(catalog.principles.values()), _attempts(store))]
    from rich import box

    table = Table(title="Progress by principle", header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False,
                  collapse_padding=True)
    # A trend is a phrase or two ("further from target (+32 s), less complete (-50%)"): below 100 columns its
    # column folded it into five lines a row, so there it goes under the table, one line per principle, and
    # the principles' names get the room ("Insist on the Highest Standards" whole at 80 columns).
    trend_below = console.width < 100
    others = 47  # the other five columns with their padding
    table.add_column("principle", no_wrap=True, overflow="ellipsis",
                     max_width=max(24, console.width - others) if trend_below else 24)
    table.add_column("answers", no_wrap=True, min_width=7)
    table.add_column("last", no_wrap=True, min_width=5)
    table.add_column("length", no_wrap=True, min_width=6)
    table.add_column("STAR", no_wrap=True, min_width=4)
    table.add_column("history", no_wrap=True, max_width=8)  # progress.SPARK_SHOWN answers, the latest
    if not trend_below:
        table.add_column("trend", overflow="fold", min_width=14)
    for row in rows:
        style = "" if row["answers"] else "dim"
        table.add_row(Text(row["name"]), str(row["answers"]) if row["answers"] else "not yet", (row["last"] or "–")[5:] or "–",
                      row["average_duration"] or "–", row["completeness"] or "–", row["spark"],
                      *([] if trend_below else [row["trend"]]), style=style)
    console.print(table)
    if trend_below:
        for row in rows:
            if row["trend"]:
                console.print(Text.assemble((f"{row['name']}: ", "bold"), row["trend"]))
    practised = sum(1 for r in rows if r["answers"])
    console.print(f"{practised} of {len(rows)} principles practised. 'interviewer practice -p NAME' targets one; "
                  "'interviewer report --all' draws the charts.", soft_wrap=True)


def report(
    all_sessions: Annotated[bool, typer.Option("--all", help="Every session: coverage and trends (the only kind for now).")] = True,
    out: Annotated[Optional[Path], typer.Option("-o", "--out", metavar="PATH", help="Where to write the HTML (default: progress.html beside the recordings).")] = None,
) -> None:
    """An HTML page with charts of all your practice: coverage per principle and trends over time."""
    from interviewer.progress import by_principle, describe
    from interviewer.review.html import render_overview

    store = _store()
    _note_sync(store)
    catalog = _names_catalog(store)
    attempts = _attempts(store)
    principles = [describe(p) for p in by_principle(list(catalog.principles.values()), attempts)]
    timeline = [
        {"started_at": a.started_at, "over_target_s": None if a.duration_s is None else a.duration_s - a.target_s,
         "completeness_pct": None if a.completeness is None else 100 * a.completeness,
         "fillers_per_minute": a.fillers_per_minute}
        for a in attempts
    ]
    # Sessions that hold the answers counted (a round stopped before its first answer was whole adds none).
    totals = {"answers": len(attempts), "sessions": len({a.session_id for a in attempts}),
              "principles": len(principles), "practised": sum(1 for p in principles if p["answers"])}
    target = out or store.root / "progress.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_overview(principles, timeline, totals), encoding="utf-8")
    console.print(f"wrote {target}", soft_wrap=True, markup=False)


def delete(
    ref: Annotated[str, typer.Argument(metavar="ID", help="A session id or an answer id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete an answer (with its follow-ups) or a whole session: files and index rows together."""
    store = _store()
    if ref == "latest":
        raise ConfigError("Deleting needs an explicit id, not 'latest' ('interviewer history' lists them).")
    kind, ref_id = _resolve(store, ref)
    record = store.load_answer(ref_id) if kind == "answer" else None
    session_id = record.session_id if record else ref_id
    if store.in_progress(session_id):  # its files would vanish under the round recording into them
        raise StoreError(f"Session {session_id} is being recorded right now (a round is running); "
                         "finish or stop that round first, then delete.")
    if record is None:
        files = sorted(p for p in store.session_dir(ref_id).rglob("*") if p.is_file())
        what = f"session {ref_id} ({counted(len(store.answer_files(ref_id)), 'answer')}, {counted(len(files), 'file')})"
    else:
        files = store.answer_files_of(record)
        what = f"answer {ref_id} ('{textwrap.shorten(record.prompt, 60, placeholder='…')}'; {counted(len(files), 'file')})"
    if not yes:
        if not sys.stdin.isatty():
            raise ConfigError(f"Deleting {what} needs confirmation: run it in a terminal, or add --yes.")
        if not typer.confirm(f"Delete {what}? This cannot be undone", default=False):
            console.print("Nothing deleted.")
            return
    removed = store.delete_session(ref_id) if record is None else store.delete_answer(record)
    console.print(f"Deleted {what} from {store.root}" + (f" ({len(removed)} removed)." if len(removed) != len(files) else "."),
                  markup=False)


def reindex() -> None:
    """Rebuild the index from the files under recordings/ (they are the source of truth)."""
    from interviewer.index import Index

    store = _store(every_session=True)  # sessions left running before rounds took a lock are closed too
    store.ensure_root()
    restored = store.restore_missing_sessions()
    report_ = Index(store.root).rebuild()
    counts = Index(store.root).counts()
    console.print(f"Index rebuilt from {store.root}: {counted(counts['sessions'], 'session')}, {counted(counts['answers'], 'answer')}, "
                  f"{counted(counts['questions'], 'question')}, {counted(counts['scores'], 'score')}.", soft_wrap=True, markup=False)
    if restored:
        console.print(f"Rebuilt session.json from the answers of {counted(len(restored), 'session')} (their settings "
                      f"are not known): {', '.join(restored)}.", soft_wrap=True, markup=False)
    if report_.damaged:
        err_console.print(f"Left out {len(report_.damaged)} unreadable record file(s): {', '.join(report_.damaged)}. "
                          "Move them aside or fix the JSON.", markup=False)
    if report_.orphans:
        err_console.print(f"{len(report_.orphans)} recording(s) without a record (an interrupted save?): "
                          f"{', '.join(report_.orphans[:5])}. Score them with 'interviewer score FILE'.", markup=False)


COMMANDS = (history, review, play, export, progress, report, delete, reindex)


def register(app: typer.Typer) -> None:
    for command in COMMANDS:
        app.command(command.__name__)(command)

