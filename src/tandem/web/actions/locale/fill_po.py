"""Fill this app's Dutch catalogue from the table below and compile django.mo.

Usage (after ``makemessages``, run from src/tandem/web/actions with ``python -P`` so
this app's ``selectors.py`` does not shadow the standard library)::

    DJANGO_SETTINGS_MODULE=tandem.web.settings python -P -m django makemessages -l nl \\
        --no-location --no-wrap && python -P locale/fill_po.py

Exits non-zero and lists every msgid without a translation, so none slips through.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
PO = HERE / "nl" / "LC_MESSAGES" / "django.po"

NL: dict[str, str] = {
    "Action plan": "Actieplan",
    "Target phase": "Doelfase",
    "Reason": "Reden",
    "Required: why this target fits better. It is kept with your name and shown with the target.":
        "Verplicht: waarom deze doelfase beter past. De reden wordt met uw naam bewaard en "
        "bij de doelfase getoond.",
    "Title": "Titel",
    "Owner": "Eigenaar",
    "The name of the person who sees to it.": "De naam van de persoon die het oppakt.",
    "Joint owner: Sales and Marketing": "Gezamenlijke eigenaar: Sales en Marketing",
    "Due date": "Deadline",
    "Status": "Status",
    "Notes": "Notities",
    "Scales it should move": "Schalen die het moet verbeteren",
    "Criteria it should move": "Criteria die het moet verbeteren",
    "Note (optional)": "Toelichting (optioneel)",
    "Term (Dutch)": "Begrip (Nederlands)",
    "Term (English)": "Begrip (Engels)",
    "Definition (Dutch)": "Definitie (Nederlands)",
    "Definition (English)": "Definitie (Engels)",
    "A stage of the lead funnel": "Een fase van de leadfunnel",
    "Entry criteria (Dutch)": "Instapcriteria (Nederlands)",
    "Entry criteria (English)": "Instapcriteria (Engels)",
    "Exit criteria (Dutch)": "Uitstapcriteria (Nederlands)",
    "Exit criteria (English)": "Uitstapcriteria (Engels)",
    "Why this change": "Waarom deze wijziging",
    "Decision": "Besluit",
    "Approve": "Goedkeuren",
    "Reject": "Afwijzen",
    "Note": "Toelichting",
    "Kind": "Soort",
    "Commitment": "Afspraak",
    "For example: Marketing delivers qualified leads; Sales follows up A-leads.":
        "Bijvoorbeeld: Marketing levert gekwalificeerde leads; Sales volgt A-leads op.",
    "Lead grade": "Leadklasse",
    "For example A, B or C; leave empty if none.":
        "Bijvoorbeeld A, B of C; laat leeg als dat niet van toepassing is.",
    "Target value": "Streefwaarde",
    "Unit": "Eenheid",
    "For example: leads per month, hours.": "Bijvoorbeeld: leads per maand, uren.",
    "Marketing": "Marketing",
    "Sales": "Sales",
    "Customer Service": "Customer Service",
    "Management": "Directie",
    "Sales and Marketing jointly": "Sales en Marketing samen",
    "target phase": "doelfase",
    "reason": "reden",
    "Planned": "Gepland",
    "In progress": "Bezig",
    "Done": "Klaar",
    "Dropped": "Geschrapt",
    "The scan the action came from (the baseline).":
        "De scan waar de actie uit voortkomt (het nulpunt).",
    "roadmap step": "roadmapstap",
    "title": "titel",
    "owner": "eigenaar",
    "A named person who sees to it.": "Een persoon met naam die het oppakt.",
    "joint owner: Sales and Marketing": "gezamenlijke eigenaar: Sales en Marketing",
    "The heads of Sales and Marketing own it together.":
        "De leidinggevenden van Sales en Marketing zijn samen eigenaar.",
    "due date": "deadline",
    "status": "status",
    "notes": "notities",
    "scales it should move": "schalen die het moet verbeteren",
    "criteria it should move": "criteria die het moet verbeteren",
    "note": "toelichting",
    "funnel stage": "funnelfase",
    "term (Dutch)": "begrip (Nederlands)",
    "term (English)": "begrip (Engels)",
    "definition (Dutch)": "definitie (Nederlands)",
    "definition (English)": "definitie (Engels)",
    "entry criteria (Dutch)": "instapcriteria (Nederlands)",
    "entry criteria (English)": "instapcriteria (Engels)",
    "exit criteria (Dutch)": "uitstapcriteria (Nederlands)",
    "exit criteria (English)": "uitstapcriteria (Engels)",
    "Proposed": "Voorgesteld",
    "Approved": "Goedgekeurd",
    "Rejected": "Afgewezen",
    "Pre-filled": "Vooraf ingevuld",
    "why this change": "waarom deze wijziging",
    "Lead volume": "Aantal leads",
    "Follow-up time": "Opvolgtijd",
    "Lead quality": "Kwaliteit van leads",
    "Feedback": "Feedback",
    "Other": "Overig",
    "kind": "soort",
    "commitment": "afspraak",
    "lead grade": "leadklasse",
    "target value": "streefwaarde",
    "unit": "eenheid",
    "Write down why you set another target.": "Schrijf op waarom u een andere doelfase kiest.",
    "The target cannot be below the current phase.":
        "De doelfase kan niet onder de huidige fase liggen.",
    "Unknown scale: %(id)s.": "Onbekende schaal: %(id)s.",
    "Unknown criterion: %(id)s.": "Onbekend criterium: %(id)s.",
    "An action needs a title.": "Een actie heeft een titel nodig.",
    "Name the person who owns the action, or make Sales and Marketing joint owners.":
        "Noem de persoon die eigenaar is van de actie, of maak Sales en Marketing samen "
        "eigenaar.",
    "Unknown status.": "Onbekende status.",
    "That scan belongs to another organisation.": "Die scan hoort bij een andere organisatie.",
    "Unknown decision area(s): %(areas)s.": "Onbekend beslisgebied: %(areas)s.",
    "%(area)s: unknown party or role %(bad)s.": "%(area)s: onbekende partij of rol %(bad)s.",
    "%(area)s: exactly one party must be Accountable (A), not %(count)d.":
        "%(area)s: precies één partij moet eindverantwoordelijk zijn (A), niet %(count)d.",
    "%(area)s: at least one party must be Responsible (R).":
        "%(area)s: minstens één partij moet uitvoerend verantwoordelijk zijn (R).",
    "The term and its definition are needed in Dutch and English.":
        "Het begrip en de definitie zijn nodig in het Nederlands en het Engels.",
    "Choose who owns the term.": "Kies wie eigenaar is van het begrip.",
    "A funnel stage needs entry and exit criteria in Dutch and English.":
        "Een funnelfase heeft instap- en uitstapcriteria nodig in het Nederlands en het Engels.",
    "That term belongs to another organisation.": "Dat begrip hoort bij een andere organisatie.",
    "The proposal changes nothing.": "Het voorstel verandert niets.",
    "This proposal has already been decided.": "Over dit voorstel is al besloten.",
    "Choose the kind of commitment.": "Kies de soort afspraak.",
    "Choose who owns the commitment: Sales, Marketing or both.":
        "Kies wie eigenaar is van de afspraak: Sales, Marketing of beide.",
    "Describe the commitment.": "Beschrijf de afspraak.",
    "Give the unit, for example 'leads per month' or 'hours'.":
        "Geef de eenheid, bijvoorbeeld 'leads per maand' of 'uren'.",
    "The target value cannot be negative.": "De streefwaarde kan niet negatief zijn.",
    "Decision area": "Beslisgebied",
    "Who decides today (most common answer)": "Wie beslist nu (meest gegeven antwoord)",
    "Clarity": "Duidelijkheid",
    "Contested": "Omstreden",
    "contested": "omstreden",
    "no": "nee",
    "Decision rights (RACI)": "Beslisbevoegdheden (RACI)",
    "From “%(before)s” to “%(after)s”, with the 95%% confidence interval of the change.":
        "Van “%(before)s” naar “%(after)s”, met het 95%%-betrouwbaarheidsinterval van de "
        "verandering.",
    "What it addresses": "Waar het op gericht is",
    "Before": "Voor",
    "After": "Na",
    "Change (95%% CI)": "Verandering (95%%-BI)",
    "Change (95% CI)": "Verandering (95%-BI)",
    "Verdict": "Oordeel",
    "The movement shows here once a later scan has closed.":
        "De beweging verschijnt hier zodra een latere scan is gesloten.",
    "Action plan and agreements": "Actieplan en afspraken",
    "Decision rights": "Beslisbevoegdheden",
    "Glossary": "Begrippenlijst",
    "Sales–marketing agreement": "Sales-marketingafspraak",
    "improved": "verbeterd",
    "worsened": "verslechterd",
    "no change beyond noise": "geen verandering boven de ruis",
    "too few respondents to tell": "te weinig respondenten om het te zeggen",
    "cannot tell": "niet te zeggen",
    "late": "te laat",
    "Roadmap step": "Roadmapstap",
    "Edit action": "Actie bewerken",
    "Movement since the scan": "Beweging sinds de scan",
    "New action": "Nieuwe actie",
    "From roadmap step": "Uit roadmapstap",
    "Save action": "Actie opslaan",
    "Who is Responsible, Accountable, Consulted and Informed per decision area: exactly one A and at least one R per area.":  # noqa: E501
        "Wie per beslisgebied uitvoert (R), beslist (A), meepraat (C) en geïnformeerd wordt "
        "(I): precies één A en minstens één R per gebied.",
    "Agree a new version": "Een nieuwe versie vaststellen",
    "Agree the decision rights": "De beslisbevoegdheden vaststellen",
    "Agreed version %(number)s": "Vastgestelde versie %(number)s",
    "Recorded by %(who)s on %(when)s.": "Vastgelegd door %(who)s op %(when)s.",
    "Download as PDF (one page)": "Downloaden als pdf (één pagina)",
    "No decision rights agreed yet.": "Nog geen beslisbevoegdheden vastgesteld.",
    "What the scan found: who decides today": "Wat de scan liet zien: wie beslist nu",
    "History": "Geschiedenis",
    "Version %(number)s": "Versie %(number)s",
    "No versions yet.": "Nog geen versies.",
    "Per decision area: exactly one party is Accountable (A: decides) and at least one is Responsible (R: does the work); A/R is both. Contested areas from the scan come first.":  # noqa: E501
        "Per beslisgebied: precies één partij is eindverantwoordelijk (A: beslist) en "
        "minstens één voert uit (R); A/R is beide. Omstreden gebieden uit de scan staan "
        "bovenaan.",
    "Not saved:": "Niet opgeslagen:",
    "Found in the scan": "Gevonden in de scan",
    "Agree this version": "Deze versie vaststellen",
    "Decision rights, version %(number)s": "Beslisbevoegdheden, versie %(number)s",
    "Shared glossary": "Gedeelde begrippenlijst",
    "The words Sales and Marketing must mean the same thing by. Anyone may propose a change; an owner approves or rejects it, and every version is kept.":  # noqa: E501
        "De woorden waarmee Sales en Marketing hetzelfde moeten bedoelen. Iedereen mag een "
        "wijziging voorstellen; een eigenaar keurt die goed of af, en elke versie wordt "
        "bewaard.",
    "Propose a new term": "Een nieuw begrip voorstellen",
    "Start from the standard terms": "Beginnen met de standaardbegrippen",
    "Proposals waiting for an owner": "Voorstellen die op een eigenaar wachten",
    "New term": "Nieuw begrip",
    "Terms": "Begrippen",
    "Term": "Begrip",
    "Definition": "Definitie",
    "Entry criteria": "Instapcriteria",
    "Exit criteria": "Uitstapcriteria",
    "No terms yet.": "Nog geen begrippen.",
    "Propose a change": "Een wijziging voorstellen",
    "An owner approves or rejects your proposal; until then the glossary keeps its current wording.":  # noqa: E501
        "Een eigenaar keurt uw voorstel goed of af; tot dan houdt de begrippenlijst de "
        "huidige tekst.",
    "Send proposal": "Voorstel versturen",
    "Version": "Versie",
    "pre-filled from the Tandem starter glossary":
        "vooraf ingevuld uit de standaardbegrippenlijst van Tandem",
    "proposed by": "voorgesteld door",
    "decided by": "besloten door",
    "on": "op",
    "Download as CSV": "Downloaden als CSV",
    "From diagnosis to action": "Van diagnose naar actie",
    "roadmap": "roadmap",
    "Actions": "Acties",
    "Action": "Actie",
    "after the next scan": "na de volgende scan",
    "No actions yet. Turn a roadmap step into an action.":
        "Nog geen acties. Maak van een roadmapstap een actie.",
    "Roadmap": "Roadmap",
    "Target": "Doel",
    "set by the owner": "gekozen door de eigenaar",
    "The results could not be computed from the stored answers.":
        "De resultaten konden niet uit de opgeslagen antwoorden worden berekend.",
    "Repair first": "Eerst herstellen",
    "Next": "Volgende",
    "Later": "Later",
    "Already in place": "Al op orde",
    "What to do": "Wat te doen",
    "Turn into action": "Maak er een actie van",
    "Open the decision-rights agreement": "Open de afspraken over beslisbevoegdheden",
    "Open the shared glossary": "Open de gedeelde begrippenlijst",
    "Open the sales–marketing agreement": "Open de sales-marketingafspraak",
    "Sales–marketing agreement (SLA)": "Sales-marketingafspraak (SLA)",
    "What Marketing and Sales promise each other, with an owner, a target value and a unit, so it can be measured later.":  # noqa: E501
        "Wat Marketing en Sales elkaar beloven, met een eigenaar, een streefwaarde en een "
        "eenheid, zodat het later gemeten kan worden.",
    "Add a commitment": "Een afspraak toevoegen",
    "Recorded": "Vastgelegd",
    "Change": "Wijzigen",
    "Edit": "Bewerken",
    "Remove": "Verwijderen",
    "No commitments recorded yet.": "Nog geen afspraken vastgelegd.",
    "Edit commitment": "Afspraak bewerken",
    "Save": "Opslaan",
    "This scan has no target phase: too few answers, or the results could not be computed.":
        "Deze scan heeft geen doelfase: te weinig antwoorden, of de resultaten konden niet "
        "worden berekend.",
    "Current phase": "Huidige fase",
    "Computed target": "Berekende doelfase",
    "Urgency": "Urgentie",
    "Act now": "Nu handelen",
    "Plan the next step": "De volgende stap plannen",
    "Maintain": "Vasthouden",
    "Set by the owner": "Gekozen door de eigenaar",
    "The roadmap to this target": "De roadmap naar deze doelfase",
    "Why: every rule that fired": "Waarom: elke regel die van toepassing was",
    "Rule": "Regel",
    "What it says": "Wat de regel zegt",
    "Facts it used": "Gebruikte gegevens",
    "Could not be judged": "Niet te beoordelen",
    "Set another target": "Een andere doelfase kiezen",
    "Set target": "Doelfase vastleggen",
    "History of the target": "Geschiedenis van de doelfase",
    "The computed target has not been changed.": "De berekende doelfase is niet gewijzigd.",
    "unknown": "onbekend",
    "The target has been set. The reason is kept with it.":
        "De doelfase is vastgelegd. De reden wordt erbij bewaard.",
    "Choose a phase and write down why.": "Kies een fase en schrijf op waarom.",
    "Action added to the plan.": "Actie toegevoegd aan het plan.",
    "Saved.": "Opgeslagen.",
    "Version %(number)d of the decision rights is agreed.":
        "Versie %(number)d van de beslisbevoegdheden is vastgesteld.",
    "%(count)d standard terms added.": "%(count)d standaardbegrippen toegevoegd.",
    "Your proposal has been sent to the owners.": "Uw voorstel is naar de eigenaren gestuurd.",
    "Choose approve or reject.": "Kies goedkeuren of afwijzen.",
    "Approved: the glossary now uses this wording.":
        "Goedgekeurd: de begrippenlijst gebruikt nu deze tekst.",
    "Rejected. The proposal stays in the history.":
        "Afgewezen. Het voorstel blijft in de geschiedenis staan.",
    "Commitment recorded.": "Afspraak vastgelegd.",
    "Commitment removed.": "Afspraak verwijderd.",
}
PLURALS: dict[str, tuple[str, str]] = {
    "%(counter)s action is late.": ("%(counter)s actie is te laat.",
                                    "%(counter)s acties zijn te laat."),
    "%(counter)s action": ("%(counter)s actie", "%(counter)s acties"),
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def main() -> int:
    text = PO.read_text("utf-8")
    missing: list[str] = []

    def single(match: re.Match[str]) -> str:
        msgid = match.group(1)
        if not msgid:
            return match.group(0)
        key = msgid.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        if key not in NL:
            missing.append(key)
            return match.group(0)
        return f'msgid "{msgid}"\nmsgstr {_quote(NL[key])}'

    def plural(match: re.Match[str]) -> str:
        msgid, msgid_plural = match.group(1), match.group(2)
        if msgid not in PLURALS:
            missing.append(msgid)
            return match.group(0)
        one, many = PLURALS[msgid]
        return (f'msgid "{msgid}"\nmsgid_plural "{msgid_plural}"\n'
                f"msgstr[0] {_quote(one)}\nmsgstr[1] {_quote(many)}")

    text = re.sub(r'^msgid "(.*)"\nmsgid_plural "(.*)"\nmsgstr\[0\] ".*"\nmsgstr\[1\] ".*"$',
                  plural, text, flags=re.M)
    text = re.sub(r'^msgid "(.*)"\nmsgstr ".*"$', single, text, flags=re.M)
    text = text.replace("#, fuzzy\n", "", 1)
    text = re.sub(r'"Plural-Forms: .*\\n"', '"Plural-Forms: nplurals=2; plural=(n != 1);\\\\n"',
                  text)
    PO.write_text(text, "utf-8")
    if missing:
        print("no Dutch for:", *missing, sep="\n  ", file=sys.stderr)
        return 1
    command = ["msgfmt", "--check-format", "-o", str(PO.with_suffix(".mo")), str(PO)]
    subprocess.run(command, check=True)  # noqa: S603 # nosec B603 # fixed command, own file
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
