"""Dress a customer's reply text as the raw mail a real client would send.

Each wrapper quotes our reminder the way one family of mail clients does (Gmail,
Outlook desktop and web, Apple Mail, a forward, a phone), in the reply's language,
so that the corpus tests that the quoted reminder is never read as the customer's
words: the reminder names other invoices, amounts, a due date and "if you have
already paid, please disregard".
"""

from __future__ import annotations

import html
import zlib
from datetime import date, datetime, timezone
from email.message import EmailMessage
from email.utils import format_datetime

REMINDER = {
    "en": (
        "Dear customer,\n\nOur records show that invoice {number} for {amount} was due on "
        "{due}. Please arrange payment by {pay_by}.\nIf you have already paid, please "
        "disregard this message.\n\nKind regards,\nAccounts Receivable\nAcme Supplies Ltd"
    ),
    "fr": (
        "Madame, Monsieur,\n\nSauf erreur de notre part, la facture {number} d'un montant de "
        "{amount} était échue le {due}. Merci de procéder au règlement avant le {pay_by}.\n"
        "Si vous avez déjà réglé, merci de ne pas tenir compte de ce message.\n\n"
        "Cordialement,\nService comptabilité clients\nAcme Fournitures SAS"
    ),
    "de": (
        "Sehr geehrte Damen und Herren,\n\nlaut unserer Buchhaltung ist die Rechnung {number} "
        "über {amount} seit dem {due} fällig. Bitte überweisen Sie den Betrag bis zum "
        "{pay_by}.\nSollten Sie bereits bezahlt haben, betrachten Sie dieses Schreiben bitte "
        "als gegenstandslos.\n\nMit freundlichen Grüßen\nDebitorenbuchhaltung\nAcme Bedarf GmbH"
    ),
    "es": (
        "Estimado cliente:\n\nSegún nuestros registros, la factura {number} por {amount} "
        "venció el {due}. Le rogamos que realice el pago antes del {pay_by}.\nSi ya ha "
        "realizado el pago, haga caso omiso de este mensaje.\n\nUn saludo,\n"
        "Departamento de cobros\nAcme Suministros S.L."
    ),
    "nl": (
        "Geachte klant,\n\nVolgens onze administratie stond factuur {number} van {amount} "
        "open per {due}. Wij verzoeken u het bedrag vóór {pay_by} te voldoen.\nIndien u "
        "reeds betaald heeft, kunt u dit bericht als niet verzonden beschouwen.\n\n"
        "Met vriendelijke groet,\nDebiteurenbeheer\nAcme Benodigdheden B.V."
    ),
}
REMINDER_SUBJECT = {
    "en": "Payment reminder: invoice {number}",
    "fr": "Relance : facture {number}",
    "de": "Zahlungserinnerung: Rechnung {number}",
    "es": "Recordatorio de pago: factura {number}",
    "nl": "Betalingsherinnering: factuur {number}",
}
REPLY_PREFIX = {"en": "Re: ", "fr": "RE : ", "de": "AW: ", "es": "RE: ", "nl": "Antw: "}
WROTE = {
    "en": "On {weekday}, {day} {month} {year} at 09:12, Acme Accounts <ar@acme.example> wrote:",
    "fr": "Le {weekday} {day} {month} {year} à 09:12, Acme Comptabilité <ar@acme.example> "
    "a écrit :",
    "de": "Am {weekday}, {day}. {month} {year} um 09:12 schrieb Acme Buchhaltung "
    "<ar@acme.example>:",
    "es": "El {weekday}, {day} {month} {year} a las 9:12, Acme Cobros (<ar@acme.example>) "
    "escribió:",
    "nl": "Op {weekday} {day} {month} {year} om 09:12 schreef Acme Debiteuren <ar@acme.example>:",
}
HEADER_BLOCK = {
    "en": ("From:", "Sent:", "To:", "Subject:"),
    "fr": ("De :", "Envoyé :", "À :", "Objet :"),
    "de": ("Von:", "Gesendet:", "An:", "Betreff:"),
    "es": ("De:", "Enviado el:", "Para:", "Asunto:"),
    "nl": ("Van:", "Verzonden:", "Aan:", "Onderwerp:"),
}
ORIGINAL = {
    "en": "-----Original Message-----",
    "fr": "-----Message d'origine-----",
    "de": "-----Ursprüngliche Nachricht-----",
    "es": "-----Mensaje original-----",
    "nl": "-----Oorspronkelijk bericht-----",
}
FORWARDED = {
    "en": "---------- Forwarded message ---------",
    "fr": "---------- Message transféré ---------",
    "de": "---------- Weitergeleitete Nachricht ---------",
    "es": "---------- Mensaje reenviado ---------",
    "nl": "---------- Doorgestuurd bericht ---------",
}
SENT_FROM_PHONE = {
    "en": "Sent from my iPhone",
    "fr": "Envoyé de mon iPhone",
    "de": "Von meinem iPhone gesendet",
    "es": "Enviado desde mi iPhone",
    "nl": "Verstuurd vanaf mijn iPhone",
}
_WEEKDAYS = {
    "en": "Mon Tue Wed Thu Fri Sat Sun",
    "fr": "lun. mar. mer. jeu. ven. sam. dim.",
    "de": "Mo. Di. Mi. Do. Fr. Sa. So.",
    "es": "lun mar mié jue vie sáb dom",
    "nl": "ma di wo do vr za zo",
}
_MONTHS = {
    "en": "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    "fr": "janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.",
    "de": "Jan. Feb. März Apr. Mai Juni Juli Aug. Sept. Okt. Nov. Dez.",
    "es": "ene feb mar abr may jun jul ago sept oct nov dic",
    "nl": "jan. feb. mrt. apr. mei jun. jul. aug. sep. okt. nov. dec.",
}
WRAPPERS = ("plain", "gmail", "outlook", "outlook_web", "apple", "original", "forward", "phone")


