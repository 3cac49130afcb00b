"""Finding and reading question bank files: the built-in banks, the user's folder, and --bank paths."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from interviewer.banks import Catalog, ParseResult, build_catalog, parse_bank, parse_bank_or_raise
from interviewer.config import builtin_banks_dir, user_banks_dir
from interviewer.errors import BankError
from interviewer.models import Bank, Principle

BANK_SUFFIXES = (".yaml", ".yml")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # a byte-order mark (some Windows editors) is not text
    except FileNotFoundError as exc:
        raise BankError(f"{path}: no such bank file. Check the path given to --bank.") from exc
    except IsADirectoryError as exc:
        raise BankError(f"{path}: is a folder; give a .yaml file, or put banks in {user_banks_dir()}.") from exc
    except UnicodeDecodeError as exc:
        raise BankError(f"{path}: not UTF-8 text (byte {exc.start}). Save the bank as UTF-8 YAML.") from exc
    except OSError as exc:
        raise BankError(f"{path}: cannot read ({exc.strerror}).") from exc


def _bank_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() in BANK_SUFFIXES and p.is_file())


def builtin_bank_files() -> list[Path]:
    return _bank_files(builtin_banks_dir())


def user_bank_files() -> list[Path]:
    return _bank_files(user_banks_dir())


def load_bank(path: Path, *, builtin: bool = False, known: Mapping[str, Principle] | None = None) -> Bank:
    return parse_bank_or_raise(_read(path), str(path), builtin=builtin, known=known)


def _builtin_banks() -> list[Bank]:
    return [load_bank(p, builtin=True) for p in builtin_bank_files()]


def _principles_of(banks: Sequence[Bank]) -> dict[str, Principle]:
    """The principles a user bank's questions are checked against: those of the built-in banks."""
    return {p.id: p for bank in banks for p in bank.principles}


@cache  # read once however many files 'banks validate' checks
def builtin_principles() -> dict[str, Principle]:
    return _principles_of(_builtin_banks())


def check_bank(path: Path) -> ParseResult:
    """Parse without raising, for ``banks validate``: every problem in the file."""
    return parse_bank(_read(path), str(path), known=builtin_principles())


def load_catalog(extra_paths: Sequence[Path] = (), *, include_user: bool = True, only_extra: bool = False) -> Catalog:
    """Built-in banks, then the user's banks folder, then ``--bank`` files (``only_extra`` uses just those)."""
    banks: list[Bank] = []
    known: dict[str, Principle] = {}
    if not only_extra:
        banks += _builtin_banks()
        known = _principles_of(banks)
        if include_user:
            banks += [load_bank(p, known=known) for p in user_bank_files()]
    for path in extra_paths:
        path = Path(path)
        if path.is_dir():
            files = _bank_files(path)
            if not files:
                raise BankError(f"{path}: no .yaml bank files in this folder.")
            banks += [load_bank(p, known=known) for p in files]
        else:
            banks.append(load_bank(path, known=known))
    return build_catalog(banks)
