import logging
from datetime import timedelta, timezone

import psycopg2
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html2plaintext

from ar_collections_core.messages import apply_text_check
from ar_collections_core.policy import decide, idempotency_key, recheck, snapshot_to_dict
from ar_collections_core.policy.calendar import in_window
from ar_collections_core.policy.snapshot import zone

from ..tools import agent_snapshot, agent_sql
from .ar_collection_decision import CONTACT_ACTIONS, reasons_text

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5  # a failed send is retried at the next runs, this many times in all
COMPOSER = "ar.collection.composer"


def utc_now():
    return fields.Datetime.now().replace(tzinfo=timezone.utc)


class ArCollectionAgent(models.AbstractModel):
    """The agent's cycle: decide for a batch of customers, log every decision, and
    carry out the contacts and escalations that may go now, safely.

    Safety: a transaction-level advisory lock per customer (two runs never work on one
    customer at once), the per-day unique key on contacts, and the core's re-check on
    a fresh read of the ledger right before anything goes out."""

    _name = "ar.collection.agent"
    _description = "Collections Agent Cycle"

    # -- entry points --------------------------------------------------------------------

    @api.model
    def _cron_run_agent(self, batch_size=200):
        """Hourly: the customers whose local time is inside their sending window and
        who have no decision yet on their local day; then the approved or failed
        decisions that may go out. Committed batch by batch."""
        cron = self.env["ir.cron"]
        self._run_cycle(utc_now(), batch_size, cron._commit_progress)

    @api.model
    def _run_cycle(self, now, batch_size=200, progress=None):
        """One cycle as of ``now``; ``progress(done, remaining=...)`` is called after
        each batch (the cron commits there) and stops the cycle when it returns a false
        value. Returns the decisions made or carried out."""
        self = self.sudo()
        work = []
        for company in self.env["res.company"].sudo().search([]):
            agent = self.with_company(company)
            due = agent._customers_due(company, now)
            work += [
                ("decide", company, due[i : i + batch_size]) for i in range(0, len(due), batch_size)
            ]
            pending = agent._pending_sends(company, now)
            work += [
                ("send", company, pending[i : i + batch_size])
                for i in range(0, len(pending), batch_size)
            ]
        remaining = sum(len(ids) for _kind, _company, ids in work)
        if progress:
            progress(remaining=remaining)
        done = self.env["ar.collection.decision"]
        for kind, company, ids in work:
            agent = self.with_company(company)
            if kind == "decide":
                done |= agent._run_customers(company, ids, now, origin="cron")
            else:
                decisions = self.env["ar.collection.decision"].browse(ids)
                agent._send_decisions(decisions, now)
                done |= decisions
            remaining -= len(ids)
            if progress and not progress(len(ids), remaining=remaining):
                break
        return done

    @api.model
    def _run_customers(self, company, partner_ids, now, origin="manual"):
        """Decide now for these commercial customers of ``company``, store every
        decision, and carry out those that may go now. Returns the decisions."""
        Decision = self.env["ar.collection.decision"]
        partner_ids = agent_sql.lock_customers(self.env, company, partner_ids)
        if not partner_ids:
            return Decision
        partner_ids = self._clear_open_decisions(company, partner_ids, now, origin)
        partners = self.env["res.partner"].browse(partner_ids)
        policies = self.env["ar.collection.policy"]._get_effective_policies(partners, company)
        whole_ledgers = {}  # for the messages: read once with the snapshots
        snapshots, infos = agent_snapshot.build_snapshots(
            self.env, company, partner_ids, now, policies, ledgers=whole_ledgers
        )
        taken = agent_sql.existing_keys(self.env, partner_ids)
        vals_list, cores = [], {}
        for partner_id, snapshot in snapshots.items():
            decision = cores[partner_id] = decide(snapshot, policies[partner_id], now)
            if decision.idempotency_key and decision.idempotency_key in taken:
                continue  # another run did it meanwhile
            vals = Decision._values_from_core(
                decision, snapshot_to_dict(snapshot), infos[partner_id], origin
            )
            vals["company_id"] = company.id
            vals_list.append(vals)
        decisions = self._create_decisions(vals_list)
        contacts = decisions.filtered(lambda d: d.action in CONTACT_ACTIONS)
        ledgers = {}
        if contacts and COMPOSER in self.env:
            ledgers = {
                pid: whole_ledgers[pid] for pid in contacts.partner_id.ids if pid in whole_ledgers
            }
            self.env[COMPOSER]._collection_ensure_tokens(contacts.invoice_ids)
        last_sent = self._last_contacts(company, contacts.partner_id.ids)
        self._prepare_messages(contacts, policies, ledgers, last_sent)
        self.env["ar.collection.escalation"]._sync_strategic_cases(decisions)
        # Decided in this transaction: a re-read before sending would see the very rows
        # just read (Odoo's cursors are REPEATABLE READ), so the re-check uses them.
        approved = decisions.filtered(lambda d: d.state == "approved")
        self._send_decisions(approved, now, read=(snapshots, policies, cores))
        return decisions

    def _create_decisions(self, vals_list):
        """Create the decisions; should another run take one of their keys meanwhile,
        the batch is created one by one and the decisions it refuses are left out."""
        Decision = self.env["ar.collection.decision"].with_context(
            mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
        )
        try:
            with self.env.cr.savepoint():
                return Decision.create(vals_list)
        except psycopg2.IntegrityError:
            self.env.invalidate_all()
        created = Decision
        for vals in vals_list:
            try:
                with self.env.cr.savepoint():
                    created |= Decision.create(vals)
            except psycopg2.IntegrityError:
                self.env.invalidate_all()
                _logger.info("collections agent: %s was decided by another run", vals["partner_id"])
        return created

    def _clear_open_decisions(self, company, partner_ids, now, origin):
        """Open proposals of earlier days are superseded (the new decision sees fresher
        facts); a run by hand supersedes today's too. The scheduled run leaves alone
        the customers that still have an open decision (it is sent or retried by
        ``_send_decisions``). Returns the customers to decide for."""
        Decision = self.env["ar.collection.decision"]
        open_decisions = Decision.search(
            [
                ("company_id", "=", company.id),
                ("partner_id", "in", partner_ids),
                ("state", "in", ("proposed", "approved", "failed")),
            ]
        )
        busy = set()
        for decision in open_decisions:
            today = now.astimezone(zone(decision._timezone())).date()
            stale = decision.state == "proposed" and decision.local_date < today
            if origin == "manual" or stale:
                decision._cancel(self.env._("Superseded by a newer decision."))
            else:
                busy.add(decision.partner_id.id)
        return [pid for pid in partner_ids if pid not in busy]

    # -- what is due -------------------------------------------------------------------

    @api.model
    def _customers_due(self, company, now):
        """Customers with open receivables in ``company``, inside their sending window
        now, without a decision on their local day yet."""
        rows = agent_sql.open_customers(self.env, company, now)
        if not rows:
            return []
        partners = self.env["res.partner"].browse([pid for pid, _tz, _days in rows])
        policies = self.env["ar.collection.policy"]._get_effective_policies(partners, company)
        due = []
        for partner_id, tz_name, decided_days in rows:
            tz = zone(agent_snapshot._valid_zone(tz_name) or company.partner_id.tz or "UTC")
            if now.astimezone(tz).date() in decided_days:
                continue
            if in_window(now, tz, policies[partner_id]):
                due.append(partner_id)
        return due

    @api.model
    def _pending_sends(self, company, now):
        since = now.astimezone(timezone.utc).replace(tzinfo=None) - timedelta(days=2)
        self.env["ar.collection.channels"]._record_failed_sends(company=company, since=since)
        return (
            self.env["ar.collection.decision"]
            .search(
                [
                    ("company_id", "=", company.id),
                    "|",
                    ("state", "=", "approved"),
                    "&",
                    ("state", "=", "failed"),
                    ("attempt_count", "<", MAX_ATTEMPTS),
                ],
                order="partner_id, id",
            )
            .ids
        )

    # -- messages --------------------------------------------------------------------------

    def _last_contacts(self, company, partner_ids):
        """{partner id: when the last contact was sent} (naive UTC), one query."""
        if not partner_ids:
            return {}
        groups = self.env["ar.collection.decision"]._read_group(
            [
                ("partner_id", "in", list(partner_ids)),
                ("company_id", "=", company.id),
                ("state", "=", "sent"),
                ("action", "in", CONTACT_ACTIONS),
            ],
            ["partner_id"],
            ["sent_at:max"],
        )
        return {partner.id: sent_at for partner, sent_at in groups if sent_at}

    def _prepare_message(self, decision, policy, ledger=None, since=False):
        """Compose the message of a contact decision (kept for review and editing);
        sensitive wording makes it wait for a person, whatever the mode. ``ledger``
        and ``since``: read beforehand for the whole batch."""
        try:
            with self.env.cr.savepoint():
                self._compose(decision, ledger=ledger, since=since, policy=policy)
        except Exception as error:
            self.env.invalidate_all()
            _logger.warning("collections agent: composing %s failed: %s", decision, error)
            decision._fail(str(error))
            return
        self._check_wording(decision, policy)

    def _prepare_messages(self, decisions, policies, ledgers, last_sent):
        """``_prepare_message`` for a batch of contact decisions, composed at once
        (``compose_reminders``); a decision whose message cannot be composed fails
        alone. ``policies``, ``ledgers``, ``last_sent``: by customer, read for the
        batch."""
        if not decisions:
            return
        if COMPOSER not in self.env:
            for decision in decisions:
                self._prepare_message(decision, policies[decision.partner_id.id])
            return
        requests = [
            self._compose_request(
                decision,
                ledgers.get(decision.partner_id.id),
                last_sent.get(decision.partner_id.id, False),
                policies[decision.partner_id.id],
            )
            for decision in decisions
        ]
        try:
            with self.env.cr.savepoint():
                messages = self.env[COMPOSER].compose_reminders(requests)
        except Exception as error:
            self.env.invalidate_all()
            _logger.info("collections agent: composing the batch failed (%s), one by one", error)
            for decision in decisions:
                pid = decision.partner_id.id
                self._prepare_message(
                    decision, policies[pid], ledgers.get(pid), last_sent.get(pid, False)
                )
            return
        for decision, message in zip(decisions, messages, strict=True):
            if isinstance(message, Exception):
                _logger.warning("collections agent: composing %s failed: %s", decision, message)
                decision._fail(str(message))
                continue
            self._write_message(decision, message)
            self._check_wording(decision, policies[decision.partner_id.id])

    def _compose_request(self, decision, ledger, since, policy):
        """The composer's arguments for the message of ``decision``."""
        if since is None:
            company = decision.company_id
            since = self._last_contacts(company, decision.partner_id.ids).get(
                decision.partner_id.id
            )
        return {
            "partner": decision.partner_id,
            "invoices": decision.invoice_ids,
            "tone": decision.tone,
            "since": since or None,
            "kind": "statement" if decision.action == "statement" else "reminder",
            "ledger": ledger,
            "policy": policy,
            # Only a letter needs the PDF; an email's body lists the open items.
            "attach_statement": decision.channel == "letter",
            "llm_decision_id": decision.id,  # the call log links a draft to its decision
        }

    def _compose(self, decision, ledger=None, since=None, policy=None):
        """``since``: when the customer was last contacted (False: never; None: read
        it here)."""
        if COMPOSER not in self.env:
            raise UserError(self.env._("The message composer (%s) is not installed.", COMPOSER))
        request = self._compose_request(decision, ledger, since, policy)
        self._write_message(decision, self.env[COMPOSER].compose_reminder(**request))

    def _write_message(self, decision, message):
        """Store a composed ``message`` on ``decision`` (not edited by a person)."""
        recipient = message.get("recipient")
        values = {
            "subject": message["subject"],
            "body_html": message["body_html"],
            "lang": message.get("lang") or decision.lang,
            "attachment_ids": [fields.Command.set(list(message.get("attachment_ids") or []))],
            "body_edited": False,
            "message_facts": message.get("facts") or False,
        }
        if isinstance(recipient, models.BaseModel) and recipient:
            values["contact_id"] = recipient.id
        decision.with_context(agent_write=True, tracking_disable=True).write(values)

    def _check_wording(self, decision, policy):
        if decision.approved_by_id or decision.state not in ("approved", "proposed", "failed"):
            return
        # Once per wording in a transaction: the pre-send re-check calls it again on
        # the message the batch just checked.
        checked = self.env.cr.cache.setdefault("ar_collections_agent.checked_wording", set())
        key = (decision.id, decision.tone, hash((decision.subject, str(decision.body_html))))
        if key in checked:
            return
        checked.add(key)
        core = decision._core()
        text = f"{decision.subject or ''}\n{html2plaintext(decision.body_html or '')}"
        checked = apply_text_check(core, text, policy.allowed_offers)
        data = checked.to_dict()
        guard = (decision.message_facts or {}).get("check") or {}
        if guard.get("ok") is False:
            # The composer's fact guard found a figure that is not in the ledger.
            problems = "; ".join(p.get("text", "") for p in guard.get("problems", ()))
            data["approval_reasons"].append(
                {
                    "code": "fact_guard",
                    "text": f"The message failed the fact check: {problems}",
                    "data": {},
                }
            )
        if len(data["approval_reasons"]) > len(core.approval_reasons):
            decision.with_context(agent_write=True, tracking_disable=True).write(
                {
                    "core_decision": data,
                    "needs_approval": True,
                    "approval_reason_text": reasons_text(data["approval_reasons"]),
                    "state": "proposed",
                }
            )

    # -- sending -----------------------------------------------------------------------

    @api.model
    def _send_decisions(self, decisions, now, read=None):
        """Carry out the approved (or failed, to retry) contacts and escalations whose
        time has come: re-read each customer, re-check, then send once. ``read``:
        (snapshots, policies, core decisions) by customer, read and decided in this
        transaction."""
        decisions = decisions.filtered(lambda d: d.state in ("approved", "failed"))
        for company in decisions.company_id:
            own = decisions.filtered(lambda d, c=company: d.company_id == c)
            agent = self.with_company(company)
            locked = set(agent_sql.lock_customers(self.env, company, own.partner_id.ids))
            own = own.filtered(lambda d, ids=locked: d.partner_id.id in ids)
            if not own:
                continue
            escalations = own.filtered(lambda d: d.action == "escalate")
            if escalations and agent._escalate_all(escalations, read):
                own -= escalations
            if not own:
                continue
            partners = own.partner_id
            if read:
                fresh, policies, _cores = read
            else:
                Policy = self.env["ar.collection.policy"]
                policies = Policy._get_effective_policies(partners, company)
                fresh, _infos = agent_snapshot.build_snapshots(
                    self.env, company, partners.ids, now, policies
                )
            emails = []  # re-checked emails, queued and handed to SMTP as one batch
            for decision in own.sorted(lambda d: (d.partner_id.id, d.id)):
                agent._send_one(decision, fresh.get(decision.partner_id.id), policies, now, emails)
            agent._deliver_emails(self.env["ar.collection.decision"].concat(*emails), now)

    def _escalate_all(self, decisions, read=None):
        """Escalate the batch at once; False (nothing done) if it failed, then each
        is tried on its own so one bad record fails alone. ``read``: as
        ``_send_decisions``'s (the accounts as decided, not decoded again)."""
        snapshots, _policies, cores = read or ({}, {}, {})
        try:
            with self.env.cr.savepoint():
                self.env["ar.collection.channels"]._escalate(decisions, snapshots, cores)
        except Exception as error:
            self.env.invalidate_all()
            _logger.info("collections agent: batch escalation failed (%s), one by one", error)
            return False
        return True

    def _send_one(self, decision, fresh, policies, now, emails=None):
        """Re-check and carry out one decision; an email that may go is added to
        ``emails`` instead (``_deliver_emails`` sends the batch's at once)."""
        try:
            with self.env.cr.savepoint():
                if decision.action == "escalate":
                    self.env["ar.collection.channels"]._escalate(decision)
                else:
                    policy = policies[decision.partner_id.id]
                    self._send_contact(decision, fresh, policy, now, emails)
        except psycopg2.IntegrityError:
            self.env.invalidate_all()
            decision._cancel(self.env._("This customer was already contacted on that day."))
        except Exception as error:
            self.env.invalidate_all()
            _logger.warning("collections agent: sending %s failed: %s", decision, error)
            decision._fail(str(error))

    def _send_contact(self, decision, fresh, policy, now, emails=None):
        core = decision._core()
        if core.not_before and core.not_before > now:
            return  # the next hourly run sends it
        if fresh is None:
            decision._cancel(self.env._("The customer could not be read again."))
            return
        if not in_window(now, zone(fresh.timezone), policy):
            return  # approved out of hours: it goes at the next run inside the window
        checked = recheck(core, fresh, policy, now)
        if checked.action == "cancel":
            decision._record_core(checked)
            decision._cancel(checked.reasons[0].text)
            return
        narrowed = set(checked.invoice_ids) != set(core.invoice_ids)
        decision._record_core(checked)
        key = idempotency_key(decision.partner_id.id, fresh.local_date(now), decision.action)
        decision.with_context(agent_write=True, tracking_disable=True).write(
            {"idempotency_key": key}
        )
        decision.flush_recordset(["idempotency_key"])  # the database refuses a second one
        if narrowed and decision.body_edited:
            decision.with_context(agent_write=True, tracking_disable=True).write(
                {"state": "proposed"}
            )
            decision.message_post(
                body=self.env._("Invoices changed since the message was edited: please review.")
            )
            return
        if narrowed or not decision.body_html:
            self._compose(decision, policy=policy)
        self._check_wording(decision, policy)
        if decision.state == "proposed":
            return
        if emails is not None and (decision.channel or "email") == "email":
            emails.append(decision)
            return
        self.env["ar.collection.channels"]._deliver(decision)
        decision.with_context(agent_write=True, tracking_disable=True).write(_sent(now))

    def _deliver_emails(self, decisions, now):
        """Queue the batch's re-checked emails at once and hand them to SMTP as one
        batch; should the batch fail, each is tried alone so one bad record fails
        alone (marked failed, retried by the next run)."""
        if not decisions:
            return
        channels = self.env["ar.collection.channels"]
        try:
            with self.env.cr.savepoint():
                mails = channels._queue_emails(decisions)
                decisions.with_context(agent_write=True, tracking_disable=True).write(_sent(now))
        except Exception as error:
            self.env.invalidate_all()
            _logger.info("collections agent: batch of emails failed (%s), one by one", error)
            mails = self.env["mail.mail"].sudo()
            for decision in decisions:
                try:
                    with self.env.cr.savepoint():
                        mails |= channels._queue_emails(decision)
                        decision.with_context(agent_write=True, tracking_disable=True).write(
                            _sent(now)
                        )
                except Exception as single_error:
                    self.env.invalidate_all()
                    _logger.warning(
                        "collections agent: sending %s failed: %s", decision, single_error
                    )
                    decision._fail(str(single_error))
        channels._hand_to_smtp(mails)


def _sent(now):
    return {"state": "sent", "sent_at": now.replace(tzinfo=None), "error": False}
