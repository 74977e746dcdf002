"""What the writes of the action plan and its tools share: the error that names the
broken rules.
"""

from __future__ import annotations


class ActionsRuleError(ValueError):
    """A rule of the action plan or its tools was broken; ``problems`` says which."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))
