"""Every word of the meeting kit (the deck and the workshop view) that is not shared with
the other faces, nl + en: slide titles, leads, and the speaker notes that say how to read
a slide and which question to put to the team."""

from __future__ import annotations

from tandem.i18n import Text

T = {
    # title
    "kicker": Text("Tandem Scan · managementoverleg", "Tandem Scan · management meeting"),
    "default_title": Text(
        "Samenwerking in de commerciële keten", "Working together across the front office"
    ),
    "date": Text("Datum: {date}", "Date: {date}"),
    "scan": Text("Scan: {scan}", "Scan: {scan}"),
    "respondents": Text("{n} respondenten", "{n} respondents"),
    "threshold": Text(
        "Anonimiteitsdrempel: geen cijfer over minder dan {k} mensen",
        "Anonymity threshold: no figure about fewer than {k} people",
    ),
    "footer": Text("Tandem Scan · vertrouwelijk", "Tandem Scan · confidential"),
    "title_notes": Text(
        "Open het overleg met wat dit is: de uitkomst van de Tandem Scan onder collega's uit "
        "Sales, Marketing, Customer Service en het management. Alle cijfers zijn "
        "geaggregeerd; over een groep van minder dan {k} mensen staat nergens een cijfer. Het "
        "doel van vandaag: samen kiezen wat we eerst aanpakken, en dat vastleggen als acties "
        "met een eigenaar en een datum.",
        "Open the meeting with what this is: the outcome of the Tandem Scan among colleagues "
        "from Sales, Marketing, Customer Service and management. Every figure is "
        "aggregated; nothing is shown about a group of fewer than {k} people. Today's aim: "
        "choose together what to tackle first, and record it as actions with an owner and a "
        "date.",
    ),
    "title_question": Text(
        "Wat wil ieder van u aan het eind van dit overleg besloten hebben?",
        "What does each of you want to have decided by the end of this meeting?",
    ),
    # discuss first
    "discuss": Text("Eerst bespreken", "To discuss first"),
    "discuss_lead": Text(
        "Wat de scan als eerste op tafel legt, in deze volgorde.",
        "What the scan puts on the table first, in this order.",
    ),
    "nothing_stands_out": Text(
        "Niets springt eruit: geen hoge spanning, verschil om te bespreken of betwist "
        "beslisgebied.",
        "Nothing stands out: no high tension, gap to discuss or contested decision area.",
    ),
    "discuss_notes": Text(
        "Deze punten kiest Tandem, niet de consultant: de hoogste spanningsbronnen, de "
        "duidelijke en mogelijke verschillen tussen afdelingen, de betwiste beslisgebieden en "
        "de klantreisfasen zonder eigenaar, om de beurt, zodat verschillende soorten "
        "bevindingen bovenaan staan. Elk punt komt verderop terug op een eigen dia.",
        "Tandem chooses these points, not the consultant: the highest sources of tension, the "
        "clear and possible gaps between departments, the contested decision areas and the "
        "journey stages without an owner, taken in turns so that different kinds of finding "
        "come first. Each point returns on a slide of its own later on.",
    ),
    "discuss_question": Text(
        "Herkent u deze punten? Welke raakt de klant het meest?",
        "Do you recognise these points? Which one touches the customer most?",
    ),
    # phase
    "phase": Text("Waar de samenwerking nu staat", "Where the relationship stands today"),
    "certainty": Text(
        "Zekerheid: {certainty} van de herberekeningen geeft deze fase.",
        "Certainty: {certainty} of resamples give this phase.",
    ),
    "perceived": Text("Zoals elke groep het ziet", "As each group sees it"),
    "individually": Text(
        "{phase} ({share} van de respondenten ziet zelf deze fase)",
        "{phase} ({share} of its respondents individually see this phase)",
    ),
    "indicative": Text(
        "Quick scan: indicatieve uitkomsten op basis van losse uitspraken.",
        "Quick scan: indicative results based on single statements.",
    ),
    "phase_notes": Text(
        "Een fase is bereikt als de blokken eronder allemaal op {bar} of hoger scoren: de "
        "balken, met de stippellijn als drempel. De zekerheid zegt hoe vaak een herberekening "
        "op steekproeven uit dezelfde antwoorden dezelfde fase geeft. Bij ‘onzeker’ of "
        "‘waarschijnlijk’ is de fase een gespreksonderwerp, geen vonnis. De index onderaan is "
        "vergelijkbaar met het onderzoek van Harvard Business Review (2006).",
        "A phase is reached when every block below it scores {bar} or more: the bars, with "
        "the dotted line as the threshold. The certainty says how often a resample of the "
        "same answers gives the same phase. When it says ‘uncertain’ or ‘likely’, the phase "
        "is a topic for discussion, not a verdict. The index at the bottom is comparable with "
        "the Harvard Business Review study (2006).",
    ),
    "phase_question": Text(
        "Past deze fase bij wat u dagelijks ziet? Waar niet?",
        "Does this phase match what you see day to day? Where does it not?",
    ),
    # target
    "target": Text("Doelfase en waarom", "Target phase and why"),
    "target_lead": Text("{target} · {urgency}: {note}", "{target} · {urgency}: {note}"),
    "horizon": Text("Horizon: {reason}", "Horizon: {reason}"),
    "steps": Text("Eerste stappen op de routekaart", "First steps on the roadmap"),
    "no_target": Text(
        "Er is geen doelfase te bepalen uit deze scan.", "No target phase follows from this scan."
    ),
    "steps_notes": Text("Waarom deze stappen:", "Why these steps:"),
    "more_reasons": Text("En nog {n} redenen: zie de notities.",
                         "And {n} more reasons: see the notes."),
    "all_reasons": Text("Alle redenen voor deze doelfase:", "Every reason for this target:"),
    "target_notes": Text(
        "De doelfase volgt uit vaste regels over de context van de organisatie (omvang, rol "
        "van Marketing, markt, groei) en de signalen uit de scan. De stappen gaan één fase "
        "tegelijk; waar de context verder wijst, is dat de horizon. De eigenaar kan een ander "
        "doel kiezen, met een geschreven reden: die staat dan bij de redenen.",
        "The target phase follows from fixed rules about the organisation's context (size, "
        "marketing's role, market, growth) and the scan's own signals. The steps go one phase "
        "at a time; where the context points further, that is the horizon. The owner can "
        "choose another target, with a written reason: it then stands among the reasons.",
    ),
    "unjudged": Text(
        "Niet alles was te beoordelen ({n} regels): vul de gegevens van de organisatie aan "
        "voor een beter onderbouwd doel.",
        "Not everything could be judged ({n} rules): complete the organisation's details for "
        "a better-founded target.",
    ),
    "target_question": Text(
        "Is dit doel ambitieus genoeg, en haalbaar binnen een jaar?",
        "Is this target ambitious enough, and within reach in a year?",
    ),
    # tensions
    "tensions": Text("Grootste spanningsbronnen", "Biggest sources of tension"),
    "tensions_lead": Text(
        "Hoger is meer spanning (0–100); vanaf {high} noemen we een bron hoog.",
        "Higher means more tension (0–100); from {high} we call a source high.",
    ),
    "tensions_notes": Text(
        "Elf bekende bronnen van wrijving tussen Sales en Marketing, in drie families: "
        "economisch, cultureel en organisatorisch. Elke balk is de spanning zoals alle "
        "getoonde groepen samen die ervaren; de drie hoogste staan links.",
        "Eleven known sources of friction between Sales and Marketing, in three families: "
        "economic, cultural and organisational. Each bar is the tension as all groups shown "
        "experience it together; the three highest are listed on the left.",
    ),
    "tensions_question": Text(
        "Welke van deze spanningen kost ons nu klanten of omzet?",
        "Which of these tensions costs us customers or revenue today?",
    ),
    # gaps
    "gaps": Text("Verschillen in beleving", "Perception gaps"),
    "gaps_lead": Text(
        "Waar afdelingen hetzelfde onderwerp anders zien, en hoe zeker dat is.",
        "Where departments see the same subject differently, and how sure that is.",
    ),
    "interval": Text("95%-interval [{low};\u00a0{high}]", "95% interval [{low};\u00a0{high}]"),
    "more_gaps": Text(
        "De eerste {shown} van {total} verschillen; het werkboek bevat ze allemaal.",
        "The first {shown} of {total} gaps; the workbook lists them all.",
    ),
    "prior": Text(
        "Zoals vaker in onderzoek: Marketing beoordeelt de samenwerking hier positiever dan Sales.",
        "As research often finds, Marketing rates the relationship more positively than "
        "Sales does here.",
    ),
    "gaps_notes": Text(
        "Een duidelijk verschil is minstens {points} punten en blijft staan na correctie voor "
        "het aantal vergelijkingen. Een mogelijk verschil is even groot, maar kan bij deze "
        "aantallen toeval zijn: stel het als vraag, niet als conclusie. Het interval tussen "
        "haken is de onzekerheid: het echte verschil ligt met 95% zekerheid daartussen. In de "
        "grafiek: elke stip is een groep, de lijn haar interval.",
        "A clear gap is at least {points} points and still stands after correcting for the "
        "number of comparisons. A possible gap is as large, but could be chance at these "
        "sizes: put it as a question, not a conclusion. The interval in brackets is the "
        "uncertainty: the real gap lies between those numbers with 95% confidence. In the "
        "chart each dot is a group, the line its interval.",
    ),
    "gaps_question": Text(
        "Waarom zien deze afdelingen dit zo verschillend? Wat weet de een dat de ander niet "
        "weet?",
        "Why do these departments see this so differently? What does one know that the other "
        "does not?",
    ),
    # decisions
    "decisions": Text("Betwiste beslisgebieden", "Contested decision areas"),
    "decisions_lead": Text(
        "Wie beslist, volgens de respondenten? Omkaderd het meest genoemde antwoord.",
        "Who decides, according to the respondents? Outlined is the most named answer.",
    ),
    "decided_by": Text(
        "meest genoemd: {who}, helderheid {clarity}; {reasons}",
        "most named: {who}, clarity {clarity}; {reasons}",
    ),
    "no_decisions": Text("Geen betwiste beslisgebieden.", "No contested decision areas."),
    "decisions_notes": Text(
        "Elke rij is een beslisgebied, elke kolom een mogelijke beslisser; helderheid is het "
        "aandeel van het meest genoemde antwoord. Betwist: Sales en Marketing noemen het "
        "vaakst een ander, of de helderheid is lager dan {bar}. Een betwist gebied is geen "
        "fout van iemand: het is een afspraak die nog niet gemaakt is.",
        "Each row is a decision area, each column a possible decider; clarity is the share "
        "of the most named answer. Contested: Sales and Marketing most often name someone "
        "else, or clarity is below {bar}. A contested area is nobody's fault: it is an "
        "agreement not yet made.",
    ),
    "decisions_question": Text(
        "Wie beslist hierover, en wie wordt geraadpleegd? Leg het vast in de "
        "beslisrechtenmatrix.",
        "Who decides this, and who is consulted? Record it in the decision-rights matrix.",
    ),
    # journey
    "journey": Text("Breuken in de klantreis", "Breaks in the customer journey"),
    "journey_lead": Text(
        "Per fase: de eigenaar, de helderheid daarover en de consistentie voor de klant.",
        "Per stage: its owner, how clear that is, and how consistent it is for the customer.",
    ),
    "stage_line": Text(
        "{owner} · helderheid {clarity} · consistentie {consistency}",
        "{owner} · clarity {clarity} · consistency {consistency}",
    ),
    "all_owned": Text(
        "Elke fase van de klantreis heeft een eigenaar.",
        "Every stage of the customer journey has an owner.",
    ),
    "journey_notes": Text(
        "Een fase zonder eigenaar is een plek waar de klant tussen afdelingen in kan vallen. "
        "Consistentie zegt hoe eenduidig de klant de organisatie in die fase ervaart, volgens "
        "de medewerkers: kijk in de grafiek naar de laagste.",
        "A stage without an owner is a place where the customer can fall between "
        "departments. Consistency says how consistent the organisation is to the customer in "
        "that stage, according to its staff: look for the lowest in the chart.",
    ),
    "journey_question": Text(
        "Wie wordt eigenaar van deze fase, en wat merkt de klant daar over drie maanden van?",
        "Who will own this stage, and what will the customer notice of it in three months?",
    ),
    # the customer mirror (only when the scan has a closed one)
    "mirror": Text("Wat klanten zagen", "What customers saw"),
    "mirror_lead": Text(
        "De fasen van de klantreis waar klanten een breuk zien: hun oordeel (0–100, met het "
        "95%-interval), naast wie intern eigenaar is.",
        "The stages of the journey where customers see a break: their view (0–100, with its "
        "95% interval), beside who owns the stage inside.",
    ),
    "mirror_line": Text("klanten {score} ({low}–{high}; n = {n}) · {owner}",
                        "customers {score} ({low}–{high}; n = {n}) · {owner}"),
    "no_break": Text(
        "Klanten zien in geen enkele fase waarover genoeg klanten antwoordden een breuk.",
        "Customers see no break in any stage enough customers answered about.",
    ),
    "mirror_notes": Text(
        "Onder {bar} zien klanten een breuk. Een fase zonder eigenaar waar klanten een breuk "
        "zien, staat bovenaan: daar valt de klant tussen de afdelingen in. Een fase waarover "
        "minder dan {k} klanten antwoordden, toont niets.",
        "Below {bar} customers see a break. A stage without an owner where customers see a "
        "break comes first: there the customer falls between departments. A stage fewer "
        "than {k} customers answered about shows nothing.",
    ),
    "mirror_question": Text(
        "Wie neemt de fasen met een breuk op zich, en wat ziet de klant daar als eerste "
        "veranderen?",
        "Who takes on the stages with a break, and what will the customer see change there "
        "first?",
    ),
    # groups
    "groups": Text("Wie telt mee", "Who is in the figures"),
    "groups_lead": Text(
        "Geen enkel cijfer over minder dan {k} mensen.",
        "No figure about fewer than {k} people.",
    ),
    "withheld": Text("Niet getoond om de anonimiteit te beschermen",
                     "Withheld to protect anonymity"),
    "group_n": Text("{n} respondenten", "{n} respondents"),
    "fewer_than_k": Text(
        "minder dan {k}: in geen enkel cijfer", "fewer than {k}: in no figure"
    ),
    "cells": Text(
        "{n} cijfers voor kleine groepen niet getoond.",
        "{n} figures for small groups withheld.",
    ),
    "groups_notes": Text(
        "Zeg dit hardop: niemand is herkenbaar. Een afdeling onder de drempel wordt "
        "samengevoegd met andere kleine afdelingen; blijven die samen onder de drempel, dan "
        "tellen hun antwoorden in geen enkel cijfer mee, ook niet in het totaal. Vraag dus "
        "nooit wie wat heeft geantwoord.",
        "Say it out loud: nobody can be recognised. A department below the threshold is "
        "pooled with other small departments; when those together stay below it, their "
        "answers are in no figure at all, not even the total. So never ask who answered "
        "what.",
    ),
    "groups_question": Text(
        "Missen we een stem die we op een andere manier moeten ophalen, bijvoorbeeld in een "
        "gesprek?",
        "Are we missing a voice we should hear another way, in a conversation for example?",
    ),
    # agreed actions
    "actions": Text("Afgesproken acties", "Agreed actions"),
    "actions_lead": Text(
        "Wat we doen, wie het trekt en wanneer het klaar is.",
        "What we will do, who leads it and when it is done.",
    ),
    "col_action": Text("Actie", "Action"),
    "col_owner": Text("Eigenaar", "Owner"),
    "col_due": Text("Klaar op", "Due"),
    "col_moves": Text("Wat het moet verbeteren", "What it should improve"),
    "actions_notes": Text(
        "Elke actie krijgt één eigenaar (of Sales en Marketing samen) en een datum. In de "
        "workshopweergave legt u ze meteen vast in het actieplan; bij de volgende meting "
        "laat Tandem zien of wat ze moeten verbeteren, bewogen is.",
        "Each action gets one owner (or Sales and Marketing jointly) and a date. In the "
        "workshop view you record them straight into the action plan; the next measurement "
        "shows whether what they should improve has moved.",
    ),
    "suggested": Text("De routekaart stelt als eerste voor: {steps}.",
                      "The roadmap suggests first: {steps}."),
    "actions_question": Text(
        "Wat doen we de komende drie maanden, en wie trekt het?",
        "What do we do in the next three months, and who leads it?",
    ),
    # too few
    "too_few": Text("Te weinig respondenten", "Too few respondents"),
    "too_few_text": Text(
        "Te weinig respondenten om iets te tonen zonder de anonimiteit te schaden. Er staan "
        "daarom geen cijfers in dit overleg.",
        "Too few respondents to show anything without harming anonymity, so this meeting has "
        "no figures.",
    ),
    "too_few_question": Text(
        "Hoe krijgen we bij een volgende meting meer mensen aan het woord?",
        "How do we get more people to answer next time?",
    ),
    # notes
    "ask": Text("Vraag aan het team: {question}", "Question for the team: {question}"),
}
