"""The reasons: the texts that explain the target to readers, in Dutch and English.

Only wording lives here; which rule fires, and when, is decided in
:mod:`tandem.target.rules`. The base rules' texts are keyed by rule id.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from tandem.context import Context, context_field
from tandem.i18n import Text
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
    return f"{value:.0f}"


def _band(ctx: Context) -> Text:
    return ctx.label("employees")


def _lower_label(ctx: Context, key: str) -> Text:
    return lower_first(ctx.label(key))


# ------------------------------------------------------------------ base rules

#: Per base rule: the question ("whether ...", for the unjudged list) and the reason text.
BASE_TEXTS: dict[str, tuple[Text, Callable[[Context], Text]]] = {
    "base.small_leads": (
        Text(
            nl="de organisatie klein is en Marketing vooral leads levert (Defined)",
            en="the organisation is small and marketing mainly supplies leads (Defined)",
        ),
        lambda c: Text(
            nl=f"Kleine organisatie ({_band(c).nl} medewerkers) waarin Marketing Sales vooral "
            "met leads ondersteunt: Defined is dan genoeg, integratie hoeft niet geforceerd "
            "te worden.",
            en=f"A small organisation ({_band(c).en} employees) where marketing mainly supports "
            "sales with leads: Defined is enough, and there is no need to force integration.",
        ),
    ),
    "base.medium": (
        Text(
            nl="de organisatie middelgroot is (Aligned)",
            en="the organisation is medium-sized (Aligned)",
        ),
        lambda c: Text(
            nl=f"Middelgrote organisatie ({_band(c).nl} medewerkers): Aligned als basis.",
            en=f"A medium-sized organisation ({_band(c).en} employees): Aligned as the base.",
        ),
    ),
    "base.strategic_marketing": (
        Text(
            nl="Marketing een strategische rol heeft (Aligned)",
            en="marketing has a strategic role (Aligned)",
        ),
        lambda c: Text(
            nl=f"Marketing heeft een strategische rol ({_lower_label(c, 'marketing_role').nl}): "
            "Aligned als basis, zodat Sales en Marketing elkaars taal spreken en samen plannen.",
            en=f"Marketing has a strategic role ({_lower_label(c, 'marketing_role').en}): "
            "Aligned as the base, so that Sales and Marketing speak each other's language and "
            "plan together.",
        ),
    ),
    "base.large": (
        Text(
            nl="de organisatie groot is (Integrated)", en="the organisation is large (Integrated)"
        ),
        lambda c: Text(
            nl=f"Grote organisatie ({_band(c).nl} medewerkers): Integrated als basis.",
            en=f"A large organisation ({_band(c).en} employees): Integrated as the base.",
        ),
    ),
    "base.complex_b2b": (
        Text(
            nl="er sprake is van een zakelijke markt met key accounts (Integrated)",
            en="this is a business market with key accounts (Integrated)",
        ),
        lambda c: Text(
            nl=f"Zakelijke markt ({_lower_label(c, 'market').nl}) met key accounts: Integrated "
            "als basis, met Marketing aan tafel bij het key-accountmanagement.",
            en=f"A business market ({_lower_label(c, 'market').en}) with key accounts: "
            "Integrated as the base, with marketing involved in key-account management.",
        ),
    ),
    "base.strategic_markets": (
        Text(
            nl=f"Marketing strategisch werkt in {SEVERAL_MARKETS} of meer markten (Integrated)",
            en=f"marketing works strategically in {SEVERAL_MARKETS} or more markets (Integrated)",
        ),
        lambda c: Text(
            nl=f"Strategische marketing in {c.markets} markten of segmenten: Integrated als "
            "basis, zodat merk en klantreis overal één geheel vormen.",
            en=f"Strategic marketing in {c.markets} markets or segments: Integrated as the base, "
            "so that brand and customer journey hold together everywhere.",
        ),
    ),
}

BASE_DEFAULT = Text(
    nl="Met wat er over de organisatie bekend is, past geen basisregel: we gaan "
    "uit van Aligned. Vul de context aan voor een beter onderbouwde doelfase.",
    en="With what is known about the organisation, no base rule applies, so we "
    "assume Aligned. Complete the context for a better-founded target.",
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


def tension_sources(high: Sequence[tuple[float, str]], titles: dict[str, Text]) -> Text:
    """``high``: (tension, source id) pairs, highest first."""
    listed = [
        Text(
            nl=f"{titles.get(s, Text(s, s)).nl} ({_num(v)})",
            en=f"{titles.get(s, Text(s, s)).en} ({_num(v)})",
        )
        for v, s in high
    ]
    return Text(
        nl=f"{len(high)} spanningsbronnen scoren {_num(HIGH_TENSION)} of hoger: "
        + ", ".join(t.nl for t in listed)
        + ".",
        en=f"{len(high)} tension sources score {_num(HIGH_TENSION)} or higher: "
        + ", ".join(t.en for t in listed)
        + ".",
    )


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
        nl="Sales en Marketing hebben een slecht beeld van elkaar: spanning "
        f"{_num(image)}/100 ({_num(POOR_IMAGE)} of hoger).",
        en="Sales and Marketing have a poor image of each other: tension "
        f"{_num(image)}/100 ({_num(POOR_IMAGE)} or higher).",
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
    nl="De organisatie is de afgelopen twee jaar sterk gegroeid.",
    en="The organisation has grown strongly over the last two years.",
)


# ------------------------------------------------------------------ raise, limits, override


def raised(phase: int) -> Text:
    """The one raise the signals cause, to ``phase`` (5 = past the top, before the cap)."""
    towards = (
        Text(nl=f", naar {PHASE_NAMES[phase]}", en=f", to {PHASE_NAMES[phase]}")
        if phase <= 4
        else Text("", "")
    )
    return Text(
        nl=f"Tekenen van conflict of sterke groei: de doelfase gaat één fase omhoog"
        f"{towards.nl} (één keer, hoeveel signalen er ook zijn). Het is zaak nu te "
        "handelen: maak snel duidelijk hoe Sales en Marketing samenwerken en leg "
        "dat vast.",
        en=f"Signs of conflict or strong growth: the target goes up one phase"
        f"{towards.en} (once, however many signals there are). It is time to act: "
        "make clear quickly how Sales and Marketing work together, and anchor it.",
    )


CAP = Text(
    nl="Integrated is de hoogste fase: hoger kan de doelfase niet.",
    en="Integrated is the highest phase: the target cannot go higher.",
)


def floor(current: int, phase: int) -> Text:
    return Text(
        nl=f"De huidige fase, {PHASE_NAMES[current]}, ligt al hoger dan "
        f"{PHASE_NAMES[phase]}; de doelfase komt nooit onder de huidige fase.",
        en=f"The current phase, {PHASE_NAMES[current]}, is already above "
        f"{PHASE_NAMES[phase]}; the target never goes below the current phase.",
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
