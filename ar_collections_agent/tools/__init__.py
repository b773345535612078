from . import ledger_sql, profile_refresh, reply_actions
