"""The channel adapter interface: `deliver(delivery)` returns on success or raises DeliveryError."""

from __future__ import annotations


class DeliveryError(Exception):
    """A delivery attempt failed; the message (Chinese where it reaches staff) is kept as last_error."""


class Adapter:
    kind = ""

    def deliver(self, delivery) -> None:
        raise NotImplementedError

    def validate_config(self, config: dict) -> None:
        """Raise ActionError for a config this adapter cannot use."""
