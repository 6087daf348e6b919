"""The record of processing, for the data protection officer (secretariat only)."""

from django.conf import settings
from django.views.generic import TemplateView

from meetings.privacy import consent_texts, processing_record

from .base import SecretariatPage


class ProcessingRecordView(SecretariatPage, TemplateView):
    permission_required = "participants.manage_participants"
    template_name = "privacy/record.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            entries=processing_record(),
            consent_texts=consent_texts(),
            retention_months=settings.NETVAERK_RETENTION_MONTHS,
            warning_days=settings.NETVAERK_RETENTION_WARNING_DAYS,
            sign_in_minutes=settings.NETVAERK_SIGN_IN_LINK_MINUTES,
            **kwargs,
        )
