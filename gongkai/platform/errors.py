"""The one shape of a refused action in every app: a stable code for logs and machines, its
Chinese message (from the app's single message table) for people, and the form field it concerns."""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum
from typing import ClassVar


class ActionErrorBase(Exception):
    """Subclass per app with `messages = MESSAGES`; raise `ActionError(ErrorCode.X, field=..., **params)`."""

    messages: ClassVar[Mapping[StrEnum, str]] = {}

    def __init__(self, code: StrEnum, *, field: str | None = None, **params: object) -> None:
        self.code = code
        self.params = params
        self.field = field
        template = self.messages[code]
        try:
            self.message = template.format(**params)
        except (KeyError, IndexError):  # a missing parameter must not hide the refusal itself
            self.message = template
        super().__init__(f"[{code}] {self.message}")
