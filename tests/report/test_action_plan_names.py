"""The action plan (CSV and PDF section) names steps, scales and criteria, never ids."""

from __future__ import annotations

from datetime import date

import pytest

from tandem.report.action_plan import PlanItem, action_plan_rows, action_plan_section

ITEM = PlanItem(title="Prijsoverleg", owner_name="Anna", joint_owner=False,
                due_date=date(2026, 1, 1), status="planned", step="feedback_process",
                scales=("eco_price", "cul_image"), criteria=("def_roles",))


@pytest.mark.parametrize(("lang", "scales"), [("en", "Price, Mutual image"),
                                              ("nl", "Prijs, Beeld van elkaar")])
def test_the_plan_names_what_the_questionnaire_and_roadmap_call_it(lang: str,
                                                                   scales: str) -> None:
    (row,) = action_plan_rows([ITEM], lang, date(2026, 2, 1))
    text = " ".join(row)
    for code in ("feedback_process", "eco_price", "cul_image", "def_roles"):
        assert code not in text
    assert row[6] == scales
    (pdf_row,) = action_plan_section([ITEM], lang, date(2026, 2, 1)).rows
    assert "eco_price" not in " ".join(pdf_row)
