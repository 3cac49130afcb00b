"""A PulseAudio server with a null sink "virt": a real playback and capture device without a sound card.

Whatever is played to "virt" can be recorded from "virt.monitor" (made the default source). A silent
low-latency stream keeps the sink awake; without it an idle null sink renders in 2 s blocks and a new
recording loses its first ~2 s. Used by the tests (conftest.py) and the benchmarks.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class VirtualAudio:
    runtime: Path
    server: str
    processes: list[subprocess.Popen]

    @property
    def env(self) -> dict[str, str]:
        return {"PULSE_SERVER": self.server, "XDG_RUNTIME_DIR": str(self.runtime)}

    def stop(self) -> None:
        for proc in reversed(self.processes):
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()


def available() -> bool:
    return all(shutil.which(tool) for tool in ("pulseaudio", "pactl", "pacat", "paplay", "parec"))


def start(runtime: Path) -> VirtualAudio:
    runtime.mkdir(parents=True, exist_ok=True)
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
    env["PULSE_SERVER"] = f"unix:{socket}"
    for _ in range(100):
        if socket.exists() and subprocess.run(["pactl", "info"], env=env, capture_output=True).returncode == 0:
            break
        time.sleep(0.1)
    else:
        daemon.kill()
        raise RuntimeError(f"PulseAudio did not start; see {runtime}/pulse.log")
    subprocess.run(["pactl", "set-default-sink", "virt"], env=env, check=True)
    subprocess.run(["pactl", "set-default-source", "virt.monitor"], env=env, check=True)
    keepalive = subprocess.Popen(
        ["pacat", "--playback", "--raw", "-d", "virt", "--latency-msec=20", "--format=s16le", "--rate=48000",
         "--channels=2", "/dev/zero"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return VirtualAudio(runtime, env["PULSE_SERVER"], [daemon, keepalive])
