"""The admin's change history (django-simple-history), hardened against tampered addresses."""

from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose page of one earlier version answers 404 to an id that is not
    a number; the package's own view lets the database field's ValueError through (a 500)."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        for value in (object_id, version_id):
            try:
                int(value)
            except (TypeError, ValueError):
                raise Http404 from None
        return super().history_form_view(request, object_id, version_id, extra_context)
