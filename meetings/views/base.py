"""What the secretariat's pages share: who may open them."""

from rules.contrib.views import PermissionRequiredMixin


class SecretariatPage(PermissionRequiredMixin):
    """A page of the secretariat's application. Anonymous visitors are sent to log in;
    a signed-in person without the permission gets 403."""

    permission_required = "netvaerk.use_secretariat_pages"


class ObjectPage(SecretariatPage):
    """A page about one object. Someone who may not use the secretariat's pages at all gets
    403 before anything is looked up; an object outside the networks the user may see is
    404; then ``permission_required`` is checked against the object (403)."""

    def has_permission(self):
        if not self.request.user.has_perm("netvaerk.use_secretariat_pages"):
            return False
        return super().has_permission()


class ForgivingList:
    """A paginated list that never fails on its query: a page number out of range or not a
    number shows the nearest page, and the pagination links keep the other parameters."""

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop(self.page_kwarg, None)
        kwargs.setdefault("query_string", query.urlencode())
        return super().get_context_data(**kwargs)
