import axes.apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetvaerkConfig(AppConfig):
    name = "netvaerk"
    verbose_name = _("Networks")

    def ready(self):
        from . import checks  # noqa: F401  (registers the production settings check)


class SignInProtectionConfig(axes.apps.AppConfig):
    """django-axes under a Danish name in admin (INSTALLED_APPS names this, not "axes")."""

    default = False
    verbose_name = _("Sign-in protection")
