"""Generated invoices laid out like more real invoicing software (Dolibarr oursin, Invoice Ninja v5 designs,
Sage/EBP-style French desktop software, Zoho, FreshBooks, Wave, Qonto, sevDesk, Exact Online...)."""
