#!/usr/bin/env bash
# System packages for interviewer on Debian/Ubuntu.
#   scripts/setup-system.sh                 what the program needs: PortAudio, eSpeak NG, Python venv
#   scripts/setup-system.sh --with-test-tools   plus what the real-path tests use: a PulseAudio server
#                                           (null sink as a virtual sound card), recordings of human
#                                           speech with their text, and Chromium for the HTML report test.
set -euo pipefail

packages=(libportaudio2 libespeak-ng1 espeak-ng-data python3 python3-venv python3-pip)
if [[ "${1:-}" == "--with-test-tools" ]]; then
  packages+=(pulseaudio pulseaudio-utils libasound2-plugins alsa-utils
             asterisk-core-sounds-en-wav asterisk-core-sounds-en pocketsphinx-testdata
             chromium chromium-driver)
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "error: apt-get not found; this script is for Debian/Ubuntu. See README.md for macOS and Windows." >&2
  exit 1
fi
sudo=""
if [[ "$(id -u)" -ne 0 ]]; then
  sudo="sudo"
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [[ ${#missing[@]} -eq 0 ]]; then
  echo "System packages: all present."
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "System packages: installed."
