"""Timings of a benchmark: nearest-rank percentiles in milliseconds, printed as a table row."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Stats:
    label: str
    samples_ns: list[int]

    @property
    def n(self) -> int:
        return len(self.samples_ns)

    def percentile(self, q: float) -> float:
        """Nearest-rank percentile in milliseconds."""
        ordered = sorted(self.samples_ns)
        rank = max(1, math.ceil(q / 100 * len(ordered)))
        return ordered[rank - 1] / 1e6

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p99(self) -> float:
        return self.percentile(99)

    @property
    def max(self) -> float:
        return max(self.samples_ns) / 1e6

    def row(self) -> str:
        return f"{self.label:<50} {self.n:>6} {self.p50:>9.3f} {self.p99:>9.3f} {self.max:>9.3f}"


def cpus() -> int:
    """The CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 0


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def report_load(elapsed: float, load: tuple[float, float, float], busy: str) -> None:
    """The load average while measuring; `busy` says what a busy machine distorts."""
    print(f"(measured in {elapsed:.0f} s; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f})")
    if load[0] > cpus() / 2:
        print(f"WARNING: the machine was busy while measuring; {busy}")


def report_targets(checks: list[tuple[str, bool, str]], baseline_ok: bool, baseline: str) -> None:
    """PASS/FAIL per target (name, met, figure) and the verdict; `baseline` is said when
    the raw baseline does not mirror what posapp sends (`baseline_ok` false)."""
    print("\nTargets:")
    for name, ok, figure in checks:
        print(f"  [{verdict(ok)}] {name:<42} {figure}")
    overall = all(ok for _name, ok, _figure in checks)
    if not baseline_ok:
        print(f"  [????] {baseline}")
    print(f"\nVERDICT: {verdict(overall)}" + ("" if overall else " (a target is missed)"))


def build_note(seconds: float | None) -> str:
    """How the benchmark's database came to be: built now (in how long), or cached."""
    return f"built in {seconds:.1f} s" if seconds is not None else "cached build"


def environment() -> str:
    """Python, SQLAlchemy and SQLite, the machine, and where posapp is imported from."""
    # Imported here: bench_gui.py's timed child process imports this module too.
    import platform
    import sqlite3
    from pathlib import Path

    import sqlalchemy

    import posapp

    return (
        f"Python {platform.python_version()}, SQLAlchemy {sqlalchemy.__version__}, "
        f"SQLite {sqlite3.sqlite_version}, {platform.machine()}, {cpus()} CPUs\n"
        f"  posapp imported from {Path(posapp.__file__).resolve().parent.parent}"
    )
