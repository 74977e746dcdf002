"""Shared bilingual wording for every rendering of a result (Markdown, web, PDF)."""

from __future__ import annotations

from functools import cache

from tandem.analysis.agreement import AGREEMENT_MIN_N, MODERATE_FROM, STRONG_FROM
from tandem.analysis.emphasis import certainty
from tandem.analysis.gaps import ERROR_RATE, GAP_POINTS
from tandem.analysis.phase import RESAMPLES
from tandem.analysis.reliability import MIN_N_RELIABILITY
from tandem.contract.result import CommentSet, Gap, PhaseUncertainty, Result
from tandem.i18n import Text
from tandem.instrument import Instrument, instrument_for, load_instrument
from tandem.instrument.model import FORM_NAMES
from tandem.privacy import GROUP_LABELS, MIN_K, POOL_ID
from tandem.rounding import rounded, rounded_text
from tandem.thresholds import (
    BLOCK_MET_AT,
    CERTAINTY_BELOW,
    CERTAINTY_FROM,
    CLARITY_BAR,
    HIGH_TENSION,
)

URGENCY = {
    "act_now": Text("Nu handelen", "Act now"),
    "plan": Text("Plannen", "Plan"),
    "maintain": Text("Vasthouden", "Maintain"),
}

FAMILY = {
    "economic": Text("Economisch", "Economic"),
    "cultural": Text("Cultureel", "Cultural"),
    "organisational": Text("Organisatorisch", "Organisational"),
}

DECIDER = {
    "marketing": Text("Marketing", "Marketing"),
    "sales": Text("Sales", "Sales"),
    "service": Text("Customer Service", "Customer Service"),
    "joint": Text("Marketing en Sales samen", "Marketing and Sales jointly"),
    "management": Text("de directie", "senior management"),
    "nobody": Text("niemand duidelijk", "nobody clearly"),
    "shared": Text("gedeeld", "shared"),
    "unclear": Text("onduidelijk", "unclear"),
    "dk": Text("weet ik niet", "don't know"),
}


@cache
def _instrument_named(name: str) -> Instrument | None:
    try:
        return load_instrument(name)
    except (ValueError, OSError):
        return None


def result_instrument(result: Result) -> Instrument | None:
    """The questionnaire the result was made with, for its name and the wording of its
    questions and areas: the exact version it names, else the shipped file of its major
    version (a 1.1 result reads with version 1's words), else None when this Tandem no
    longer ships it."""
    return instrument_named(result.meta.instrument, result.meta.instrument_version)


def instrument_named(instrument_id: str, version: str) -> Instrument | None:
    """The shipped questionnaire of this id and version, else that of its major version,
    else None (see :func:`result_instrument`)."""
    try:
        return instrument_for(instrument_id, version)
    except ValueError:
        return _instrument_named(f"{instrument_id}-{version.split('.')[0]}")


def group_label(result: Result, group: str, lang: str) -> str:
    for info in result.meta.groups:
        if info.id == group:
            return info.label(lang)
    return GROUP_LABELS[group](lang) if group in GROUP_LABELS else group


COMMENTS_ALL = Text("Alle groepen samen", "All groups together")
COMMENTS_POOLED = Text("{names}, samen", "{names}, together")


def comment_source(result: Result, comments: CommentSet, lang: str) -> str:
    """Whose open answers a set holds: one group, or the groups pooled for it."""
    every = {info.id for info in result.meta.groups}
    if not comments.groups or (len(every) > 1 and set(comments.groups) == every):
        return COMMENTS_ALL(lang)  # (no groups: a result from before comments were split)
    names = [group_label(result, g, lang) for g in comments.groups]
    return names[0] if len(names) == 1 else COMMENTS_POOLED(lang).format(names=", ".join(names))


POOLED_NOTE = Text(
    "Samengevoegd tot ‘{pool}’: {names}. Een afdeling onder de anonimiteitsdrempel wordt "
    "niet apart getoond, om de anonimiteit te beschermen; elke afdeling die de drempel "
    "haalt, staat altijd apart.",
    "Pooled into ‘{pool}’: {names}. A department below the anonymity threshold is not "
    "shown on its own, to protect anonymity; every department that reaches the threshold "
    "is always shown as its own group.",
)
WITHHELD_NOTE = Text(
    "Niet meegeteld: {names}. Elk blijft onder de anonimiteitsdrempel en samen ook, dus "
    "samenvoegen beschermt hen niet. Hun antwoorden staan in geen enkel cijfer, ook niet "
    "in dat voor iedereen: dat gaat alleen over de getoonde groepen, anders zou het totaal "
    "min de getoonde groepen hun antwoorden verraden.",
    "Left out: {names}. Each is below the anonymity threshold and so are they together, "
    "so pooling cannot protect them. Their answers are in no figure, not even the one for "
    "everyone: that covers the groups shown only, since the total minus the groups shown "
    "would otherwise reveal their answers.",
)


