"""Every word of the PDF report that is not shared with the other faces, nl + en."""

from __future__ import annotations

from tandem.i18n import Text

MONTHS = {
    "nl": (
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
        "september", "oktober", "november", "december",
    ),
    "en": (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ),
}  # fmt: skip

T = {
    "kicker": Text("Tandem Scan · diagnose", "Tandem Scan · diagnosis"),
    "title": Text(
        "Samenwerking in de commerciële keten", "Working together across the front office"
    ),
    "n_respondents": Text("{n} respondenten", "{n} respondents"),
    "running": Text("Tandem Scan · diagnose", "Tandem Scan · diagnosis"),
    "footer": Text("Vertrouwelijk · {date}", "Confidential · {date}"),
    "confidential": Text(
        "Vertrouwelijk. Alle cijfers zijn geaggregeerd; over groepen onder de "
        "anonimiteitsdrempel wordt niets getoond.",
        "Confidential. All figures are aggregated; nothing is shown about groups below the "
        "anonymity threshold.",
    ),
    "about": Text("Over deze scan", "About this scan"),
    "date": Text("Datum", "Date"),
    "instrument": Text("Vragenlijst", "Questionnaire"),
    "more_gaps": Text(
        "De eerste {shown} van {total} verschillen om te bespreken; het werkboek bevat ze "
        "allemaal.",
        "The first {shown} of {total} gaps to discuss; the workbook lists them all.",
    ),
    "respondents": Text("Respondenten", "Respondents"),
    "threshold": Text("Anonimiteitsdrempel", "Anonymity threshold"),
    "threshold_value": Text(
        "{k} respondenten per groep; open antwoorden vanaf {ck}",
        "{k} respondents per group; open answers from {ck}",
    ),
    "groups": Text("Groepen", "Groups"),
    "summary": Text("Samenvatting", "Executive summary"),
    "actions_late": Text(
        "{late} van de {total} acties zijn over hun deadline.",
        "{late} of {total} actions are past their due date.",
    ),
    "phase_now": Text("Huidige fase", "Current phase"),
    "target": Text("Doelfase", "Target phase"),
    "certainty": Text(
        "{certainty} van de herberekeningen geeft deze fase",
        "{certainty} of resamples give this phase",
    ),
    "why_target": Text("Waarom deze doelfase", "Why this target"),
    "horizon": Text("Horizon", "Horizon"),
    "horizon_note": Text("waar u daarna naartoe werkt", "where you head after that"),
    "discuss_first": Text("Eerst bespreken", "To discuss first"),
    "nothing_stands_out": Text(
        "Niets springt eruit: geen hoge spanning, verschil om te bespreken of betwist "
        "beslisgebied.",
        "Nothing stands out: no high tension, gap to discuss or contested decision area.",
    ),
    "first_steps": Text("Eerste stappen", "First steps"),
    "too_few": Text(
        "Te weinig respondenten om iets te tonen zonder de anonimiteit te schaden. Er staan "
        "daarom geen cijfers in dit rapport.",
        "Too few respondents to show anything without harming anonymity, so this report "
        "contains no figures.",
    ),
    "indicative": Text(
        "Quick scan: indicatieve uitkomsten op basis van losse uitspraken, zonder "
        "betrouwbaarheidsmaten.",
        "Quick scan: indicative results based on single statements, without reliability measures.",
    ),
    # phase
    "phase": Text("Fase van de samenwerking", "Phase of the relationship"),
    "phase_lead": Text(
        "De samenwerking staat in {phase}. Een fase is bereikt als de blokken eronder allemaal "
        "op {bar} of hoger scoren.",
        "The relationship is in {phase}. A phase is reached when every block below it scores "
        "{bar} or more.",
    ),
    "perceived": Text("Zoals elke groep het ziet", "As each group sees it"),
    "perceived_note": Text(
        "Aandeel van de respondenten per groep dat met dezelfde ladderregel in elke fase "
        "uitkomt; vetgedrukt de meest voorkomende fase.",
        "Share of each group's respondents that the same ladder rule places in each phase; "
        "the most common phase in bold.",
    ),
    "group": Text("Groep", "Group"),
    # tensions
    "tensions": Text("Spanningsbronnen", "Sources of tension"),
    "tensions_lead": Text(
        "Elf bekende bronnen van wrijving tussen Sales en Marketing, in drie families. Hoger is "
        "meer spanning; vanaf {high} noemen we een bron hoog.",
        "Eleven known sources of friction between Sales and Marketing, in three families. "
        "Higher means more tension; from {high} we call a source high.",
    ),
    "heatmap": Text("Per groep", "By group"),
    "heatmap_note": Text(
        "Elke cel toont de spanning (0–100) zoals die groep haar ervaart. Een gearceerde cel "
        "met — is niet getoond om de anonimiteit te beschermen.",
        "Each cell shows the tension (0–100) as that group experiences it. A hatched cell with "
        "— is withheld to protect anonymity.",
    ),
    # gaps
    "gaps": Text("Verschillen in beleving", "Perception gaps"),
    "gaps_lead": Text(
        "Hoe de groepen dezelfde onderwerpen beoordelen (0–100, hoger is beter), met het "
        "95%-betrouwbaarheidsinterval. Grote verschillen tussen afdelingen zijn vaak de kern "
        "van de diagnose.",
        "How the groups rate the same subjects (0–100, higher is better), with the 95% "
        "confidence interval. Large gaps between departments are often the heart of the "
        "diagnosis.",
    ),
    "gaps_table": Text("Verschillen om te bespreken", "Gaps to discuss"),
    "gap_col": Text("Verschil", "Gap"),
    "gap_tier": Text("Oordeel", "Verdict"),
    "points_ci": Text("Punten [95%]", "Points [95%]"),
    "gap_family": Text("Vergelijking", "Comparison"),
    "points": Text("Punten", "Points"),
    "too_few_gaps": Text(
        "Bij {n} vergelijkingen waren er te weinig respondenten om te zeggen of er een "
        "verschil is.",
        "For {n} comparisons there were too few respondents to tell whether there is a gap.",
    ),
    # decisions
    "decisions": Text("Beslisrechten", "Decision rights"),
    "decisions_lead": Text(
        "Wie beslist volgens de respondenten over elk gebied? Omkaderd het meest genoemde "
        "antwoord; helderheid is het aandeel daarvan.",
        "Who decides each area, according to the respondents? Outlined is the most named "
        "answer; clarity is its share.",
    ),
    "by_group": Text("Meest genoemde beslisser per groep", "Most named decider per group"),
    "area": Text("Gebied", "Area"),
    "should": Text("Wie zou moeten beslissen", "Who should decide"),
    "should_col": Text("Meest genoemd", "Most named"),
    "share": Text("Aandeel", "Share"),
    "now_col": Text("Nu", "Now"),
    # journey
    "journey": Text("Klantreis", "Customer journey"),
    "journey_lead": Text(
        "Per fase van de klantreis: wie de respondenten als eigenaar zien, hoe eensgezind ze "
        "daarin zijn en hoe consistent de klant de organisatie ervaart (0–100).",
        "Per stage of the customer journey: whom the respondents see as its owner, how much "
        "they agree on that, and how consistent the customer's experience is (0–100).",
    ),
    "stage": Text("Fase", "Stage"),
    "owner": Text("Eigenaar", "Owner"),
    "clarity": Text("Helderheid", "Clarity"),
    "consistency": Text("Consistentie", "Consistency"),
    # comments
    "comments": Text("Open antwoorden", "Open answers"),
    "comments_lead": Text(
        "Letterlijk en in willekeurige volgorde: per groep waar genoeg mensen uit die groep "
        "iets schreven, anders van groepen samen; zonder verder profiel van wie ze gaf.",
        "Verbatim and in random order: per group where enough people in that group wrote "
        "one, otherwise from groups together; without any other profile of who gave them.",
    ),
    # roadmap
    "roadmap": Text("Routekaart", "Roadmap"),
    "roadmap_lead": Text(
        "Van {now} naar {target}. Eerst wat het fundament herstelt, dan de stappen van de "
        "volgende overgang, gerangschikt naar de spanning en de verschillen die ze aanpakken.",
        "From {now} to {target}. First what repairs the foundation, then the steps of the next "
        "transition, ranked by the tension and gaps they address.",
    ),
    "in_place": Text("Al op orde", "Already in place"),
    # method
    "method": Text("Verantwoording", "Methodology"),
    "reliability": Text("Betrouwbaarheid per schaal", "Reliability per scale"),
    "scale": Text("Schaal", "Scale"),
    "kind": Text("Soort", "Kind"),
    "items": Text("Items", "Items"),
    "alpha": Text("Alfa", "Alpha"),
    "interval": Text("95%-interval", "95% interval"),
    "agreement": Text("Eensgezindheid", "Agreement"),
    "rel_too_few": Text("te weinig respondenten", "too few respondents"),
    "rel_single": Text("één uitspraak", "single statement"),
    "withheld": Text("Niet getoond", "Withheld"),
    "withheld_lead": Text(
        "Wat is weggelaten om de anonimiteit te beschermen (zonder de omvang van wat is "
        "weggelaten), per groep en reden.",
        "What was withheld to protect anonymity (without the size of what was withheld), by "
        "group and reason.",
    ),
    "withheld_col": Text("Niet getoond", "Withheld"),
    "reason": Text("Reden", "Reason"),
    "nothing_withheld": Text("Niets.", "Nothing."),
}
