"""Commands for the interview modes: drill, loop, and the story bank. Registered on the app by cli.py."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table
from rich.text import Text

from interviewer.cli_common import (
    AnswerFileOpt, BankOpt, FollowUpsOpt, InputOpt, MaxSecondsOpt, ModelOpt, OutputOpt, PrincipleOpt, RateOpt, RealtimeOpt,
    SeedOpt, StoriesOpt, VoiceOpt, _catalog, _names_catalog, _player, _settings, _split, _split_principles, _store,
    _target, console, escape, load_stories,
)
from interviewer.errors import ConfigError
from interviewer.units import counted


def _drill_earlier(store, question_id: str):
    """Earlier attempts at this question (from the index), oldest first, for the trend."""
    from interviewer.drill import Attempt

    rows = store.index.query(
        """SELECT a.id, a.started_at, a.duration_s, a.target_s, s.* FROM answers a JOIN scores s ON s.answer_id = a.id
           WHERE a.question_id = ? AND a.kind = 'answer' AND a.status = 'complete' ORDER BY a.started_at""",
        (question_id,),
    )
    return [Attempt(label=(r["started_at"] or "")[5:10], record_id=r["id"], duration_s=r["duration_s"],
                    target_s=r["target_s"] or 120.0,
                    part_seconds={p: r[f"{p}_s"] for p in ("situation", "task", "action", "result")},
                    words_per_minute=r["words_per_minute"], completeness=r["star_completeness"], earlier=True)
            for r in rows]


def drill(
    question: Annotated[Optional[str], typer.Option("--question", "-q", metavar="ID", help="The question to drill (an id).")] = None,
    principle: PrincipleOpt = None,
    target: Annotated[Optional[str], typer.Option("--target", "-t", metavar="M:SS", help="The length to hit, e.g. 2:00.")] = None,
    rounds: Annotated[int, typer.Option("--rounds", "-r", metavar="N", min=1, max=20, help="How many attempts.")] = 3,
    bank: BankOpt = None,
    answer_file: AnswerFileOpt = None,
    max_seconds: MaxSecondsOpt = None,
    input: InputOpt = None,  # noqa: A002 - the option is --input
    output: OutputOpt = None,
    voice: VoiceOpt = None,
    rate: RateOpt = None,
    model: ModelOpt = None,
    realtime: RealtimeOpt = False,
    follow_ups: FollowUpsOpt = 0,
    stories: StoriesOpt = None,
    seed: SeedOpt = None,
) -> None:
    """A timing drill: the same question several times, a countdown, cues at target-30 s and at the target.

    Between attempts, p then Enter plays the last one back."""
    from interviewer.banks import choose_questions
    from interviewer.cli import build_round
    from interviewer.drill import DrillRunner
    from interviewer.scoring import ScoringSettings
    from interviewer.ui.terminal import drill_panel

    settings = _settings()
    catalog = _catalog(bank)
    target_s = _target(settings, target)
    if question:
        chosen = catalog.question(question)
    principle_ids = [catalog.principle(p).id for p in _split_principles(principle, catalog)]
    if question and principle_ids and chosen.principle not in principle_ids:  # one question: which was meant?
        raise ConfigError(f"{chosen.id} is a {catalog.principle_name(chosen.principle)} question, not "
                          f"{', '.join(catalog.principle_name(p) for p in principle_ids)}; give --question or "
                          "--principle, not both.")
    round_ = build_round(
        kind="drill", settings=settings, catalog=catalog, target_s=target_s, max_seconds=max_seconds, auto_stop=None,
        answer_file=answer_file, realtime=realtime, input_device=input, output_device=output, voice=voice, rate=rate,
        model=model, follow_ups=follow_ups or 0, stories=load_stories(stories, settings, catalog), cue_target_s=target_s,
        extra_settings={"rounds": rounds},
    )
    store = _store(settings)
    if not question:
        chosen = choose_questions(catalog, count=1, principle_ids=principle_ids, times_answered=store.times_answered(),
                                  rng=random.Random(seed))[0]
    earlier = _drill_earlier(store, chosen.id) if store.root.is_dir() else []
    scoring = ScoringSettings.from_overrides(settings.scoring, target_s=target_s)
    console.print(f"[bold]Timing drill:[/] {counted(rounds, 'attempt')} at one question, aiming for "
                  f"{round_.options.target_s:.0f} s. A voice warns before the target and a chime marks it.")
    runner = DrillRunner(round_, chosen, rounds, earlier, scoring,
                         show_summary=lambda s: console.print(drill_panel(s, int(s.attempt.label), rounds)))
    session = runner.run()
    console.print(f"\n[bold]Session {session.id}[/] saved in {escape(str(store.root / session.id))}.", soft_wrap=True)


def _loop_speakers(plan, settings, output: str | None):
    """One voice per interviewer; a voice this machine lacks falls back to the default, with a note. A Piper
    voice file ("piper:voices/amy.onnx") is found beside the plan."""
    from interviewer.audio.tts import PiperSpeaker, Pyttsx3Speaker, piper_length_scale
    from interviewer.config import cache_dir, piper_voice_file

    player = _player(settings, output)
    speakers = {}
    for interviewer in plan.interviewers:
        piper_file = piper_voice_file(interviewer.voice)
        if piper_file is not None:
            model = str(Path(plan.source).parent / Path(piper_file).expanduser()) if piper_file else None
            speaker = PiperSpeaker(model=model, player=player, cache_dir=cache_dir(),
                                   length_scale=piper_length_scale(interviewer.rate))
        else:
            speaker = Pyttsx3Speaker(voice=interviewer.voice, rate=interviewer.rate, pitch=interviewer.pitch,
                                     player=player, cache_dir=cache_dir())
        try:
            speaker.check_voice()
        except ConfigError:
            console.print(f"! Voice '{interviewer.voice}' is not installed here; {interviewer.name} uses the default voice.",
                          markup=False)
            speaker = Pyttsx3Speaker(rate=interviewer.rate, pitch=interviewer.pitch, player=player, cache_dir=cache_dir())
        speakers[interviewer.name] = speaker
    return speakers


def loop(
    plan: Annotated[Optional[Path], typer.Option("--plan", metavar="FILE", help="A loop plan (YAML, docs/loop-plans.md); default: five interviewers.")] = None,
    target: Annotated[Optional[str], typer.Option("--target", "-t", metavar="M:SS", help="Answer length to aim for, e.g. 2:00.")] = None,
    bank: BankOpt = None,
    answer_file: AnswerFileOpt = None,
    max_seconds: MaxSecondsOpt = None,
    input: InputOpt = None,  # noqa: A002 - the option is --input
    output: OutputOpt = None,
    model: ModelOpt = None,
    realtime: RealtimeOpt = False,
    follow_ups: FollowUpsOpt = None,
    stories: StoriesOpt = None,
    seed: SeedOpt = None,
) -> None:
    """A full interview loop: several interviewers, each with a voice and principles, probing with follow-ups."""
    from interviewer.cli import build_round
    from interviewer.config import assets_dir
    from interviewer.errors import BankError
    from interviewer.loop import LoopRunner, parse_plan
    from interviewer.ui.terminal import interviewer_panel, loop_summary_panel

    settings = _settings()
    catalog = _catalog(bank)
    path = plan or assets_dir() / "loop-default.yaml"
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise BankError(f"{path}: cannot read the loop plan ({exc.strerror}).") from exc
    loop_plan = parse_plan(text, str(path), catalog)
    count = follow_ups if follow_ups is not None else loop_plan.follow_ups
    round_ = build_round(
        kind="loop", settings=settings, catalog=catalog, target_s=_target(settings, target), max_seconds=max_seconds,
        auto_stop=None, answer_file=answer_file, realtime=realtime, input_device=input, output_device=output,
        voice=None, rate=None, model=model, follow_ups=count, stories=load_stories(stories, settings, catalog),
        extra_settings={"plan": str(path)},
    )
    speakers = _loop_speakers(loop_plan, settings, output)
    store = _store(settings)
    total = sum(i.questions for i in loop_plan.interviewers)
    console.print(f"[bold]{escape(loop_plan.title)}:[/] {counted(len(loop_plan.interviewers), 'interviewer')}, {counted(total, 'question')}, "
                  f"{counted(count, 'follow-up')} each.")
    runner = LoopRunner(
        round_, loop_plan, catalog, speakers, store.times_answered(),
        show_interviewer=lambda i, pos, n: console.print(interviewer_panel(i, pos, n, catalog.principle_name)),
        show_summary=lambda s: console.print(loop_summary_panel(s)),
        rng=random.Random(seed),
    )
    session = runner.run()
    console.print(f"\n[bold]Session {session.id}[/] saved in {escape(str(store.root / session.id))} "
                  f"('interviewer export {session.id} -f html' for the report).", soft_wrap=True)


# --------------------------------------------------------------------------------------------------
# Story bank

stories_app = typer.Typer(help="Your prepared stories: list, show, import from notes, validate.", no_args_is_help=True)


def _bank_or_empty(path: Path | None):
    from interviewer.config import stories_file

    settings = _settings()
    catalog = _names_catalog()
    bank = load_stories(path, settings, catalog)
    return bank, Path(path) if path else stories_file(settings), catalog


@stories_app.command("list")
def stories_list(stories: StoriesOpt = None) -> None:
    """Your stories: the principles each serves and how many outline points it has."""
    bank, file, catalog = _bank_or_empty(stories)
    if bank is None or not bank.stories:
        console.print(f"No stories yet ({file}). Import prep notes with 'interviewer stories import NOTES.md'.", soft_wrap=True,
                      markup=False)
        return
    console.print(_stories_table(bank.stories, catalog, f"Stories in {file}"))
    covered = {p for s in bank.stories for p in s.principles}
    uncovered = [p.name for p in catalog.principles.values() if p.id not in covered]
    if uncovered:
        console.print(f"No story yet for: {', '.join(uncovered)}.", markup=False)


def _stories_table(stories, catalog, title: str | None) -> Table:
    table = Table(title=Text(title) if title else None)
    # One line per story: the id whole (to be copied into 'stories show ID'), the rest cut to fit.
    id_width = max(len(story.id) for story in stories)
    room = max(20, console.width - id_width - len("points") - 13)  # 13: the borders and padding of 4 columns
    table.add_column("id", no_wrap=True, min_width=id_width)
    table.add_column("title", no_wrap=True, overflow="ellipsis", max_width=room * 3 // 5)
    table.add_column("principles", no_wrap=True, overflow="ellipsis", max_width=room - room * 3 // 5)
    table.add_column("points", no_wrap=True, justify="right")
    for story in stories:
        table.add_row(Text(story.id), Text(story.title), Text(", ".join(catalog.principle_name(p) for p in story.principles) or "–"),
                      str(len(story.outline)))
    return table


@stories_app.command("show")
def stories_show(story_id: Annotated[str, typer.Argument(metavar="STORY", help="A story id.")], stories: StoriesOpt = None) -> None:
    """One story with its outline."""
    from rich.padding import Padding

    bank, file, catalog = _bank_or_empty(stories)
    if bank is None:
        raise ConfigError(f"No story bank at {file}.")
    story = bank.get(story_id)
    console.print(f"[bold]{escape(story.title)}[/]  [dim]{escape(story.id)}[/]")
    console.print("Principles: " + (", ".join(catalog.principle_name(p) for p in story.principles) or "–"), markup=False)
    # A long point wraps under its own text, so the bullets down the left stay easy to scan.
    for marker, lines, style in (("•", story.outline, ""), ("answers:", story.questions, "dim")):
        listed = Table.grid(padding=(0, 1, 0, 0))
        listed.add_column(no_wrap=True, style=style)
        listed.add_column(style=style)
        for line in lines:
            listed.add_row(marker, Text(line))
        if lines:
            console.print(Padding(listed, (0, 0, 0, 2)))


@stories_app.command("import")
def stories_import(
    notes: Annotated[Path, typer.Argument(metavar="NOTES", help="Markdown prep notes: principle headings, questions, outline bullets, **S:** paragraphs.")],
    out: Annotated[Optional[Path], typer.Option("-o", "--out", metavar="PATH", help="Story bank to write or add to (default: yours).")] = None,
) -> None:
    """Import stories from Markdown notes; new stories are added, existing ones kept."""
    from interviewer.config import stories_file
    from interviewer.stories import StoryBank, import_markdown, parse_stories

    settings = _settings()
    catalog = _names_catalog()
    try:
        text = notes.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ConfigError(f"{notes}: cannot read ({exc.strerror}).") from exc
    found = import_markdown(text, catalog)
    if not found:
        raise ConfigError(f"{notes}: no stories found. A story is a '### Story: title' section, or points under "
                          "Situation:/Task:/Action:/Result: (or S:/T:/A:/R:) labels, bullets or headings, or a 'Q: Tell me about a time …' "
                          "line with the answer on an 'A:' line (see docs/stories.md).")
    target = out or stories_file(settings)
    bank = parse_stories(target.read_text(encoding="utf-8-sig"), str(target), catalog) if target.is_file() else StoryBank([], str(target))
    existing = {s.id for s in bank.stories}
    added = [s for s in found if s.id not in existing]
    bank.stories += added
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(bank.to_yaml(), encoding="utf-8")
    console.print(f"Imported {counted(len(added), 'story', 'stories')} into {target}"
                  + (f" ({len(found) - len(added)} already there)" if len(found) > len(added) else "") + ".", soft_wrap=True,
                  markup=False)
    if added:
        # The same one-line-per-story table as 'stories list' (a line per story folded at 80 columns here).
        console.print(_stories_table(added, catalog, None))


@stories_app.command("validate")
def stories_validate(stories: Annotated[Optional[Path], typer.Argument(metavar="FILE", help="A story bank file (default: yours).")] = None) -> None:
    """Check a story bank; problems name file, line, story and field."""
    bank, file, _ = _bank_or_empty(stories)
    if bank is None:
        raise ConfigError(f"No story bank at {file}.")
    console.print(f"{file}: ok ({counted(len(bank.stories), 'story', 'stories')})", soft_wrap=True, markup=False)


def register(app: typer.Typer) -> None:
    app.command("drill")(drill)
    app.command("loop")(loop)
    app.add_typer(stories_app, name="stories")
