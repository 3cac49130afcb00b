"""Run the CLI in a forked copy of the test process: how unit tests run a command as a user would, fast.

Starting Python and importing typer, rich and numpy takes most of a second on a slow machine, and the unit
tests run the CLI about 190 times. A child forked from the test process has those libraries loaded already;
it then imports our package afresh (no state left by in-process tests), takes the environment, the
standard streams (files, as pipes would be), the logging, the warning filters and the exit handlers a new
process would have, calls the console script's ``main()`` and ends with its exit code. The real-path tests
still start a new interpreter (see ``run_cli`` in conftest.py): a forked child of a process that has run
Whisper's thread pools could hang in them.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import importlib.util
import io
import logging
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import types
import warnings

_STARTUP_WARNING_FILTERS = list(warnings.filters)  # as the interpreter set them, before pytest's own


def can_fork(env: dict) -> bool:
    """Whether a forked child would behave as a new process would: POSIX, no stream encoding to set up at
    interpreter start (PYTHONIOENCODING), and no other thread in the test process, which could hold a lock
    the child then waits on for ever."""
    return hasattr(os, "fork") and "PYTHONIOENCODING" not in env and threading.active_count() == 1


@functools.cache
def _warm_up() -> None:
    """Once per test process: parse a command line here, which imports what parsing any command imports
    (typer's parameter adapters load pydantic: 0.15 s of each child otherwise)."""
    from interviewer.cli import app

    with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):
        app(["history", "--help"], standalone_mode=False)


def run(args: list[str], *, env: dict, input: str | None, timeout: float) -> subprocess.CompletedProcess:
    _warm_up()
    command = [sys.executable, "-m", "interviewer", *args]
    with tempfile.TemporaryFile() as stdin, tempfile.TemporaryFile() as stdout, \
            tempfile.TemporaryFile() as stderr:
        stdin.write((input or "").encode())
        stdin.seek(0)
        pid = os.fork()
        if pid == 0:  # the child: never returns to pytest
            _run_child(args, env, stdin.fileno(), stdout.fileno(), stderr.fileno())
        returncode = _wait(pid, timeout, command)
        stdout.seek(0)
        stderr.seek(0)
        return subprocess.CompletedProcess(command, returncode, _text(stdout.read()), _text(stderr.read()))


def _text(data: bytes) -> str:
    """As subprocess.run(text=True) decodes and turns line ends."""
    return data.decode().replace("\r\n", "\n").replace("\r", "\n")


def _wait(pid: int, timeout: float, command: list[str]) -> int:
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            raise subprocess.TimeoutExpired(command, timeout)
        time.sleep(0.005)


def _run_child(args: list[str], env: dict, stdin: int, stdout: int, stderr: int) -> None:
    code = 1
    try:
        for fd, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
            os.dup2(fd, target)
        sys.stdin = open(0, encoding="utf-8", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        os.environ.clear()
        os.environ.update(env)
        # As "python -m interviewer" sets them: click names the program in its usage lines from these.
        package = importlib.util.find_spec("interviewer")
        main_file = os.path.join(os.path.dirname(package.origin), "__main__.py")
        sys.argv = [main_file, *args]
        sys.modules["__main__"] = types.ModuleType("__main__")
        sys.modules["__main__"].__package__ = "interviewer"
        sys.modules["__main__"].__file__ = main_file
        atexit._clear()  # pytest's handlers are the parent's to run
        logging.root.handlers.clear()  # pytest's capture handlers; a new process has none
        logging.root.setLevel(logging.WARNING)
        warnings.filters[:] = _STARTUP_WARNING_FILTERS
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for name in [name for name in sys.modules if name.partition(".")[0] == "interviewer"]:
            del sys.modules[name]
        from interviewer.cli import main

        try:
            main()
            code = 0
        except SystemExit as exc:
            code = _exit_code(exc.code)
        atexit._run_exitfuncs()
    except BaseException:  # a bug in the child is the test's failure to see, on stderr as Python prints it
        import traceback

        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)


def _exit_code(code: object) -> int:
    """As the interpreter turns sys.exit's argument into the process's code."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1
