"""Payment provider accounts: each organisation's encrypted credentials, and the adapters built from them."""
