"""Company names and locales for generated customers (deterministic, per language)."""

from __future__ import annotations

import random
import re
import unicodedata

_LOCALES = {
    "en_US": (("America/New_York", "America/Chicago", "America/Los_Angeles"), "US"),
    "fr_FR": (("Europe/Paris",), "FR"),
    "de_DE": (("Europe/Berlin",), "DE"),
    "es_ES": (("Europe/Madrid",), "ES"),
    "nl_NL": (("Europe/Amsterdam",), "NL"),
}
_FIRST = {
    "en_US": ("Northwind", "Blue Ridge", "Harbor", "Summit", "Ironwood", "Maple", "Lakeside",
              "Granite", "Pioneer", "Silverline", "Redwood", "Bright", "Keystone", "Atlas"),
    "fr_FR": ("Atelier", "Maison", "Comptoir", "Groupe", "Société", "Ateliers", "Fromagerie",
              "Transports", "Menuiserie", "Boulangerie", "Imprimerie", "Cave"),
    "de_DE": ("Nord", "Berg", "Rhein", "Stahl", "Holz", "Elbe", "Alpen", "Sonnen", "Wald",
              "Hansa", "Donau", "Fels"),
    "es_ES": ("Distribuciones", "Talleres", "Construcciones", "Transportes", "Almacenes",
              "Comercial", "Suministros", "Industrias", "Bodegas", "Servicios"),
    "nl_NL": ("Noord", "Polder", "Molen", "Haven", "Tulp", "Dijk", "Zuid", "Kanaal", "Duin",
              "Brug"),
}  # fmt: skip
_SECOND = {
    "en_US": ("Logistics", "Supply", "Foods", "Systems", "Builders", "Trading", "Labs",
              "Hardware", "Freight", "Textiles", "Media", "Dental"),
    "fr_FR": ("Dupont", "Lefèvre", "du Centre", "Moreau", "de Provence", "Girard", "Bernard",
              "des Alpes", "Martin", "Roux"),
    "de_DE": ("technik", "bau", "handel", "logistik", "werk", "druck", "metall", "haus",
              "service", "energie"),
    "es_ES": ("García", "del Norte", "Martínez", "Levante", "López", "Ibérica", "Sánchez",
              "del Sur", "Ruiz", "Atlántico"),
    "nl_NL": ("techniek", "bouw", "handel", "logistiek", "groep", "druk", "staal", "installatie",
              "transport", "zorg"),
}  # fmt: skip
_SUFFIX = {"en_US": "Inc.", "fr_FR": "SARL", "de_DE": "GmbH", "es_ES": "S.L.", "nl_NL": "B.V."}
_GLUED = {"de_DE", "nl_NL"}  # "Nordtechnik GmbH", "Polderbouw B.V."


def locale_for(lang: str, rng: random.Random) -> tuple[str, str]:
    """(timezone, country code) for a customer writing in ``lang``."""
    zones, country = _LOCALES[lang]
    return rng.choice(zones), country


def company_name(lang: str, index: int, rng: random.Random) -> tuple[str, str]:
    """(display name, email-domain slug); the index keeps every name unique."""
    first, second = rng.choice(_FIRST[lang]), rng.choice(_SECOND[lang])
    joiner = "" if lang in _GLUED else " "
    name = f"{first}{joiner}{second} {index + 1} {_SUFFIX[lang]}"
    ascii_name = unicodedata.normalize("NFKD", f"{first}{second}{index + 1}")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.encode("ascii", "ignore").decode().lower())
    return name, slug.strip("-")
