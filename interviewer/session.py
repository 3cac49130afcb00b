"""The interview itself: ask a question, capture the answer, transcribe, score, show, save; then follow-ups
and the next question. Pure logic driven through the ports; no device or model library is imported here.
"""

from __future__ import annotations

import errno
import logging
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any, Protocol

from interviewer import __version__
from interviewer.errors import DeviceError, InterviewerError, ScoringError, StoreError
from interviewer.followups import follow_up_verdict
from interviewer.models import AnswerRecord, AnswerScore, FeedbackNote, Question, SessionRecord, Transcript
from interviewer.scoring.delivery import NUMBER_WORDS
from interviewer.scoring.feedback import compare_tries
from interviewer.scoring.text import norm
from interviewer.stories import match_story
from interviewer.ports import AnswerPlayer, AudioInput, Clock, RoundView, Speaker, StopKey, Store, Transcriber
from interviewer.units import clock

log = logging.getLogger(__name__)

LEVEL_STEP_S = 0.1  # the saved level envelope has one value per 100 ms


class RoundInterrupted(InterviewerError):
    """The candidate pressed Ctrl-C; what was recorded is saved."""

    exit_code = 130


# --------------------------------------------------------------------------------------------------
# Ending an answer


class StopRules:
    """When an answer ends: Enter, the hard cap, or (only if asked for) a stretch of silence after speech.

    Silence never ends an answer by default: candidates pause to think, and being cut off is the most
    common complaint about tools of this kind.
    """

    def __init__(self, cap_s: float, auto_stop_s: float = 0.0, speech_level_db: float = -40.0):
        self.cap_s = cap_s
        self.auto_stop_s = auto_stop_s
        self.speech_level_db = speech_level_db
        self._heard_speech = False
        self._last_speech_s = 0.0

    def check(self, elapsed_s: float, level_db: float | None, key_pressed: bool) -> str | None:
        if key_pressed:
            return "enter"
        if elapsed_s >= self.cap_s:
            return "cap"
        if level_db is not None and level_db >= self.speech_level_db:
            self._heard_speech = True
            self._last_speech_s = elapsed_s
        if self.auto_stop_s > 0 and self._heard_speech and elapsed_s - self._last_speech_s >= self.auto_stop_s:
            return "silence"
        return None


@dataclass
class Capture:
    duration_s: float
    stop_reason: str
    levels_db: list[float] = field(default_factory=list)  # one per LEVEL_STEP_S
    error: InterviewerError | None = None  # the answer ended early because of this (saved anyway)
    cues_played: list[tuple[float, str]] = field(default_factory=list)  # (seconds into the answer, kind)


