import errno
import io
import os
import signal
import subprocess
import sys
import textwrap
import time
import wave
from pathlib import Path

import numpy as np
import pytest

from interviewer.audio.wavwriter import CrashSafeWavWriter
from tests.fakes import tone


def frames(path) -> tuple[int, int]:
    with wave.open(str(path)) as w:
        return w.getnframes(), w.getframerate()


def test_file_is_playable_while_being_written(tmp_path):
    path = tmp_path / "a.wav"
    writer = CrashSafeWavWriter(path, 16000)
    assert frames(path) == (0, 16000)  # valid before any audio
    writer.write(tone(0.5))
    assert frames(path) == (8000, 16000)  # the header already covers what was written
    writer.write(tone(0.25))
    assert frames(path)[0] == 12000
    writer.close()
    with wave.open(str(path)) as w:
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    assert abs(np.abs(data).max() - 0.1 * 32767) < 50


def test_never_overwrites(tmp_path):
    path = tmp_path / "a.wav"
    path.write_bytes(b"precious")
    with pytest.raises(FileExistsError):
        CrashSafeWavWriter(path, 16000)
    assert path.read_bytes() == b"precious"


class FillsUp(io.BytesIO):
    """A file on a disk that fills up after ``room`` bytes."""

    def __init__(self, room: int):
        super().__init__()
        self.room = room

    def write(self, data):
        if self.tell() + len(data) > self.room and self.tell() >= 44:
            raise OSError(errno.ENOSPC, "No space left on device")
        return super().write(data)

    def close(self):
        self.saved = self.getvalue()
        super().close()


def test_full_disk_leaves_a_valid_header_for_what_was_written():
    disk = FillsUp(room=44 + 2 * 16000)  # one second of audio fits
    writer = CrashSafeWavWriter(Path("x.wav"), 16000, file=disk)
    writer.write(tone(0.5))
    writer.write(tone(0.4))
    with pytest.raises(OSError) as exc:
        writer.write(tone(0.5))
    assert exc.value.errno == errno.ENOSPC
    writer.close()  # as the round does; the header still describes what reached the disk
    with wave.open(io.BytesIO(disk.saved)) as w:
        assert w.getnframes() == int(0.9 * 16000)


def test_kill_9_mid_answer_leaves_a_playable_file(tmp_path):
    """A real process writing one block every 20 ms is killed; the file holds all but the last moment."""
    path = tmp_path / "killed.wav"
    script = textwrap.dedent(
        f"""
        import time, numpy as np
        from interviewer.audio.wavwriter import CrashSafeWavWriter
        w = CrashSafeWavWriter({str(path)!r}, 16000)
        block = (0.1 * np.sin(np.arange(320) / 5)).astype(np.float32)
        print("ready", flush=True)
        while True:
            w.write(block)
            time.sleep(0.02)
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    started = time.monotonic()
    time.sleep(2.0)
    os.kill(proc.pid, signal.SIGKILL)
    elapsed = time.monotonic() - started
    proc.wait()
    n, rate = frames(path)
    seconds = n / rate
    assert elapsed - 1.0 <= seconds <= elapsed + 0.1, (seconds, elapsed)
    with wave.open(str(path)) as w:
        assert len(w.readframes(n)) == 2 * n
