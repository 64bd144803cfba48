"""Pure payment-provider layer (Stripe, GoCardless). Empty until payment links land (issue 4)."""
