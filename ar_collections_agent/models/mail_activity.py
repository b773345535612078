from odoo import models


class MailActivity(models.Model):
    _inherit = "mail.activity"

    def _action_done(self, feedback=False, attachment_ids=None):
        # Read before super archives them: the escalations whose activity this is.
        done = self.filtered("active")
        result = super()._action_done(feedback=feedback, attachment_ids=attachment_ids)
        if done:
            self.env["ar.collection.escalation"]._on_activities_done(done, feedback)
        return result