def group_notes(result: Result, lang: str) -> list[str]:
    """What was pooled or left out of the figures and why, in one or two sentences for
    every page and report (department names only, never their number)."""
    notes = []
    pooled = result.pooled_groups()
    if pooled:
        notes.append(POOLED_NOTE(lang).format(
            pool=group_label(result, POOL_ID, lang),
            names=", ".join(group_label(result, g, lang) for g in pooled)))
    withheld = result.withheld_groups()
    if withheld:
        notes.append(WITHHELD_NOTE(lang).format(
            names=", ".join(group_label(result, g, lang) for g in withheld)))
    return notes


def scale_title(result: Result, scale_id: str, lang: str) -> str:
    return result.scale(scale_id).title(lang)


def gap_sentence(result: Result, gap: Gap, lang: str) -> str:
    """ "Sales sees 23 points more tension in Promotion than Marketing does" for a tension
    source (read as tension, as on the Tensions page), "Sales rates Defined 12 points lower
    than Marketing does" for the rest; a possible gap says it could be chance."""
    a = group_label(result, gap.a, lang)
    b = group_label(result, gap.b, lang)
    title = scale_title(result, gap.scale, lang)
    points = rounded(abs(gap.difference))
    more = gap.difference > 0
    if gap.measure == "tension":
        words = (
            f"{a} sees {points} points {'more' if more else 'less'} tension in {title} "
            f"than {b} does"
            if lang == "en"
            else f"{a} ervaart {points} punten {'meer' if more else 'minder'} spanning rond "
            f"{title} dan {b}"
        )
    elif lang == "en":
        words = f"{a} rates {title} {points} points {'higher' if more else 'lower'} than {b} does"
    else:
        words = f"{a} beoordeelt {title} {points} punten {'hoger' if more else 'lager'} dan {b}"
    if gap.tier == "possible":
        words += possible_note(gap, lang)
    return words


def gap_interval_bounds(gap: Gap) -> tuple[float, float]:
    """The 95% interval of a gap the way :func:`gap_sentence` reads it: of the size of the
    difference in the direction the sentence names ("20 points less" goes with [2; 38],
    not with [-38; -2], which reads as a contradiction beside a positive 20)."""
    if gap.difference < 0:
        return -gap.diff_ci_high, -gap.diff_ci_low
    return gap.diff_ci_low, gap.diff_ci_high


def gap_interval(gap: Gap, lang: str) -> str:
    """:func:`gap_interval_bounds` as "[2; 38]"."""
    low, high = gap_interval_bounds(gap)
    return f"[{number(low, lang)}; {number(high, lang)}]"


def possible_note(gap: Gap, lang: str) -> str:
    """The plain words that go with a possible gap (the sentence continues)."""
    if lang == "en":
        return (f"; with {gap.n_a} and {gap.n_b} people this could be chance: a question for "
                "the meeting, not a finding")
    return (f"; met {gap.n_a} en {gap.n_b} mensen kan dit toeval zijn: een vraag voor het "
            "overleg, geen vaststelling")


def gaps_in_words(result: Result, lang: str) -> str | None:
    """What to say when no gap is clear (None when one is), so that "no gap" never
    stands beside a difference of 10 points or more: the verdicts already say whether
    the interval rules such a gap out."""
    if any(g.tier == "clear" for g in result.gaps):
        return None
    if any(g.tier == "possible" for g in result.gaps):
        key = "possible"
    elif any(g.verdict == "too_few_to_tell" for g in result.gaps):
        key = "too_few"
    elif result.gaps:
        key = "none"
    else:
        key = "no_pairs"
    return NO_CLEAR_GAP[key](lang)


