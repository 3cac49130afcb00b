"""What every command shares: the consoles, option types and small helpers that build adapters."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.markup import escape  # noqa: F401 - for the commands: a path or a bank's text may hold "[...]"

from interviewer.config import FOLLOW_UPS_MAX, RATE_WPM

console = Console(highlight=False)
err_console = Console(stderr=True, highlight=False, soft_wrap=True)  # an error stays one line


def _plain_help_types() -> None:
    """typer 0.29 writes Python types into help: "--json <bool>", as if the flag took a value, "PATH
    <list[str]>" beside a name that already says what to give, and "{PATH}" in the usage line, where braces
    read as literal text. Help shows a flag bare and a value by its name, as click's own help does."""
    core = typer.core
    if not hasattr(core.TyperOption, "display_type_rich"):  # an older typer: click's plain help already
        return
    option_type = core.TyperOption.display_type_rich
    core.TyperOption.display_type_rich = lambda self, ctx: None if self.is_flag else option_type(self, ctx)
    argument_type = core.TyperArgument.display_type_rich
    core.TyperArgument.display_type_rich = lambda self, ctx: None if self.metavar else argument_type(self, ctx)
    usage_name = core.TyperArgument._usage_display_name
    core.TyperArgument._usage_display_name = lambda self: usage_name(self).replace("{", "").replace("}", "")


_plain_help_types()


# --------------------------------------------------------------------------------------------------
# Shared option types

PrincipleOpt = Annotated[
    Optional[list[str]],
    typer.Option("--principle", "-p", metavar="NAME", help="Only questions of this principle (name, id or initials); repeat or use commas."),
]
QuestionOpt = Annotated[Optional[list[str]], typer.Option("--question", "-q", metavar="ID", help="Ask this question id; repeatable.")]
CountOpt = Annotated[Optional[int], typer.Option("--count", "-n", metavar="N", min=1, max=50, help="How many questions in the round (default: 3, or the questions named with --question).")]
TargetOpt = Annotated[Optional[str], typer.Option("--target", "-t", metavar="M:SS", help="Answer length to aim for, e.g. 2:00 or 90.")]
BankOpt = Annotated[
    Optional[list[Path]], typer.Option("--bank", "-b", metavar="PATH", help="A question bank file or folder to use instead of the built-in and your own banks.")
]
AnswerFileOpt = Annotated[
    Optional[Path],
    typer.Option("--answer-file", "-f", metavar="FILE", help="Feed this recording (wav, flac, mp3, ogg) instead of the microphone."),
]
MaxSecondsOpt = Annotated[Optional[float], typer.Option("--max-seconds", metavar="SECONDS", min=0, help="Hard cap on an answer (default: twice the target).")]
AutoStopOpt = Annotated[
    Optional[float], typer.Option("--auto-stop", metavar="SECONDS", min=0, help="End an answer after this many seconds of silence (off by default).")
]
InputOpt = Annotated[Optional[str], typer.Option("--input", "-i", metavar="DEVICE", help="Microphone: index or part of the name (see 'interviewer devices').")]
OutputOpt = Annotated[Optional[str], typer.Option("--output", "-o", metavar="DEVICE", help="Speaker: index or part of the name.")]
VoiceOpt = Annotated[Optional[str], typer.Option("--voice", metavar="VOICE", help="Interviewer voice: a pyttsx3 voice id or part of its name, 'piper', or 'piper:FILE.onnx' (another Piper voice).")]
RateOpt = Annotated[Optional[int], typer.Option("--rate", metavar="WPM", min=RATE_WPM[0], max=RATE_WPM[1], help="Interviewer speaking rate, words per minute.")]
ModelOpt = Annotated[Optional[str], typer.Option("--model", "-m", metavar="MODEL", help="Whisper model: tiny.en (built in), base, or a CTranslate2 folder.")]
RealtimeOpt = Annotated[bool, typer.Option("--realtime", help="Feed --answer-file at real speed, as a live answer would arrive.")]
StoriesOpt = Annotated[
    Optional[Path], typer.Option("--stories", metavar="FILE", help="Your story bank (YAML); default: stories.yaml in the settings folder.")
]
FollowUpsOpt = Annotated[
    Optional[int], typer.Option("--follow-ups", metavar="N", min=0, max=FOLLOW_UPS_MAX, help="Spoken follow-up probes after each answer (0: none).")
]
SeedOpt = Annotated[Optional[int], typer.Option("--seed", metavar="N", help="Make the choice of questions repeatable.")]


