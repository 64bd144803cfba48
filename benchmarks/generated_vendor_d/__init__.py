"""Invoices laid out the way big vendors, utilities, platforms and office templates print them."""
