"""Receivables reports: the figures of the home page (DSO, CEI, recovery, aging, forecast)."""
