"""Clients: the debtors an organisation invoices."""
