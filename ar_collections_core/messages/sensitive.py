"""Wording that needs a person: late-payment interest or fees, legal action, a
collection agency, a final notice; and offers (discounts, payment plans, extensions,
waivers) a message may only make when the policy allows them.

Works on any text (templates, LLM drafts), in en, fr, de, es and nl at once: a
message in one language may quote another.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ar_collections_core.policy.decision import Decision, reason

from .lexicon import fold

SENSITIVE: dict[str, tuple[str, ...]] = {
    "interest": (
        # en
        r"late[- ]payment interest",
        r"interest on (?:the )?(?:late|overdue|outstanding|unpaid)",
        r"(?:charge|charging|charged|add|apply|accrue|accruing|statutory|default|penalty) interest",
        r"interest (?:will|may|shall|would|is|are) (?:be )?(?:charged|accrue|applied|added|due)",
        r"interest (?:rate|charges?)",
        r"late (?:payment )?(?:fees?|charges?|penalt(?:y|ies))",
        r"(?:fixed )?compensation for (?:debt )?recovery costs",
        # fr
        r"interets? (?:de retard|moratoires?|legaux)",
        r"penalites? de retard",
        r"indemnite forfaitaire",
        r"frais de recouvrement",
        r"taux d'interet",
        # de
        r"verzugszinse?n?",
        r"zinsen",
        r"mahngebuhre?n?",
        r"verzugspauschale",
        r"verzugsschaden",
        r"saumniszuschlage?",
        # es
        r"intereses? (?:de demora|moratorios?|legales)",
        r"recargos? por (?:demora|retraso)",
        r"gastos de (?:cobro|cobranza|recobro)",
        r"indemnizacion por (?:los )?costes de cobro",
        # nl
        r"wettelijke (?:handels)?rente",
        r"vertragingsrente",
        r"rente",
        r"incassokosten",
        r"administratiekosten",
    ),
    "legal": (
        r"legal (?:action|proceedings|steps|measures|remedies|recourse)",
        r"court(?: action| proceedings| order)?",
        r"law ?suit",
        r"su(?:e|ing) (?:you|your company)",
        r"solicitors?",
        r"lawyers?",
        r"attorneys?",
        r"litigation",
        r"small claims",
        r"bailiffs?",
        r"letter before action",
        r"action en justice",
        r"poursuites?(?: judiciaires?)?",
        r"procedure (?:judiciaire|contentieuse)",
        r"contentieux",
        r"tribunal",
        r"avocats?",
        r"huissiers?",
        r"injonction de payer",
        r"mise en demeure",
        r"voie judiciaire",
        r"rechtliche schritte",
        r"juristische schritte",
        r"gerichtlich\w*",
        r"(?:vor|zum|beim|an das) gericht",
        r"klage",
        r"(?:rechts)?anwalt\w*",
        r"mahnbescheid",
        r"mahnverfahren",
        r"zwangsvollstreckung",
        r"gerichtsvollzieher",
        r"acci(?:on|ones) (?:legal|legales|judicial|judiciales)",
        r"via judicial",
        r"procedimiento judicial",
        r"reclamacion judicial",
        r"demanda judicial",
        r"tribunales",
        r"abogados?",
        r"juzgado",
        r"monitorio",
        r"juridische stappen",
        r"gerechtelijke (?:stappen|procedure|invordering)",
        r"rechtbank",
        r"advocaat",
        r"deurwaarder",
        r"dagvaarding",
        r"ingebrekestelling",
        r"sommatie",
    ),
    "agency": (
        r"(?:debt )?collections? agency",
        r"debt collectors?",
        r"debt recovery (?:agency|company|firm)",
        r"recovery agency",
        r"third[- ]party collect\w*",
        r"(?:agence|societe|cabinet|organisme) de recouvrement",
        r"recouvrement (?:force|contentieux|judiciaire)",
        r"inkasso\w*",
        r"(?:agencia|empresa|gestoria) de (?:cobros?|recobros?)",
        r"incasso(?:bureau|bedrijf|partij|traject)\w*",
        r"uit handen (?:gegeven|geven) aan",
    ),
    "final_notice": (
        r"final (?:notice|reminder|demand|warning)",
        r"last (?:notice|reminder)",
        r"dernier (?:rappel|avis|avertissement)",
        r"derniere relance",
        r"letzte mahnung",
        r"letztmalige?",
        r"ultimo (?:aviso|recordatorio|requerimiento)",
        r"laatste (?:herinnering|aanmaning|waarschuwing)",
    ),
}

OFFERS: dict[str, tuple[str, ...]] = {
    "discount": (
        r"discount\w*",
        r"rebate",
        r"\d+ ?% off",
        r"remise",
        r"rabais",
        r"escompte",
        r"reduction (?:de|sur|of)",
        r"rabatt\w*",
        r"skonto",
        r"(?:preis)?nachlass",
        r"descuentos?",
        r"rebaja",
        r"bonificacion",
        r"korting",
    ),
    "payment_plan": (
        r"payment (?:plan|arrangement|schedule)",
        r"instal?ments?",
        r"in (?:two|three|several|monthly) (?:parts|payments|instal?ments)",
        r"spread (?:the|your) payments?",
        r"echeancier",
        r"paiements? echelonnes?",
        r"en plusieurs (?:fois|versements|mensualites)",
        r"mensualites",
        r"plan de (?:paiement|pagos?|remboursement)",
        r"ratenzahlung\w*",
        r"in raten",
        r"ratenplan",
        r"zahlungsplan",
        r"(?:pago|pagar) a plazos",
        r"fraccionar",
        r"cuotas",
        r"betalingsregeling",
        r"afbetalingsregeling",
        r"in termijnen",
        r"gespreide betaling",
    ),
    "extension": (
        r"extension",
        r"(?:extra|more|additional) time",
        r"grace period",
        r"(?:defer|postpone)\w*",
        r"delai supplementaire",
        r"report (?:de|du) (?:paiement|l'echeance|reglement)",
        r"prolongation",
        r"zahlungsaufschub",
        r"stundung",
        r"aufschub",
        r"fristverlangerung",
        r"prorroga",
        r"aplazamiento",
        r"mas tiempo",
        r"plazo adicional",
        r"uitstel",
        r"extra tijd",
    ),
    "waiver": (
        r"waiv\w+",
        r"write[- ]?off",
        r"forgiv\w+",
        r"cancel (?:the )?(?:fees?|interest|charges?|balance|debt)",
        r"renon\w+ (?:a|aux)",
        r"annul\w* (?:les|des) (?:frais|interets|penalites)",
        r"abandon de creance",
        r"remise de dette",
        r"erlass\w*",
        r"verzicht\w*",
        r"condon\w+",
        r"renunci\w+ a",
        r"kwijtschel\w+",
        r"afzien van",
    ),
}


def _compile(table: dict[str, tuple[str, ...]]) -> dict[str, re.Pattern]:
    return {
        name: re.compile(r"(?<!\w)(?:" + "|".join(patterns) + r")(?!\w)")
        for name, patterns in table.items()
    }


_SENSITIVE = _compile(SENSITIVE)
_OFFERS = _compile(OFFERS)


@dataclass(frozen=True, slots=True)
class WordingMatch:
    category: str  # interest | legal | agency | final_notice, or an offer
    phrase: str  # as written in the text
    start: int


def _find(patterns: dict[str, re.Pattern], text: str) -> tuple[WordingMatch, ...]:
    folded = fold(text)
    found = [
        WordingMatch(name, text[m.start() : m.end()], m.start())
        for name, pattern in patterns.items()
        for m in pattern.finditer(folded)
    ]
    return tuple(sorted(found, key=lambda m: m.start))


def find_sensitive(text: str) -> tuple[WordingMatch, ...]:
    """Interest/fees, legal action, collection agency and final-notice wording."""
    return _find(_SENSITIVE, text)


def find_offers(text: str) -> tuple[WordingMatch, ...]:
    """Discounts, payment plans, extensions and waivers offered or mentioned."""
    return _find(_OFFERS, text)


def sensitive_categories(text: str) -> tuple[str, ...]:
    return tuple(sorted({m.category for m in find_sensitive(text)}))


def needs_approval(text: str) -> bool:
    """True when the text must wait for a person, whatever the mode."""
    return bool(find_sensitive(text))


def apply_text_check(
    decision: Decision, text: str, allowed_offers: tuple[str, ...] = ()
) -> Decision:
    """``decision`` with approval required if its message ``text`` (rendered template
    or draft) has sensitive wording or offers beyond ``allowed_offers``."""
    extra = []
    categories = sensitive_categories(text)
    if categories:
        extra.append(reason("sensitive_wording", categories=", ".join(categories)))
    offers = sorted({m.category for m in find_offers(text)} - set(allowed_offers))
    if offers:
        extra.append(reason("offer_wording", offers=", ".join(offers)))
    if not extra:
        return decision
    return replace(
        decision,
        needs_approval=True,
        approval_reasons=(*decision.approval_reasons, *extra),
    )
