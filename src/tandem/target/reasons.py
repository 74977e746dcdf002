"""The reasons: the texts that explain the target to readers, in Dutch and English.

Only wording lives here; which rule fires, and when, is decided in
:mod:`tandem.target.rules`. The base rules' texts are keyed by rule id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tandem.context import Context, context_field
from tandem.i18n import Text
from tandem.rounding import rounded_text
from tandem.target.model import PHASE_NAMES
from tandem.target.thresholds import HIGH_TENSION, POOR_IMAGE, SEVERAL_MARKETS

# ------------------------------------------------------------------ small helpers


def lower_first(text: Text) -> Text:
    return Text(nl=text.nl[:1].lower() + text.nl[1:], en=text.en[:1].lower() + text.en[1:])


def _join(parts: Sequence[str], last: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {last} {parts[-1]}"


def _join_text(parts: Sequence[Text]) -> Text:
    return Text(nl=_join([p.nl for p in parts], "en"), en=_join([p.en for p in parts], "and"))


def _num(value: float) -> str:
    return rounded_text(value)


def _band(ctx: Context) -> Text:
    return ctx.label("employees")


def _lower_label(ctx: Context, key: str) -> Text:
    return lower_first(ctx.label(key))


# ------------------------------------------------------------------ base rules

#: Per base rule: the question ("whether ...", for the unjudged list) and the reason text,
#: a sentence about this organisation.
BASE_TEXTS: dict[str, tuple[Text, Callable[[Context], Text]]] = {
    "base.small_leads": (
        Text(
            nl="de organisatie klein is en Marketing vooral leads levert (Defined)",
            en="the organisation is small and marketing mainly supplies leads (Defined)",
        ),
        lambda c: Text(
            nl=f"Met {_band(c).nl} medewerkers bent u een kleine organisatie en levert uw "
            "marketing Sales vooral leads: Defined is dan genoeg, integratie hoeft niet "
            "geforceerd te worden.",
            en=f"With {_band(c).en} employees you are a small organisation, and your marketing "
            "mainly supplies Sales with leads: Defined is enough, and there is no need to "
            "force integration.",
        ),
    ),
    "base.medium": (
        Text(
            nl="de organisatie middelgroot is (Aligned)",
            en="the organisation is medium-sized (Aligned)",
        ),
        lambda c: Text(
            nl=f"Met {_band(c).nl} medewerkers bent u een middelgrote organisatie: daar past "
            "Aligned, met Sales en Marketing die elkaars taal spreken en samen plannen.",
            en=f"With {_band(c).en} employees you are a medium-sized organisation: that calls "
            "for Aligned, with Sales and Marketing speaking each other's language and "
            "planning together.",
        ),
    ),
    "base.strategic_marketing": (
        Text(
            nl="Marketing een strategische rol heeft (Aligned)",
            en="marketing has a strategic role (Aligned)",
        ),
        lambda c: Text(
            nl="Uw marketing heeft een strategische rol "
            f"({_lower_label(c, 'marketing_role').nl}): daar past Aligned, zodat Sales en "
            "Marketing elkaars taal spreken en samen plannen.",
            en="Your marketing has a strategic role "
            f"({_lower_label(c, 'marketing_role').en}): that calls for Aligned, so that Sales "
            "and Marketing speak each other's language and plan together.",
        ),
    ),
    "base.large": (
        Text(
            nl="de organisatie groot is (Integrated)", en="the organisation is large (Integrated)"
        ),
        lambda c: Text(
            nl=f"Met {_band(c).nl} medewerkers bent u een grote organisatie: daar past op den "
            "duur Integrated, met Sales en Marketing als één geheel.",
            en=f"With {_band(c).en} employees you are a large organisation: in time that calls "
            "for Integrated, with Sales and Marketing working as one.",
        ),
    ),
    "base.complex_b2b": (
        Text(
            nl="er sprake is van een zakelijke markt met key accounts (Integrated)",
            en="this is a business market with key accounts (Integrated)",
        ),
        lambda c: Text(
            nl=f"U werkt in een zakelijke markt ({_lower_label(c, 'market').nl}) met key "
            "accounts: daar past op den duur Integrated, met Marketing aan tafel bij het "
            "key-accountmanagement.",
            en=f"You work in a business market ({_lower_label(c, 'market').en}) with key "
            "accounts: in time that calls for Integrated, with Marketing involved in "
            "key-account management.",
        ),
    ),
    "base.strategic_markets": (
        Text(
            nl=f"Marketing strategisch werkt in {SEVERAL_MARKETS} of meer markten (Integrated)",
            en=f"marketing works strategically in {SEVERAL_MARKETS} or more markets (Integrated)",
        ),
        lambda c: Text(
            nl=f"Uw marketing werkt strategisch in {c.markets} markten of segmenten: daar past "
            "op den duur Integrated, zodat merk en klantreis overal één geheel vormen.",
            en=f"Your marketing works strategically in {c.markets} markets or segments: in time "
            "that calls for Integrated, so that brand and customer journey hold together "
            "everywhere.",
        ),
    ),
}

#: Per rule: what it says about this organisation as a noun phrase, for the horizon
#: ("Integrated, given your size and your growth").
GIVEN: dict[str, Callable[[Context], Text]] = {
    "base.small_leads": lambda c: Text("uw omvang", "your size"),
    "base.medium": lambda c: Text("uw omvang", "your size"),
    "base.large": lambda c: Text("uw omvang", "your size"),
    "base.strategic_marketing": lambda c: Text(
        "de strategische rol van uw marketing", "the strategic role of your marketing"
    ),
    "base.complex_b2b": lambda c: Text(
        "uw zakelijke markt met key accounts", "your business market with key accounts"
    ),
    "base.strategic_markets": lambda c: Text(
        f"uw strategische marketing in {c.markets} markten",
        f"your strategic marketing in {c.markets} markets",
    ),
    "base.default": lambda c: Text(
        "wat er over uw organisatie bekend is", "what is known about your organisation"
    ),
    "signal.tension_sources": lambda c: Text(
        "de spanning tussen Sales en Marketing", "the tension between Sales and Marketing"
    ),
    "signal.mutual_image": lambda c: Text(
        "het beeld dat Sales en Marketing van elkaar hebben",
        "the image Sales and Marketing have of each other",
    ),
    "signal.contested_areas": lambda c: Text(
        "de omstreden beslissingen", "the contested decisions"
    ),
    "signal.strong_growth": lambda c: Text("uw groei", "your growth"),
}


def horizon(phase: int, given: Sequence[Text]) -> Text:
    """The horizon in a phrase: "Integrated, given your size and your growth"."""
    unique = list(dict.fromkeys(given))
    if not unique:
        return Text(PHASE_NAMES[phase], PHASE_NAMES[phase])
    why = _join_text(unique)
    return Text(
        nl=f"{PHASE_NAMES[phase]}, gezien {why.nl}", en=f"{PHASE_NAMES[phase]}, given {why.en}"
    )


def one_step(current: int, phase: int, further: int) -> Text:
    """Why the target stays one phase above the current phase."""
    return Text(
        nl=f"De stappen gaan één fase tegelijk: u staat nu in {PHASE_NAMES[current]}, dus "
        f"de doelfase is {PHASE_NAMES[phase]}. {PHASE_NAMES[further]} is de horizon: "
        "daar werkt u daarna naartoe.",
        en=f"The steps go one phase at a time: you are now in {PHASE_NAMES[current]}, so the "
        f"target is {PHASE_NAMES[phase]}. {PHASE_NAMES[further]} is the horizon: where you "
        "head after that.",
    )


BASE_DEFAULT = Text(
    nl="Over uw organisatie is te weinig bekend om de doelfase op haar omvang en markt te "
    "baseren: we gaan uit van Aligned. Vul de gegevens over uw organisatie aan voor een "
    "beter onderbouwde doelfase.",
    en="Too little is known about your organisation to base the target on its size and "
    "market, so we assume Aligned. Complete your organisation's details for a "
    "better-founded target.",
)


def unjudged_context(question: Text, ctx: Context, keys: Sequence[str]) -> Text:
    """A rule that needs context facts nobody gave."""
    missing = _join_text(
        [lower_first(context_field(k).label) for k in keys if getattr(ctx, k) is None]
    )
    return Text(
        nl=f"Niet te beoordelen of {question.nl}: {missing.nl} niet ingevuld.",
        en=f"Could not judge whether {question.en}: {missing.en} not given.",
    )


# ------------------------------------------------------------------ signals


#: Per tension source: what a high tension there means, as the rest of a sentence that
#: starts "Sales and Marketing ..." (Dutch: main-clause word order).
SOURCE_CLAUSES: dict[str, Text] = {
    "eco_price": Text("zijn het oneens over prijzen", "disagree on prices"),
    "eco_promotion": Text("zijn het oneens over promotie", "disagree on promotion"),
    "eco_product": Text("zijn het oneens over het productaanbod", "disagree on the product range"),
    "eco_power": Text(
        "strijden om wie het voor het zeggen heeft", "struggle over who has the final say"
    ),
    "cul_competence": Text("twijfelen aan elkaars competenties", "doubt each other's competence"),
    "cul_goal": Text("streven verschillende doelen na", "pursue different goals"),
    "cul_time": Text("werken met een verschillende termijn", "work to different time horizons"),
    "cul_image": Text("hebben een slecht beeld van elkaar", "have a poor image of each other"),
    "org_systems": Text("werken langs elkaar heen in hun systemen", "work past each other in "
                        "their systems"),
    "org_process": Text("botsen over processen", "clash over processes"),
    "org_metrics": Text(
        "worden op verschillende doelen afgerekend en beloond",
        "are measured and rewarded on different goals",
    ),
}


def _clause(source: str, titles: dict[str, Text]) -> Text:
    title = titles.get(source, Text(source, source))
    return SOURCE_CLAUSES.get(
        source,
        Text(f"ervaren spanning over {title.nl}", f"feel tension over {title.en}"),
    )


#: The tension sentence names at most this many sources (the highest), then counts the rest.
NAMED_SOURCES = 3


def tension_sources(high: Sequence[tuple[float, str]], titles: dict[str, Text]) -> Text:
    """``high``: (tension, source id) pairs, highest first; ``titles`` as the
    questionnaire names them. Names the first :data:`NAMED_SOURCES`."""
    listed = [
        Text(
            nl=f"{_clause(s, titles).nl} ({titles.get(s, Text(s, s)).nl}: {_num(v)}/100)",
            en=f"{_clause(s, titles).en} ({titles.get(s, Text(s, s)).en}: {_num(v)}/100)",
        )
        for v, s in high[:NAMED_SOURCES]
    ]
    joined = _join_text(listed)
    more = len(high) - len(listed)
    rest = Text(f" ({more} hier niet genoemd)", f" ({more} not named here)") if more else None
    return Text(
        nl=f"Sales en Marketing {joined.nl}: {len(high)} bronnen van spanning scoren "
        f"{_num(HIGH_TENSION)} of hoger{rest.nl if rest else ''}.",
        en=f"Sales and Marketing {joined.en}: {len(high)} sources of tension score "
        f"{_num(HIGH_TENSION)} or higher{rest.en if rest else ''}.",
    )


def tension_clause(high: Sequence[tuple[float, str]], titles: dict[str, Text]) -> Text:
    """The highest tension source as a short clause, for the raise."""
    _, source = high[0]
    clause = _clause(source, titles)
    return Text(nl=f"Sales en Marketing {clause.nl}", en=f"Sales and Marketing {clause.en}")


def tension_sources_unjudged(unknown: int, sources: int) -> Text:
    return Text(
        nl="Niet te beoordelen of meerdere spanningsbronnen hoog scoren: van "
        f"{unknown} van de {sources} bronnen is geen score bekend.",
        en="Could not judge whether several tension sources score high: "
        f"{unknown} of the {sources} sources have no score.",
    )


MUTUAL_IMAGE_UNJUDGED = Text(
    nl="Niet te beoordelen of Sales en Marketing een slecht beeld van elkaar hebben: "
    "daarvoor is geen score bekend.",
    en="Could not judge whether Sales and Marketing have a poor image of each other: "
    "there is no score for it.",
)


def mutual_image(image: float) -> Text:
    return Text(
        nl="Sales en Marketing hebben een slecht beeld van elkaar: de spanning over hun "
        f"beeld van elkaar is {_num(image)}/100 ({_num(POOR_IMAGE)} of hoger).",
        en="Sales and Marketing have a poor image of each other: the tension over how they "
        f"see each other is {_num(image)}/100 ({_num(POOR_IMAGE)} or higher).",
    )


MUTUAL_IMAGE_CLAUSE = Text(
    "Sales en Marketing hebben een slecht beeld van elkaar",
    "Sales and Marketing have a poor image of each other",
)


def contested_clause(contested: int, areas: int) -> Text:
    return Text(
        nl=f"bij {contested} van de {areas} beslissingen is omstreden wie beslist",
        en=f"for {contested} of the {areas} decisions it is contested who decides",
    )


CONTESTED_UNJUDGED = Text(
    nl="Niet te beoordelen hoeveel beslisgebieden omstreden zijn: daarvoor zijn geen gegevens.",
    en="Could not judge how many decision areas are contested: there are no data for it.",
)


def contested_areas(contested: int, areas: int) -> Text:
    verb_nl, verb_en = ("is", "is") if contested == 1 else ("zijn", "are")
    return Text(
        nl=f"{contested} van de {areas} beslisgebieden {verb_nl} omstreden (een derde of meer).",
        en=f"{contested} of the {areas} decision areas {verb_en} contested (a third or more).",
    )


GROWTH_QUESTION = Text(nl="de organisatie sterk groeit", en="the organisation is growing strongly")

STRONG_GROWTH = Text(
    nl="Uw organisatie is de afgelopen twee jaar sterk gegroeid: dan moet snel duidelijk "
    "worden hoe Sales en Marketing samenwerken.",
    en="Your organisation has grown strongly over the last two years: then how Sales and "
    "Marketing work together must become clear quickly.",
)

GROWTH_CLAUSE = Text("u groeit snel", "you are growing fast")


# ------------------------------------------------------------------ raise, limits, override


def raised(clauses: Sequence[Text]) -> Text:
    """The one raise the signals cause; ``clauses`` say what the signals found, about this
    organisation ("you are growing fast", "Sales and Marketing disagree on prices")."""
    said = _join_text(list(dict.fromkeys(clauses)))
    said = Text(nl=said.nl[:1].upper() + said.nl[1:], en=said.en[:1].upper() + said.en[1:])
    return Text(
        nl=f"{said.nl}: reden om een fase hoger te mikken (één keer, hoeveel signalen er "
        "ook zijn) en nu te handelen: maak snel duidelijk hoe Sales en Marketing "
        "samenwerken en leg dat vast.",
        en=f"{said.en}: reason to aim one phase higher (once, however many signals there "
        "are) and to act now: make clear quickly how Sales and Marketing work together, "
        "and anchor it.",
    )


CAP = Text(
    nl="Integrated is de hoogste fase: hoger kan de doelfase niet.",
    en="Integrated is the highest phase: the target cannot go higher.",
)


def floor(current: int, phase: int) -> Text:
    return Text(
        nl=f"U staat al in {PHASE_NAMES[current]}, hoger dan {PHASE_NAMES[phase]}; de "
        "doelfase komt nooit onder de huidige fase.",
        en=f"You are already in {PHASE_NAMES[current]}, above {PHASE_NAMES[phase]}; the "
        "target never goes below the current phase.",
    )


def overridden(who: str, phase: int, computed: int, reason: str) -> Text:
    who_nl = f"De eigenaar van de scan ({who})" if who else "De eigenaar van de scan"
    who_en = f"The scan owner ({who})" if who else "The scan owner"
    return Text(
        nl=f"{who_nl} heeft de doelfase op {PHASE_NAMES[phase]} gezet in plaats van "
        f"{PHASE_NAMES[computed]}, met als reden: “{reason}”",
        en=f"{who_en} set the target to {PHASE_NAMES[phase]} instead of "
        f"{PHASE_NAMES[computed]}, for this reason: “{reason}”",
    )
