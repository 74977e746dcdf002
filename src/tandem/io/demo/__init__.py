"""Synthetic organisations with a known truth, for demos, tests and benchmarks.

An :class:`OrganisationSpec` states what is true of a made-up organisation: how its
departments see each ladder block, each tension source and each outcome (levels on the
1-5 answer scale, where high always means good: alignment, not tension), who each
department thinks decides each area, who owns each journey stage. The generator turns
that truth into answers the way people give them, so the analysis can be checked
against the truth it should recover:

    answer = clip(round(level[scale][department] + person + person×scale + item noise), 1, 5)

``person`` is a respondent's general mood (N(0, ``person_sd``)), ``person×scale`` their
view of one scale (N(0, ``scale_sd``)), item noise N(0, ``item_sd``). Reverse-keyed
items are answered as ``6 - answer``: a person who sees alignment disagrees with a
statement of tension. A share ``dk_rate`` of Likert answers is "dk", ``skip_rate`` is
left empty. Everything is vectorised numpy and deterministic for a given seed.

Modules: :mod:`.spec` (the truth of one organisation), :mod:`.profiles` (the named
organisations), :mod:`.comments` (open answers to sample) and :mod:`.generation`
(the answers themselves).
"""

from tandem.io.demo.comments import CHANGE, FRICTION
from tandem.io.demo.generation import generate_responses, respondent_languages, write_demo_csv
from tandem.io.demo.profiles import PROFILES
from tandem.io.demo.spec import (
    DEPARTMENTS,
    DecisionTendency,
    JourneyTendency,
    Levels,
    OrganisationSpec,
    by_department,
    everyone,
)

__all__ = [
    "CHANGE",
    "DEPARTMENTS",
    "FRICTION",
    "PROFILES",
    "DecisionTendency",
    "JourneyTendency",
    "Levels",
    "OrganisationSpec",
    "by_department",
    "everyone",
    "generate_responses",
    "respondent_languages",
    "write_demo_csv",
]