def _quoted_date(lang: str, day: date) -> dict:
    return {
        "weekday": _WEEKDAYS[lang].split()[day.weekday()],
        "day": day.day,
        "month": _MONTHS[lang].split()[day.month - 1],
        "year": day.year,
    }


def build_mail(
    *,
    text: str,
    lang: str,
    today: date,
    wrapper: str,
    sender: str,
    reminder_invoice: tuple[str, str],
    subject: str | None = None,
    extra_headers: dict | None = None,
    attachments: tuple[str, ...] = (),
    charset: str = "utf-8",
) -> str:
    """A raw RFC 822 reply: ``text`` as the customer's words above our quoted reminder."""
    number, amount = reminder_invoice
    reminder_day = date.fromordinal(today.toordinal() - 3)
    reminder = REMINDER[lang].format(
        number=number,
        amount=amount,
        due=f"{reminder_day.day:02d}/{reminder_day.month:02d}/{reminder_day.year}",
        pay_by=f"{today.day:02d}/{today.month:02d}/{today.year}",
    )
    reminder_subject = REMINDER_SUBJECT[lang].format(number=number)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "Acme <ar@acme.example>"
    message["Subject"] = subject if subject is not None else REPLY_PREFIX[lang] + reminder_subject
    message["Date"] = format_datetime(
        datetime(today.year, today.month, today.day, 14, 5, tzinfo=timezone.utc)
    )
    message["Message-ID"] = f"<{zlib.crc32((text + wrapper).encode())}@customer.example>"
    for name, value in (extra_headers or {}).items():
        message[name] = value
    plain, markup = _bodies(text, lang, wrapper, reminder, reminder_subject, reminder_day)
    if plain is not None:
        message.set_content(plain, charset=charset)
        if markup is not None:
            message.add_alternative(markup, subtype="html", charset=charset)
    else:
        message.set_content(markup, subtype="html", charset=charset)
    for name in attachments:
        message.add_attachment(
            b"%PDF-1.4 remittance", maintype="application", subtype="pdf", filename=name
        )
    # Fixed boundaries: the same source must build the same corpus, byte for byte.
    seed = zlib.crc32((text + wrapper).encode())
    for index, part in enumerate(p for p in message.walk() if p.is_multipart()):
        part.set_boundary(f"==arc-{seed:08x}-{index}==")
    return message.as_string()


def _bodies(text, lang, wrapper, reminder, reminder_subject, reminder_day):
    quoted = "\n".join("> " + line if line else ">" for line in reminder.split("\n"))
    wrote = WROTE[lang].format(**_quoted_date(lang, reminder_day))
    header = HEADER_BLOCK[lang]
    block = (
        f"{header[0]} Acme Accounts <ar@acme.example>\n"
        f"{header[1]} {reminder_day.isoformat()} 09:12\n"
        f"{header[2]} accounts@customer.example\n"
        f"{header[3]} {reminder_subject}\n"
    )
    escaped = html.escape(text).replace("\n", "<br>\n")
    reminder_html = html.escape(reminder).replace("\n", "<br>\n")
    if wrapper == "plain":
        return text, None
    if wrapper == "gmail":
        markup = (
            f'<div dir="ltr">{escaped}</div><br><div class="gmail_quote"><div dir="ltr" '
            f'class="gmail_attr">{html.escape(wrote)}<br></div><blockquote class="gmail_quote" '
            f'style="margin:0px 0px 0px 0.8ex">{reminder_html}</blockquote></div>'
        )
        return f"{text}\n\n{wrote}\n\n{quoted}\n", markup
    if wrapper == "outlook":
        markup = (
            '<html><head><style>p.MsoNormal{margin:0cm}</style></head><body lang="EN-GB">'
            f'<div class="WordSection1"><p class="MsoNormal">{escaped}<o:p></o:p></p>'
            '<div><div style="border:none;border-top:solid #E1E1E1 1.0pt;'
            'padding:3.0pt 0cm 0cm 0cm">'
            f'<p class="MsoNormal"><b>{header[0]}</b> Acme Accounts</p></div></div>'
            f'<p class="MsoNormal">{reminder_html}</p></div></body></html>'
        )
        return f"{text}\n\n{block}\n{reminder}\n", markup
    if wrapper == "outlook_web":
        markup = (
            f'<html><body><div style="font-family:Calibri">{escaped}</div>'
            '<hr style="display:inline-block;width:98%" tabindex="-1">'
            f'<div id="divRplyFwdMsg" dir="ltr"><b>{header[0]}</b> Acme Accounts<br>'
            f"<b>{header[3]}</b> {html.escape(reminder_subject)}</div>"
            f"<div>{reminder_html}</div></body></html>"
        )
        return None, markup
    if wrapper == "apple":
        markup = (
            f'<html><body>{escaped}<br><div><br><blockquote type="cite"><div>'
            f"{html.escape(wrote)}</div><div>{reminder_html}</div></blockquote></div></body></html>"
        )
        return None, markup
    if wrapper == "original":
        return f"{text}\n\n{ORIGINAL[lang]}\n{block}\n{reminder}\n", None
    if wrapper == "forward":
        return f"{text}\n\n{FORWARDED[lang]}\n{block}\n\n{reminder}\n", None
    if wrapper == "phone":
        return f"{text}\n\n{SENT_FROM_PHONE[lang]}\n\n{wrote}\n\n{quoted}\n", None
    raise ValueError(f"unknown wrapper {wrapper!r}")
