#!/usr/bin/env bash
# The whole test suite: unit tests with fakes, and the real path (pyttsx3, Whisper on human speech,
# recording and playback through a PulseAudio null sink, the HTML report in headless Chromium).
# Extra arguments go to pytest, e.g. scripts/test.sh -m "not real". The 25 slowest tests are listed at the end:
# the suite should stay well under 15 minutes on a 2-core machine.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ! -x .venv/bin/python ]]; then
  echo "error: no .venv here; run scripts/quickstart.sh (or scripts/setup-venv.sh) first" >&2
  exit 1
fi
exec .venv/bin/python -m pytest --durations=25 "$@"
