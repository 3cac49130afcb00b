"""Where things live and the user's settings.

One resolver for every path, each overridable by an environment variable (tests set them all):

- ``INTERVIEWER_HOME``: settings (``config.toml``), user banks (``banks/``), story bank, loop plans.
  Default: the platform's user config folder.
- ``INTERVIEWER_RECORDINGS``: saved sessions. Default: the ``recordings_dir`` setting, else
  ``recordings/`` of the source checkout the program runs from, else the platform's user data folder.
- ``INTERVIEWER_CACHE``: rendered question audio and assembled models. Default: the user cache folder.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from interviewer.errors import ConfigError
from interviewer.units import parse_duration

APP = "interviewer"
PACKAGE_DIR = Path(__file__).resolve().parent


def _given(path: str) -> Path:
    """A folder named in the environment, made absolute: "recordings" given relative would otherwise be a
    different folder in each directory the program is started from, and 'interviewer paths' would not say
    which."""
    return Path(path).expanduser().absolute()


def home_dir() -> Path:
    env = os.environ.get("INTERVIEWER_HOME")
    if env:
        return _given(env)
    import platformdirs

    return Path(platformdirs.user_config_dir(APP))


def cache_dir() -> Path:
    env = os.environ.get("INTERVIEWER_CACHE")
    if env:
        return _given(env)
    if os.environ.get("INTERVIEWER_HOME"):
        return home_dir() / "cache"
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP))


def source_checkout() -> Path | None:
    """The repository root when running from a source checkout (an editable install), else None."""
    root = PACKAGE_DIR.parent
    if (root / "pyproject.toml").is_file() and (root / "question_banks").is_dir():
        return root
    return None


def builtin_banks_dir() -> Path:
    packaged = PACKAGE_DIR / "question_banks"  # inside a built wheel
    if packaged.is_dir():
        return packaged
    checkout = source_checkout()
    if checkout:
        return checkout / "question_banks"
    raise ConfigError(f"The built-in question banks are missing from {PACKAGE_DIR}; reinstall interviewer.")


def user_banks_dir() -> Path:
    return home_dir() / "banks"


def stories_file(settings: Settings | None = None) -> Path:
    if settings and settings.stories:
        return config_file().parent / Path(settings.stories).expanduser()  # beside the file that names it
    return home_dir() / "stories.yaml"


def assets_dir() -> Path:
    return PACKAGE_DIR / "assets"


@dataclass
class Settings:
    """User settings; every field can be set in config.toml. Command-line options win over them."""

    recordings_dir: str = ""
    target: str | float = "2:00"  # answer length to aim for; a number in the file is seconds
    max_seconds: float = 0.0  # hard cap; 0 means twice the target
    auto_stop: float = 0.0  # end an answer after this much silence; 0 = never (the default)
    voice: str = ""  # pyttsx3 voice id or name part; "" = the system default English voice
    rate: int = 165  # words per minute for the interviewer's voice
    model: str = "tiny.en"  # tiny.en | base | path to a CTranslate2 Whisper folder
    compute_type: str = "int8"
    beam_size: int = 1
    input_device: str = ""
    output_device: str = ""
    follow_ups: int = 0  # spoken probes after each answer of a practice round
    stories: str = ""  # story bank file; "" = stories.yaml in the settings folder, if it exists
    scoring: dict[str, Any] = field(default_factory=dict)  # overrides of scoring thresholds

    @property
    def target_s(self) -> float:
        return parse_duration(self.target, what="target")

    @property
    def max_s(self) -> float:
        return self.max_seconds if self.max_seconds > 0 else 2 * self.target_s

    @property
    def model_spec(self) -> str:
        """The model setting, with a model folder given relative taken from beside config.toml (as
        recordings_dir is), not from wherever the program is started."""
        if os.sep in self.model or self.model.startswith((".", "~")):
            return str(config_file().parent / Path(self.model).expanduser())
        return self.model

    @property
    def voice_spec(self) -> str:
        """The voice setting, with a Piper voice file given relative ("piper:voices/amy.onnx") taken from
        beside config.toml."""
        file = piper_voice_file(self.voice)
        if file:
            return f"piper:{config_file().parent / Path(file).expanduser()}"
        return self.voice


def piper_voice_file(voice: str) -> str | None:
    """For a voice spelt "piper:FILE.onnx" (in an option, the settings or a loop plan), the FILE; "" for plain
    "piper" (the voice installed with the extra); None for any other voice (a pyttsx3 one)."""
    kind, _, file = voice.partition(":")
    return file if kind.strip().lower() == "piper" else None


# What the command-line options accept, so that the file cannot ask for what the option would refuse.
RATE_WPM = (80, 400)
FOLLOW_UPS_MAX = 5
SETTING_BOUNDS = {"rate": RATE_WPM, "follow_ups": (0, FOLLOW_UPS_MAX), "beam_size": (1, None), "max_seconds": (0, None),
                  "auto_stop": (0, None)}
# CTranslate2's names (a typo was found only when the model loaded, after the first question); which of them
# a CPU runs is known only then (int8 and float32 everywhere).
SETTING_CHOICES = {"compute_type": ("int8", "float32", "int8_float32", "int16", "float16", "int8_float16", "bfloat16",
                                    "int8_bfloat16", "auto", "default")}
KIND_IN_TOML = {str: "text in quotes", int: "a whole number", float: "a number", dict: "a table"}


def _checked(path: Path, key: str, value: Any, default: Any) -> Any:
    """The value of one setting of the file, or a ConfigError that says what to write instead."""
    if key == "target" and isinstance(value, (int, float)) and not isinstance(value, bool):
        return value  # seconds, as on the command line ("--target 90")
    if isinstance(value, bool) or not isinstance(value, type(default)) and not (
        isinstance(default, float) and isinstance(value, int)
    ):
        example = f", like {key} = {json.dumps(default)}" if default not in ("", {}) else ""
        raise ConfigError(f"{path}: setting '{key}' should be {KIND_IN_TOML[type(default)]}{example}; got {value!r}.")
    if key in SETTING_CHOICES and value not in SETTING_CHOICES[key]:
        raise ConfigError(f"{path}: setting '{key}' should be one of {', '.join(SETTING_CHOICES[key])}; got {value!r}.")
    low, high = SETTING_BOUNDS.get(key, (None, None))
    if (low is not None and value < low) or (high is not None and value > high):
        allowed = f"from {low} to {high}" if high is not None else f"{low} or more"
        raise ConfigError(f"{path}: setting '{key}' should be {allowed}, got {value!r}.")
    return value


def config_file() -> Path:
    return home_dir() / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    path = path or config_file()
    settings = Settings()
    if not path.is_file():
        return settings
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))  # Notepad may start it with a byte-order mark
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc}). Fix or delete the file.") from exc
    known = {f.name: f for f in fields(Settings)}
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"{path}: unknown setting '{key}'. Known settings: {', '.join(known)}.")
        setattr(settings, key, _checked(path, key, value, getattr(settings, key)))
    from interviewer.scoring.settings import ScoringSettings

    try:  # checked here, so that a mistake is reported with the file it is in, before any work is done
        settings.target_s  # noqa: B018
        ScoringSettings.from_overrides(settings.scoring)
    except ConfigError as exc:
        raise ConfigError(f"{path}: {exc}") from exc
    return settings


def recordings_dir(settings: Settings | None = None) -> Path:
    env = os.environ.get("INTERVIEWER_RECORDINGS")
    if env:
        return _given(env)
    if settings and settings.recordings_dir:
        # relative to the settings file, not to wherever the program is started from
        return config_file().parent / Path(settings.recordings_dir).expanduser()
    checkout = source_checkout()
    if checkout:
        return checkout / "recordings"
    import platformdirs

    return Path(platformdirs.user_data_dir(APP)) / "recordings"