def capture_answer(
    audio_input: AudioInput,
    sinks: Sequence[Callable[[Any], None]],
    rules: StopRules,
    stop_key: StopKey | None,
    view: RoundView,
    cues: Sequence[tuple[float, str]] = (),
    on_cue: Callable[[str], None] | None = None,
) -> Capture:
    """Pull blocks from the input into every sink until a stop rule fires or the input ends.

    A full disk or a vanished device ends the answer early; the audio up to then is kept. Ctrl-C
    (KeyboardInterrupt) propagates after the caller's ``finally`` blocks have closed the file.
    """
    position = 0.0
    levels: list[float] = []
    bucket: list[float] = []
    next_level_at = LEVEL_STEP_S
    last_level = -100.0
    reason: str | None = None
    error: InterviewerError | None = None
    pending_cues = sorted(cues)
    played: list[tuple[float, str]] = []
    enter = False
    try:
        with audio_input.open() as blocks:
            try:
                for block in blocks:
                    while pending_cues and position >= pending_cues[0][0] and audio_input.live:
                        _, kind = pending_cues.pop(0)
                        if on_cue:
                            on_cue(kind)  # must not block: recording goes on
                            played.append((position, kind))
                    if block is not None:
                        for sink in sinks:
                            sink(block.samples)
                        position = block.end_s
                        last_level = block.level_db
                        bucket.append(block.level_db)
                        while position >= next_level_at:
                            levels.append(round(max(bucket), 1) if bucket else -100.0)
                            bucket = []
                            next_level_at += LEVEL_STEP_S
                    enter = enter or (stop_key.pressed() if (stop_key and audio_input.live) else False)
                    # Enter ends the answer where the candidate pressed it: what the microphone had already
                    # captured is written first. The loop falls behind when the terminal holds up its output
                    # (Ctrl-S, a stalled ssh link); the audio waiting in the queue then is still the answer.
                    caught_up = block is None or not block.backlog
                    view.recording_progress(position, last_level)
                    reason = rules.check(position, last_level if block is not None else None, enter and caught_up)
                    if reason:
                        break
            except KeyboardInterrupt:
                # Ctrl-C can land while the loop is behind (the terminal held it up): what the microphone had
                # already captured is written before the round stops, as it is for Enter. Up to the first
                # block with nothing queued after it: one more block (20 ms) when the loop kept up.
                for block in blocks:
                    if block is None:
                        break
                    for sink in sinks:
                        sink(block.samples)
                    if not block.backlog:
                        break
                raise
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            reason = "disk-full"
            error = StoreError(
                f"The disk is full: the answer was cut at {position:.0f} s and what was recorded is kept. "
                "Free some space, then run 'interviewer reindex'."
            )
        else:
            reason = "write-error"
            error = StoreError(f"Cannot write the recording ({exc.strerror or exc}); the answer was cut at {position:.0f} s.")
    except DeviceError as exc:
        reason = "device"
        error = exc
    if bucket:
        levels.append(round(max(bucket), 1))
    return Capture(position, reason or "end-of-input", levels, error, played)


HEARD_CUE_WINDOW_S = 4.0  # a spoken cue is looked for in the words that start this long after it was played


def drop_heard_cues(transcript: Transcript, heard: Sequence[tuple[float, str]]) -> Transcript:
    """Take out of the transcript the words of a spoken cue that the microphone picked up from the speaker
    (a drill's "30 seconds", with the laptop's speakers on): left in, "30 seconds." read as a Result with a
    number. Looked for only at the moment it was played; a number in it matches a number however Whisper
    writes it ("30", "thirty", "twenty-five")."""
    words = transcript.words
    if not heard or not transcript.timed:
        return transcript
    dropped: set[int] = set()
    for at, said in heard:
        cue = [norm(token) for token in said.split()]
        for first, word in enumerate(words):
            if not at - 0.5 <= word.start <= at + HEARD_CUE_WINDOW_S:
                continue
            end = _cue_end(words, first, cue)
            if end is not None:
                dropped.update(range(first, end))
                break
    if not dropped:
        return transcript
    kept = [word for index, word in enumerate(words) if index not in dropped]
    return Transcript(kept, " ".join(word.text for word in kept), transcript.duration_s, transcript.model,
                      transcript.language)


def heard_cues(record: AnswerRecord) -> list[tuple[float, str]]:
    """The spoken cues played during an answer, as (seconds into it, words)."""
    return [(cue["at"], cue["said"]) for cue in record.extra.get("cues") or [] if cue.get("said")]


def _number_word(token: str) -> bool:
    return token.isdigit() or all(part in NUMBER_WORDS for part in token.split("-") if part)


def _cue_end(words, first: int, cue: list[str]) -> int | None:
    """The index after the cue's words heard from ``first`` on, or None when they are not there. A word may be
    misheard a little ("second", "secunds" for "seconds"), and an answer ended while the cue played holds only
    its start ("… then I rewrote it. 30"): both are the cue."""
    index = first
    for position, token in enumerate(cue):
        if position and index == len(words):
            return index  # the answer ended during the cue
        if token.isdigit():  # "30": one to three number words ("thirty", "twenty five", "25")
            taken = 0
            while index < len(words) and taken < 3 and norm(words[index].text) and _number_word(norm(words[index].text)):
                index, taken = index + 1, taken + 1
            if not taken:
                return None
        elif index < len(words) and _heard_as(norm(words[index].text), token):
            index += 1
        else:
            return None
    return index


