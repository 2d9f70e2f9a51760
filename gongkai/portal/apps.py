"""公开门户."""

from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    label = "portal"
    verbose_name = "公开门户"

    def ready(self) -> None:
        from gongkai.catalogue import hooks

        from . import receivers

        hooks.published.connect(receivers.on_published)
        hooks.withdrawn.connect(receivers.on_withdrawn)
        hooks.changed.connect(receivers.on_changed)
        for hook in (hooks.published, hooks.withdrawn, hooks.changed):
            hook.connect(receivers.on_catalogue_change)
