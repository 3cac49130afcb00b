"""Drills and loops end to end: through the PulseAudio null sink (as a candidate at a microphone), and with
--answer-file on a machine without any sound device."""

import json
import textwrap
import time
import wave

import numpy as np
import pytest

from tests import speech_corpus as corpus
from tests.conftest import ROOT, need, run_cli
from tests.test_real_round import Program, play_into_sink, pulse_env

pytestmark = pytest.mark.real
DEMO = ROOT / "interviewer" / "assets" / "demo-answer.ogg"

SMALL_PLAN = textwrap.dedent(
    """\
    title: Two-interviewer loop
    follow_ups: 1
    interviewers:
      - name: Ana
        role: the hiring manager
        principles: [ownership]
        voice: en-us
        rate: 170
      - name: Bo
        role: the bar raiser
        principles: [earn-trust]
        voice: en-gb
        rate: 150
        pitch: 35
    """
)


def records(recordings):
    from interviewer.store import FileStore

    store = FileStore(recordings, use_index=False)
    return [r.to_dict() for session in store.session_ids() for r in store.load_answers(session)]


def window(samples, rate, start, end):
    return samples[int(start * rate): int(end * rate)]


def test_drill_through_the_virtual_sound_device_with_cues(pulse_server, isolated_user_dirs):
    need(corpus.available(), "pocketsphinx-testdata")
    _, recordings = isolated_user_dirs
    env = pulse_env(pulse_server)
    clip = corpus.librivox_clips()[0]  # 7.1 s of speech: over before the first cue at 10 s
    program = Program(["drill", "-q", "ow-11", "--rounds", "1", "--target", "0:20", "--max-seconds", "60"], env)
    program.wait_for("Recording", timeout=90)
    started = time.monotonic()
    time.sleep(0.3)
    play_into_sink(clip.path, env)
    time.sleep(max(0.0, 23.0 - (time.monotonic() - started)))
    program.press_enter()
    assert program.finish() == 0, program.text
    assert "Drill · attempt 1 of 1" in program.text and "Attempts at this question" in program.text

    [record] = records(recordings)
    assert record["extra"]["drill_round"] == 1 and "off_target_s" in record["extra"]["drill"]
    # The spoken "10 seconds" reached the microphone (the sink's monitor, as laptop speakers would) and is
    # taken out of the transcript at its time: it read as a Result with a number.
    assert record["extra"]["cues"][0]["kind"] == "warning" and "seconds" not in record["transcript"]["text"].lower()
    assert corpus.word_error_rate(clip.text, record["transcript"]["text"]) <= 0.25
    with wave.open(str(recordings / record["session_id"] / "answer-1.wav")) as w:
        rate = w.getframerate()
        audio = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float32) / 32768
    quiet = window(audio, rate, 8.0, 9.5)
    warning = window(audio, rate, 9.9, 11.5)  # the spoken "10 seconds" at target - 10 s (half of a 20 s target)
    chime = window(audio, rate, 19.9, 20.8)  # the chime at the target
    rms = lambda x: float(np.sqrt(np.mean(x ** 2)) + 1e-9)  # noqa: E731
    assert rms(warning) > 10 * rms(quiet)
    spectrum = np.abs(np.fft.rfft(chime * np.hanning(len(chime))))
    peak = np.fft.rfftfreq(len(chime), 1 / rate)[np.argmax(spectrum)]
    assert 640 <= peak <= 900 and rms(chime) > 10 * rms(quiet)


def test_loop_through_the_virtual_sound_device(pulse_server, isolated_user_dirs, tmp_path):
    need(corpus.available(), "pocketsphinx-testdata")
    _, recordings = isolated_user_dirs
    env = pulse_env(pulse_server)
    plan = tmp_path / "plan.yaml"
    # the turns matter here, not the pace
    plan.write_text(SMALL_PLAN.replace("rate: 170", "rate: 300").replace("rate: 150", "rate: 300"))
    clips = corpus.librivox_clips()
    program = Program(["loop", "--plan", str(plan), "--max-seconds", "60"], env)
    for turn in range(4):  # two questions, each with one follow-up
        program.wait_for("Recording", timeout=120)
        time.sleep(0.3)
        play_into_sink(clips[turn].path, env)
        time.sleep(0.5)
        program.press_enter()
    assert program.finish(timeout=180) == 0, program.text
    text = program.text
    assert "Interviewer 1 of 2" in text and "Interviewer 2 of 2" in text and "Loop summary" in text
    saved = records(recordings)
    assert [r["kind"] for r in saved] == ["answer", "follow-up", "answer", "follow-up"]
    assert [r["extra"]["interviewer"] for r in saved] == ["Ana", "Ana", "Bo", "Bo"]
    assert saved[1]["parent_id"] == saved[0]["id"]
    for record, clip in zip(saved, clips):
        assert corpus.word_error_rate(clip.text, record["transcript"]["text"]) <= 0.3
    session = json.loads((recordings / saved[0]["session_id"] / "session.json").read_text())
    assert session["kind"] == "loop" and len(session["extra"]["summary"]["per_interviewer"]) == 2


