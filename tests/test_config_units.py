from pathlib import Path

import pytest

from interviewer.config import load_settings, recordings_dir, stories_file
from interviewer.errors import ConfigError
from interviewer.units import clock, parse_duration


@pytest.mark.parametrize(
    "text,seconds",
    [("2:00", 120), ("1:30", 90), ("90", 90), ("90s", 90), ("2m", 120), ("1m30s", 90), ("1:00:00", 3600), (45, 45), ("0:45.5", 45.5)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "two minutes", "1:2:3:4", "-5", "0", "0:00", "1:90", "9:99", "1:75:00"])
def test_parse_duration_rejects_with_a_fix(text):
    # "1:90" was read as 2:30 and "--from 9:99" answered "--from 10:39 is past the end"
    with pytest.raises(ConfigError, match=r"minutes:seconds|longer than zero|go up to 59"):
        parse_duration(text)


@pytest.mark.parametrize("seconds,text", [(0, "0:00"), (65.4, "1:05"), (119.6, "2:00"), (-30, "-0:30"), (None, "-")])
def test_clock(seconds, text):
    assert clock(seconds) == text


def test_settings_file_and_environment(isolated_user_dirs, monkeypatch, tmp_path):
    home, recordings = isolated_user_dirs
    (home / "config.toml").write_text('target = "1:30"\nrate = 150\nrecordings_dir = "/somewhere"\n')
    settings = load_settings()
    assert settings.target_s == 90 and settings.rate == 150 and settings.max_s == 180
    assert recordings_dir(settings) == recordings  # the environment variable wins over the setting
    monkeypatch.delenv("INTERVIEWER_RECORDINGS")
    assert str(recordings_dir(settings)) == "/somewhere"


def test_relative_folders_do_not_depend_on_where_the_program_starts(isolated_user_dirs, monkeypatch, tmp_path):
    # INTERVIEWER_RECORDINGS=rec, or recordings_dir = "rec", was a different folder in every directory the
    # program was started from, and 'interviewer paths' printed "rec"
    home, _ = isolated_user_dirs
    (home / "config.toml").write_text('recordings_dir = "rec"\n')
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("INTERVIEWER_RECORDINGS", "here")
    assert recordings_dir(load_settings()) == tmp_path / "here"
    monkeypatch.delenv("INTERVIEWER_RECORDINGS")
    monkeypatch.chdir("/")
    assert recordings_dir(load_settings()) == home / "rec"  # beside the settings file that names it
    # so are a story bank and a model folder (a model's name stays a name)
    (home / "config.toml").write_text('stories = "prep/stories.yaml"\nmodel = "models/whisper-small"\n')
    settings = load_settings()
    assert stories_file(settings) == home / "prep" / "stories.yaml"
    assert settings.model_spec == str(home / "models" / "whisper-small")
    for name in ("tiny.en", "base", "/opt/whisper-small"):
        (home / "config.toml").write_text(f'model = "{name}"\n')
        assert load_settings().model_spec == name
    (home / "config.toml").write_text('voice = "piper:voices/amy.onnx"\n')
    assert load_settings().voice_spec == f"piper:{home / 'voices' / 'amy.onnx'}"
    for voice in ("piper", "piper:/opt/amy.onnx", "en-gb"):
        (home / "config.toml").write_text(f'voice = "{voice}"\n')
        assert load_settings().voice_spec == voice


