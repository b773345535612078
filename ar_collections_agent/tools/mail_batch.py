"""Hand a batch of queued mails to the mail server in one pass.

Odoo's ``mail.mail.send(auto_commit=True)`` commits after each mail, and a commit clears
the ORM cache: every mail of a batch is then read again, field by field, and deleted
alone. For the agent's daily batches that cost more than everything else. Here the
outgoing messages of the whole batch are built first, from one read, with Odoo's own
steps (outgoing list, email builder); then they go over one SMTP session per mail
configuration, each mail claimed (row lock) before it goes and recorded as sent, and
committed, as soon as the server took it, so a crash or a concurrent mail queue run
never sends it twice; notifications and auto-deleted mails are post-processed once per
batch, as ``mail.mail`` does it.
"""

import logging
import smtplib

import psycopg2
from odoo import tools
from odoo.tools import SQL

_logger = logging.getLogger(__name__)


def send_mails(mails, auto_commit=True):
    """Send the outgoing ``mails`` (sudo). ``auto_commit``: commit each mail's state as
    soon as the server took it (the scheduled run; never inside a request or a test)."""
    env = mails.env
    mail_server_model = env["ir.mail_server"].sudo()
    if mail_server_model._disable_send():  # no emails in tests or while installing
        return
    mails = mails.sudo().exists().filtered(lambda m: m.state == "outgoing")
    if not mails:
        return
    for server_id, alias_domain_id, smtp_from, batch_ids in mails._split_by_mail_configuration():
        batch = mails.browse(batch_ids)
        server = mail_server_model.browse(server_id)
        if server.owner_user_id:  # personal servers are throttled by Odoo's own path
            batch.send(auto_commit=auto_commit)
            continue
        _send_batch(batch, server, alias_domain_id, smtp_from, auto_commit)


def _send_batch(batch, server, alias_domain_id, smtp_from, auto_commit):
    env = batch.env
    with_unfollow = batch.filtered(lambda m: m.body_html and "/mail/unfollow" in m.body_html)
    followers = env["mail.followers"]._get_mail_doc_to_followers(with_unfollow.ids)
    # Read once: each send would read them again (from the company) after each commit.
    mail_server_model = env["ir.mail_server"].sudo()
    defaults = (
        mail_server_model._get_default_bounce_address(),
        mail_server_model._get_default_from_address(),
    )
    prepared = []
    for mail in batch:
        try:
            messages = _build_messages(mail, server, alias_domain_id, followers, defaults)
            prepared.append((mail, mail.mail_server_id.id, messages))
        except (psycopg2.Error, MemoryError):
            raise
        except Exception as error:  # one bad mail fails alone
            _fail(mail, tools.exception_to_unicode(error), "unknown")
    if auto_commit:
        env.cr.commit()  # pylint: disable=invalid-commit
    try:
        session = (
            env["ir.mail_server"]
            .sudo()
            ._connect__(mail_server_id=server.id or None, smtp_from=smtp_from)
        )
    except Exception as error:  # the server is down: Odoo's queue retries them later
        _logger.warning("collections agent: cannot connect to the mail server: %s", error)
        for mail, _server_id, _messages in prepared:
            _fail(mail, tools.exception_to_unicode(error), "mail_smtp")
        if auto_commit:
            env.cr.commit()  # pylint: disable=invalid-commit
        return
    sent, success_pids, success_emails = env["mail.mail"].sudo(), [], []
    try:
        # Read before the loop: each commit below clears the ORM cache.
        for mail, server_id, messages in prepared:
            if auto_commit and not _claim(mail):
                continue  # another process holds or sent it
            try:
                pids, emails = _deliver(session, mail, server_id, messages)
            except smtplib.SMTPServerDisconnected as error:
                # The session is gone: this one failed, the rest stay queued for Odoo.
                _fail(mail, tools.exception_to_unicode(error), "mail_smtp")
                break
            except (psycopg2.Error, MemoryError):
                raise
            except Exception as error:
                _fail(mail, *_failure(mail, error))
            else:
                if pids or emails:
                    mail.write({"state": "sent", "failure_type": False, "failure_reason": False})
                    sent |= mail
                    success_pids += pids
                    success_emails += emails
                else:
                    _fail(mail, mail.env["ir.mail_server"].NO_VALID_RECIPIENT, "mail_email_invalid")
            if auto_commit:
                env.cr.commit()  # pylint: disable=invalid-commit
    finally:
        try:
            session.quit()
        except (smtplib.SMTPException, OSError):
            _logger.info("collections agent: the mail server session was already closed")
    if sent:
        sent._postprocess_sent_message(success_pids=success_pids, success_emails=success_emails)
        _logger.info("collections agent: %s mails handed to the mail server", len(sent))
    if auto_commit:
        env.cr.commit()  # pylint: disable=invalid-commit


