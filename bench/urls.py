"""The application's URLs, plus the floor the pages are compared with."""

from django.http import HttpResponse
from django.urls import path

from netvaerk.models import Network
from netvaerk.urls import handler500  # noqa: F401
from netvaerk.urls import urlpatterns as app_urlpatterns


def floor(request, pk: int):
    """A minimal page: one query by primary key, a short plain-text answer."""
    name = Network.objects.filter(pk=pk).values_list("name", flat=True).first()
    return HttpResponse(name or "-", content_type="text/plain; charset=utf-8")


urlpatterns = [path("__bench__/floor/<int:pk>/", floor, name="bench_floor"), *app_urlpatterns]
