"""The Django project: settings, URLs, WSGI. Apps live beside it under `gongkai/`."""
