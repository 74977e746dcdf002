"""Fill the Dutch translations of the results pages into django.po (run, then msgfmt).

    python src/tandem/web/results/locale/fill_po.py && \
    msgfmt -o src/tandem/web/results/locale/nl/LC_MESSAGES/django.mo \
        src/tandem/web/results/locale/nl/LC_MESSAGES/django.po
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PO = Path(__file__).parent / "nl" / "LC_MESSAGES" / "django.po"

NL: dict[str, str | tuple[str, str]] = {
    "Results": "Resultaten",
    "moved up": "gestegen",
    "moved down": "gedaald",
    "no change beyond noise": "geen verandering boven de ruis",
    "no change beyond noise (too few to rule one out)":
        "geen verandering boven de ruis (te weinig respondenten om er een uit te sluiten)",
    "Result sections": "Onderdelen van de resultaten",
    "That filter is not available for this scan: it would show a group too small to keep "
    "answers anonymous, or make one derivable. You see everyone.":
        "Dat filter is voor deze scan niet beschikbaar: het zou een groep tonen die te klein "
        "is om antwoorden anoniem te houden, of er een terug te rekenen maken. U ziet "
        "iedereen.",
    "Show the results of": "Toon de resultaten van",
    "Everyone": "Iedereen",
    "Department": "Afdeling",
    "Role level": "Functieniveau",
    "Tenure": "Diensttijd",
    "Apply": "Toepassen",
    "One filter at a time. Only filters that keep every group and every difference between "
    "groups at or above the anonymity threshold are offered.":
        "Eén filter tegelijk. Alleen filters waarbij elke groep en elk verschil tussen groepen "
        "minstens de anonimiteitsdrempel haalt, worden aangeboden.",
    "Filtered: only respondents with “%(label)s”.":
        "Gefilterd: alleen respondenten met “%(label)s”.",
    "Show everyone": "Toon iedereen",
    "Too few respondents to show anything without harming anonymity (the threshold is "
    "%(k)s).":
        "Te weinig respondenten om iets te tonen zonder de anonimiteit te schaden (de drempel "
        "is %(k)s).",
    "Comments": "Opmerkingen",
    "Open answers are shown only when at least %(k)s people wrote one, in random order, "
    "without any profile and for everyone together.":
        "Open antwoorden worden alleen getoond als minstens %(k)s mensen er een schreven, in "
        "willekeurige volgorde, zonder profiel en voor iedereen samen.",
    "Not shown: too few answers to keep them anonymous.":
        "Niet getoond: te weinig antwoorden om ze anoniem te houden.",
    "This scan has no open questions.": "Deze scan heeft geen open vragen.",
    "Compare with the previous scan": "Vergelijken met de vorige scan",
    "There is no earlier closed scan of this organisation to compare with.":
        "Er is geen eerdere gesloten scan van deze organisatie om mee te vergelijken.",
    "Compared with “%(title)s”: too few respondents in one of the scans to compare.":
        "Vergeleken met “%(title)s”: te weinig respondenten in een van de scans om te "
        "vergelijken.",
    "Compared with “%(title)s”. A scale has moved when its score changed by at least "
    "%(points)s points and q < %(q)s; anything else is no change beyond noise.":
        "Vergeleken met “%(title)s”. Een schaal is veranderd als de score minstens %(points)s "
        "punten verschoof en q < %(q)s; al het andere is geen verandering boven de ruis.",
    "What moved": "Wat veranderde",
    "points": "punten",
    "No change beyond noise.": "Geen verandering boven de ruis.",
    "All scales": "Alle schalen",
    "Scale": "Schaal",
    "Before": "Vorige",
    "Now": "Nu",
    "Change": "Verandering",
    "95%% interval": "95%%-interval",
    "Verdict": "Oordeel",
    "Per group (where both scans show the group)": "Per groep (waar beide scans de groep tonen)",
    "Per group": "Per groep",
    "Decision rights": "Beslisrechten",
    "Who decides, as each group sees it: the answer named most often. Contested: Sales and "
    "Marketing name someone else, or fewer than half agree (unclear).":
        "Wie beslist, zoals elke groep het ziet: het vaakst genoemde antwoord. Betwist: Sales "
        "en Marketing noemen een ander, of minder dan de helft is het eens (onduidelijk).",
    "Who decides, per area and group": "Wie beslist, per gebied en groep",
    "Area": "Gebied",
    "Clarity": "Helderheid",
    "Who should decide": "Wie zou moeten beslissen",
    "Status": "Status",
    "withheld": "niet getoond",
    "contested": "betwist",
    "unclear": "onduidelijk",
    "This scan did not ask about decision rights.": "Deze scan vroeg niet naar beslisrechten.",
    "Downloads": "Downloads",
    "Every download shows the same figures as these pages and withholds the same small "
    "groups. Downloads are never filtered.":
        "Elke download toont dezelfde cijfers als deze pagina's en laat dezelfde kleine groepen "
        "weg. Downloads zijn nooit gefilterd.",
    "Report (PDF, Dutch)": "Rapport (PDF, Nederlands)",
    "Report (PDF, English)": "Rapport (PDF, Engels)",
    "Workbook of the figures (Excel)": "Werkmap met de cijfers (Excel)",
    "All figures (CSV)": "Alle cijfers (CSV)",
    "The full result (JSON)": "Het volledige resultaat (JSON)",
    "Anonymised answers with codebook (ZIP of CSV files; owners only)":
        "Geanonimiseerde antwoorden met codeboek (ZIP met CSV-bestanden; alleen eigenaars)",
    "Perception gaps": "Verschillen in beleving",
    "How each group rates each scale (0–100, with the 95%% interval). A gap is notable when "
    "it is at least 10 points and unlikely to be chance (q < 0.10).":
        "Hoe elke groep elke schaal beoordeelt (0–100, met het 95%%-interval). Een verschil is "
        "opvallend bij minstens 10 punten en als toeval onwaarschijnlijk is (q < 0,10).",
    "Notable gaps": "Opvallende verschillen",
    "No notable gap between the groups shown.":
        "Geen opvallend verschil tussen de getoonde groepen.",
    "Group": "Groep",
    "Score": "Score",
    "withheld (too few respondents)": "niet getoond (te weinig respondenten)",
    "Too few respondents to tell whether the groups differ.":
        "Te weinig respondenten om te zeggen of de groepen verschillen.",
    "All comparisons": "Alle vergelijkingen",
    "Customer journey": "Klantreis",
    "Per stage: who owns it (named most often), how clear that is, and how consistent the "
    "experience is (0–100).":
        "Per fase: wie de eigenaar is (het vaakst genoemd), hoe helder dat is en hoe "
        "consistent de ervaring is (0–100).",
    "Stage": "Fase",
    "Owner": "Eigenaar",
    "Consistency": "Consistentie",
    "no owner": "geen eigenaar",
    "This scan did not ask about the customer journey.": "Deze scan vroeg niet naar de klantreis.",
    "Methodology": "Methode",
    "Quick scan: single statements per scale, so the figures are indicative and reliability "
    "cannot be computed.":
        "Quick scan: één uitspraak per schaal, dus de cijfers zijn indicatief en de "
        "betrouwbaarheid is niet te berekenen.",
    "Reliability per scale": "Betrouwbaarheid per schaal",
    "Cronbach's alpha": "Cronbachs alfa",
    "Statements": "Uitspraken",
    "single statement": "één uitspraak",
    "too few respondents": "te weinig respondenten",
    "Filters": "Filters",
    "A filter (department, role level or tenure) is offered only if neither the filtered group "
    "nor its difference with any other group shown anywhere in these pages, nor any "
    "combination of them, holds fewer respondents than the threshold. One filter at a time: "
    "combinations would multiply the groups that can be subtracted from each other. Comments "
    "and downloads are never filtered.":
        "Een filter (afdeling, functieniveau of diensttijd) wordt alleen aangeboden als de "
        "gefilterde groep, het verschil met elke andere groep die ergens op deze pagina's staat, "
        "en elke combinatie daarvan minstens de drempel aan respondenten telt. Eén filter "
        "tegelijk: combinaties zouden de groepen vermenigvuldigen die van elkaar af te trekken "
        "zijn. Opmerkingen en downloads worden nooit gefilterd.",
    "Comparing waves": "Metingen vergelijken",
    "A scale has moved when its score changed by at least 5 points and the change is unlikely "
    "to be chance (Mann–Whitney test, Benjamini–Hochberg q < 0.10 over all comparisons); "
    "otherwise there is no change beyond noise. Groups are compared only when both scans show "
    "them.":
        "Een schaal is veranderd als de score minstens 5 punten verschoof en toeval "
        "onwaarschijnlijk is (Mann–Whitney-toets, Benjamini–Hochberg q < 0,10 over alle "
        "vergelijkingen); anders is er geen verandering boven de ruis. Groepen worden alleen "
        "vergeleken als beide scans ze tonen.",
    "Overview": "Overzicht",
    "Where you are": "Waar u staat",
    "Index (comparable with HBR 2006): %(mean)s, %(label)s.":
        "Index (vergelijkbaar met HBR 2006): %(mean)s, %(label)s.",
    "Ladder and index disagree:": "Ladder en index verschillen:",
    "How sure: %(share)s of the resamples give the same phase.":
        "Hoe zeker: %(share)s van de herberekeningen geeft dezelfde fase.",
    "The phase cannot be determined from these answers.":
        "De fase is uit deze antwoorden niet te bepalen.",
    "Where to go": "Waar u heen wilt",
    "The three biggest tensions": "De drie grootste spanningen",
    "Most notable perception gaps": "De opvallendste verschillen in beleving",
    "No notable gap between the groups shown (or too few respondents to tell).":
        "Geen opvallend verschil tussen de getoonde groepen (of te weinig respondenten om het "
        "te zeggen).",
    "Contested decision areas": "Betwiste beslisgebieden",
    "None.": "Geen.",
    "First steps": "Eerste stappen",
    "Response": "Respons",
    "%(n)s respondent": ("%(n)s respondent", "%(n)s respondenten"),
    "response rate %(rate)s": "respons %(rate)s",
    "No figure is shown for fewer than %(k)s respondents.":
        "Er wordt geen cijfer getoond voor minder dan %(k)s respondenten.",
    "Sources of tension": "Spanningsbronnen",
    "Tension per source on 0–100: higher means more tension (100 minus how aligned people say "
    "Sales and Marketing are on it).":
        "Spanning per bron op 0–100: hoger is meer spanning (100 min hoe afgestemd Sales en "
        "Marketing daarop volgens de mensen zijn).",
    "Tension by source and group": "Spanning per bron en groep",
    "Each cell gives the tension (0–100) with a colour from light (little) to dark (much). "
    "“—” means withheld: too few respondents behind that figure.":
        "Elke cel geeft de spanning (0–100) met een kleur van licht (weinig) tot donker "
        "(veel). “—” betekent niet getoond: te weinig respondenten achter dat cijfer.",
    "Source": "Bron",
    "Answers per statement": "Antwoorden per uitspraak",
    "agreement": "eensgezindheid",
    "Statement": "Uitspraak",
    "Mean (1–5)": "Gemiddelde (1–5)",
    "Favourable": "Gunstig",
    "Answers after reversing negatively worded statements, so that 5 always means most "
    "aligned.":
        "Antwoorden na het omkeren van negatief geformuleerde uitspraken, zodat 5 altijd het "
        "meest afgestemd betekent.",
    "Too few answers to show the statements.": "Te weinig antwoorden om de uitspraken te tonen.",
    "Tensions": "Spanningen",
    "Compare": "Vergelijken",
    "The results could not be computed from the stored answers. The operators have been told.":
        "De resultaten konden niet uit de opgeslagen antwoorden worden berekend. De beheerders "
        "zijn ingelicht.",
    "Results appear once the scan is closed, so that nobody can follow answers as they come "
    "in.":
        "Resultaten verschijnen pas als de scan gesloten is, zodat niemand antwoorden kan volgen "
        "terwijl ze binnenkomen.",
    # after the retention period purged the raw answers
    "The raw answers of this scan were deleted on %(date)s under the organisation's "
    "retention period. Its figures were kept and these pages show them as before; what needs "
    "the individual answers (filters, open answers, comparing with another scan, the "
    "anonymised answers) is no longer available.":
        "De ruwe antwoorden van deze scan zijn op %(date)s verwijderd volgens de bewaartermijn "
        "van de organisatie. De cijfers zijn bewaard en deze pagina's tonen ze zoals eerder; "
        "wat de afzonderlijke antwoorden nodig heeft (filters, open antwoorden, vergelijken "
        "met een andere scan, de geanonimiseerde antwoorden) is niet meer beschikbaar.",
    "Filters need the individual answers, which were deleted on %(date)s under the "
    "organisation's retention period. You see everyone.":
        "Filters hebben de afzonderlijke antwoorden nodig, die op %(date)s zijn verwijderd "
        "volgens de bewaartermijn van de organisatie. U ziet iedereen.",
    "The open answers were deleted with the other raw answers on %(date)s under the "
    "organisation's retention period: they are the respondents' own words, not figures, so "
    "they were not kept.":
        "De open antwoorden zijn op %(date)s met de andere ruwe antwoorden verwijderd volgens "
        "de bewaartermijn van de organisatie: het zijn de eigen woorden van respondenten, geen "
        "cijfers, dus ze zijn niet bewaard.",
    "The raw answers of this scan were deleted on %(date)s under the organisation's "
    "retention period. Comparing two scans tests every change on the individual answers of "
    "both, so this scan can no longer be compared with “%(title)s”.":
        "De ruwe antwoorden van deze scan zijn op %(date)s verwijderd volgens de bewaartermijn "
        "van de organisatie. Twee scans vergelijken toetst elke verandering op de afzonderlijke "
        "antwoorden van beide, dus deze scan kan niet meer vergeleken worden met “%(title)s”.",
    "The raw answers of “%(title)s” were deleted on %(date)s under the organisation's "
    "retention period. Comparing two scans tests every change on the individual answers of "
    "both, so this scan cannot be compared with it.":
        "De ruwe antwoorden van “%(title)s” zijn op %(date)s verwijderd volgens de "
        "bewaartermijn van de organisatie. Twee scans vergelijken toetst elke verandering op "
        "de afzonderlijke antwoorden van beide, dus deze scan kan er niet mee vergeleken "
        "worden.",
    "The kept figures of “%(title)s”": "De bewaarde cijfers van “%(title)s”",
    "Anonymised answers: deleted on %(date)s under the organisation's retention period.":
        "Geanonimiseerde antwoorden: op %(date)s verwijderd volgens de bewaartermijn van de "
        "organisatie.",
    "The anonymised answers of this scan can no longer be downloaded: its raw answers were "
    "deleted on %(date)s under the organisation's retention period. The report, the workbook "
    "and the figures are still available.":
        "De geanonimiseerde antwoorden van deze scan kunnen niet meer worden gedownload: de "
        "ruwe antwoorden zijn op %(date)s verwijderd volgens de bewaartermijn van de "
        "organisatie. Het rapport, de werkmap en de cijfers zijn nog beschikbaar.",
}


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _read(lines: list[str], start: int) -> tuple[str, int]:
    """A (possibly multi-line) quoted string starting at ``lines[start]``."""
    first = lines[start].split(" ", 1)[1]
    parts = [ast.literal_eval(first)]
    i = start + 1
    while i < len(lines) and lines[i].startswith('"'):
        parts.append(ast.literal_eval(lines[i]))
        i += 1
    return "".join(parts), i


def main() -> None:
    lines = PO.read_text("utf-8").splitlines()
    out: list[str] = []
    i = 0
    missing = []
    while i < len(lines):
        line = lines[i]
        if line.startswith("#, fuzzy") and out and not out[-1].startswith("#"):
            i += 1
            continue
        if line.startswith("msgid ") and not line.startswith("msgid_plural"):
            msgid, i = _read(lines, i)
            plural = None
            if i < len(lines) and lines[i].startswith("msgid_plural "):
                plural, i = _read(lines, i)
            while i < len(lines) and lines[i].startswith("msgstr"):
                _, i = _read(lines, i)
            out.append(f"msgid {_quote(msgid)}")
            if msgid == "":
                header = ('Project-Id-Version: tandem results\\n'
                          'Language: nl\\n'
                          'MIME-Version: 1.0\\n'
                          'Content-Type: text/plain; charset=UTF-8\\n'
                          'Content-Transfer-Encoding: 8bit\\n'
                          'Plural-Forms: nplurals=2; plural=(n != 1);\\n')
                out.append(f'msgstr "{header}"')
                continue
            value = NL.get(msgid)
            if value is None:
                missing.append(msgid)
                value = ""
            if plural is not None:
                one, many = value if isinstance(value, tuple) else (value, value)
                out += [f"msgid_plural {_quote(plural)}", f"msgstr[0] {_quote(one)}",
                        f"msgstr[1] {_quote(many)}"]
            else:
                assert isinstance(value, str)
                out.append(f"msgstr {_quote(value)}")
            continue
        out.append(line)
        i += 1
    text = "\n".join(out) + "\n"
    text = re.sub(r"^#, fuzzy\n", "", text, flags=re.M)
    PO.write_text(text, "utf-8")
    if missing:
        raise SystemExit("untranslated: " + repr(missing))


if __name__ == "__main__":
    main()
