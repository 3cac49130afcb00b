"""sounddevice (PortAudio) access: importing it with a clear error, listing and choosing devices."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

from interviewer.errors import DeviceError

_sd: Any = None


def _silence_alsa() -> None:
    """ALSA prints notes like "underrun occurred" straight to stderr from C; route them nowhere.

    Only on Linux, and only ALSA's own messages: PortAudio errors still reach us as exceptions."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("asound")
        if not name:
            return
        asound = ctypes.CDLL(name)
        handler_type = ctypes.CFUNCTYPE(None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p)
        global _alsa_handler
        _alsa_handler = handler_type(lambda *args: None)  # kept alive for the process
        asound.snd_lib_error_set_handler(_alsa_handler)
    except (OSError, AttributeError):
        pass


_alsa_handler: Any = None


def sounddevice() -> Any:
    """Import sounddevice once; a missing PortAudio becomes a DeviceError that says how to install it."""
    global _sd
    if _sd is None:
        _silence_alsa()
        try:
            import sounddevice as sd
        except OSError as exc:  # "PortAudio library not found"
            raise DeviceError(
                "PortAudio is not installed, so no microphone or speaker can be used. Install it "
                "(Debian/Ubuntu: sudo apt-get install libportaudio2; macOS: brew install portaudio), "
                "or run without audio devices: 'interviewer demo' or '--answer-file'."
            ) from exc
        _sd = sd
    return _sd


@dataclass
class DeviceInfo:
    index: int
    name: str
    host_api: str
    max_input_channels: int
    max_output_channels: int
    default_samplerate: float
    is_default_input: bool
    is_default_output: bool


def list_devices() -> list[DeviceInfo]:
    sd = sounddevice()
    try:
        devices = sd.query_devices()
        apis = sd.query_hostapis()
        default_in, default_out = sd.default.device
    except Exception as exc:  # PortAudioError and friends
        raise DeviceError(f"Cannot list audio devices: {exc}.") from exc
    result = []
    for d in devices:
        result.append(
            DeviceInfo(
                index=d["index"],
                name=d["name"],
                host_api=apis[d["hostapi"]]["name"],
                max_input_channels=d["max_input_channels"],
                max_output_channels=d["max_output_channels"],
                default_samplerate=d["default_samplerate"],
                is_default_input=d["index"] == default_in,
                is_default_output=d["index"] == default_out,
            )
        )
    return result


def resolve_device(spec: str | int | None, kind: str) -> int | None:
    """Device index for ``--input``/``--output``: an index, or part of a device name; None = the default.

    Raises DeviceError when no such device exists or when there is no default device of that kind.
    """
    devices = list_devices()
    channels = (lambda d: d.max_input_channels) if kind == "input" else (lambda d: d.max_output_channels)
    usable = [d for d in devices if channels(d) > 0]
    flag = "--input" if kind == "input" else "--output"
    if spec in (None, ""):
        default = [d for d in usable if (d.is_default_input if kind == "input" else d.is_default_output)]
        if default:
            return default[0].index
        if usable:
            return usable[0].index
        raise DeviceError(_none_message(kind))
    text = str(spec).strip()
    if text.isdigit():
        index = int(text)
        for d in usable:
            if d.index == index:
                return index
        raise DeviceError(f"No {kind} device with index {index}. Run 'interviewer devices' and pick one for {flag}.")
    matches = [d for d in usable if text.lower() in d.name.lower()]
    if len(matches) == 1 or (matches and all(m.name == matches[0].name for m in matches)):
        return matches[0].index
    if matches:
        names = "; ".join(f"{m.index}: {m.name}" for m in matches[:5])
        raise DeviceError(f"'{text}' matches several {kind} devices ({names}). Give the index to {flag}.")
    raise DeviceError(f"No {kind} device named like '{text}'. Run 'interviewer devices' to list them.")


def _none_message(kind: str) -> str:
    if kind == "input":
        return (
            "No microphone found: PortAudio lists no input device. Connect one (and check the system's sound "
            "settings), choose one with --input (see 'interviewer devices'), or practise without one: "
            "'interviewer demo', or 'interviewer practice --answer-file answer.wav'."
        )
    return "No speaker found: PortAudio lists no output device."
