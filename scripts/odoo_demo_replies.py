"""Customer replies for the demo weeks: what a simulated customer writes back to a
reminder, in their language (en, fr, de, es, nl), as a raw RFC 822 answer to the
message they received (In-Reply-To and References set, the reminder quoted below).

The *what* comes from the simulator's behaviour model (``Delivery.intents``: a promise
with its date, "paid already", a dispute, an acknowledgement, an out-of-office); this
module only words it, with the real facts (invoice numbers, amounts, dates). The
wording is this demo's own, several phrasings per intent, chosen by a seeded draw, so
the agent's reader sees varied text it was not written against. Plain Python: no Odoo.
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import textwrap
from datetime import date, datetime, time, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from zoneinfo import ZoneInfo

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
    "nl": "januari februari maart april mei juni juli augustus september oktober november december",
}
WEEKDAYS = {
    "en": "Monday Tuesday Wednesday Thursday Friday Saturday Sunday",
    "fr": "lundi mardi mercredi jeudi vendredi samedi dimanche",
    "de": "Montag Dienstag Mittwoch Donnerstag Freitag Samstag Sonntag",
    "es": "lunes martes miércoles jueves viernes sábado domingo",
    "nl": "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
}
REPLY_PREFIX = {"en": "Re: ", "fr": "RE : ", "de": "AW: ", "es": "RE: ", "nl": "Re: "}
WROTE = {
    "en": "On {when}, {who} wrote:",
    "fr": "Le {when}, {who} a écrit :",
    "de": "Am {when} schrieb {who}:",
    "es": "El {when}, {who} escribió:",
    "nl": "Op {when} schreef {who}:",
}
SIGN = {
    "en": ("Kind regards", "Best regards", "Thanks"),
    "fr": ("Cordialement", "Bien à vous", "Bonne journée"),
    "de": ("Mit freundlichen Grüßen", "Viele Grüße", "Beste Grüße"),
    "es": ("Un saludo", "Saludos cordiales", "Atentamente"),
    "nl": ("Met vriendelijke groet", "Groeten", "Met vriendelijke groeten"),
}
GREETING = {
    "en": ("Hello,", "Hi,", "Dear Accounts team,"),
    "fr": ("Bonjour,", "Madame, Monsieur,", "Bonjour à vous,"),
    "de": ("Guten Tag,", "Sehr geehrte Damen und Herren,", "Hallo,"),
    "es": ("Hola,", "Buenos días,", "Estimados señores:"),
    "nl": ("Goedemiddag,", "Beste,", "Geachte heer/mevrouw,"),
}
DISPUTE_WHY = {
    "price": {
        "en": "the unit price is not the one we agreed in our contract",
        "fr": "le prix unitaire ne correspond pas à celui de notre contrat",
        "de": "der Stückpreis nicht dem vereinbarten Vertragspreis entspricht",
        "es": "el precio unitario no es el acordado en el contrato",
        "nl": "de eenheidsprijs niet overeenkomt met wat in het contract staat",
    },
    "quantity": {
        "en": "we only received part of the goods, the rest never arrived",
        "fr": "nous n'avons reçu qu'une partie de la marchandise",
        "de": "nur ein Teil der Ware bei uns angekommen ist",
        "es": "solo hemos recibido una parte de la mercancía",
        "nl": "wij maar een deel van de goederen hebben ontvangen",
    },
    "quality": {
        "en": "the goods delivered were damaged and we sent photos to your sales rep",
        "fr": "la marchandise livrée était endommagée",
        "de": "die gelieferte Ware beschädigt war",
        "es": "la mercancía llegó dañada",
        "nl": "de geleverde goederen beschadigd waren",
    },
    "duplicate": {
        "en": "it looks like a duplicate of an invoice we already paid",
        "fr": "elle fait doublon avec une facture déjà réglée",
        "de": "sie doppelt ist, die gleiche Lieferung wurde schon berechnet",
        "es": "es un duplicado de una factura ya pagada",
        "nl": "het een dubbele factuur is voor een levering die al betaald is",
    },
    "missing_po": {
        "en": "it has no purchase order number and our system rejects it",
        "fr": "il manque notre numéro de bon de commande",
        "de": "unsere Bestellnummer fehlt",
        "es": "falta nuestro número de pedido",
        "nl": "ons inkoopordernummer ontbreekt",
    },
    "tax": {
        "en": "the VAT rate applied is wrong",
        "fr": "le taux de TVA appliqué est erroné",
        "de": "der falsche Mehrwertsteuersatz berechnet wurde",
        "es": "el tipo de IVA aplicado es incorrecto",
        "nl": "het verkeerde btw-tarief is toegepast",
    },
    "service": {
        "en": "the service was not delivered as agreed",
        "fr": "la prestation n'a pas été réalisée comme convenu",
        "de": "die Leistung nicht wie vereinbart erbracht wurde",
        "es": "el servicio no se prestó como se acordó",
        "nl": "de dienst niet volgens afspraak is geleverd",
    },
}
# Phrasings by intent and language. Slots: {invoices}, {date}, {amount}, {why}, {back}.
TEXTS = {
    "promise_to_pay": {
        "en": (
            "Apologies for the delay. {invoices} will be paid on {date}.",
            "We have scheduled the payment of {invoices} ({amount}) for {date}.",
            "Thanks for the reminder, the transfer for {invoices} goes out on {date}.",
        ),
        "fr": (
            "Désolés pour ce retard. Le règlement de {invoices} sera effectué le {date}.",
            "Nous avons programmé le virement de {amount} pour {invoices} le {date}.",
            "Merci pour la relance, le paiement de {invoices} partira le {date} au plus tard.",
        ),
        "de": (
            "Entschuldigen Sie die Verzögerung. Wir überweisen {invoices} am {date}.",
            "Die Zahlung für {invoices} über {amount} ist für den {date} eingeplant.",
            "Danke für die Erinnerung, {invoices} wird bis zum {date} bezahlt.",
        ),
        "es": (
            "Disculpen el retraso. Pagaremos {invoices} el {date}.",
            "Hemos programado la transferencia de {amount} para {invoices} el {date}.",
            "Gracias por el aviso, {invoices} quedará pagada el {date}.",
        ),
        "nl": (
            "Excuses voor de vertraging. Wij betalen {invoices} op {date}.",
            "De betaling van {amount} voor {invoices} staat ingepland op {date}.",
            "Bedankt voor de herinnering, {invoices} wordt uiterlijk {date} overgemaakt.",
        ),
    },
    "paid_already": {
        "en": (
            "We paid {invoices} on {date}, please check your bank account again.",
            "This has already been settled: the transfer for {invoices} left on {date}.",
        ),
        "fr": (
            "Nous avons déjà réglé {invoices} le {date}, merci de vérifier.",
            "Le virement pour {invoices} est parti le {date}.",
        ),
        "de": (
            "{invoices} haben wir bereits am {date} bezahlt, bitte prüfen Sie Ihren "
            "Zahlungseingang.",
            "Die Überweisung für {invoices} wurde am {date} ausgeführt.",
        ),
        "es": (
            "Ya pagamos {invoices} el {date}, por favor compruébenlo.",
            "La transferencia de {invoices} se realizó el {date}.",
        ),
        "nl": (
            "Wij hebben {invoices} al op {date} betaald, kunt u dit nakijken?",
            "De overboeking voor {invoices} is op {date} verstuurd.",
        ),
    },
    "dispute": {
        "en": (
            "We cannot pay {invoices} yet: {why}. Please send a corrected invoice.",
            "We dispute {invoices} because {why}. We are holding payment until this is fixed.",
        ),
        "fr": (
            "Nous contestons {invoices} : {why}. Merci de nous envoyer un avoir.",
            "Nous ne pouvons pas régler {invoices} car {why}.",
        ),
        "de": (
            "Wir beanstanden {invoices}, da {why}. Bitte senden Sie eine Gutschrift.",
            "{invoices} können wir so nicht bezahlen, weil {why}.",
        ),
        "es": (
            "No estamos conformes con {invoices} porque {why}. Envíen una factura rectificativa.",
            "Reclamamos {invoices}: {why}. No pagaremos hasta que se corrija.",
        ),
        "nl": (
            "Wij betwisten {invoices} omdat {why}. Graag een creditnota.",
            "{invoices} kunnen wij zo niet betalen, omdat {why}.",
        ),
    },
    "acknowledgement": {
        "en": (
            "Thanks, noted. I have passed this on to our payables team.",
            "Received, thank you.",
        ),
        "fr": ("Bien reçu, je transmets à notre service comptable.", "Merci, c'est noté."),
        "de": (
            "Danke, ist notiert. Ich gebe es an die Kreditorenbuchhaltung weiter.",
            "Erhalten, danke.",
        ),
        "es": ("Recibido, lo paso a nuestro departamento de pagos.", "Gracias, tomamos nota."),
        "nl": (
            "Ontvangen, ik geef het door aan onze crediteurenadministratie.",
            "Dank, genoteerd.",
        ),
    },
    "request_document": {
        "en": (
            "We cannot find {invoices} in our system. Could you send us a copy?",
            "Please send us {invoices} again as a PDF, nothing reached our mailbox.",
        ),
        "fr": (
            "Nous ne retrouvons pas {invoices}. Pouvez-vous nous en envoyer une copie ?",
            "Merci de nous renvoyer {invoices} en PDF, rien ne nous est parvenu.",
        ),
        "de": (
            "Wir finden {invoices} nicht in unserem System. Könnten Sie uns eine Kopie schicken?",
            "Bitte senden Sie uns {invoices} noch einmal als PDF, bei uns kam nichts an.",
        ),
        "es": (
            "No encontramos {invoices}. ¿Nos pueden enviar una copia?",
            "Por favor, reenvíen {invoices} en PDF, no nos ha llegado nada.",
        ),
        "nl": (
            "Wij kunnen {invoices} niet vinden. Kunt u ons een kopie sturen?",
            "Graag een kopie van {invoices} als PDF, wij hebben die nooit ontvangen.",
        ),
    },
    "payment_plan": {
        "en": (
            "Cash is tight this month. Could we pay {amount} in three monthly instalments?",
            "Would you accept a payment plan for {invoices}? We can pay half now and the rest "
            "next month.",
        ),
        "fr": (
            "Notre trésorerie est tendue. Serait-il possible de régler {amount} en trois "
            "mensualités ?",
            "Accepteriez-vous un échéancier pour {invoices} ? La moitié maintenant, le reste "
            "le mois prochain.",
        ),
        "de": (
            "Unsere Liquidität ist gerade knapp. Können wir {amount} in drei Monatsraten zahlen?",
            "Wäre eine Ratenzahlung für {invoices} möglich? Die Hälfte jetzt, den Rest "
            "nächsten Monat.",
        ),
        "es": (
            "Andamos justos de tesorería. ¿Podríamos pagar {amount} en tres plazos mensuales?",
            "¿Aceptarían un plan de pagos para {invoices}? La mitad ahora y el resto el mes "
            "que viene.",
        ),
        "nl": (
            "Onze liquiditeit is krap. Kunnen wij {amount} in drie maandelijkse termijnen betalen?",
            "Is een betalingsregeling voor {invoices} mogelijk? De helft nu en de rest "
            "volgende maand.",
        ),
    },
    "out_of_office": {
        "en": ("I am out of the office and back on {back}, with limited access to email.",),
        "fr": ("Je suis absente du bureau, de retour le {back}, sans accès à mes e-mails.",),
        "de": ("Ich bin nicht im Büro und ab {back} wieder erreichbar.",),
        "es": ("Estoy fuera de la oficina; vuelvo el {back}.",),
        "nl": ("Ik ben afwezig en vanaf {back} weer bereikbaar.",),
    },
}
AUTO_SUBJECT = {
    "en": "Automatic reply: ",
    "fr": "Réponse automatique : ",
    "de": "Automatische Antwort: ",
    "es": "Respuesta automática: ",
    "nl": "Automatisch antwoord: ",
}
# One reply with several intents joins the phrasings in this order.
ORDER = (
    "dispute",
    "paid_already",
    "promise_to_pay",
    "payment_plan",
    "request_document",
    "acknowledgement",
)


def spoken_date(day: date, lang: str, variant: int) -> str:
    """A date the way a person writes it in ``lang`` (two styles)."""
    month = MONTHS[lang].split()[day.month - 1]
    weekday = WEEKDAYS[lang].split()[day.weekday()]
    if variant % 2:
        return {
            "en": f"{day:%d/%m/%Y}",
            "fr": f"{day:%d/%m/%Y}",
            "de": f"{day:%d.%m.%Y}",
            "es": f"{day:%d/%m/%Y}",
            "nl": f"{day:%d-%m-%Y}",
        }[lang]
    return {
        "en": f"{weekday} {day.day} {month}",
        "fr": f"{weekday} {day.day} {month}",
        "de": f"{weekday}, {day.day}. {month}",
        "es": f"{weekday} {day.day} de {month}",
        "nl": f"{weekday} {day.day} {month}",
    }[lang]


def spoken_amount(amount: float, currency: str, lang: str) -> str:
    whole, cents = f"{amount:,.2f}".split(".")
    if lang == "en":
        return f"{currency} {whole}.{cents}"
    grouped = whole.replace(",", " " if lang == "fr" else ".")
    symbol = "€" if currency == "EUR" else currency
    if lang == "nl":
        return f"{symbol} {grouped},{cents}"
    return f"{grouped},{cents} {symbol}"


def invoice_list(numbers, lang: str) -> str:
    numbers = list(numbers)
    word = {"en": "invoice", "fr": "la facture", "de": "Rechnung", "es": "la factura"}
    words = {"en": "invoices", "fr": "les factures", "de": "die Rechnungen", "es": "las facturas"}
    word["nl"], words["nl"] = "factuur", "de facturen"
    if len(numbers) == 1:
        return f"{word[lang]} {numbers[0]}"
    joiner = {"en": " and ", "fr": " et ", "de": " und ", "es": " y ", "nl": " en "}[lang]
    return f"{words[lang]} {', '.join(numbers[:-1])}{joiner}{numbers[-1]}"


def reply_text(intents, lang: str, facts: dict, pick) -> str:
    """The customer's words for ``intents``. ``facts``: invoices ({intent: numbers},
    key "" for any intent), amount, currency, promised / paid_on / back (dates), reason.
    ``pick(n)``: a seeded index below n."""
    lang = lang if lang in TEXTS["acknowledgement"] else "en"
    slots = {
        "amount": spoken_amount(facts["amount"], facts["currency"], lang),
        "why": DISPUTE_WHY.get(facts.get("reason") or "price", DISPUTE_WHY["price"])[lang],
    }
    style = pick(2)
    for slot in ("promised", "paid_on", "back"):
        if facts.get(slot):
            slots[slot] = spoken_date(facts[slot], lang, style)
    if "out_of_office" in intents:
        body = TEXTS["out_of_office"][lang][0].format(**slots)
        return f"{body}\n\n{SIGN[lang][0]}\n{facts['signature']}\n"
    lines = []
    for intent in ORDER:
        if intent not in intents:
            continue
        variants = TEXTS[intent][lang]
        date_slot = {"promise_to_pay": "promised", "paid_already": "paid_on"}.get(intent)
        text = variants[pick(len(variants))]
        numbers = facts["invoices"].get(intent) or facts["invoices"][""]
        invoices = invoice_list(numbers, lang)
        lines.append(text.format(**slots, invoices=invoices, date=slots.get(date_slot, "")))
        lines[-1] = lines[-1][0].upper() + lines[-1][1:]
    greeting = GREETING[lang][pick(len(GREETING[lang]))]
    paragraph = "\n".join(textwrap.wrap(" ".join(lines), 76))
    return f"{greeting}\n\n{paragraph}\n\n{SIGN[lang][pick(3)]}\n{facts['signature']}\n"


def quoted(original: email.message.Message) -> str:
    part = original.get_body(preferencelist=("plain", "html"))
    text = part.get_content() if part is not None else ""
    if part is not None and part.get_content_type() == "text/html":
        text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    lines = [line.rstrip() for line in text.splitlines()]
    return "\n".join(f"> {line}" if line else ">" for line in lines[:60])


def new_mail(*, text: str, subject: str, sender: str, to: str, sent_at: datetime) -> str:
    """A raw RFC 822 email the customer starts (not an answer to any message)."""
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = format_datetime(sent_at)
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].partition("@")[2] or None)
    message.set_content(text)
    return message.as_string()


def build_reply(
    original_bytes: bytes,
    *,
    text: str,
    lang: str,
    sender: str,
    sent_at: datetime,
    auto: bool = False,
) -> str:
    """A raw RFC 822 answer to the mail ``original_bytes`` (as the catcher stored it),
    from ``sender`` at ``sent_at`` (aware), threaded by In-Reply-To and References."""
    original = email.message_from_bytes(original_bytes, policy=email.policy.default)
    message_id = (original.get("Message-ID") or "").strip()
    if not message_id:
        raise ValueError("the reminder has no Message-ID: a reply could not be threaded")
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = original.get("Reply-To") or original.get("From")
    subject = str(original.get("Subject") or "")
    prefix = AUTO_SUBJECT.get(lang, AUTO_SUBJECT["en"]) if auto else REPLY_PREFIX.get(lang, "Re: ")
    reply["Subject"] = prefix + subject
    reply["Date"] = format_datetime(sent_at)
    reply["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].partition("@")[2] or None)
    reply["In-Reply-To"] = message_id
    references = (original.get("References") or "").split()
    reply["References"] = " ".join([*[r for r in references if r != message_id], message_id])
    if auto:
        reply["Auto-Submitted"] = "auto-replied"
        reply["X-Autoreply"] = "yes"
        reply.set_content(text)
        return reply.as_string()
    lang = lang if lang in WROTE else "en"
    original_date = (
        email.utils.parsedate_to_datetime(original["Date"]) if original["Date"] else None
    )
    when = original_date.strftime("%d/%m/%Y %H:%M") if original_date else ""
    wrote = WROTE[lang].format(when=when, who=original.get("From", ""))
    reply.set_content(f"{text}\n\n{wrote}\n\n{quoted(original)}\n")
    return reply.as_string()


def local_moment(day: date, hour: float, tz_name: str) -> datetime:
    """``day`` at ``hour`` (e.g. 14.5) in the customer's timezone, as an aware datetime."""
    try:
        zone = ZoneInfo(tz_name or "UTC")
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    moment = datetime.combine(day, time(int(hour), int(hour % 1 * 60)), zone)
    return moment if moment.date() == day else moment - timedelta(days=1)
