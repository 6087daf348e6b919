from django.urls import path


def fail(request):
    raise RuntimeError("boom")


urlpatterns = [path("fejl/", fail)]
