"""The raw message: bodies, encodings, HTML, attachments, auto-reply and bounce signals."""

import base64
from email.message import EmailMessage

import pytest
from reply_helpers import raw

from ar_collections_core.replies.mail import parse_message


def test_plain_text_reply_is_read():
    mail = parse_message(raw("We will pay on Friday.\n"))
    assert mail.text.strip() == "We will pay on Friday."
    assert not mail.auto_reply and not mail.bounce


def test_quoted_printable_latin1_and_encoded_subject():
    message = raw(
        "Nous r=E9glerons fin de mois.\n",
        subject="=?iso-8859-1?q?R=E9ponse_=E0_votre_relance?=",
        headers="Content-Transfer-Encoding: quoted-printable\n",
        ctype="text/plain; charset=iso-8859-1",
    )
    mail = parse_message(message.encode("latin-1"))
    assert "réglerons fin de mois" in mail.text
    assert mail.subject == "Réponse à votre relance"


def test_base64_utf8_body():
    body = base64.b64encode("Wir zahlen Anfang nächster Woche.".encode()).decode()
    mail = parse_message(raw(body + "\n", headers="Content-Transfer-Encoding: base64\n"))
    assert "nächster Woche" in mail.text


def test_html_only_gmail_quote_is_dropped():
    html = (
        '<div dir="ltr">We paid yesterday.</div><div class="gmail_quote">'
        '<div class="gmail_attr">On Mon, Acme wrote:</div><blockquote class="gmail_quote">'
        "Invoice INV/2025/00219 is overdue. If you have already paid, please disregard."
        "</blockquote></div>"
    )
    mail = parse_message(raw(html, ctype="text/html; charset=utf-8"))
    assert mail.from_html and mail.html_quote_dropped
    assert "We paid yesterday." in mail.text
    assert "00219" not in mail.text and "disregard" not in mail.text


@pytest.mark.parametrize(
    "separator",
    [
        '<div id="divRplyFwdMsg" dir="ltr"><b>From:</b> Acme</div>',
        '<div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">'
        "<p><b>From:</b> Acme</p></div>",
        '<blockquote type="cite"><div>On Mon, Acme wrote:</div>',
    ],
)
def test_outlook_and_apple_html_history_is_dropped(separator):
    # Outlook puts the history after its header block; Apple Mail inside a blockquote.
    closing = "</blockquote>" if "blockquote" in separator else ""
    html = (
        "<html><body><p>Please send a copy of the invoice.</p>"
        f"{separator}<p>Invoice INV/2025/00219: please pay by Friday.</p>{closing}</body></html>"
    )
    mail = parse_message(raw(html, ctype="text/html; charset=utf-8"))
    assert "send a copy" in mail.text
    assert "please pay by Friday" not in mail.text


def test_attachment_names_including_rfc2231_and_rfc2047():
    message = EmailMessage()
    message["From"] = "a@b.example"
    message["Subject"] = "Re: reminder"
    message.set_content("Remittance attached.")
    message.add_attachment(
        b"%PDF", maintype="application", subtype="pdf", filename="avis_de_virement_réglé.pdf"
    )
    mail = parse_message(message.as_bytes())
    assert mail.attachments == ("avis_de_virement_réglé.pdf",)
    assert mail.text.strip() == "Remittance attached."


@pytest.mark.parametrize(
    "header",
    [
        "Auto-Submitted: auto-replied\n",
        "X-Autoreply: yes\n",
        "X-Autorespond: yes\n",
        "Precedence: auto_reply\n",
        "Precedence: bulk\n",
        "Precedence: junk\n",
        "X-Auto-Response-Suppress: All\n",
    ],
)
def test_auto_reply_headers(header):
    mail = parse_message(raw("I am away.\n", subject="Re: reminder", headers=header))
    assert mail.auto_reply, header


def test_auto_submitted_no_is_a_person():
    mail = parse_message(raw("Paid.\n", headers="Auto-Submitted: no\n"))
    assert not mail.auto_reply


def test_delivery_status_report_is_a_bounce():
    message = (
        "From: Mail Delivery System <MAILER-DAEMON@mx.customer.example>\n"
        "To: ar@acme.example\nSubject: Undelivered Mail Returned to Sender\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\n\n'
        "--B\nContent-Type: text/plain\n\nThe mail could not be delivered: user unknown.\n"
        "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx\n\n"
        "Final-Recipient: rfc822; old@customer.example\nAction: failed\nStatus: 5.1.1\n"
        "--B--\n"
    )
    mail = parse_message(message)
    assert mail.bounce
    assert any("delivery-status" in signal for signal in mail.bounce_signals)


def test_mailer_daemon_sender_with_failure_subject_is_a_bounce():
    message = raw("Delivery failed.\n", subject="Mail delivery failed: returning message")
    message = message.replace("Customer <ap@customer.example>", "MAILER-DAEMON@mx.example")
    assert parse_message(message).bounce


def test_customer_subject_about_undelivered_goods_is_no_bounce():
    mail = parse_message(raw("The goods were never delivered.\n", subject="Undelivered goods"))
    assert not mail.bounce
