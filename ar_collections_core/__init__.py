"""Odoo-free core of the AI collections agent.

Everything that decides, computes or understands lives here, as plain Python that
runs and is tested on any machine. The Odoo addon ``ar_collections_agent`` only
adapts records to these functions and back.
"""

__version__ = "19.0.1.0.0"
