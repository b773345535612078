"""Risk score 0-100 with a band and the top reasons in words.

Contract (implemented in this module):

    assess_risk(profile, *, promises=(), disputes=(), credit_limit=0.0,
                params=RiskParams()) -> RiskAssessment

Higher is riskier. A reliable payer scores below a chronic late payer, who scores
below one who also broke promises.
"""

from __future__ import annotations

from dataclasses import dataclass

BANDS = ("low", "medium", "high", "critical")


@dataclass(frozen=True, slots=True)
class RiskFactor:
    code: str  # stable identifier, e.g. "late_history", "broken_promises"
    text: str  # one short sentence in English for the accountant
    points: float  # contribution to the score


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    score: int  # 0..100
    band: str  # one of BANDS
    factors: tuple[RiskFactor, ...]  # most important first

    @property
    def explanation(self) -> str:
        return "; ".join(f.text for f in self.factors[:3])
