import axes.apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetvaerkConfig(AppConfig):
    name = "netvaerk"
    verbose_name = _("Networks")


class SignInProtectionConfig(axes.apps.AppConfig):
    """django-axes under a Danish name in admin (INSTALLED_APPS names this, not "axes")."""

    default = False
    verbose_name = _("Sign-in protection")