def _heard_as(heard: str, said: str) -> bool:
    """"second" or "secunds" for "seconds", not "minutes"."""
    return heard == said or (len(heard) >= 3 and said.startswith(heard)) or (
        SequenceMatcher(None, heard, said).ratio() >= CUE_WORD_LIKENESS)


CUE_WORD_LIKENESS = 0.8


# --------------------------------------------------------------------------------------------------
# A round of questions


# transcript, question text, target seconds, kind, and where the time cap stopped the answer (None if it did not)
Scorer = Callable[[Transcript, str, float, str, "float | None"], AnswerScore]


class CuePlayer(Protocol):
    def prepare(self, kinds: Sequence[str]) -> None:
        """Render what the cues will say before the answer starts (so playing them is instant)."""

    def cue(self, kind: str) -> None:
        """Start playing a cue and return at once."""

    def said(self, kind: str) -> str | None:
        """The words a cue says aloud ("30 seconds"), None for a sound without words."""
FollowUpChooser = Callable[[Question, AnswerScore | None, int, Sequence[str]], list[str]]


@dataclass
class RoundOptions:
    kind: str = "practice"  # practice | demo | drill | loop
    target_s: float = 120.0
    cap_s: float = 240.0
    auto_stop_s: float = 0.0
    speech_level_db: float = -40.0
    follow_ups: int = 0  # spoken follow-up probes after each answer
    source: str = "microphone"
    settings: dict[str, Any] = field(default_factory=dict)  # saved with the session
    save_question_audio: bool = True


@dataclass
class RoundParts:
    speaker: Speaker
    new_input: Callable[[], AudioInput]  # a fresh input for each answer
    transcriber: Transcriber
    store: Store
    view: RoundView
    stop_key: StopKey | None
    clock: Clock
    scorer: Scorer
    principle_name: Callable[[str], str]
    follow_up_chooser: FollowUpChooser | None = None
    cue_player: CuePlayer | None = None  # drills: sounds at set moments of an answer
    answer_player: AnswerPlayer | None = None  # plays an answer back when the candidate asks
    stories: Any = None  # a stories.StoryBank: which prepared story an answer told


