#!/usr/bin/env bash
# Everything on a fresh Debian/Ubuntu machine: system packages (including the test tools, so the tests
# can run next), a virtual environment with interviewer installed, then the demo round.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-system.sh --with-test-tools
scripts/setup-venv.sh
echo
.venv/bin/interviewer demo
echo
echo "Next: .venv/bin/interviewer practice   (or: source .venv/bin/activate; interviewer --help)"
