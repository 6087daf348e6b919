"""Admin pages hardened against tampered addresses: initial data from the query string and
django-simple-history's pages answer a bad id with 404 or ignore it, never a 500."""

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin


def _is_id(value) -> bool:
    try:
        int(value)
    except (TypeError, ValueError):
        return False
    return True


class ValidInitialData:
    """An add page ignores ``?field=value`` initial data that is no valid id of the related
    model: Django's autocomplete widget looks the value up as it is and fails (a 500)."""

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        for name, value in list(initial.items()):
            try:
                field = self.model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if not field.is_relation or field.related_model is None:
                continue
            target = getattr(field, "target_field", None) or field.related_model._meta.pk
            try:
                for one in value if isinstance(value, list) else [value]:
                    target.run_validators(target.to_python(one))
            except ValidationError:
                del initial[name]
        return initial


class HistoryAdmin(ValidInitialData, SimpleHistoryAdmin):
    """SimpleHistoryAdmin whose history pages answer 404 to an id that is not a number; the
    package's own views let the database field's ValueError through (a 500)."""

    def history_view(self, request, object_id, extra_context=None):
        if not _is_id(object_id):
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not (_is_id(object_id) and _is_id(version_id)):
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)
