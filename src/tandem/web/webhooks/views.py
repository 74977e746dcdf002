"""The webhooks page of an organisation (owners): set one up (secret shown once), send a
test message, delete, and see the latest deliveries."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action
from tandem.web.webhooks import selectors, services, tasks
from tandem.web.webhooks.forms import WebhookForm
from tandem.web.webhooks.models import Event, Webhook


@org_view(Action.MANAGE_INTEGRATIONS)
@require_http_methods(["GET", "POST"])
def webhooks(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    form = WebhookForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        created = services.webhook_create(
            organisation=organisation, user=authenticated_user(request),
            name=form.cleaned_data["name"], url=form.cleaned_data["url"],
            events=form.cleaned_data["events"])
        secret = created.secret
        form = WebhookForm()
    response = render(request, "webhooks/webhooks.html", {
        "organisation": organisation, "membership": membership, "form": form,
        "secret": secret, "webhooks": selectors.webhooks_of(organisation=organisation),
        "deliveries": selectors.recent_deliveries(organisation=organisation),
        "event_labels": dict(Event.choices),
    })
    response["Cache-Control"] = "private, no-store"  # the page may show a secret
    return response


def _webhook(membership: Membership, webhook_id: int) -> Webhook:
    try:
        return selectors.webhook_get(organisation=membership.organisation, webhook_id=webhook_id)
    except Webhook.DoesNotExist as missing:
        raise Http404 from missing


@org_view(Action.MANAGE_INTEGRATIONS)
@require_POST
def webhook_test(request: HttpRequest, membership: Membership,
                 webhook_id: int) -> HttpResponseBase:
    webhook = _webhook(membership, webhook_id)
    services.emit(organisation=membership.organisation, event=Event.PING,
                  key=f"ping:{timezone.now().isoformat()}", subject={}, only=webhook)
    tasks.deliver_webhooks.enqueue()
    messages.success(request, _("A test message is on its way; its delivery is listed below."))
    return redirect("webhooks:list", org_id=membership.organisation.pk)


@org_view(Action.MANAGE_INTEGRATIONS)
@require_POST
def webhook_delete(request: HttpRequest, membership: Membership,
                   webhook_id: int) -> HttpResponseBase:
    services.webhook_delete(webhook=_webhook(membership, webhook_id))
    messages.success(request, _("The webhook is deleted."))
    return redirect("webhooks:list", org_id=membership.organisation.pk)
