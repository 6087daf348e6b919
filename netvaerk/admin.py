"""Admin for themes, the phase template and phases.

The network admin lives in meetings/admin.py: its change page shows the network's
memberships and meetings and the plan warnings, which belong to the higher apps.
"""

from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .history_admin import ValidInitialData
from .models import Phase, PhaseTemplate, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "network_count"]
    search_fields = ["name", "description"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(network_count=Count("networks"))

    @admin.display(description=_("networks"), ordering="network_count")
    def network_count(self, theme):
        return theme.network_count


@admin.register(PhaseTemplate)
class PhaseTemplateAdmin(admin.ModelAdmin):
    list_display = ["order", "name", "description"]
    list_display_links = ["name"]
    search_fields = ["name", "description"]


@admin.register(Phase)
class PhaseAdmin(ValidInitialData, admin.ModelAdmin):
    list_display = ["name", "network", "order", "start_date", "end_date"]
    list_filter = ["network__status", "network__theme"]
    search_fields = ["name", "network__name"]
    autocomplete_fields = ["network"]
    list_select_related = ["network"]
    date_hierarchy = "start_date"
