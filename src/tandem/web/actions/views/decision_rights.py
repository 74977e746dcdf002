"""Pages of the decision-rights agreement (the RACI matrix): the current version, the
form that agrees a new one, an earlier version, and a version as PDF or CSV, in the
language of whoever downloads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from tandem.analysis.decisions import RightsCompared
from tandem.instrument import load_instrument
from tandem.report.raci_pdf import raci_table, render_raci_pdf
from tandem.web.actions import selectors, services
from tandem.web.actions.forms import DecisionRightsForm, cell_name
from tandem.web.actions.models import Party
from tandem.web.actions.views._common import _base, _csv_download, _diagnosis, _lang
from tandem.web.organisations.auth import authenticated_user, org_view
from tandem.web.organisations.models import Membership
from tandem.web.organisations.permissions import Action as Perm
from tandem.web.organisations.signals import record_export
from tandem.web.scans.models import Scan


def _areas(scan: Scan | None) -> list[tuple[str, Any]]:
    instrument = scan.instrument if scan else load_instrument()
    return list(instrument.areas.items())


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def decision_rights(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    current = selectors.decision_rights_current(organisation=organisation)
    scan = selectors.latest_closed_scan(organisation=organisation)
    result = _diagnosis(request, scan) if scan else None
    findings = selectors.decision_compared(result) if result else ()
    return render(request, "actions/decision_rights.html", _base(
        membership, current=current, table=_matrix_table(current.matrix, findings)
        if current else [], versions=selectors.decision_rights_versions(organisation=organisation),
        findings=findings, scan=scan, parties=Party.choices, **_should_summary(findings)))


def _should_summary(findings: Sequence[RightsCompared]) -> dict[str, Any]:
    """Whether the scan asked who should decide, and in how many areas the answer
    differs from who decides today (for the sentence above the findings)."""
    return {"should_asked": any(f.should_asked for f in findings),
            "differ_count": sum(1 for f in findings if f.differs),
            "area_count": len(findings)}


def _matrix_table(matrix: dict[str, dict[str, str]],
                  findings: Any = ()) -> list[tuple[str, list[str]]]:
    labels = dict(_areas(None))
    order = [f.area for f in findings] or list(labels)
    order += [a for a in labels if a not in order]
    lang = _lang()
    return [(labels[a](lang)[:1].upper() + labels[a](lang)[1:],
             [{"AR": "A/R"}.get(matrix.get(a, {}).get(p, ""), matrix.get(a, {}).get(p, "")
                               or "–") for p in Party.values]) for a in order if a in labels]


@org_view(Perm.AGREE_DECISION_RIGHTS)
@require_http_methods(["GET", "POST"])
def decision_rights_agree(request: HttpRequest, membership: Membership) -> HttpResponse:
    organisation = membership.organisation
    scan = selectors.latest_closed_scan(organisation=organisation)
    result = _diagnosis(request, scan) if scan else None
    findings = selectors.decision_compared(result) if result else ()
    by_area = dict(_areas(scan))
    ordered = [(f.area, by_area[f.area]) for f in findings if f.area in by_area]
    ordered += [(a, t) for a, t in by_area.items() if a not in {o[0] for o in ordered}]
    start = selectors.decision_rights_start(organisation=organisation, areas=list(by_area),
                                            compared=findings)
    initial = {cell_name(a, p): v for a, row in start.items() for p, v in row.items()}
    form = DecisionRightsForm(request.POST or None, initial=initial, areas=ordered, lang=_lang())
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.decision_rights_agree(
                organisation=organisation, matrix=form.matrix(), by=authenticated_user(request),
                note=form.cleaned_data["note"], scan=scan)
        except services.ActionsRuleError as exc:
            problems = exc.problems
        else:
            messages.success(request, _("Version %(number)d of the decision rights is agreed.")
                             % {"number": version.number})
            return redirect("actions:decision_rights", org_id=organisation.pk)
    findings_by_area = {f.area: f for f in findings}
    return render(request, "actions/decision_rights_form.html", _base(
        membership, form=form, problems=problems, scan=scan, parties=Party.choices,
        from_version=selectors.decision_rights_current(organisation=organisation) is not None,
        **_should_summary(findings), rows=[(area, label, cells, findings_by_area.get(area))
              for area, label, cells in form.table()]),
        status=400 if problems else 200)


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def decision_rights_version(request: HttpRequest, membership: Membership,
                            number: int) -> HttpResponse:
    version = selectors.decision_rights_version_get(organisation=membership.organisation,
                                                    number=number)
    return render(request, "actions/decision_rights_version.html", _base(
        membership, version=version, table=_matrix_table(version.matrix),
        parties=Party.choices))


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def decision_rights_pdf(request: HttpRequest, membership: Membership,
                        number: int) -> HttpResponse:
    version = selectors.decision_rights_version_get(organisation=membership.organisation,
                                                    number=number)
    record_export(request, membership, f"decision-rights-v{version.number}.pdf", version)
    pdf = render_raci_pdf(matrix=version.matrix, areas=_areas(version.scan), lang=_lang(),
                          organisation=membership.organisation.name, version=version.number,
                          agreed_by=version.by_email, agreed_at=version.at, note=version.note)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_raci_name(version.number)}.pdf"'
    return response


def _raci_name(number: int) -> str:
    name = "roles-and-responsibilities" if _lang() == "en" else "taken-en-verantwoordelijkheden"
    return f"{name}-v{number}"


@org_view(Perm.VIEW_ACTIONS)
@require_GET
def decision_rights_csv(request: HttpRequest, membership: Membership,
                        number: int) -> HttpResponse:
    """The matrix of a version as CSV: the same header and letters as the PDF."""
    version = selectors.decision_rights_version_get(organisation=membership.organisation,
                                                    number=number)
    record_export(request, membership, f"decision-rights-v{version.number}.csv", version)
    header, rows = raci_table(version.matrix, _areas(version.scan), _lang())
    return _csv_download([header, *rows], f"{_raci_name(version.number)}.csv")
