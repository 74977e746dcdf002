from __future__ import annotations

from django.urls import path

from tandem.web.actions import views

app_name = "actions"

S = "<int:org_id>/scans/<int:scan_id>"
ORG = "<int:org_id>"

urlpatterns = [
    path(f"{S}/target/", views.target, name="target"),
    path(f"{S}/target/override/", views.target_override, name="target_override"),
    path(f"{S}/roadmap/", views.roadmap, name="roadmap"),
    path(f"{S}/roadmap/<slug:step>/action/", views.action_from_step, name="action_from_step"),
    path(f"{S}/workshop/", views.workshop, name="workshop"),
    path(f"{S}/workshop/action/", views.workshop_action, name="workshop_action"),
    path(f"{ORG}/actions/", views.action_plan, name="plan"),
    path(f"{ORG}/actions/new/", views.action_new, name="action_new"),
    path(f"{ORG}/actions/export.csv", views.actions_export, name="export"),
    path(f"{ORG}/actions/<int:action_id>/", views.action_detail, name="action"),
    path(f"{ORG}/actions/<int:action_id>/edit/", views.action_edit, name="action_edit"),
    path(f"{ORG}/pulses/new/", views.pulse_new, name="pulse_new"),
    path(f"{ORG}/pulses/<int:scan_id>/", views.pulse_detail, name="pulse"),
    path(f"{ORG}/decision-rights/", views.decision_rights, name="decision_rights"),
    path(f"{ORG}/decision-rights/agree/", views.decision_rights_agree,
         name="decision_rights_agree"),
    path(f"{ORG}/decision-rights/v<int:number>/", views.decision_rights_version,
         name="decision_rights_version"),
    path(f"{ORG}/decision-rights/v<int:number>.pdf", views.decision_rights_pdf,
         name="decision_rights_pdf"),
    path(f"{ORG}/decision-rights/v<int:number>.csv", views.decision_rights_csv,
         name="decision_rights_csv"),
    path(f"{ORG}/glossary/", views.glossary, name="glossary"),
    path(f"{ORG}/glossary.csv", views.glossary_csv, name="glossary_csv"),
    path(f"{ORG}/glossary/seed/", views.glossary_seed, name="glossary_seed"),
    path(f"{ORG}/glossary/propose/", views.glossary_propose_new, name="glossary_propose_new"),
    path(f"{ORG}/glossary/<int:term_id>/", views.glossary_term, name="glossary_term"),
    path(f"{ORG}/glossary/<int:term_id>/propose/", views.glossary_propose,
         name="glossary_propose"),
    path(f"{ORG}/glossary/proposals/<int:change_id>/decide/", views.glossary_decide,
         name="glossary_decide"),
    path(f"{ORG}/sla/", views.sla, name="sla"),
    path(f"{ORG}/sla.csv", views.sla_csv, name="sla_csv"),
    path(f"{ORG}/sla/new/", views.sla_new, name="sla_new"),
    path(f"{ORG}/sla/<int:commitment_id>/", views.sla_commitment, name="sla_commitment"),
    path(f"{ORG}/sla/<int:commitment_id>/months/", views.sla_actual_record,
         name="sla_actual_record"),
    path(f"{ORG}/sla/<int:commitment_id>/months/<int:actual_id>/delete/",
         views.sla_actual_delete, name="sla_actual_delete"),
    path(f"{ORG}/sla/<int:commitment_id>/edit/", views.sla_edit, name="sla_edit"),
    path(f"{ORG}/sla/<int:commitment_id>/delete/", views.sla_delete, name="sla_delete"),
]
