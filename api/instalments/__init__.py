"""Échéancier: an invoice paid in monthly instalments on a GoCardless instalment schedule."""
