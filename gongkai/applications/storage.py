"""Private file storage for identity documents and reply letters: never under a public URL.

Files are served only through views that check permissions (and log views of personal data).
The root is `GONGKAI_PRIVATE_FILES_ROOT`, else `VAR_DIR/private`, read when used so tests can
point it at a temporary directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    @property
    def base_location(self) -> str:  # type: ignore[override]
        root = getattr(settings, "GONGKAI_PRIVATE_FILES_ROOT", None)
        if not root:
            root = Path(getattr(settings, "VAR_DIR", Path.cwd() / "var")) / "private"
        return str(root)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None


private_storage = PrivateStorage()
