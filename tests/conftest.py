"""Shared fixtures.

Every test runs with INTERVIEWER_HOME, INTERVIEWER_RECORDINGS and INTERVIEWER_CACHE pointed at temporary
folders (never the user's). Tests marked ``real`` use real devices and models; when something they need is
missing they are skipped, unless INTERVIEWER_REQUIRE_REAL=1 (set by .ci/run), where they fail instead.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # "tests.fakes", "tests.speech_corpus"

REQUIRE_REAL = os.environ.get("INTERVIEWER_REQUIRE_REAL") == "1"


def need(condition: bool, what: str) -> None:
    """Skip (locally) or fail (in CI) a real-path test whose requirement is missing."""
    if condition:
        return
    if REQUIRE_REAL:
        pytest.fail(f"required for the real-path tests but missing: {what} (run scripts/setup-system.sh)")
    pytest.skip(f"missing: {what}")


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path, monkeypatch):
    home = tmp_path / "home"
    recordings = tmp_path / "recordings"
    cache = Path(os.environ.get("INTERVIEWER_TEST_CACHE", ROOT / ".pytest_cache" / "interviewer-cache"))
    home.mkdir()
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    monkeypatch.setenv("INTERVIEWER_RECORDINGS", str(recordings))
    monkeypatch.setenv("INTERVIEWER_CACHE", str(cache))  # shared: assembled models and rendered voices
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    return home, recordings


@pytest.fixture(scope="session")
def pulse_server(tmp_path_factory):
    """A PulseAudio server with a null sink 'virt': a real playback and capture device without a sound card.

    Whatever is played to 'virt' can be recorded from 'virt.monitor' (the default source here). A silent
    low-latency stream keeps the sink awake, or new recordings lose their first ~2 s.
    """
    need(shutil.which("pulseaudio") is not None and shutil.which("pacat") is not None, "pulseaudio, pulseaudio-utils")
    runtime = tmp_path_factory.mktemp("pulse")
    runtime.chmod(0o700)
    socket = runtime / "pulse.sock"
    env = dict(os.environ, XDG_RUNTIME_DIR=str(runtime), HOME=str(runtime))
    env.pop("PULSE_SERVER", None)
    daemon = subprocess.Popen(
        ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", f"--log-target=file:{runtime}/pulse.log",
         "-L", f"module-native-protocol-unix auth-anonymous=1 socket={socket}",
         "-L", "module-null-sink sink_name=virt rate=48000"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = f"unix:{socket}"
    env["PULSE_SERVER"] = server
    for _ in range(100):
        if socket.exists() and subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    else:
        daemon.kill()
        pytest.fail(f"PulseAudio did not start; see {runtime}/pulse.log")
    subprocess.run(["pactl", "set-default-sink", "virt"], env=env, check=True)
    subprocess.run(["pactl", "set-default-source", "virt.monitor"], env=env, check=True)
    keepalive = subprocess.Popen(
        ["pacat", "--playback", "--raw", "-d", "virt", "--latency-msec=20", "--format=s16le", "--rate=48000",
         "--channels=2", "/dev/zero"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    yield {"server": server, "runtime": runtime, "env": {"PULSE_SERVER": server, "XDG_RUNTIME_DIR": str(runtime)}}
    for proc in (keepalive, daemon):
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture
def no_audio_env(tmp_path):
    """Environment of a machine without a sound card: ALSA's default config, and no sound server to reach
    (a named but absent server also stops PulseAudio from starting one on demand)."""
    env = dict(os.environ)
    env["PULSE_SERVER"] = f"unix:{tmp_path}/no-such-pulse-server"
    env.pop("ALSA_CONFIG_PATH", None)
    return env


def run_cli(args: list[str], *, env: dict | None = None, input: str | None = None, timeout: float = 300):
    """Run the installed CLI as a subprocess (as a user would)."""
    return subprocess.run(
        [sys.executable, "-m", "interviewer", *args],
        env=env or dict(os.environ), input=input, capture_output=True, text=True, timeout=timeout,
    )
