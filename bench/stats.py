"""Timings of a benchmark: nearest-rank percentiles in milliseconds, printed as a table row."""

from __future__ import annotations

import math
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
