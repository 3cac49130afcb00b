"""Domain errors. Each carries a one-line message that says what went wrong, where, and how to fix it;
the CLI prints it as is and exits with the error's ``exit_code``."""


class InterviewerError(Exception):
    """Base class: a problem the user can fix, reported in one line."""

    exit_code = 1


class BankError(InterviewerError):
    """A question bank file is malformed or inconsistent."""

    exit_code = 2


class ConfigError(InterviewerError):
    """A setting or command-line value is invalid."""

    exit_code = 2


class DeviceError(InterviewerError):
    """A microphone or speaker is missing or failed."""

    exit_code = 3


class AudioFileError(InterviewerError):
    """An audio file cannot be read (missing, empty, corrupt or unsupported)."""

    exit_code = 4


class TranscriptionError(InterviewerError):
    """The speech-to-text model could not be loaded or failed."""

    exit_code = 5


class ScoringError(InterviewerError):
    """The answer cannot be scored (empty, too long, not English...)."""

    exit_code = 6


class StoreError(InterviewerError):
    """Saved recordings or their index cannot be read or written."""

    exit_code = 7


class NotFoundError(InterviewerError):
    """A saved session, answer or question id does not exist."""

    exit_code = 8


class StopRequested(KeyboardInterrupt):
    """The program was told to stop other than by Ctrl-C: 'kill' (SIGTERM) or its terminal closing (SIGHUP).
    Handled as Ctrl-C is (a KeyboardInterrupt); an answer it cuts short records ``stop_reason``."""

    def __init__(self, stop_reason: str):
        super().__init__(stop_reason)
        self.stop_reason = stop_reason
