"""URL converters: an agency code never takes a path the platform already uses."""

from __future__ import annotations

RESERVED = frozenset(
    {"admin", "accounts", "api", "audit", "office", "static", "media", "search", "display", "apply", "track"}
)


class AgencyCodeConverter:
    regex = r"[-a-zA-Z0-9_]+"

    def to_python(self, value: str) -> str:
        if value.lower() in RESERVED:
            raise ValueError(value)  # no match: the URL resolver moves on to the next app
        return value

    def to_url(self, value: str) -> str:
        return value


class IndexNumberConverter:
    """索引号 as the catalogue makes them: letters, digits and - _ . (no slash)."""

    regex = r"[^/]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
