"""Version signals: the labels read that only one format version prints, per version and table.

They decide the report's format version (2019, 2021 or mixed) once every table is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class _Signals:
    by_version: dict[str, list[str]] = field(default_factory=lambda: {"2019": [], "2021": []})
    by_table: dict[str, set[str]] = field(default_factory=lambda: {"two": set(), "three": set()})

    def add(self, key: str, versions: set[str], table: str) -> None:
        if len(versions) == 1:
            (version,) = versions
            self.by_table[table].add(version)
            if key not in self.by_version[version]:
                self.by_version[version].append(key)
