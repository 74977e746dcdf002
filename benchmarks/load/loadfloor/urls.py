from django.http import HttpRequest, HttpResponse
from django.urls import path

from loadfloor.models import Hit


def hit(request: HttpRequest) -> HttpResponse:
    """Write one row (autocommit: one transaction) and answer with its id."""
    row = Hit.objects.create(marker=request.GET.get("m", "")[:64])
    return HttpResponse(str(row.pk), content_type="text/plain")


urlpatterns = [path("hit/", hit)]
