"""The action plan as rows: one table for the CSV export and the PDF report alike.

Pure Python (no Django): the web app hands in plain :class:`PlanItem` values and gets
back headers and rows in Dutch or English, so the CSV download, the overview page and
the PDF report's action-plan section (``action_plan_section``) say the same thing. The
PDF engineer includes the section by passing its ``headers``/``rows`` to the template.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from tandem.instrument import load_instrument
from tandem.roadmap import load_catalogue

STATUS_LABELS: dict[str, tuple[str, str]] = {  # code -> (nl, en)
    "planned": ("Gepland", "Planned"),
    "in_progress": ("Bezig", "In progress"),
    "done": ("Klaar", "Done"),
    "dropped": ("Geschrapt", "Dropped"),
}
FINISHED = ("done", "dropped")
JOINT = ("Sales en Marketing samen", "Sales and Marketing jointly")
HEADERS: dict[str, tuple[str, ...]] = {
    "nl": ("Actie", "Eigenaar", "Deadline", "Status", "Te laat", "Roadmapstap", "Schalen",
           "Criteria", "Notities"),
    "en": ("Action", "Owner", "Due date", "Status", "Late", "Roadmap step", "Scales",
           "Criteria", "Notes"),
}


@dataclass(frozen=True, slots=True)
class PlanItem:
    """One action as the report needs it (no database objects)."""

    title: str
    owner_name: str
    joint_owner: bool
    due_date: date | None
    status: str
    step: str = ""
    scales: tuple[str, ...] = ()
    criteria: tuple[str, ...] = ()
    notes: str = ""


def _lang(lang: str) -> int:
    return 1 if lang == "en" else 0


def owner_label(item: PlanItem, lang: str) -> str:
    if item.joint_owner:
        joint = JOINT[_lang(lang)]
        return f"{joint} ({item.owner_name})" if item.owner_name else joint
    return item.owner_name


def is_late(item: PlanItem, today: date) -> bool:
    """Due date passed and neither done nor dropped."""
    return item.due_date is not None and item.due_date < today and item.status not in FINISHED


@cache
def reader_names(lang: str) -> dict[str, str]:
    """Steps, scales and ladder criteria by the names the roadmap and the questionnaire
    give them, so that a manager's plan never shows an id such as ``eco_price``."""
    instrument = load_instrument()
    names = {s.id: s.title(lang) for s in load_catalogue().steps}
    names |= {s.id: s.title(lang) for s in instrument.scales}
    names |= {i.id: i.text(lang) for i in instrument.items}
    return names


def action_plan_rows(items: Iterable[PlanItem], lang: str, today: date,
                     step_titles: dict[str, str] | None = None) -> list[list[str]]:
    """One row of text per action, in the order of ``HEADERS[lang]``; steps, scales and
    criteria by their names (:func:`reader_names`), never their ids."""
    i = _lang(lang)
    yes_no = (("ja", "nee"), ("yes", "no"))[i]
    names = reader_names("en" if lang == "en" else "nl")
    titles = {**names, **(step_titles or {})}
    return [
        [
            item.title,
            owner_label(item, lang),
            item.due_date.isoformat() if item.due_date else "",
            STATUS_LABELS.get(item.status, (item.status, item.status))[i],
            yes_no[0] if is_late(item, today) else yes_no[1],
            titles.get(item.step, item.step),
            ", ".join(names.get(s, s) for s in item.scales),
            "; ".join(names.get(c, c) for c in item.criteria),
            item.notes,
        ]
        for item in items
    ]


@dataclass(frozen=True, slots=True)
class ActionPlanSection:
    """What the PDF report's action-plan section shows."""

    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[str]]
    late: int


def action_plan_section(items: Sequence[PlanItem], lang: str, today: date,
                        step_titles: dict[str, str] | None = None) -> ActionPlanSection:
    """Title, headers and rows for the PDF report (the notes column is left out there)."""
    rows = [r[:-1] for r in action_plan_rows(items, lang, today, step_titles)]
    return ActionPlanSection(
        title="Actieplan" if lang != "en" else "Action plan",
        headers=HEADERS["en" if lang == "en" else "nl"][:-1],
        rows=rows,
        late=sum(1 for item in items if is_late(item, today)),
    )


__all__ = ["HEADERS", "ActionPlanSection", "PlanItem", "action_plan_rows",
           "action_plan_section", "is_late", "owner_label"]
