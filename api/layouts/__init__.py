"""Invoice layouts each organisation taught capture by correcting or approving its invoices."""
