"""Reads of the customer mirror: a scan's mirror, a link's mirror, and its figures.

The figures come from the core (:func:`tandem.analysis.mirror.mirror`), which decides
what may be shown (n >= k per stage, no total); a page draws only that.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Count
from django.http import Http404

from tandem.analysis import mirror as core
from tandem.contract.result import JourneyStage
from tandem.instrument.customer import CustomerQuestionnaire, load_questionnaire
from tandem.privacy import may_show
from tandem.web.mirror.models import Mirror, MirrorAnswer, MirrorLink
from tandem.web.organisations.models import Organisation
from tandem.web.scans.models import Scan


class LinkUnavailableError(Exception):
    """Unknown token, closed mirror: the customer gets one page for all of them."""


@dataclass(frozen=True, slots=True)
class Visit:
    """What a customer's link opens: the mirror and its stage (None: the customer picks)."""

    mirror: Mirror
    stage: str | None
    questionnaire: CustomerQuestionnaire


def mirror_of(*, scan: Scan) -> Mirror | None:
    return Mirror.objects.filter(scan=scan).first()


def mirror_get(*, organisation: Organisation, scan_id: int) -> Mirror:
    found = Mirror.objects.select_related("scan").filter(
        scan_id=scan_id, scan__organisation=organisation).first()
    if found is None:
        raise Http404("no customer mirror")
    return found


def mirror_links(*, mirror: Mirror) -> list[MirrorLink]:
    """The stage links in journey order."""
    order = list(load_questionnaire(mirror.questionnaire).stages)
    return sorted(mirror.links.all(), key=lambda link: order.index(link.stage))


def visit_for(token: str) -> Visit:
    """The open mirror a customer's link belongs to, or :class:`LinkUnavailableError`."""
    link = MirrorLink.objects.select_related("mirror__scan__organisation").filter(
        token=token).first()
    found = link.mirror if link is not None else Mirror.objects.select_related(
        "scan__organisation").filter(token=token).first()
    if found is None or not found.is_open:
        raise LinkUnavailableError
    return Visit(found, link.stage if link is not None else None,
                 load_questionnaire(found.questionnaire))


def stages_ready(*, mirror: Mirror) -> dict[str, bool]:
    """Per stage, whether it has enough customers to be shown once the mirror closes.

    A yes/no and never a count, so an open mirror tells nobody how many answered."""
    counts = dict(MirrorAnswer.objects.filter(mirror=mirror).values_list("stage")
                  .annotate(n=Count("pk")).values_list("stage", "n"))
    return {stage: may_show(counts.get(stage, 0), mirror.scan.k)
            for stage in load_questionnaire(mirror.questionnaire).stages}


def mirror_figures(*, mirror: Mirror, journey: Sequence[JourneyStage]) -> core.Mirror:
    """The customers' figures per stage beside ``journey``, under the scan's k."""
    answers = [core.CustomerAnswer(stage, values) for stage, values in
               MirrorAnswer.objects.filter(mirror=mirror).values_list("stage", "values")]
    return core.mirror(load_questionnaire(mirror.questionnaire), answers, k=mirror.scan.k,
                  journey=journey)