class InterviewRound:
    """Runs one session: questions in order, each answer captured, transcribed, scored, shown and saved."""

    def __init__(self, parts: RoundParts, options: RoundOptions):
        self.parts = parts
        self.options = options
        self.session: SessionRecord | None = None
        self.records: list[AnswerRecord] = []
        self.scores: dict[str, AnswerScore] = {}  # answer id -> score, for follow-ups and summaries
        self._speaker_ok = True
        self._speaker_noted = False

    @property
    def speaker_heard(self) -> bool:
        """False once the questions could not be played (no speaker): they were shown as text only."""
        return self._speaker_ok

    # Session lifecycle ------------------------------------------------------------------------------

    def start(self) -> SessionRecord:
        self.parts.transcriber.preload()  # load Whisper while the first question is spoken
        self.session = self.parts.store.create_session(self.options.kind, self.options.settings, self.parts.clock.now())
        return self.session

    def finish(self, status: str = "complete") -> SessionRecord:
        assert self.session is not None
        self.session.status = status
        self.session.ended_at = self.parts.clock.now().isoformat(timespec="seconds")
        try:
            self.parts.store.save_session(self.session)
        except OSError as exc:
            raise StoreError(f"Cannot save the session file ({exc.strerror or exc}); the answers are saved.") from exc
        return self.session

    @contextmanager
    def running(self) -> Iterator[SessionRecord]:
        """Start the session, and finish it with the status its end deserves: complete; failed for a
        reported problem; interrupted for Ctrl-C (also while a question is being spoken) or anything else."""
        session = self.start()
        status = "complete"
        try:
            yield session
        except RoundInterrupted:
            status = "interrupted"
            raise
        except InterviewerError:
            status = "failed"
            raise
        except BaseException:
            status = "interrupted"
            raise
        finally:
            self.finish(status)

    def run(self, questions: Sequence[Question]) -> SessionRecord:
        number = 0  # answers recorded so far; a question answered again takes the next number
        with self.running() as session:
            for position, question in enumerate(questions, start=1):
                previous: AnswerRecord | None = None  # this question's last try, if it is being answered again
                while True:
                    number += 1
                    again = {"again_of": previous.id} if previous else None
                    previous = self.ask_with_follow_ups(number, len(questions), question, extra=again, position=position)
                    step = self._next_step(last=position == len(questions), answer=previous)
                    if step != "again":
                        break
                if step == "stop":
                    break
        return session

    def _next_step(self, last: bool, answer: AnswerRecord) -> str:
        """After an answer of a round: answering again is offered for the microphone only (a file or the demo
        would play the same answer once more)."""
        return self.choose_after(answer, last=last, can_repeat=self.options.source == "microphone")

    def choose_after(self, answer: AnswerRecord, *, last: bool, can_repeat: bool) -> str:
        """What the candidate wants after an answer (or a drill's attempt): "next", "again" (if ``can_repeat``:
        the same question, a new recording) or "stop"; first, as often as they like, to hear the answer played
        back (from the microphone only: hearing it back is hearing oneself)."""
        if last and not can_repeat:
            return "next"
        player = self.parts.answer_player
        while True:
            can_replay = (self.options.source == "microphone" and player is not None and player.unavailable is None
                          and (answer.duration_s or 0) > 0)
            step = self.parts.view.after_answer(last=last, can_repeat=can_repeat, can_replay=can_replay)
            if step == "replay" and can_replay:
                self._play_back(answer)
                continue
            return step if (step == "again" and can_repeat) or step == "stop" else "next"

    def _play_back(self, answer: AnswerRecord) -> None:
        """The answer, then the candidate's replies to its follow-ups: the whole exchange, as the interviewer
        heard it (after the last probe, the answer alone would skip what was just said)."""
        assert self.session is not None and self.parts.answer_player is not None
        player = self.parts.answer_player
        folder = self.parts.store.session_dir(self.session)
        replies = [r for r in self.records if r.parent_id == answer.id and (r.duration_s or 0) > 0]
        self.parts.view.playing_back(sum(r.duration_s or 0 for r in [answer, *replies]), len(replies))
        if not player.play_back([folder / r.audio_file for r in [answer, *replies]], self.parts.stop_key):
            self.parts.view.notice(f"{player.unavailable or 'No speaker found.'} The recording is at "
                                   f"{folder / answer.audio_file}.")

    # One question -----------------------------------------------------------------------------------

    def ask_with_follow_ups(self, number: int, total: int, question: Question, extra: dict[str, Any] | None = None,
                            position: int | None = None) -> AnswerRecord:
        main = self.ask(number, total, question, question.text, extra=extra, position=position)
        chooser = self.parts.follow_up_chooser
        if self.options.follow_ups > 0 and chooser is not None and main.status == "complete":
            probes = chooser(question, self.scores.get(main.id), self.options.follow_ups, [])
            for index, probe in enumerate(probes, start=1):
                follow = self.ask(number, total, question, probe, kind="follow-up", parent=main, index=index, extra=extra,
                                  position=position)
                main.extra.setdefault("follow_ups", []).append(follow.id)
            if probes:
                self.parts.store.save_answer(main)
        return main

    def speak(self, text: str) -> None:
        if not self._speaker_ok:
            return
        try:
            heard = self.parts.speaker.say(text)
        except DeviceError as exc:
            heard = False
            self._speaker_ok = False
            self.parts.view.notice(f"{exc} Going on with text only.")
            self._speaker_noted = True
            return
        if not heard and not self._speaker_noted:
            self._speaker_noted = True
            self._speaker_ok = False
            reason = self.parts.speaker.silent_reason or "No speaker found."
            self.parts.view.notice(f"{reason} Questions are shown as text only.")

    def ask(
        self,
        number: int,
        total: int,
        question: Question,
        prompt: str,
        *,
        kind: str = "answer",
        parent: AnswerRecord | None = None,
        index: int = 0,
        extra: dict[str, Any] | None = None,
        cues: Sequence[tuple[float, str]] = (),
        position: int | None = None,
    ) -> AnswerRecord:
        """``number`` numbers the recording in the session; ``position`` is the question's place in the round
        (the same for a question answered again), shown to the candidate."""
        assert self.session is not None, "call start() first"
        parts, options, session = self.parts, self.options, self.session
        stem = f"answer-{number}" if kind == "answer" else f"answer-{number}-followup-{index}"
        answer_id = f"{session.id}-{number}" if kind == "answer" else f"{session.id}-{number}f{index}"

        parts.view.show_question(position or number, total, question, parts.principle_name(question.principle), prompt,
                                 again=bool(extra and extra.get("again_of")))
        self._save_question_audio(prompt, stem)
        self.speak(prompt)

        audio_input = parts.new_input()
        # Before anything is written: a model that failed to load while the question was asked is reported
        # now, not after a two-minute answer.
        stream = parts.transcriber.stream(audio_input.sample_rate)
        try:
            writer = parts.store.open_answer_audio(session, stem, audio_input.sample_rate)
            record = AnswerRecord(
                id=answer_id,
                session_id=session.id,
                number=number,
                question=question,
                prompt=prompt,
                audio_file=writer.path.name,
                started_at=parts.clock.now().isoformat(timespec="seconds"),
                kind=kind,
                parent_id=parent.id if parent else None,
                target_s=options.target_s if kind == "answer" else min(options.target_s, 60.0),
                source=options.source,
                program_version=__version__,
                bank=question.bank,
                extra=dict(extra or {}),
            )
            session.answers.append(answer_id)
            parts.store.save_answer(record)  # a crash from here on still leaves a record of what was asked
            parts.store.save_session(session)
        except BaseException:  # nothing recorded: the stream's worker is not left waiting
            stream.abort()
            raise

        rules = StopRules(options.cap_s, options.auto_stop_s, options.speech_level_db)
        if parts.stop_key:
            parts.stop_key.arm()
        if cues and parts.cue_player:
            parts.cue_player.prepare([kind for _, kind in cues])
        parts.view.recording_started(record.target_s, options.cap_s, audio_input.live, options.auto_stop_s)
        capture: Capture | None = None
        try:
            capture = capture_answer(audio_input, [writer.write, stream.feed], rules, parts.stop_key, parts.view,
                                     cues=cues, on_cue=parts.cue_player.cue if parts.cue_player else None)
        except KeyboardInterrupt as exc:
            self._close(writer)
            record.stop_reason = getattr(exc, "stop_reason", "interrupted")  # Ctrl-C, or kill / terminal closed
            record.duration_s = writer.frames_written / audio_input.sample_rate
            record.ended_at = parts.clock.now().isoformat(timespec="seconds")
            interrupted = self._kept_after_ctrl_c(
                record, stream, f"Stopped. The answer so far ({record.duration_s:.0f} s) is saved in {writer.path}.")
            parts.view.recording_stopped(record.duration_s, record.stop_reason)  # the live display ends cleanly too
            raise interrupted from None
        finally:
            if parts.stop_key:
                parts.stop_key.disarm()
            self._close(writer)
        stopped = parts.clock.monotonic()
        parts.view.recording_stopped(capture.duration_s, capture.stop_reason)

        record.ended_at = parts.clock.now().isoformat(timespec="seconds")
        record.duration_s = capture.duration_s
        record.stop_reason = capture.stop_reason
        record.extra["levels_db"] = capture.levels_db
        record.model = parts.transcriber.name
        try:
            transcript = stream.finish()
        except InterviewerError as exc:
            record.status, record.error = "failed", str(exc)
            parts.store.save_answer(record)
            raise
        except KeyboardInterrupt:  # Ctrl-C while the last words are transcribed: the answer itself is whole
            raise self._kept_after_ctrl_c(
                record, stream, f"Stopped while transcribing. The answer ({clock(capture.duration_s)}) is saved in "
                                f"{writer.path}; score it with 'interviewer score {record.id}'.") from None
        record.processing["stop_to_transcript_s"] = parts.clock.monotonic() - stopped
        if capture.cues_played and parts.cue_player:
            # kept with the answer, so that transcribing its recording again ('interviewer score ID') can
            # take them out too
            record.extra["cues"] = [{"kind": kind, "at": round(at, 2), "said": parts.cue_player.said(kind)}
                                    for at, kind in capture.cues_played]
            transcript = drop_heard_cues(transcript, heard_cues(record))
        transcript.duration_s = capture.duration_s
        record.transcript = transcript.to_dict()

        score: AnswerScore | None = None
        scored_at = parts.clock.monotonic()
        try:
            score = parts.scorer(transcript, prompt, record.target_s, kind,
                                 capture.duration_s if capture.stop_reason == "cap" else None)
            if kind == "follow-up":
                verdict = follow_up_verdict(prompt, score)
                if verdict:
                    score.notes.insert(0, FeedbackNote(verdict, "follow-up", 0))
            previous = self.scores.get(record.extra.get("again_of", ""))
            if kind == "answer" and previous is not None:
                score.notes.insert(0, FeedbackNote(compare_tries(previous, score, record.target_s), "again", 0))
            record.score = score.to_dict()
            self.scores[record.id] = score
        except ScoringError as exc:
            record.error = str(exc)
        if parts.stories is not None and kind == "answer" and score is not None:  # not for "no speech"
            match = match_story(parts.stories, transcript.text, question.principle)
            record.extra["story"] = match.to_dict() if match else None
        record.processing["score_s"] = parts.clock.monotonic() - scored_at
        record.status = "complete" if capture.error is None else "failed"
        if capture.error is not None:
            record.error = str(capture.error)
        parts.view.show_feedback(record, score)
        record.processing["stop_to_feedback_s"] = parts.clock.monotonic() - stopped
        try:
            parts.store.save_answer(record)
        except OSError as exc:
            raise StoreError(
                f"Cannot save the answer record ({exc.strerror or exc}); the audio is in {writer.path}. "
                "Free some space, then run 'interviewer reindex'."
            ) from exc
        self.records.append(record)
        if capture.error is not None:
            raise capture.error
        return record

    def _kept_after_ctrl_c(self, record: AnswerRecord, stream: Any, message: str) -> RoundInterrupted:
        """Ctrl-C during an answer: its transcription stops, its record is kept as interrupted; returns the
        error that ends the round, saying ``message``."""
        stream.abort()
        record.status = "interrupted"
        self.parts.store.save_answer(record)
        self.records.append(record)
        return RoundInterrupted(message)

    def _save_question_audio(self, prompt: str, stem: str) -> None:
        if not self.options.save_question_audio or self.session is None:
            return
        try:
            folder = self.parts.store.session_dir(self.session)
            self.parts.speaker.render(prompt, folder / f"{stem}-question.wav")
        except (DeviceError, OSError, ValueError) as exc:
            log.info("question audio not saved: %s", exc)

    @staticmethod
    def _close(writer) -> None:
        try:
            writer.close()
        except OSError as exc:  # a full disk again; the header was patched at the last good write
            log.warning("closing the recording failed: %s", exc)


class SystemClock:
    def monotonic(self) -> float:
        return time.monotonic()

    def now(self):
        from datetime import datetime

        return datetime.now().astimezone()
