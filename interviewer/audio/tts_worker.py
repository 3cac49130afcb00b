"""The pyttsx3 renderer, run as a child process by ``Pyttsx3Speaker`` (``python -m interviewer.audio.tts_worker``).

It reads one JSON request per line on stdin and answers one JSON line on stdout. Keeping pyttsx3 in its
own process works around its known quirks (../docs/architecture.md, "Speaking"):
- ``runAndWait()`` can return before synthesis has finished: we wait for the ``finished-utterance``
  callback, then 0.1 s more;
- an utterance sometimes comes out empty: we check the WAV has frames and retry;
- changing voice or rate between utterances is often lost (espeak's queue drops property changes made
  while the previous utterance is finishing): each worker is configured once, at start, with one voice,
  rate and pitch, and the parent runs one worker per configuration;
- the espeak driver prints to stdout and can crash the process at exit: stdout is redirected, and a
  crash here cannot take the program down (the parent restarts the worker or goes on without voice).

Started as: python -m interviewer.audio.tts_worker '{"voice": ..., "rate": ..., "pitch": ...}'
Requests:   {"cmd": "render", "text": ..., "path": ...}
            {"cmd": "voices"}
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
import wave

RETRIES = 3
SETTLE_S = 0.1


def _frames(path: str) -> int:
    try:
        with wave.open(path) as w:
            return w.getnframes()
    except (wave.Error, OSError, EOFError):
        return 0


def main() -> None:
    # Our replies go to the real stdout; anything pyttsx3 prints goes to stderr.
    reply_fd = os.dup(1)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    replies = os.fdopen(reply_fd, "w", buffering=1, encoding="utf-8")

    def reply(obj: dict) -> None:
        replies.write(json.dumps(obj) + "\n")
        replies.flush()

    config = json.loads(sys.argv[1]) if len(sys.argv) > 1 else {}
    try:
        import pyttsx3

        engine = pyttsx3.init()
        # Voice first, then rate (a new voice resets the rate); set once, before any utterance.
        if config.get("voice"):
            engine.setProperty("voice", config["voice"])
        if config.get("rate"):
            engine.setProperty("rate", int(config["rate"]))
        if config.get("pitch") is not None:
            try:
                engine.setProperty("pitch", int(config["pitch"]))
            except (KeyError, ValueError):
                pass  # drivers without pitch
    except Exception as exc:  # missing espeak-ng, no driver, unknown voice...
        reply({"ok": False, "fatal": True, "error": f"{type(exc).__name__}: {exc}"})
        return
    finished = threading.Event()
    engine.connect("finished-utterance", lambda name, completed: finished.set())
    reply({"ok": True, "ready": True})

    for line in sys.stdin:
        try:
            request = json.loads(line)
        except json.JSONDecodeError:
            reply({"ok": False, "error": "bad request"})
            continue
        cmd = request.get("cmd")
        if cmd == "voices":
            voices = [
                {"id": v.id, "name": v.name, "languages": [str(x) for x in (v.languages or [])]}
                for v in engine.getProperty("voices")
            ]
            reply({"ok": True, "voices": voices})
            continue
        if cmd != "render":
            reply({"ok": False, "error": f"unknown command {cmd!r}"})
            continue
        text, path = request["text"], request["path"]
        error = "no audio produced"
        for _attempt in range(RETRIES):
            try:
                finished.clear()
                engine.save_to_file(text, path)
                engine.runAndWait()
                finished.wait(timeout=10 + len(text) / 10)
                time.sleep(SETTLE_S)
            except Exception as exc:
                error = f"{type(exc).__name__}: {exc}"
                continue
            frames = _frames(path)
            if frames > 0:
                reply({"ok": True, "frames": frames})
                break
        else:
            reply({"ok": False, "error": error})


if __name__ == "__main__":
    main()
