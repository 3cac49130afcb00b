import pytest

from interviewer.config import load_settings, recordings_dir
from interviewer.errors import ConfigError
from interviewer.units import clock, parse_duration


@pytest.mark.parametrize(
    "text,seconds",
    [("2:00", 120), ("1:30", 90), ("90", 90), ("90s", 90), ("2m", 120), ("1m30s", 90), ("1:00:00", 3600), (45, 45), ("0:45.5", 45.5)],
)
def test_parse_duration(text, seconds):
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["", "two minutes", "1:2:3:4", "-5", "0", "0:00"])
def test_parse_duration_rejects_with_a_fix(text):
    with pytest.raises(ConfigError, match=r"minutes:seconds|longer than zero"):
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


@pytest.mark.parametrize(
    "content,message",
    [("target = [", "not valid TOML"), ("colour = 1", "unknown setting 'colour'"), ('rate = "fast"', "should be int"),
     ('target = "soon"', "Cannot read target")],
)
def test_bad_settings_file(isolated_user_dirs, content, message):
    home, _ = isolated_user_dirs
    (home / "config.toml").write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_settings()