# --------------------------------------------------------------------------------------------------
# Wiring


def _settings():
    from interviewer.config import load_settings

    return load_settings()


def _split(values: list[str] | None) -> list[str]:
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def _split_principles(values: list[str] | None, catalog) -> list[str]:
    """Like _split, but a name with a comma in it ("Are Right, A Lot") stays whole."""
    names: list[str] = []
    for value in values or []:
        pieces = [piece.strip() for piece in value.split(",") if piece.strip()]
        while pieces:
            joined = ", ".join(pieces[:2])
            taken = 2 if len(pieces) > 1 and catalog.principle_named(joined) else 1
            names.append(joined if taken == 2 else pieces[0])
            del pieces[:taken]
    return names


def _catalog(banks: list[Path] | None):
    from interviewer.bankfiles import load_catalog

    return load_catalog(banks or [], only_extra=bool(banks))


def _names_catalog(store=None):
    """The banks for commands that only name principles and questions (history, review, progress, stories,
    the demo's built-in question): a mistake in one of your banks is a warning there, not the end of them;
    your banks are left out until it is fixed. Commands that ask your questions still stop on it. Given the
    recordings (``store``), it also names the principles of banks that were given once with --bank."""
    from interviewer.bankfiles import load_catalog
    from interviewer.errors import BankError

    try:
        catalog = load_catalog()
    except BankError as exc:
        err_console.print(f"[yellow]! {escape(str(exc))} Your banks are left out until it is fixed "
                          "('interviewer banks validate' lists every problem).[/]")
        catalog = load_catalog(include_user=False)
    return catalog.with_recorded_principles(store.principle_names()) if store is not None else catalog


def _target(settings, target: str | None) -> float:
    from interviewer.units import parse_duration

    return parse_duration(target, what="target") if target else settings.target_s


def _player(settings, output: str | None):
    from interviewer.audio.player import SoundDevicePlayer

    player = SoundDevicePlayer(output or settings.output_device or None)
    player.check_named_device()
    return player


def _speaker(settings, voice: str | None, rate: int | None, output: str | None):
    from interviewer.audio.tts import PiperSpeaker, Pyttsx3Speaker, piper_length_scale
    from interviewer.config import cache_dir, piper_voice_file

    player = _player(settings, output)
    voice = voice if voice is not None else settings.voice_spec
    rate = rate or settings.rate
    piper_file = piper_voice_file(voice)
    if piper_file is not None:
        speaker = PiperSpeaker(model=piper_file or None, player=player, cache_dir=cache_dir(),
                               length_scale=piper_length_scale(rate))
    else:
        speaker = Pyttsx3Speaker(voice=voice, rate=rate, player=player, cache_dir=cache_dir())
    if voice:
        speaker.check_voice()  # a voice named and not found stops here, not after a silent first question
    return speaker


def _interactive() -> bool:
    try:
        return console.is_terminal and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False




def _store(settings=None, *, every_session: bool = False):
    """The recordings folder, with the sessions a killed or crashed program left "running" closed first, so
    that every command sees them as interrupted (store.FileStore.recover_abandoned)."""
    from interviewer.config import recordings_dir
    from interviewer.store import FileStore
    from interviewer.units import counted

    store = FileStore(recordings_dir(settings or _settings()))
    for session in store.recover_abandoned(every_session=every_session):
        err_console.print(f"Session {session.id} did not finish (the program was killed or crashed): marked "
                          f"interrupted; {counted(len(session.answers), 'recording')} kept.", markup=False)
    return store


def load_stories(path: Path | None, settings, catalog):
    """The story bank: --stories, else the stories setting or file, if there is one (it is optional)."""
    from interviewer.config import config_file, stories_file
    from interviewer.errors import ConfigError
    from interviewer.stories import parse_stories

    file = Path(path) if path else stories_file(settings)
    if not file.is_file():
        if path or settings.stories:  # named, so meant: only the default file is optional
            named = "" if path else f" (stories in {config_file()})"
            raise ConfigError(f"{file}: no such story bank{named}. Create one with 'interviewer stories import NOTES.md'.")
        return None
    return parse_stories(file.read_text(encoding="utf-8-sig"), str(file), catalog)
