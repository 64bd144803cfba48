"""The money ledger: append-only payment facts per invoice, and the invoice balance recomputed from them."""
