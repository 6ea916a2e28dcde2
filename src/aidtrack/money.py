"""Former name of :mod:`aidtrack.currency` (ECB conversion), kept while other modules still import it."""

from aidtrack.currency import MAX_LOOKBACK_DAYS, Conversion, convert, ecb_rate, to_eur, to_usd

__all__ = ["MAX_LOOKBACK_DAYS", "Conversion", "convert", "ecb_rate", "to_eur", "to_usd"]
