"""Invoices laid out the way small French businesses and freelancers make them with office tools."""
