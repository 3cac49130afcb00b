"""Shared fixtures.

Every test runs with INTERVIEWER_HOME, INTERVIEWER_RECORDINGS and INTERVIEWER_CACHE pointed at temporary
folders (never the user's). Tests marked ``real`` use real devices and models; when something they need is
missing they are skipped, unless INTERVIEWER_REQUIRE_REAL=1 (set by .ci/run), where they fail instead.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # "tests.fakes", "tests.speech_corpus"

from tests import forked_cli  # noqa: E402 - needs the path above

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
    """A PulseAudio null sink as speaker and microphone (see tests/virtual_audio.py)."""
    from tests import virtual_audio

    need(virtual_audio.available(), "pulseaudio, pulseaudio-utils")
    audio = virtual_audio.start(tmp_path_factory.mktemp("pulse"))
    yield {"server": audio.server, "runtime": audio.runtime, "env": audio.env}
    audio.stop()


@pytest.fixture
def no_audio_env(tmp_path):
    """Environment of a machine without a sound card: ALSA's default config, and no sound server to reach
    (a named but absent server also stops PulseAudio from starting one on demand)."""
    env = dict(os.environ)
    env["PULSE_SERVER"] = f"unix:{tmp_path}/no-such-pulse-server"
    env.pop("ALSA_CONFIG_PATH", None)
    return env


_real_test_running = False


@pytest.fixture(autouse=True)
def _mark_real_tests(request):
    """Tells run_cli whether the test is a real-path one."""
    global _real_test_running
    _real_test_running = request.node.get_closest_marker("real") is not None
    yield
    _real_test_running = False


def run_cli(args: list[str], *, env: dict | None = None, input: str | None = None, timeout: float = 300):
    """Run the installed CLI as a user would: its own process, environment, streams and exit code. Real-path
    tests start a new interpreter; unit tests fork the test process, which has the libraries loaded, and
    take a second less per command (see tests/forked_cli.py). There, standard input is empty unless
    ``input`` is given."""
    env = env or dict(os.environ)
    if not _real_test_running and forked_cli.can_fork(env):
        return forked_cli.run(args, env=env, input=input, timeout=timeout)
    return subprocess.run(
        [sys.executable, "-m", "interviewer", *args],
        env=env, input=input, capture_output=True, text=True, timeout=timeout,
    )
