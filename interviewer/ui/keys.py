"""The Enter key that ends an answer, on a terminal (no echo, so the live view stays clean) and on a pipe
(one line per answer, so a round can be scripted: ``(sleep 90; echo) | interviewer practice``).

At the end of a pipe no more keys can come; answers then end at the time cap (or --auto-stop).
"""

from __future__ import annotations

import os
import queue
import sys
import threading
from typing import TextIO


class EnterKey:
    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stdin
        try:
            self.interactive = self.stream.isatty()
        except (AttributeError, ValueError):
            self.interactive = False
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader: threading.Thread | None = None
        self._saved_tty = None
        self.eof = False

    # Pipes: a reader thread hands over one line per press ---------------------------------------------

    def _start_reader(self) -> None:
        if self._reader is not None:
            return

        def read() -> None:
            try:
                for line in self.stream:
                    self._lines.put(line)
            except (OSError, ValueError):
                pass
            self.eof = True

        self._reader = threading.Thread(target=read, name="enter-key", daemon=True)
        self._reader.start()

    # StopKey port ---------------------------------------------------------------------------------

    def arm(self) -> None:
        if not self.interactive:
            self._start_reader()
            return
        if os.name == "nt":
            import msvcrt

            while msvcrt.kbhit():  # drop keys pressed while the question was read out
                msvcrt.getwch()
            return
        import termios
        import tty

        fd = self.stream.fileno()
        self._saved_tty = termios.tcgetattr(fd)
        tty.setcbreak(fd)  # keeps Ctrl-C working
        new = termios.tcgetattr(fd)
        new[3] &= ~termios.ECHO
        termios.tcsetattr(fd, termios.TCSANOW, new)
        termios.tcflush(fd, termios.TCIFLUSH)

    def pressed(self) -> bool:
        if not self.interactive:
            try:
                self._lines.get_nowait()
                return True
            except queue.Empty:
                return False
        if os.name == "nt":
            import msvcrt

            while msvcrt.kbhit():
                if msvcrt.getwch() in ("\r", "\n"):
                    return True
            return False
        import select

        fd = self.stream.fileno()
        ready, _, _ = select.select([fd], [], [], 0)
        if ready:
            data = os.read(fd, 64)
            return b"\n" in data or b"\r" in data
        return False

    def disarm(self) -> None:
        if self._saved_tty is not None:
            import termios

            termios.tcsetattr(self.stream.fileno(), termios.TCSADRAIN, self._saved_tty)
            self._saved_tty = None
