"""Time from Enter to feedback on screen after a 2-minute answer, and peak memory of a round.

A 2-minute answer of real human speech (asterisk prompts joined with pauses) goes through
``interviewer practice`` as a subprocess, in one of two ways:

- ``--source mic`` (default): a PulseAudio null sink is started; the answer is played into it while the
  program records from the sink's monitor, exactly as a microphone answer; when playback ends the script
  presses Enter and times how long until the feedback's "Notes" line appears on the program's output.
- ``--source file``: the same answer as --answer-file --realtime (no sound server needed).

Peak memory is the program's maximum resident set size (getrusage of the finished child).

    python benchmarks/latency.py [--runs 3] [--seconds 120] [--source mic|file] [--model tiny.en]
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests import speech_corpus, virtual_audio  # noqa: E402


def run_once(answer: Path, seconds: float, source: str, model: str, env: dict[str, str], workdir: Path) -> dict:
    recordings = workdir / "recordings"
    env = dict(env, INTERVIEWER_RECORDINGS=str(recordings), INTERVIEWER_HOME=str(workdir / "home"))
    args = [sys.executable, "-m", "interviewer", "practice", "-n", "1", "-q", "dr-02", "--model", model,
            "--max-seconds", str(seconds * 2)]
    if source == "file":
        args += ["--answer-file", str(answer), "--realtime"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.Popen(args, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, bufsize=1)
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.put((time.monotonic(), line))
        lines.put((time.monotonic(), None))

    threading.Thread(target=read, daemon=True).start()

    def wait_for(text: str, timeout: float) -> float:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                at, line = lines.get(timeout=1)
            except queue.Empty:
                continue
            if line is None:
                raise RuntimeError(f"the program ended before printing {text!r}")
            if text in line:
                return at
        raise RuntimeError(f"timed out waiting for {text!r}")

    wait_for("Recording" if source == "mic" else "Playing the answer", 120)
    if source == "mic":
        subprocess.run(["paplay", "-d", "virt", str(answer)], env=env, check=True)
        pressed = time.monotonic()
        proc.stdin.write("\n")  # type: ignore[union-attr]
        proc.stdin.flush()  # type: ignore[union-attr]
        ended = wait_for("Answer ended", 30)
    else:
        ended = wait_for("Answer ended", seconds + 60)
        pressed = ended
    shown = wait_for("Notes", 120)
    proc.wait(timeout=60)
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    [record_path] = recordings.glob("*/answer-1.json")
    record = json.loads(record_path.read_text())
    return {
        "enter_to_feedback_s": shown - pressed,
        "enter_noticed_s": ended - pressed,
        "internal_stop_to_feedback_s": record["processing"]["stop_to_feedback_s"],
        "stop_to_transcript_s": record["processing"]["stop_to_transcript_s"],
        "score_s": record["processing"]["score_s"],
        "answer_s": record["duration_s"],
        "words": len(record["transcript"]["words"]),
        "peak_rss_mib": (peak_kib if peak_kib > before else before) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=120.0)
    parser.add_argument("--source", choices=("mic", "file"), default="mic")
    parser.add_argument("--model", default="tiny.en")
    args = parser.parse_args()
    if not speech_corpus.available():
        sys.exit("needs the speech recordings: scripts/setup-system.sh --with-test-tools")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        samples, _text = speech_corpus.joined_answer(args.seconds)
        answer = speech_corpus.write_wav(workdir / "answer.wav", samples)
        env = dict(os.environ)
        audio = None
        if args.source == "mic":
            if not virtual_audio.available():
                sys.exit("needs PulseAudio for --source mic: scripts/setup-system.sh --with-test-tools")
            audio = virtual_audio.start(workdir / "pulse")
            env.update(audio.env)
        try:
            results = []
            for i in range(args.runs):
                run_dir = workdir / f"run{i}"
                run_dir.mkdir()
                results.append(run_once(answer, args.seconds, args.source, args.model, env, run_dir))
                r = results[-1]
                print(f"run {i + 1}: answer {r['answer_s']:.0f} s, {r['words']} words; Enter -> feedback on screen "
                      f"{r['enter_to_feedback_s']:.2f} s (transcript ready {r['stop_to_transcript_s']:.2f} s after the "
                      f"stop, scoring {r['score_s'] * 1000:.0f} ms); peak memory {r['peak_rss_mib']:.0f} MiB", flush=True)
        finally:
            if audio:
                audio.stop()
    med = {k: statistics.median(r[k] for r in results) for k in results[0]}
    print(f"\nmedian of {len(results)} ({args.source}, {args.model}, {os.cpu_count()} cores): "
          f"Enter -> feedback {med['enter_to_feedback_s']:.2f} s; peak memory {max(r['peak_rss_mib'] for r in results):.0f} MiB")


if __name__ == "__main__":
    main()