def test_drill_and_loop_with_an_answer_file_and_no_sound_device(no_audio_env, isolated_user_dirs, tmp_path):
    need(corpus.available(), "pocketsphinx-testdata")
    _, recordings = isolated_user_dirs
    clip = str(corpus.librivox_clips()[0].path)  # 7 s of speech: four answers transcribed, not four minutes
    drill = run_cli(["drill", "-q", "ow-11", "--rounds", "2", "--target", "0:15", "--answer-file", clip],
                    env=no_audio_env)
    assert drill.returncode == 0, drill.stderr
    assert "Drill · attempt 2 of 2" in drill.stdout and "Within 10 s of the target." in drill.stdout
    plan = tmp_path / "plan.yaml"
    plan.write_text(SMALL_PLAN.replace("follow_ups: 1", "follow_ups: 0"))
    loop = run_cli(["loop", "--plan", str(plan), "--answer-file", clip], env=no_audio_env)
    assert loop.returncode == 0, loop.stderr
    assert "Loop summary" in loop.stdout and "text only" in loop.stdout
    kinds = [json.loads((p.parent / "session.json").read_text())["kind"] for p in sorted(recordings.glob("*/answer-1.json"))]
    assert sorted(kinds) == ["drill", "loop"]


def test_story_bank_commands_and_coverage_after_an_answer(no_audio_env, isolated_user_dirs, tmp_path):
    home, recordings = isolated_user_dirs
    notes = ROOT.parent / "shared" / "seeds" / "principle-answers.md"
    need(notes.is_file(), "../shared/seeds")
    imported = run_cli(["stories", "import", str(notes)], env=no_audio_env)
    assert imported.returncode == 0 and "Imported 6 stories" in imported.stdout
    again = run_cli(["stories", "import", str(notes)], env=no_audio_env)
    assert "Imported 0 stories" in again.stdout and "6 already there" in again.stdout
    listed = run_cli(["stories", "list"], env=no_audio_env).stdout
    assert "Think Big" in listed and "No story yet for:" in listed
    stories = tmp_path / "mine.yaml"
    stories.write_text(textwrap.dedent(
        """\
        stories:
          - id: late-checkout
            title: Late mobile checkout redesign
            principles: [ownership]
            outline:
              - checkout redesign six weeks behind schedule
              - asked to take over and ship before Black Friday
              - found a flaky integration test suite causing the delay
              - renegotiated the scope with the product manager
              - launched nine days before Black Friday, errors down thirty percent
              - hired two more engineers for the payments team
        """))
    result = run_cli(["practice", "-n", "1", "-q", "ow-11", "--answer-file", str(DEMO), "--stories", str(stories)],
                     env=no_audio_env)
    assert result.returncode == 0, result.stderr
    assert "Story: Late mobile checkout redesign" in result.stdout
    assert "missed: hired two more engineers" in result.stdout
    [record] = records(recordings)
    assert record["extra"]["story"]["id"] == "late-checkout" and len(record["extra"]["story"]["covered"]) == 5
    page = tmp_path / "story.html"
    assert run_cli(["export", "latest", "-f", "html", "-o", str(page)], env=no_audio_env).returncode == 0
    html = page.read_text()
    assert "Late mobile checkout redesign: covered 5 of 6 outline points" in html
    assert "missed: hired two more engineers" in html


def test_a_flashcard_imported_as_a_story_is_recognised_in_a_spoken_answer(no_audio_env, isolated_user_dirs, tmp_path):
    """Flashcard notes (a question, then the answer written out) become a story whose sentences are its points;
    the demo's spoken answer, through Whisper, is matched to it and told which of them it left out."""
    _, recordings = isolated_user_dirs
    notes = tmp_path / "cards.md"
    notes.write_text(textwrap.dedent(
        """\
        Q: Tell me about a time you took over a project that was behind.
        A: Our mobile checkout redesign was six weeks behind schedule and tied to the holiday sales.
        I was asked to take over and ship before Black Friday.
        I found that a flaky integration test suite caused most of the delay.
        I renegotiated the scope with our product manager.
        We launched nine days before Black Friday and checkout errors dropped by 30%.
        I also hired two more engineers for the payments team.

        Q: Why do you want to work here?
        A: I like the product.
        """))
    stories = tmp_path / "stories.yaml"
    imported = run_cli(["stories", "import", str(notes), "-o", str(stories)], env=no_audio_env)
    assert imported.returncode == 0 and "Imported 1 story" in imported.stdout, imported.stdout + imported.stderr
    result = run_cli(["practice", "-n", "1", "-q", "ow-11", "--answer-file", str(DEMO), "--stories", str(stories)],
                     env=no_audio_env)
    assert result.returncode == 0, result.stderr
    assert "Story: Our mobile checkout redesign" in result.stdout  # the rest of the title may wrap
    assert "missed: I also hired two more engineers" in result.stdout
    [record] = records(recordings)
    story = record["extra"]["story"]
    assert story["title"].startswith("Our mobile checkout redesign was six weeks behind schedule")
    assert len(story["covered"]) >= 4 and len(story["missed"]) <= 2


