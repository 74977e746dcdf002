"""What the portfolio and the comparison show, worded from each organisation's stored
result (never computed here: the figures are the ones its results pages show).

A figure is a :class:`Cell`: a value, or withheld (fewer respondents than the scan's
anonymity threshold: the page says "fewer than k", never a zero), or absent with the
reason (no closed scan, being prepared, not measured).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.contract.result import Result, ScaleResult
from tandem.report.wording import FAMILY, MET, NOT_MET, percent
from tandem.web.portfolio.selectors import Client
from tandem.web.results.pages import FAMILIES, fmt, heat_band
from tandem.web.scans.models import Scan, ScanStatus

VALUE, WITHHELD, ABSENT = "value", "withheld", "absent"
#: The statuses in the order "by status" lists them: where something happens first.
STATUS_ORDER = ("open", "draft", "closed", "none", "sso")
MIN_COMPARED, MAX_COMPARED = 2, 6


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    kind: str = VALUE
    band: int = -1  # a tension's colour band 0-4 (results.pages.heat_band), -1 for none


@dataclass(frozen=True, slots=True)
class Row:
    """One organisation of the portfolio as its row shows it; the ``*_key`` fields order
    and filter the list."""

    id: int
    name: str
    phase: Cell
    target: Cell
    wave: Scan | None
    closed_on: date | None
    rate: Cell
    respondents: Cell
    status: str
    status_label: str
    current: Scan | None
    progress: str
    late: int
    phase_key: int | None
    target_key: int | None
    rate_key: float | None
    filter_phase: str  # "1".."4", "withheld" or "unknown"
    respondents_n: int | None = None
    preparing: bool = False


def withheld(k: int) -> Cell:
    return Cell(ngettext("withheld: fewer than %(k)d respondent",
                         "withheld: fewer than %(k)d respondents", k) % {"k": k}, WITHHELD)


def _absent_reason(client: Client) -> Cell | None:
    """Why the client's last wave shows no figure at all, or None when it shows them."""
    if not client.reachable:
        return Cell(_("sign in through its single sign-on"), ABSENT)
    if client.last is None:
        return Cell(_("no closed scan yet"), ABSENT)
    if client.preparing:
        return Cell(_("being prepared"), ABSENT)
    if client.failed or client.result is None:
        return Cell(_("could not be computed"), ABSENT)
    if client.result.meta.n is None:
        return withheld(client.result.meta.k)
    return None


def _phase(result: Result, lang: str) -> Cell:
    if result.phase is None:
        return Cell(_("cannot be determined"), ABSENT)
    return Cell(result.phase.ladder.label(lang))


def _target(result: Result, lang: str) -> Cell:
    if result.target is None:
        return Cell(_("cannot be determined"), ABSENT)
    return Cell(result.target.label(lang))


def _rate(client: Client, lang: str) -> Cell:
    """The response rate as the overview shows it (withheld with the count below k)."""
    if client.rates is None or client.last is None:
        return Cell("—", ABSENT)
    total = client.rates.total
    if total.invited == 0:
        return Cell(_("no invitations"), ABSENT)
    if total.rate is None:
        return withheld(client.rates.k)
    return Cell(percent(total.rate, lang))


def _status(client: Client) -> tuple[str, str]:
    if not client.reachable:
        return "sso", _("Single sign-on only")
    if client.current is not None and client.current.status == ScanStatus.OPEN:
        return "open", _("Scan open")
    if client.current is not None:
        return "draft", _("Scan in preparation")
    if client.last is not None:
        return "closed", _("Last scan closed")
    return "none", _("No scan yet")


def _progress(client: Client) -> str:
    p = client.progress
    if not p.total:
        return _("no actions yet")
    text = _("%(done)d of %(total)d actions done") % {"done": p.done, "total": p.total}
    if p.late:
        text += ", " + ngettext("%(n)d late", "%(n)d late", p.late) % {"n": p.late}
    return text


def row(client: Client, lang: str) -> Row:
    absent = _absent_reason(client)
    result = client.result if absent is None else None
    if result is not None:
        phase, target, respondents = (_phase(result, lang), _target(result, lang),
                                      Cell(str(result.meta.n)))
    else:
        assert absent is not None
        phase = target = respondents = absent
    ladder = result.phase.ladder.phase if result is not None and result.phase else None
    goal = result.target.phase if result is not None and result.target else None
    status, label = _status(client)
    reachable = client.reachable
    return Row(
        id=client.organisation.pk, name=client.organisation.name, phase=phase, target=target,
        wave=client.last if reachable else None,
        closed_on=timezone.localdate(client.closed_at) if client.closed_at else None,
        rate=_rate(client, lang) if reachable else phase, respondents=respondents,
        status=status, status_label=label, current=client.current,
        progress=_progress(client) if reachable else "", late=client.progress.late,
        phase_key=ladder, target_key=goal,
        rate_key=client.rates.total.rate if client.rates is not None else None,
        filter_phase=(str(ladder) if ladder else
                      WITHHELD if absent is not None and absent.kind == WITHHELD else "unknown"),
        respondents_n=result.meta.n if result is not None else None,
        preparing=client.preparing,
    )


