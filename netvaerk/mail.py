"""Mail to one person: plain text and HTML rendered in the recipient's language, with
absolute links from ``SITE_URL``. Used by every app for the mail it sends directly."""

from email.utils import formataddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation


def absolute_url(path: str = "/") -> str:
    return f"{settings.SITE_URL}{path}"


def templated_message(
    *,
    to_name: str,
    to_email: str,
    language: str,
    subject,
    template: str,
    context: dict,
    headers: dict | None = None,
) -> EmailMultiAlternatives:
    """A message from ``template``.txt and ``template``.html. ``subject`` may be a lazy
    translation or a callable of no arguments; it is rendered in ``language`` too."""
    with translation.override(language or settings.LANGUAGE_CODE):
        context = {"site_url": absolute_url("/"), **context}
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
        subject = str(subject() if callable(subject) else subject)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[formataddr((to_name, to_email))], headers=headers or {}
    )
    message.attach_alternative(html, "text/html")
    return message