NO_CLEAR_GAP = {
    "possible": Text(
        "Geen duidelijk verschil tussen de getoonde groepen. De mogelijke verschillen zijn "
        "groot, maar kunnen bij deze aantallen toeval zijn: vragen voor het overleg.",
        "No clear gap between the groups shown. The possible gaps are large but could be "
        "chance at these sizes: questions for the meeting.",
    ),
    "too_few": Text(
        "Geen duidelijk verschil, maar te weinig respondenten om een verschil van 10 punten "
        "of meer uit te sluiten.",
        "No clear gap, but too few respondents to rule out a gap of 10 points or more.",
    ),
    "none": Text(
        "Geen verschil van 10 punten of meer tussen de getoonde groepen.",
        "No gap of 10 points or more between the groups shown.",
    ),
    "no_pairs": Text(
        "Geen twee groepen groot genoeg om te vergelijken.",
        "No two groups large enough to compare.",
    ),
}

MEASURE = {
    "tension": Text("spanning", "tension"),
    "score": Text("score", "score"),
}

GAP_FAMILY = {
    "primary": Text("Sales–Marketing, vooraf gepland", "Sales–Marketing, planned"),
    "secondary": Text("met Customer Service, vooraf gepland", "with Customer Service, planned"),
    "exploratory": Text("verkennend", "exploratory"),
}


# ---------------------------------------------------------------- shared labels
# Used by the charts, the PDF, the workbook and (later) the web pages, so that every
# face names the same thing the same way.

AGREEMENT = {
    "divided": Text("verdeeld", "divided"),
    "moderate": Text("redelijk eens", "moderate"),
    "strong": Text("sterk eens", "strong"),
    "unknown": Text("onbekend", "unknown"),
    "too_few": Text("te weinig mensen om te zeggen", "too few people to tell"),
}

VERDICT = {
    "clear": Text("duidelijk verschil", "clear gap"),
    "possible": Text("mogelijk verschil", "possible gap"),
    "notable": Text("duidelijk verschil", "clear gap"),
    "no_gap": Text("geen verschil van 10 punten of meer", "no gap of 10 points or more"),
    "too_few_to_tell": Text("te weinig respondenten om te zeggen", "too few respondents to tell"),
}

STEP_STATUS = {
    "repair": Text("fundament herstellen", "repair the foundation"),
    "next": Text("volgende stap", "next step"),
    "later": Text("later", "later"),
    "in_place": Text("al op orde", "in place"),
}

SCALE_KIND = {
    "phase_block": Text("Faseblok", "Phase block"),
    "tension": Text("Spanningsbron", "Tension source"),
    "outcome": Text("Uitkomst", "Outcome"),
}

SUPPRESSION_REASON = {
    "below_k": Text("minder respondenten dan de drempel", "fewer respondents than the threshold"),
    "pooled": Text("samengevoegd met andere kleine groepen", "pooled with other small groups"),
    "withheld": Text(
        "in geen enkel cijfer: samen nog minder respondenten dan de drempel",
        "in no figure: together still fewer respondents than the threshold",
    ),
    "complementary": Text(
        "ook verborgen, anders is een verborgen cijfer terug te rekenen",
        "also withheld, else a withheld figure could be derived",
    ),
    "comment_threshold": Text(
        "minder opmerkingen dan de eigen drempel", "fewer comments than their own threshold"
    ),
}

SUPPRESSION_WHAT = {
    "all": Text("de hele scan", "the whole scan"),
    "group": Text("afdeling", "department"),
    "scale_cell": Text("schaalscore van een groep", "scale score of a group"),
    "phase_group": Text("fase zoals een groep die ziet", "phase as a group sees it"),
    "decision_area": Text("beslisgebied", "decision area"),
    "decision_cell": Text("beslisgebied in een groep", "decision area in a group"),
    "decision_clarity": Text("duidelijkheid van een beslisgebied", "clarity of a decision area"),
    "decision_should": Text("wie zou moeten beslissen", "who should decide"),
    "journey_stage": Text("klantreisfase", "journey stage"),
    "journey_cell": Text("klantreisfase in een groep", "journey stage in a group"),
    "journey_clarity": Text("duidelijkheid van een klantreisfase", "clarity of a stage"),
    "journey_consistency": Text("consistentie van een klantreisfase", "consistency of a stage"),
    "comments": Text("open antwoorden", "open answers"),
}

MET = Text("gehaald", "met")
NOT_MET = Text("niet gehaald", "not met")
CONTESTED = Text("betwist", "contested")
UNOWNED = Text("geen eigenaar", "no owner")
WITHHELD = Text("niet getoond", "withheld")
EVERYONE = GROUP_LABELS["all"]


QUESTIONNAIRE = Text("Vragenlijst", "Questionnaire")
_VERSION = Text("versie", "version")


