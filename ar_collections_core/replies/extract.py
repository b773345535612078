"""Picking the facts of a reading: which date is the promise, which amount, which
reason, which new contact, from what the finders saw clause by clause."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from datetime import date, timedelta

from ar_collections_core.replies.amounts import Amount
from ar_collections_core.replies.dates import FoundDate
from ar_collections_core.replies.modifiers import DEADLINE
from ar_collections_core.replies.references import MASKS
from ar_collections_core.replies.rules import Clause

_MONEY_INTENTS = ("promise_to_pay", "paid_already", "payment_plan")
_RETURN_CUE = re.compile(
    r"\b(?:back|return\w*|until|till|through|de retour|reviendrai|retour|jusqu[’']?au|jusqu[’']à"
    r"|wieder|zurück|ab dem|ab|bis(?: zum| einschließlich)?|de vuelta|regreso|volveré|hasta(?: el)?"
    r"|terug|weer|tot(?: en met)?|vanaf|reopen\w*|re-open\w*|a partir del?|à partir du|dès le"
    r"|réouverture|réouvr\w*|wiedereröffn\w*|reabr\w*|heropen\w*)\b",
    re.I,
)
# "maandag weer terug", "ab Montag wieder da": the cue after the date.
_RETURN_AFTER = re.compile(
    r"\W{0,3}\s*(?:(?:bin|ben|am|will be|sind|zijn|estaré|serai|je serai)\s+)?(?:weer|wieder"
    r"|terug|zurück|back|de retour|de vuelta|again|retour|disponible)\b",
    re.I,
)
_REASONS = (
    ("duplicate", r"duplicat\w*|twice|double|two times|en double|doublon|deux fois|doppelt"
     r"|zweimal|duplicad\w*|dos veces|dubbel|twee keer|already (?:invoiced|billed|paid for)"
     r"|déjà factur\w*|bereits berechnet|ya facturad\w*|al gefactureerd"),
    ("tax", r"\bvat\b|\btax\w*|\btva\b|\btaxe\w*|\bmwst\b|mehrwertsteuer|umsatzsteuer|\bust\b"
     r"|steuer\w*|\biva\b|impuesto\w*|\bbtw\b|reverse[- ]charge|autoliquidation|verlegd"),
    ("missing_po", r"\bpo\b|purchase order|bon de commande|numéro de commande|bestellnummer"
     r"|ohne bestellung|orden de compra|número de pedido|sin pedido|inkoop\w*nummer|ordernummer"
     r"|po-nummer|inkooporder"),
    ("quality", r"damaged|defective|broken|faulty|quality|not working|doesn't work|endommag\w*"
     r"|défectu\w*|abîm\w*|cassé\w*|qualité|ne fonctionne|beschädigt|defekt\w*|mangelhaft"
     r"|mängel|qualität|funktioniert nicht|dañad\w*|defectuos\w*|\broto?a?s?\b|calidad"
     r"|no funciona|beschadigd|\bdefect\b|kapot|kwaliteit|werkt niet"),
    ("quantity_not_received", r"not (?:been )?(?:received|delivered)|never (?:received|arrived"
     r"|delivered|got)|missing|short[- ]?(?:shipped|delivery)|only (?:received|got)|quantit\w*"
     r"|manqu\w*|pas (?:été )?(?:reçu|livré)\w*|jamais (?:reçu|livré)\w*|non (?:reçu|livré)\w*"
     r"|livraison partielle|menge|fehl\w*|nicht (?:\S+ )?(?:erhalten|geliefert)|nie (?:erhalten"
     r"|geliefert)|teillieferung|falta\w*|no (?:hemos )?(?:recibido|llegado)|nunca (?:recibimos"
     r"|llegó|llegaron)|cantidad|entrega parcial|ontbre\w*|niet (?:\S+ )?(?:ontvangen|geleverd)"
     r"|nooit (?:ontvangen|geleverd)|hoeveelheid|deellevering"
     r"|n'en (?:mentionne|compte|indique|contient) que"),
    ("price", r"pric\w*|prix|preis\w*|precio\w*|prijs\w*|\brates?\b|tarif\w*|discount|remise"
     r"|stundensatz|stundensätze|\w+sätze\b|hourly rate|taux horaire|tarifa|uurtarief"
     r"|rabatt|descuento|korting|overcharg\w*|quoted|quote|devis|angebot|presupuesto|offerte"
     r"|agreed|convenu|vereinbart\w*|acordad\w*|afgesproken|too (?:high|much)|trop élevé"
     r"|zu hoch|demasiado|te hoog"),
    ("service_level", r"servic\w*|prestation\w*|leistung\w*|dienstleistung|servicio"
     r"|dienstverlening|late|delay\w*|retard\w*|verspät\w*|retras\w*|vertraging|not "
     r"(?:completed|finished|performed)|incomplet\w*|pas terminé|nicht (?:fertig|erbracht)"
     r"|no (?:terminad|realizad)\w*|niet (?:afgerond|uitgevoerd)|\bsla\b|hours|heures"
     r"|stunden|horas|uren|support|intervention|wartung|mantenimiento|onderhoud"),
)  # fmt: skip
_REASON_PATTERNS = tuple((reason, re.compile(pattern, re.I)) for reason, pattern in _REASONS)


def clause_of(clauses: Sequence[Clause], position: int) -> Clause | None:
    for clause in clauses:
        if clause.start <= position < clause.end:
            return clause
    return None


# How exactly a date is named: a calendar date beats a weekday, which beats a period
# ("will be paid at 30 days end of month, i.e. on 31 March": the 31st of March).
_EXACT = {"iso": 0, "named": 0, "numeric": 0, "dom": 0, "weekday_dom": 0}
# A date that names a document or an earlier message ("your invoice of 15/10", "Ihre
# Erinnerung vom 24.11.", "la factura del 3 de octubre") is never the promised day.
_DOCUMENT_DATE = re.compile(
    r"(?:\b(?:invoices?|inv|bills?|reminders?|letters?|e-?mails?|mails?|messages?|statements?"
    r"|orders?|credit notes?|factures?|relances?|lettres?|courriers?|courriels?|avoirs?"
    r"|commandes?|rechnung(?:en)?|erinnerung(?:en)?|mahnung(?:en)?|schreiben|nachricht"
    r"|gutschrift|bestellung|lieferung|facturas?|recordatorios?|cartas?|correos?|mensajes?"
    r"|pedidos?|abonos?|factuur|facturen|herinnering(?:en)?|aanmaning(?:en)?|brief|bericht"
    r"|creditnota|bestelling|levering)\b[^.;:!?\n]{0,25}?\b(?:of|from|dated|du|en date du"
    r"|datée? du|vom|von|del|de fecha|con fecha|van|gedateerd|d\.d\.)"
    r"|\b(?:dated|daté(?:e|s|es)? du|datiert(?: vom)?|de fecha|con fecha|gedateerd"
    r"|invoice date|date of (?:the )?invoice|rechnungsdatum|date de (?:la )?facture"
    r"|fecha de (?:la )?factura|factuurdatum))\s*:?\s*(?:the\s+|le\s+|el\s+|den\s+)?$",
    re.I,
)
# Words of paying: a date nearest them is the day of the payment, when no rule says which
# words promise ("approved in this week's review, in the batch going out on August 7th").
_PAY_WORDS = re.compile(
    r"\b(?:pay\w*|paid|settle\w*|transfer\w*|remit\w*|wire\w*|bacs|payment run|batch"
    r"|go(?:es|ing)? out|goes through|régl\w*|pai\w*|pay[eé]\w*|vir\w*|vers\w*|zahl\w*"
    r"|überw\w*|beglei\w*|beglich\w*|pag\w*|abon\w*|transfi\w*|betaal\w*|betal\w*|overma\w*"
    r"|overgema\w*|voldo\w*|zahllauf|betaalrun|remesa)\b",
    re.I,
)


_TERMS_BEFORE = re.compile(
    r"\b\d{1,3}\s*(?:days?|jours|tage[n]?|días|dias|dagen)\s*(?:net(?:to)?\s*)?,?\s*$", re.I
)
_RUN_WORDS = re.compile(
    r"lauf|run\b|batch|remesa|vorschlag|zahlung|payment|paiement|virement|pago|betaling"
    r"|campagne|cycle|ciclo|transfer|überweisung|transferencia",
    re.I,
)


def is_document_date(text: str, found: FoundDate) -> bool:
    """The date names an invoice, a reminder or a letter, not a day to come (a payment
    run's date is no document's: "Rechnung 4711 geht in den Zahllauf vom 27.02.")."""
    before = text[max(0, found.start - 60) : found.start]
    if _TERMS_BEFORE.search(before):
        return True  # "à 45 jours fin de mois", "60 days end of month": terms, not a day
    match = _DOCUMENT_DATE.search(before)
    return bool(match) and not _RUN_WORDS.search(match.group(0))


def _rolled_far(found: FoundDate, today: date) -> bool:
    """A day without a year more than seven months ahead was most likely a past one
    ("we paid the 20 September invoice" said in November), no promise."""
    return (found.value - today).days > 210 and not re.search(r"\b20\d\d\b", found.text)


def _is_deadline(text: str, found: FoundDate) -> bool:
    before = text[max(0, found.start - 30) : found.start]
    after = text[found.end : found.end + 25].lstrip(" ,")
    return bool(DEADLINE.search(before) or DEADLINE.match(after))


def not_document_dates(
    text: str, dates: Sequence[FoundDate], today: date | None = None
) -> list[FoundDate]:
    """The dates that could be a payment's day: no document's date, no yearless day
    pushed far into next year."""
    return [
        found
        for found in dates
        if not is_document_date(text, found) and not (today and _rolled_far(found, today))
    ]


def _pay_distance(clause: Clause, found: FoundDate) -> int:
    offset = clause.start
    distances = [
        min(abs(found.start - (offset + m.end())), abs(offset + m.start() - found.end))
        for m in _PAY_WORDS.finditer(clause.text)
    ]
    return min(distances) if distances else 999


def promised_date(
    clauses: Sequence[Clause], dates: Sequence[FoundDate], today: date, text: str = ""
) -> FoundDate | None:
    """The future date of a promise clause nearest its promise words (the most exact one
    first); or a date in a clause right after a promise clause that has no other intent
    ("We will pay. Friday at the latest."). Dates of documents ("your invoice of 15
    October") are never taken."""
    promise_indexes = [i for i, c in enumerate(clauses) if "promise_to_pay" in c.intents]
    dates = [
        f
        for f in dates
        if f.value >= today
        and not (text and is_document_date(text, f))
        and not _rolled_far(f, today)
    ]
    candidates = []
    for found in dates:
        for position, clause in enumerate(clauses):
            if not clause.start <= found.start < clause.end:
                continue
            if "promise_to_pay" in clause.intents:
                cue = clause.positions.get("promise_to_pay", clause.start)
                # "Friday, Monday at the latest": the deadline is the promise
                rank = 0 if text and _is_deadline(text, found) else 1
                candidates.append(
                    (rank, _exactness(found), abs(found.start - cue), found.start, found)
                )
            elif not clause.intents and any(0 < position - i <= 1 for i in promise_indexes):
                candidates.append((2, 0, 0, found.start, found))
    if not promise_indexes:
        # The promise was read by the model alone: take a date no other intent claims
        # (a thanks or an acknowledgement around it claims nothing), nearest paying words.
        candidates = [
            (3, _exactness(found), _pay_distance(clause, found), found.start, found)
            for found in dates
            if (clause := clause_of(clauses, found.start)) is not None
            and not (set(clause.intents) - {"acknowledgement"})
            and not clause.blocked
        ]
    return min(candidates, key=lambda c: c[:4])[4] if candidates else None


def _exactness(found: FoundDate) -> int:
    return _EXACT.get(found.how, 1 if found.how.startswith("weekday") else 2)


def return_date(text: str, dates: Sequence[FoundDate], today: date) -> FoundDate | None:
    """The return date of an out-of-office reply: the latest date after a "back"/"until"
    word, else the latest date named as a day ("from 26 January to 9 February") — never
    a weekday of working hours ("I work Monday to Wednesday") nor a reply delay ("within
    3 working days")."""
    future = [found for found in dates if found.value >= today]
    cued = [
        found
        for found in future
        if _RETURN_CUE.search(text[max(0, found.start - 40) : found.start])
        or _RETURN_AFTER.match(text, found.end)
    ]
    pool = cued or [
        found
        for found in future
        if not found.how.startswith("weekday") and found.how not in ("in_n", "this_week")
    ]
    if not pool:
        return None
    return _period_start(max(pool, key=lambda found: found.value), today)


_PERIOD_END_WORDS = re.compile(r"\b(?:end|fin|ende|eind|einde|finales|final|ultimo)\b", re.I)


def _period_start(found: FoundDate, today: date) -> FoundDate:
    """Someone back "next week" or "next month" is back when it begins (a promise for
    "next week" is due when it ends)."""
    if _PERIOD_END_WORDS.search(found.text):
        return found
    monday = today - timedelta(days=today.weekday())
    starts = {
        "next_week": monday + timedelta(days=7),
        "week_after_next": monday + timedelta(days=14),
        "next_month": (today.replace(day=1) + timedelta(days=32)).replace(day=1),
    }
    value = starts.get(found.how)
    return dataclasses.replace(found, value=value) if value else found


def money(
    clauses: Sequence[Clause],
    amounts: Sequence[Amount],
    intents: Sequence[str],
    default_currency: str | None,
    open_invoices: Sequence = (),
) -> tuple[float | None, str | None]:
    """The amount the customer pays, paid or proposes, with its currency: an amount in a
    clause that pays (nearest its paying words), else one in a clause that claims nothing
    else ("Thanks. 420 € go out tomorrow."); never one a dispute or a question is about.
    Without a currency sign, the currency is that of the open invoice with that exact
    balance, else the customer's only currency."""
    if not amounts or not any(intent in _MONEY_INTENTS for intent in intents):
        return None, None
    in_money_clause = []
    free = []
    for amount in amounts:
        clause = clause_of(clauses, amount.start)
        if clause is None:
            continue
        paying = [i for i in clause.intents if i in _MONEY_INTENTS]
        # "Of the £12,480 outstanding we can pay £6,000 now": the sum a paying word leads
        led = not _PAY_WORDS.search(text_before(clause, amount.start, 30))
        if paying:
            cue = min(clause.positions.get(intent, clause.start) for intent in paying)
            in_money_clause.append((led, abs(amount.start - cue), amount.start, amount))
        elif not set(clause.intents) - {"acknowledgement"}:
            free.append((led, 0, amount.start, amount))
    pool = in_money_clause or free
    if not pool:
        return None, None
    chosen = min(pool, key=lambda item: item[:3])[3]
    return chosen.value, chosen.currency or _currency_of(chosen, open_invoices, default_currency)


def text_before(clause: Clause, position: int, width: int) -> str:
    start = max(clause.start, position - width)
    return clause.text[start - clause.start : position - clause.start]


def _currency_of(amount: Amount, open_invoices: Sequence, default: str | None) -> str | None:
    same = {
        invoice.currency
        for invoice in open_invoices
        if abs(float(invoice.amount_residual or 0) - amount.value) < 0.005
    }
    return next(iter(same)) if len(same) == 1 else default


def dispute_reason(clauses: Sequence[Clause], text: str) -> str:
    """The reason named in the dispute's own clauses, else in the clauses that carry no
    other intent ("We dispute 00140. The price is not the one agreed.")."""
    dispute_text = " ".join(c.text for c in clauses if "dispute" in c.intents) or text
    neutral_text = " ".join(c.text for c in clauses if not c.intents or "dispute" in c.intents)
    for candidate in (dispute_text, neutral_text):
        for reason, pattern in _REASON_PATTERNS:
            if pattern.search(candidate):
                return reason
    return "other"


def new_contact(text: str, sender: str) -> str | None:
    """A new address (or portal link) the customer points to, never their own."""
    own = (re.search(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", sender or "") or [None])[0]
    for match in MASKS["email"].finditer(text):
        address = match.group(0).rstrip(".")
        if own and address.lower() == own.lower():
            continue
        return address.lower()
    url = MASKS["url"].search(text)
    return url.group(0).rstrip(".,)") if url else None
