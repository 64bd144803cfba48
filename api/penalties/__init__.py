"""Late-payment penalties (Code de commerce L441-10 II) and the 40 EUR recovery indemnity."""
