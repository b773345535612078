"""Which of our five languages a reply is written in.

Counting frequent function words is enough to tell en, fr, de, es and nl apart on a
few sentences, costs nothing, and needs no model download. The partner's language
settles close calls.
"""

from __future__ import annotations

import re

from ar_collections_core.replies.datewords import MONTHS, WEEKDAYS
from ar_collections_core.replies.types import LANGUAGES

_STOPWORDS = {
    "en": "the and we will you your for this that is are be to of our it have has not "
    "with on at please thanks thank week pay paid invoice been would can which i as by "
    "tomorrow today days weeks month transfer",
    "fr": "le la les et nous vous votre vos pour ce cette est sont pas de du des une un "
    "merci bonjour avons sera semaine payer facture au aux je qui que ne dans sur "
    "demain jours mois virement réglerons paierons réglé payé",
    "de": "der die das und wir sie ihr ihre für diese ist sind nicht zu von mit auf "
    "danke bitte woche zahlen rechnung haben wird ich den dem ein eine noch bereits "
    "heute tage wochen monat überweisen überweisung zahlung bezahlt",
    "es": "el la los las y nosotros usted su para este esta es son no de del una un "
    "gracias hola semana pagar factura hemos será por que con lo se le al ya "
    "mañana hoy días semanas mes pagaremos transferencia pagado",
    "nl": "de het en wij we u uw voor deze dit is zijn niet te van met op "
    "dank bedankt week betalen factuur hebben zal ik een nog al graag wordt "
    "vandaag dagen weken maand betaling betaald overmaken",
}
_WORDS = {lang: frozenset(words.split()) for lang, words in _STOPWORDS.items()}
# Words shared by several languages say nothing: keep each word for one language only.
_COUNTS: dict[str, int] = {}
for _words in _WORDS.values():
    for _word in _words:
        _COUNTS[_word] = _COUNTS.get(_word, 0) + 1
_UNIQUE = {lang: frozenset(w for w in words if _COUNTS[w] == 1) for lang, words in _WORDS.items()}
# Day and month names tell the language of a short reply ("Pagaremos el viernes.").
_NAMES = {lang: set(WEEKDAYS[lang]) | {m for m in MONTHS[lang] if len(m) > 3} for lang in LANGUAGES}
_NAMES = {
    lang: frozenset(n for n in names if all(n not in _NAMES[o] for o in LANGUAGES if o != lang))
    for lang, names in _NAMES.items()
}
_TOKEN = re.compile(r"[a-zà-ÿß]+", re.I)
_HINTS = {
    "fr": re.compile(r"[éèêàç]|\b(n'|l'|d'|qu')", re.I),
    "de": re.compile(r"[äöüß]", re.I),
    "es": re.compile(r"[ñ¿¡]|ción\b", re.I),
}


def normalize_lang(partner_lang: str | None) -> str | None:
    """'fr_FR' -> 'fr'; None or an unsupported language -> None."""
    if not partner_lang:
        return None
    code = str(partner_lang).replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else None


def detect_language(text: str, partner_lang: str | None = None) -> str:
    """The reply's language among en/fr/de/es/nl (the partner's when unclear, else en)."""
    hint = normalize_lang(partner_lang)
    scores = dict.fromkeys(LANGUAGES, 0.0)
    for token in _TOKEN.findall(text.lower()[:3000]):
        for lang in LANGUAGES:
            if token in _UNIQUE[lang] or token in _NAMES[lang]:
                scores[lang] += 1.0
    for lang, pattern in _HINTS.items():
        scores[lang] += 0.5 * min(len(pattern.findall(text[:3000])), 4)
    if hint:
        scores[hint] += 1.5
    best = max(LANGUAGES, key=lambda lang: (scores[lang], lang == hint))
    runner_up = max(score for lang, score in scores.items() if lang != best)
    if scores[best] < 2.0 and (hint or scores[best] < 1.0 or scores[best] <= runner_up):
        # without the partner's language, a short reply's clear lead still decides
        return hint or "en"
    return best