def test_settings_file_follow_ups_and_target_in_seconds_are_used(no_audio_env, isolated_user_dirs):
    """'follow_ups = 1' in config.toml was accepted and did nothing; 'target = 90' was refused as not text."""
    home, _ = isolated_user_dirs
    (home / "config.toml").write_text("follow_ups = 1\ntarget = 90\n")
    result = run_cli(["practice", "-q", "ow-11", "--answer-file", str(DEMO)], env=no_audio_env)
    assert result.returncode == 0, result.stderr
    assert "Follow-up:" in result.stdout and "(2 recordings)" in result.stdout
    assert "1:05 of 1:30" in result.stdout


def test_an_answer_saved_without_its_transcript_is_completed_by_score(no_audio_env, isolated_user_dirs):
    """'Stopped while transcribing ... score it with interviewer score ID': that showed a score and saved
    nothing, so the answer stayed unscored in history, review and progress."""
    _, recordings = isolated_user_dirs
    assert run_cli(["practice", "-q", "ow-11", "--answer-file", str(DEMO)], env=no_audio_env).returncode == 0
    [path] = recordings.glob("*/answer-1.json")
    record = json.loads(path.read_text())
    record["transcript"] = record["score"] = None
    record["status"] = "interrupted"  # as Ctrl-C while transcribing leaves it (the recording was whole)
    path.write_text(json.dumps(record))
    shown = run_cli(["score", record["id"], "--target", "1:00"], env=no_audio_env)
    assert shown.returncode == 0 and "of 1:00" in shown.stdout, shown.stderr
    saved = json.loads(path.read_text())
    assert saved["status"] == "complete" and saved["transcript"]["words"]
    assert saved["score"]["timing"]["target_s"] == 120.0  # against its own target, not the one asked for
    before = path.read_bytes()
    assert run_cli(["score", record["id"], "--target", "1:00"], env=no_audio_env).returncode == 0
    assert path.read_bytes() == before  # a saved transcript and score are never replaced
    assert "STAR #" in run_cli(["history"], env=no_audio_env).stdout  # the index has its score too


def test_an_answer_exported_as_subtitles_scores_as_the_answer_did(no_audio_env, isolated_user_dirs, tmp_path):
    """The demo answer through Whisper, exported as SRT and WebVTT, then scored from the subtitle files: the
    same sentences and labels, and timing from the cues (not null as for a text transcript)."""
    result = run_cli(["practice", "-q", "ow-11", "--answer-file", str(DEMO)], env=no_audio_env)
    assert result.returncode == 0, result.stderr
    assert "(1 recording)" in result.stdout  # the question named, and no other
    saved = json.loads(run_cli(["score", "latest", "--json"], env=no_audio_env).stdout)
    for fmt in ("srt", "vtt"):
        subtitles = tmp_path / f"answer.{fmt}"
        assert run_cli(["export", "latest", "-f", fmt, "-o", str(subtitles)], env=no_audio_env).returncode == 0
        scored = run_cli(["score", str(subtitles), "--json"], env=no_audio_env)
        assert scored.returncode == 0, scored.stderr
        data = json.loads(scored.stdout)
        # Cue times place words within a second or so, so a sentence cut at a pause inside a cue may be cut
        # elsewhere; the parts and their shares hold.
        assert data["missing"] == saved["missing"]
        for part, values in data["star"].items():
            assert values["share"] == pytest.approx(saved["star"][part]["share"], abs=0.08), part
        assert data["duration_s"] == pytest.approx(saved["duration_s"], abs=1.5)
        assert data["timing"]["words_per_minute"] == pytest.approx(saved["timing"]["words_per_minute"], rel=0.05)
        assert data["sentences"][0]["start"] == pytest.approx(saved["sentences"][0]["start"], abs=1.0)
