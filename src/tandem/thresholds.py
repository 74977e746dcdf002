"""The bars the core judges figures by that a reader also sees, in one place.

The result records them in :class:`~tandem.contract.result.Meta`, so a face draws a
threshold line or says "high" from the result and never re-declares the number. This
module imports nothing, so the contract, the analysis and the target rules all take
their bars from it without an import cycle.
"""

from __future__ import annotations

#: Tension at or above this is high (0-100; 60 is a mean of 2.6 on the 1-5 alignment items).
HIGH_TENSION = 60.0
#: The ladder's bar: a phase block counts as met at this score (0-100) or more, a mean
#: of 3.4 on 1-5. Why 60 (docs/method.md, "Why the ladder's bar is 60"): cut 1-5 into
#: five equal bands of 0.8 and 3.4 is where "neither agree nor disagree" ends and
#: "agree" begins; a criterion people are undecided about is not in place. It sits
#: between HBR's band starts for Aligned (mean 3.0) and Integrated (4.0) because a block
#: is a set of conditions that must hold, not an average over every topic. HIGH_TENSION
#: is the same cut from the other side (alignment 40 = mean 2.6, where "disagree" ends).
BLOCK_MET_AT = 60.0
#: The same bar on the 1-5 scale of a single statement (the roadmap's criteria).
BLOCK_MET_MEAN = 1.0 + 4.0 * BLOCK_MET_AT / 100.0
#: A decision area or journey stage is unclear when the modal answer has a smaller share.
CLARITY_BAR = 0.5
#: The customer mirror: customers see a break in a journey stage when their score (0-100)
#: is below this, the ladder's bar from the customer's side: on average they do not
#: agree that the stage went as it should (docs/customer-mirror.md).
CUSTOMER_BREAK_BELOW = BLOCK_MET_AT
#: How sure the phase is, in words: the share of resamples that give the same phase from
#: which each word applies, surest first (the calibrated likelihood scale of the IPCC:
#: virtually certain 99%, very likely 90%, likely 66%). Below the last: "uncertain".
CERTAINTY_FROM: tuple[tuple[str, float], ...] = (
    ("almost_certain", 0.99),
    ("very_likely", 0.90),
    ("likely", 0.66),
)
#: The word for a share below every bar of CERTAINTY_FROM.
CERTAINTY_BELOW = "uncertain"

__all__ = ["BLOCK_MET_AT", "BLOCK_MET_MEAN", "CERTAINTY_BELOW", "CERTAINTY_FROM", "CLARITY_BAR",
           "CUSTOMER_BREAK_BELOW", "HIGH_TENSION"]
