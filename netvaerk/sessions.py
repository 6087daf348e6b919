"""Database sessions that know whose they are, so "log out everywhere" is one DELETE.

Django's own session table stores the signed-in user only inside the encoded data; this
engine (SESSION_ENGINE = "netvaerk.sessions") keeps the user's id in an indexed column too.
"""

from django.contrib.sessions.backends.db import SessionStore as DBStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class UserSession(AbstractBaseSession):
    user_id = models.BigIntegerField(_("user"), null=True, blank=True, db_index=True)

    class Meta:
        app_label = "netvaerk"
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        return SessionStore


class SessionStore(DBStore):
    @classmethod
    def get_model_class(cls):
        return UserSession

    def create_model_instance(self, data):
        session = super().create_model_instance(data)
        user_id = data.get("_auth_user_id")
        session.user_id = int(user_id) if user_id is not None else None
        return session


def sessions_end_for(user) -> int:
    """End every session of this user, on every device; returns how many there were."""
    deleted, _counts = UserSession.objects.filter(user_id=user.pk).delete()
    return deleted