def questionnaire_words(result: Result, lang: str) -> str:
    """The questionnaire and version the result was made with, as every face names it:
    "Tandem Scan: ... (version 2.0, full form)". A scan keeps its version."""
    meta = result.meta
    return questionnaire_named(meta.instrument, meta.instrument_version, meta.indicative, lang)


def questionnaire_named(instrument_id: str, version: str, indicative: bool, lang: str) -> str:
    """A questionnaire and version as people read it, for any face that knows them by id
    (:func:`questionnaire_words`, the psychometrics)."""
    instrument = instrument_named(instrument_id, version)
    # A version this Tandem does not ship: its id says which.
    name = instrument.title(lang) if instrument is not None else instrument_id
    form = FORM_NAMES["quick" if indicative else "full"](lang)
    return f"{name} ({_VERSION(lang)} {version}, {form})"


def number(value: float, lang: str, decimals: int = 0) -> str:
    """A figure as people read it: a decimal comma in Dutch, a point in English; rounded
    by :func:`tandem.rounding.rounded_text` (a half away from zero, on every machine)."""
    text = rounded_text(value, decimals)
    return text.replace(".", ",") if lang == "nl" else text


def percent(share: float, lang: str) -> str:
    """A share 0-1 as a whole percentage ("73%")."""
    return number(share * 100, lang) + "%"


CERTAINTY = {
    "almost_certain": Text("vrijwel zeker", "almost certain"),
    "very_likely": Text("zeer waarschijnlijk", "very likely"),
    "likely": Text("waarschijnlijk", "likely"),
    "uncertain": Text("onzeker", "uncertain"),
}
_BOUND = {">": Text("meer dan {share}", "more than {share}"),
          "<": Text("minder dan {share}", "less than {share}")}


def certainty_words(uncertainty: PhaseUncertainty, lang: str) -> str:
    """How sure the phase is, as every face says it: "very likely, 97%", "almost
    certain, more than 99.5%"; never "100%" (:func:`tandem.analysis.emphasis.certainty`)."""
    said = certainty(uncertainty.same_phase, uncertainty.resamples)
    share = number(said.percent, lang, said.decimals) + "%"
    if said.bound in _BOUND:
        share = _BOUND[said.bound](lang).format(share=share)
    return f"{CERTAINTY[said.band](lang)}, {share}"


def _certainty_bands(lang: str) -> str:
    """ "almost certain from 99%, very likely from 90%, ... otherwise uncertain"."""
    since = Text("{word} vanaf {share}", "{word} from {share}")
    bands = [since(lang).format(word=CERTAINTY[w](lang), share=percent(bar, lang))
             for w, bar in CERTAINTY_FROM]
    below = Text("anders {word}", "otherwise {word}")(lang).format(
        word=CERTAINTY[CERTAINTY_BELOW](lang))
    return ", ".join([*bands, below])


def capitalise(text: str) -> str:
    """First letter upper case: area labels are written to follow "who decides on ..."."""
    return text[:1].upper() + text[1:]