def _build_messages(mail, server, alias_domain_id, followers, defaults):
    """[(mail server model in its sending context, RFC 822 message, partner id, emails)]
    for one mail: one per recipient, as ``mail.mail`` builds them. ``defaults``: the
    default bounce and from addresses; the sending context carries the envelope sender
    and notification address ``send_email`` would work out, so it reads nothing."""
    default_bounce, default_from = defaults
    mail_server_model = mail.env["ir.mail_server"].sudo()
    from_list = tools.mail.email_split_and_format_normalize(mail.email_from)
    email_from = from_list[0] if from_list else mail.email_from
    alias_domain = mail.env["mail.alias.domain"].sudo().browse(alias_domain_id)
    messages = []
    for email in mail._prepare_outgoing_list(
        mail_server=server or mail.mail_server_id, doc_to_followers=followers
    ):
        context = {"send_validated_to": email.pop("email_to_normalized", [])}
        return_path = email["headers"].get("Return-Path")
        notifications = default_from
        if alias_domain:
            notifications = alias_domain.default_from_email
            return_path = return_path or alias_domain.bounce_email
        message = mail_server_model.with_context(**context)._build_email__(
            email_from=email_from,
            email_to=email["email_to"],
            subject=email["subject"],
            body=email["body"],
            body_alternative=email["body_alternative"],
            email_cc=email["email_cc"],
            reply_to=email["reply_to"],
            attachments=email["attachments"],
            message_id=email["message_id"],
            references=email["references"],
            object_id=email["object_id"],
            subtype="html",
            subtype_alternative="plain",
            headers=email["headers"],
        )
        if notifications:
            context["domain_notifications_email"] = notifications
        # The order ``send_email`` follows: Return-Path, default bounce, From.
        context["domain_bounce_address"] = return_path or default_bounce or message["From"]
        sender = mail_server_model.with_context(**context)
        messages.append((sender, message, email.get("partner_id"), email["email_to"] or []))
    return messages


def _claim(mail):
    """Lock the mail's row if it is still waiting (a fresh transaction: the previous
    one was committed); False when another process holds it or already sent it."""
    try:
        with mail.env.cr.savepoint():
            rows = mail.env.execute_query(
                SQL(
                    "SELECT id FROM mail_mail WHERE id = %s AND state = 'outgoing'"
                    " FOR UPDATE SKIP LOCKED",
                    mail.id,
                )
            )
    except psycopg2.errors.SerializationFailure:
        return False
    return bool(rows)


def _deliver(session, mail, server_id, messages):
    """Send one mail's messages; returns the partners and addresses that got it.
    Invalid recipients are skipped as ``mail.mail`` does (the mail fails if none is
    left)."""
    pids, emails = [], []
    for sender, message, partner_id, email_to in messages:
        try:
            sender.send_email(message, mail_server_id=server_id, smtp_session=session)
        except AssertionError as error:
            if str(error) != mail.env["ir.mail_server"].NO_VALID_RECIPIENT:
                raise
            _logger.info("collections agent: invalid recipients skipped on mail %s", mail.id)
            continue
        if partner_id:
            pids.append(partner_id)
        else:
            emails.extend(email_to)
    return pids, emails


def _failure(mail, error):
    """(reason, failure type) of a refused mail, in ``mail.mail``'s terms."""
    server = mail.env["ir.mail_server"]
    code = error.args[0] if isinstance(error, AssertionError) and error.args else None
    if code == server.NO_VALID_FROM:
        return str(error.args[1]) if len(error.args) > 1 else code, "mail_from_invalid"
    if code in (server.NO_FOUND_FROM, server.NO_FOUND_SMTP_FROM):
        return code, "mail_from_missing"
    return tools.exception_to_unicode(error), "mail_smtp"


def _fail(mail, reason, failure_type):
    _logger.warning("collections agent: mail %s was not sent: %s", mail.id, reason)
    mail.write({"state": "exception", "failure_reason": reason, "failure_type": failure_type})
    mail._postprocess_sent_message(
        success_pids=[], success_emails=[], failure_reason=reason, failure_type=failure_type
    )
