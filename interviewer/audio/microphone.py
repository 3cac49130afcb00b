"""The microphone, through sounddevice. The audio callback only copies each block into a queue; the
caller's thread does the rest (writing, metering, transcription), as in sounddevice's rec_unlimited."""

from __future__ import annotations

import queue
import time
from collections.abc import Iterator
from contextlib import contextmanager

from interviewer.audio import SAMPLE_RATE
from interviewer.audio.devices import resolve_device, sounddevice
from interviewer.audio.files import rms_db
from interviewer.errors import DeviceError
from interviewer.ports import AudioBlock

BLOCK_S = 0.02  # 20 ms callbacks: a responsive level meter
HEARTBEAT_S = 0.1  # yield None this often when no audio arrives, so keys are still checked
STALL_S = 3.0  # no audio for this long means the device went away


class SoundDeviceMicrophone:
    live = True

    def __init__(self, device: str | int | None = None, *, sample_rate: int = SAMPLE_RATE):
        self.sample_rate = sample_rate
        self.device_spec = device
        self.device = resolve_device(device, "input")  # fails early, before the question is asked
        sd = sounddevice()
        self.description = f"microphone {sd.query_devices(self.device)['name']}"
        self.overflows = 0

    @contextmanager
    def open(self) -> Iterator[Iterator[AudioBlock | None]]:
        sd = sounddevice()
        blocks: queue.Queue = queue.Queue()

        def callback(indata, frames, time_info, status) -> None:  # PortAudio's thread: copy and return
            if status.input_overflow:
                self.overflows += 1
            blocks.put(indata[:, 0].copy())

        try:
            stream = sd.InputStream(
                device=self.device,
                channels=1,
                samplerate=self.sample_rate,
                dtype="float32",
                blocksize=int(self.sample_rate * BLOCK_S),
                callback=callback,
            )
            stream.start()
        except Exception as exc:  # PortAudioError, ValueError for bad settings
            raise DeviceError(
                f"Cannot open the microphone ({self.description}): {exc}. Pick another with --input "
                "(see 'interviewer devices'), or use --answer-file."
            ) from exc
        try:
            yield self._blocks(blocks)
        finally:
            stream.stop()
            stream.close()

    def _blocks(self, blocks: queue.Queue) -> Iterator[AudioBlock | None]:
        position = 0
        last_audio = time.monotonic()
        while True:
            try:
                data = blocks.get(timeout=HEARTBEAT_S)
            except queue.Empty:
                if time.monotonic() - last_audio > STALL_S:
                    raise DeviceError(
                        f"The microphone stopped sending audio ({self.description}); was it unplugged? "
                        "What was recorded so far is saved."
                    ) from None
                yield None
                continue
            last_audio = time.monotonic()
            start = position / self.sample_rate
            position += len(data)
            yield AudioBlock(data, start, len(data) / self.sample_rate, rms_db(data), backlog=not blocks.empty())
