"""Parsing and formatting durations ("2:00", "90s", "1m30s") and clock times. Pure."""

from __future__ import annotations

import re

from interviewer.errors import ConfigError

_CLOCK = re.compile(r"^(?:(\d+):)?(\d+):(\d{1,2}(?:\.\d+)?)$")
_UNITS = re.compile(r"^(?:(\d+(?:\.\d+)?)\s*m(?:in)?)?\s*(?:(\d+(?:\.\d+)?)\s*s(?:ec)?)?$")


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """'1 answer', '3 answers', '2 stories' (an irregular plural given): a count with its noun."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def parse_duration(text: str | float | int, *, what: str = "duration") -> float:
    """Seconds from '2:00', '1:30:00', '90', '90s', '2m', '1m30s'. Raises ConfigError with a fix."""
    if isinstance(text, (int, float)):
        seconds = float(text)
    else:
        raw = text.strip().lower()
        seconds = None
        if re.fullmatch(r"\d+(?:\.\d+)?", raw):
            seconds = float(raw)
        elif m := _CLOCK.match(raw):
            hours = int(m.group(1)) if m.group(1) else 0
            if float(m.group(3)) >= 60 or (hours and int(m.group(2)) >= 60):  # "1:90": a typo, not 2:30
                raise ConfigError(f"Cannot read {what} '{text}': seconds and minutes after a ':' go up to 59.")
            seconds = hours * 3600 + int(m.group(2)) * 60 + float(m.group(3))
        elif raw and (m := _UNITS.match(raw)) and (m.group(1) or m.group(2)):
            seconds = float(m.group(1) or 0) * 60 + float(m.group(2) or 0)
        if seconds is None:
            raise ConfigError(f"Cannot read {what} '{text}'. Write it as minutes:seconds (2:00) or seconds (120).")
    if seconds <= 0:
        raise ConfigError(f"The {what} must be longer than zero, got '{text}'.")
    return seconds


def clock(seconds: float | None) -> str:
    """'1:05' for 65.3 s; '-' for None."""
    if seconds is None:
        return "-"
    sign = "-" if seconds < 0 else ""
    total = int(round(abs(seconds)))
    return f"{sign}{total // 60}:{total % 60:02d}"


def parse_since(text: str, *, now=None) -> str:
    """ISO date-time lower bound from '2026-11-01', '7d', '2w', '3m' (months), 'today' or 'yesterday'."""
    from datetime import datetime, timedelta

    now = now or datetime.now().astimezone()
    raw = text.strip().lower()
    if raw == "today":
        return now.strftime("%Y-%m-%d")
    if raw == "yesterday":
        return (now - timedelta(days=1)).strftime("%Y-%m-%d")
    if m := re.fullmatch(r"(\d+)\s*([dwm])", raw):
        days = int(m.group(1)) * {"d": 1, "w": 7, "m": 30}[m.group(2)]
        return (now - timedelta(days=days)).strftime("%Y-%m-%dT%H:%M")
    try:
        return datetime.fromisoformat(raw).strftime("%Y-%m-%dT%H:%M" if "t" in raw or " " in raw else "%Y-%m-%d")
    except ValueError:
        raise ConfigError(f"Cannot read --since '{text}'. Use a date (2026-11-01) or a span (7d, 2w, today).") from None