# ---------------------------------------------------------------- the list


SortKey = Callable[[Row], Any]
_KEYS: dict[str, SortKey] = {
    "name": lambda r: r.name.casefold(),
    "phase": lambda r: r.phase_key,
    "target": lambda r: r.target_key,
    "wave": lambda r: r.closed_on,
    "rate": lambda r: r.rate_key,
    "status": lambda r: STATUS_ORDER.index(r.status),
}


def ordered(rows: Sequence[Row], sort: str) -> list[Row]:
    """``sort`` names a column, "-" before it for descending; a row without that
    figure comes last either way, and ties keep the order by name."""
    key = _KEYS[sort.lstrip("-") if sort.lstrip("-") in _KEYS else "name"]
    by_name = sorted(rows, key=_KEYS["name"])
    present = [r for r in by_name if key(r) is not None]
    missing = [r for r in by_name if key(r) is None]
    return sorted(present, key=key, reverse=sort.startswith("-")) + missing


def filtered(rows: Sequence[Row], query: dict[str, str]) -> list[Row]:
    text = query.get("q", "").casefold()
    return [r for r in rows
            if text in r.name.casefold()
            and query.get("status", r.status) == r.status
            and query.get("phase", r.filter_phase) == r.filter_phase]


def columns(query: dict[str, str]) -> list[dict[str, str]]:
    """The sortable headings: each links to its order (again: the other way round), and
    says in ``aria_sort`` whether the list is in its order now."""
    labels = {"name": _("Organisation"), "phase": _("Phase"), "target": _("Target"),
              "wave": _("Last wave"), "rate": _("Response rate"), "status": _("Status")}
    current = query.get("sort", "name")
    out = []
    for key in _KEYS:
        ascending = current == key
        descending = current == f"-{key}"
        params = {k: v for k, v in query.items() if k != "sort"}
        params["sort"] = f"-{key}" if ascending else key
        out.append({"key": key, "label": labels[key], "query": urlencode(params),
                    "aria_sort": "ascending" if ascending else
                    "descending" if descending else "none"})
    return out


# ---------------------------------------------------------------- side by side


def _scales(results: Sequence[Result], kind: str) -> list[ScaleResult]:
    """The scales of this kind in any of the results, once each, in instrument order."""
    seen: dict[str, ScaleResult] = {}
    for result in results:
        for scale in result.scales:
            if scale.kind == kind:
                seen.setdefault(scale.id, scale)
    return list(seen.values())


def _scale_cell(client: Client, absent: Cell | None, scale_id: str, lang: str,
                block: bool) -> Cell:
    if absent is not None:
        return absent
    assert client.result is not None
    scale = next((s for s in client.result.scales if s.id == scale_id), None)
    if scale is None:
        return Cell(_("not measured"), ABSENT)
    if block:
        figures = client.result.phase.blocks.get(scale_id) if client.result.phase else None
        if figures is None or figures.score is None:
            return withheld(client.result.meta.k)
        met = MET(lang) if figures.met else NOT_MET(lang)
        return Cell(f"{fmt(figures.score, lang)} ({met})")
    if scale.tension is None:
        return withheld(client.result.meta.k)
    return Cell(fmt(scale.tension, lang), band=heat_band(scale.tension))


def comparison(clients: Sequence[Client], lang: str) -> dict[str, Any]:
    """The organisations side by side: a summary per organisation, the phase blocks and
    the sources of tension, each as the organisation's results pages show it."""
    rows = [row(c, lang) for c in clients]
    absent = [_absent_reason(c) for c in clients]
    shown = [c.result for c, a in zip(clients, absent, strict=True)
             if a is None and c.result is not None]
    blocks = [
        {"title": s.title(lang),
         "cells": [_scale_cell(c, a, s.id, lang, block=True)
                   for c, a in zip(clients, absent, strict=True)]}
        for s in _scales(shown, "phase_block")
    ]
    tensions = _scales(shown, "tension")
    families = [
        {"label": FAMILY[family](lang),
         "rows": [{"title": s.title(lang),
                   "cells": [_scale_cell(c, a, s.id, lang, block=False)
                             for c, a in zip(clients, absent, strict=True)]}
                  for s in tensions if s.family == family]}
        for family in FAMILIES
    ]
    labels = (_("Form"), _("Respondents"), _("Response rate"), _("Phase"), _("Target"))
    summary = [
        {"row": r, "cells": list(zip(labels, (_form(c), r.respondents, r.rate, r.phase, r.target),
                                     strict=True))}
        for c, r in zip(clients, rows, strict=True)
    ]
    return {"rows": rows, "labels": labels, "summary": summary, "blocks": blocks,
            "families": [f for f in families if f["rows"]]}


def _form(client: Client) -> Cell:
    if client.last is None or not client.reachable:
        return Cell("—", ABSENT)
    return Cell(_("Quick scan (indicative)") if client.last.form == "quick" else _("Full scan"))