@pytest.mark.parametrize(
    "content,message",
    [("target = [", "not valid TOML"), ("colour = 1", "unknown setting 'colour'"),
     ('rate = "fast"', "'rate' should be a whole number, like rate = 165; got 'fast'"),
     ("model = 1", "'model' should be text in quotes, like model = \"tiny.en\""),
     ("max_seconds = true", "'max_seconds' should be a number, like max_seconds = 0.0"),
     # the command-line options' bounds: a rate of 1000 garbled the question, beam_size = 0 failed only at
     # the first transcription, and a negative auto_stop was taken as off
     ("rate = 1000", "'rate' should be from 80 to 400, got 1000"), ("follow_ups = 9", "'follow_ups' should be from 0 to 5"),
     ("beam_size = 0", "'beam_size' should be 1 or more"), ("auto_stop = -1", "'auto_stop' should be 0 or more"),
     ("max_seconds = -5", "'max_seconds' should be 0 or more"), ('target = "-1:00"', "Cannot read target"),
     ('compute_type = "in8"', "'compute_type' should be one of int8, float32,"),
     ('target = "soon"', "Cannot read target"),
     # [scoring] is checked when the file is read (a wrong type used to crash in the middle of scoring)
     ("[scoring]\nbogus = 1", "Unknown scoring setting 'bogus'"),
     ('[scoring]\nwpm_fast = "x"', "'wpm_fast' should be a number, 0 or more, got 'x'"),
     ("[scoring]\nwe_count_min = 2.5", "'we_count_min' should be a whole number"),
     ("[scoring]\nsituation_max_s = -5", "'situation_max_s' should be a number, 0 or more, got -5"),
     ("[scoring]\nwpm_band = [-10, 160]", "'wpm_band' should be two numbers"),
     ("[scoring]\nexpect_star = 1", "'expect_star' should be true or false"),
     ("[scoring]\nwpm_band = [160, 130]", "'wpm_band' should be two numbers, low then high"),
     ("[scoring]\nstar_bands = { actions = [0.2, 0.7] }", "'star_bands' should be a band per part")],
)
def test_bad_settings_file(isolated_user_dirs, content, message):
    home, _ = isolated_user_dirs
    (home / "config.toml").write_text(content)
    with pytest.raises(ConfigError, match=message) as raised:
        load_settings()
    assert str(raised.value).startswith(str(home / "config.toml"))  # where the mistake is


def test_target_in_the_file_may_be_seconds(isolated_user_dirs):
    home, _ = isolated_user_dirs
    (home / "config.toml").write_text("target = 90\nfollow_ups = 2\n")
    settings = load_settings()
    assert settings.target_s == 90 and settings.max_s == 180 and settings.follow_ups == 2


def test_the_readme_settings_block_is_every_setting_at_its_default(isolated_user_dirs):
    import re
    from dataclasses import fields

    from interviewer.config import Settings

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## Settings.*?```toml\n(.*?)```", readme, re.S).group(1)
    home, _ = isolated_user_dirs
    (home / "config.toml").write_text(block)
    settings, defaults = load_settings(), Settings()
    assert {f.name: getattr(settings, f.name) for f in fields(Settings) if f.name != "scoring"} == {
        f.name: getattr(defaults, f.name) for f in fields(Settings) if f.name != "scoring"}
    assert set(re.findall(r"^(\w+) =", block, re.M)) >= {f.name for f in fields(Settings)} - {"scoring"}


def test_a_settings_file_with_a_byte_order_mark_is_read(isolated_user_dirs):
    # Saved as "UTF-8 with BOM" by a Windows editor, it was "not valid TOML (Invalid statement (at line 1, column 1))".
    home, _ = isolated_user_dirs
    (home / "config.toml").write_bytes('\ufefftarget = "1:30"\n'.encode())
    assert load_settings().target_s == 90


def test_scoring_settings_from_the_file_are_used(isolated_user_dirs):
    from interviewer.scoring import ScoringSettings

    home, _ = isolated_user_dirs
    (home / "config.toml").write_text("[scoring]\nwpm_fast = 180\nwe_count_min = 4\nstar_bands = { action = [0.2, 0.7] }\n")
    scoring = ScoringSettings.from_overrides(load_settings().scoring)
    assert scoring.wpm_fast == 180.0 and scoring.we_count_min == 4
    assert scoring.star_bands["action"] == (0.2, 0.7) and scoring.star_bands["result"] == (0.10, 0.40)
