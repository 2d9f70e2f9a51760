"""Readers: bytes in, a `Document` out, never an exception."""
