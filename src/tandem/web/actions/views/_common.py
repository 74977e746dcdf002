"""What every page of the action plan and its tools shares: the page context, the
diagnosis of a scan, and how a service's rule errors reach the member.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.contrib import messages
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.context import ContextError
from tandem.contract.result import Result
from tandem.io.writers import write_csv
from tandem.responses import ResponseDataError
from tandem.web.actions import selectors, services
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.permissions import role_may
from tandem.web.scans.models import Scan

# One logger for the pages of this app, named as before they were split by family.
logger = logging.getLogger("tandem.web.actions.views")


def _lang() -> str:
    return "en" if (get_language() or "nl").startswith("en") else "nl"


def _csv_download(rows: Sequence[Sequence[object]], filename: str) -> HttpResponse:
    """A CSV attachment for a spreadsheet: UTF-8 with a BOM, every cell that a spreadsheet
    would run as a formula neutralised (:func:`tandem.io.writers.write_csv`)."""
    buffer = io.StringIO(newline="")
    write_csv([list(row) for row in rows], buffer, bom=True)
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _base(membership: Membership, **extra: Any) -> dict[str, Any]:
    role = membership.role
    return {
        "organisation": membership.organisation, "membership": membership, "lang": _lang(),
        "may_manage": role_may(role, Perm.MANAGE_ACTIONS),
        "may_set_target": role_may(role, Perm.SET_TARGET),
        "may_agree": role_may(role, Perm.AGREE_DECISION_RIGHTS),
        "may_propose": role_may(role, Perm.PROPOSE_GLOSSARY),
        "may_decide": role_may(role, Perm.DECIDE_GLOSSARY),
        "may_manage_sla": role_may(role, Perm.MANAGE_SLA),
        **extra,
    }


def _diagnosis(request: HttpRequest, scan: Scan) -> Result | None:
    try:
        return selectors.scan_diagnosis(scan)
    except (ResponseDataError, ContextError):
        logger.exception("the diagnosis of scan %s could not be computed", scan.pk)
        messages.error(request, _("The results could not be computed from the stored answers."))
        return None


def _errors(request: HttpRequest, exc: services.ActionsRuleError) -> None:
    for problem in exc.problems:
        messages.error(request, problem)


def _form_errors(form: Any, exc: services.ActionsRuleError) -> None:
    """A service's rule violations shown on the form, beside its field errors."""
    for problem in exc.problems:
        form.add_error(None, problem)


def _form_page[T](request: HttpRequest, membership: Membership, form: BaseForm,
                  save: Callable[[], T], *, success: str, then: Callable[[T], HttpResponse],
                  template: str, **context: Any) -> HttpResponse:
    """A create or edit page: bind the form, call the service, show its rule errors.

    On a valid POST ``save`` calls the service; if it keeps its rules the member sees
    ``success`` and the answer is ``then(saved)`` (a redirect). Otherwise (a GET, field
    errors, or the service's rule errors, which are put on the form) ``template`` shows
    the form again, with ``context``.
    """
    if request.method == "POST" and form.is_valid():
        try:
            saved = save()
        except services.ActionsRuleError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, success)
            return then(saved)
    return render(request, template, _base(membership, form=form, **context))
