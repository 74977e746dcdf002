"""Psychometrics for consultants and researchers: how well the instrument measured.

One module per statistical family, composed by :mod:`.analyse` into the typed
:class:`tandem.contract.psychometrics.Psychometrics` that the CLI
(``tandem psychometrics``), the Markdown and JSON renderers
(:mod:`tandem.report.psychometrics`) and the consultants' page render:

- :mod:`.alpha`: Cronbach's alpha on complete cases (Feldt interval) and on available
  cases (pairwise covariances), item-rest correlations;
- :mod:`.omega`: omega total of a one-factor minres model (``psych::omega``);
- :mod:`.icc`: ICC(1)/ICC(2) of the scale scores by department (Bliese 2000);
- :mod:`.invariance`: configural, metric and scalar multi-group CFA by ML (``lavaan``);
- :mod:`.ladder`: Guttman errors and Mokken's H of the dichotomised phase blocks.

Every figure is compared with R (psych, lavaan) in ``tests/analysis/psychometrics``.
"""

from tandem.analysis.psychometrics.analyse import (
    CFI_BAR,
    DELTA_CFI_BAR,
    MIN_N_INVARIANCE,
    normalise_languages,
    psychometrics,
)

__all__ = ["CFI_BAR", "DELTA_CFI_BAR", "MIN_N_INVARIANCE", "normalise_languages",
           "psychometrics"]