def method(k: int, comment_k: int) -> tuple[tuple[Text, Text], ...]:
    """How every figure is computed, as (heading, text) pairs for the report appendix.

    Built from the constants the analysis itself uses, so the explanation cannot drift
    from the computation.
    """
    bar = f"{BLOCK_MET_AT:.0f}"
    points = f"{GAP_POINTS:.0f}"
    return (
        (
            Text("Scores", "Scores"),
            Text(
                "Antwoorden op een schaal van 1 tot 5; ‘weet ik niet’ telt als ontbrekend en "
                "negatief geformuleerde uitspraken worden omgepoold (6 − x). De score van een "
                "persoon op een schaal is het gemiddelde van de beantwoorde uitspraken, als "
                "minstens twee derde is beantwoord, omgerekend naar 0–100: (gemiddelde − 1) / 4 "
                "× 100. Spanning van een bron = 100 − de afstemming op die bron. Per groep: n, "
                "gemiddelde, spreiding en 95%-betrouwbaarheidsinterval.",
                "Answers on a 1–5 scale; ‘don't know’ counts as missing and negatively worded "
                "statements are reversed (6 − x). A person's score on a scale is the mean of the "
                "answered statements, when at least two thirds are answered, on 0–100: (mean − 1) "
                "/ 4 × 100. Tension of a source = 100 − the alignment on it. Per group: n, mean, "
                "standard deviation and 95% confidence interval.",
            ),
        ),
        (
            Text("Fase", "Phase"),
            Text(
                f"Ladder: een blok (Defined, Aligned, Integrated) is gehaald bij een "
                f"organisatiescore van {bar} of meer; de fase is I plus het aantal opeenvolgende "
                "gehaalde blokken vanaf Defined. Index (vergelijkbaar met HBR 2006): het "
                "gemiddelde over alle ladderuitspraken, met de grenzen 2, 3 en 4. Zekerheid: het "
                f"aandeel van {RESAMPLES} bootstrap-herberekeningen dat dezelfde fase geeft, in "
                f"woorden: {_certainty_bands('nl')}. Ook als elke herberekening dezelfde fase "
                "geeft, zeggen we ‘meer dan’ en nooit 100%: herberekeningen bewijzen geen "
                "zekerheid.",
                f"Ladder: a block (Defined, Aligned, Integrated) is met at an organisation score "
                f"of {bar} or more; the phase is I plus the number of consecutive blocks met from "
                "Defined upward. Index (comparable with HBR 2006): the mean over all ladder "
                "statements, with bounds at 2, 3 and 4. Certainty: the share of "
                f"{RESAMPLES} bootstrap resamples that give the same phase, in words: "
                f"{_certainty_bands('en')}. Even when every resample gives the same phase we say "
                "‘more than’, never 100%: resamples do not prove certainty.",
            ),
        ),
        (
            Text("Verschillen in beleving", "Perception gaps"),
            Text(
                "Per schaal en per paar groepen: het verschil in gemiddelde (0–100; bij "
                "spanningsbronnen in spanning, zoals op de pagina Spanning) met 95%-interval en "
                "Hedges' g, getoetst met een permutatietoets (bij 30 of meer per groep Welch). "
                "Vooraf gepland: Sales tegenover Marketing, daarna beide tegenover Customer "
                "Service, op de spanningsbronnen en faseblokken; de rest is verkennend. De "
                f"foutkans van {percent(ERROR_RATE, 'nl')} wordt over de geplande families "
                "verdeeld, met Benjamini–Hochberg binnen elke familie. ‘Duidelijk’: minstens "
                f"{points} punten en binnen die foutkans. ‘Mogelijk’: minstens {points} punten "
                "maar bij deze aantallen nog toeval; een vraag voor het overleg. Is het interval "
                "te breed om een verschil van die omvang uit te sluiten, dan staat er ‘te weinig "
                "respondenten om te zeggen’ in plaats van ‘geen verschil’.",
                "Per scale and pair of groups: the difference of means (0–100; for tension "
                "sources in tension, as on the Tensions page) with its 95% interval and Hedges' "
                "g, tested with a permutation test (Welch's t from 30 per group). Planned: Sales "
                "versus Marketing, then both versus Customer Service, on the tension sources and "
                f"phase blocks; the rest is exploratory. The error rate of "
                f"{percent(ERROR_RATE, 'en')} is split over the planned families, with "
                f"Benjamini–Hochberg within each. ‘Clear’: at least {points} points and within "
                f"that error rate. ‘Possible’: at least {points} points but at these sizes it "
                "could still be chance; a question for the meeting. When the interval is too "
                "wide to rule out a gap of that size, the report says ‘too few respondents to "
                "tell’ rather than ‘no gap’.",
            ),
        ),
        (
            Text("Eensgezindheid en betrouwbaarheid", "Agreement and reliability"),
            Text(
                "Eensgezindheid binnen een groep: r*wg(j) (Lindell e.a. 1999) tegen een licht "
                "scheve nulverdeling (LeBreton & Senter 2008), pas vanaf "
                f"{AGREEMENT_MIN_N} mensen; onder {number(MODERATE_FROM, 'nl', 2)} verdeeld, "
                f"vanaf {number(STRONG_FROM, 'nl', 2)} sterk. Betrouwbaarheid: Cronbachs alfa "
                "met 95%-interval en item-totaalcorrelaties per schaal, op alle gegeven "
                "antwoorden (wie één uitspraak oversloeg, telt voor de andere mee), vanaf "
                f"{MIN_N_RELIABILITY} respondenten bij elk paar uitspraken; n is iedereen die "
                "minstens één uitspraak van de schaal beantwoordde.",
                "Agreement within a group: r*wg(j) (Lindell et al. 1999) against a slightly "
                f"skewed null (LeBreton & Senter 2008), only from {AGREEMENT_MIN_N} people; "
                f"below {number(MODERATE_FROM, 'en', 2)} divided, from "
                f"{number(STRONG_FROM, 'en', 2)} "
                "strong. Reliability: Cronbach's alpha with 95% interval and item–total "
                "correlations per scale, on every answer given (someone who skipped one "
                "statement still counts for the others), from "
                f"{MIN_N_RELIABILITY} respondents behind every pair of statements; n is "
                "everyone who answered at least one statement of the scale.",
            ),
        ),
        (
            Text("Beslisrechten en klantreis", "Decision rights and customer journey"),
            Text(
                "Per beslisgebied: de verdeling van de antwoorden; helderheid = het aandeel van "
                "het meest genoemde antwoord onder wie een beslisser noemde. Betwist: Sales en "
                "Marketing noemen het vaakst een andere beslisser, of de helderheid is lager dan "
                f"{percent(CLARITY_BAR, 'nl')}. Per klantreisfase: de meest genoemde eigenaar, de "
                "helderheid en de gemiddelde consistentie; zonder eigenaar als het meest genoemde "
                f"antwoord ‘onduidelijk’ is of de helderheid onder {percent(CLARITY_BAR, 'nl')} "
                "ligt.",
                "Per decision area: the distribution of answers; clarity = the share of the most "
                "named answer among those who named a decider. Contested: Sales and Marketing "
                "most often name a different decider, or clarity is below "
                f"{percent(CLARITY_BAR, 'en')}. Per journey stage: the most named owner, the "
                "clarity and the mean consistency; unowned when the most named answer is "
                f"‘unclear’ or clarity is below {percent(CLARITY_BAR, 'en')}.",
            ),
        ),
        (
            Text("Doelfase en routekaart", "Target phase and roadmap"),
            Text(
                "De doelfase volgt uit transparante regels over de context van de organisatie "
                "(omvang, rol van Marketing, markt, groei) en de signalen uit de scan: "
                f"meerdere spanningsbronnen van {HIGH_TENSION:.0f} of meer, een slecht beeld van "
                "elkaar of veel betwiste beslisgebieden verhogen het doel met één fase en maken "
                "het urgent. De stappen gaan één fase tegelijk: de doelfase ligt hoogstens één "
                "fase boven de huidige; waar de context verder wijst, is dat de horizon. "
                "De stappen van de routekaart komen uit een vaste catalogus en worden "
                "gerangschikt op de spanning en de verschillen van wat ze aanpakken.",
                "The target phase follows from transparent rules over the organisation's "
                "context (size, marketing's role, market, growth) and the scan's own signals: "
                f"several tension sources at {HIGH_TENSION:.0f} or more, a poor mutual image or "
                "many contested decision areas raise the target by one phase and make it urgent. "
                "The steps go one phase at a time: the target is at most one phase above the "
                "current one; where the context points further, that is the horizon. "
                "The roadmap's steps come from a fixed catalogue, ranked by the tension and gaps "
                "of what they address.",
            ),
        ),
        (
            Text("Anonimiteit", "Anonymity"),
            Text(
                f"Geen enkel cijfer over een groep van minder dan {k} respondenten (de drempel "
                f"van deze scan; nooit lager dan {MIN_K}). Een afdeling die de drempel haalt, "
                "staat altijd apart; kleinere afdelingen worden samengevoegd in ‘Overige "
                "functies’. Blijven die samen onder de drempel, dan tellen hun antwoorden in "
                "geen enkel cijfer mee, ook niet in dat voor iedereen, zodat ze niet uit het "
                "totaal terug te rekenen zijn; om dezelfde reden wordt soms ook een tweede "
                f"cijfer verborgen. Open antwoorden verschijnen pas vanaf {comment_k} "
                f"antwoorden: per afdeling als die afdeling er zelf {comment_k} of meer gaf, "
                "anders van enkele afdelingen samen; in willekeurige volgorde en zonder "
                "verder profiel.",
                f"No figure at all about a group of fewer than {k} respondents (this scan's "
                f"threshold; never below {MIN_K}). A department that reaches the threshold is "
                "always shown on its own; smaller departments are pooled into ‘Other "
                "functions’. When those together stay below the threshold, their answers are "
                "left out of every figure, the one for everyone included, so they cannot be "
                "derived from the total; for the same reason a second figure is sometimes "
                f"withheld as well. Open answers appear only from {comment_k} answers: per "
                f"department where that department alone gave {comment_k} or more, otherwise "
                "from several departments together; in random order and without any other "
                "profile.",
            ),
        ),
    )
