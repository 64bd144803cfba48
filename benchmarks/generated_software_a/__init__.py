"""Invoices laid out like European and PHP-world invoicing software (Dolibarr, PrestaShop, InvoicePlane...).

Each template is modelled on one public template of a real product (see each module's docstring) and drawn
with our own reportlab code and random data; `python -m benchmarks.generated_software_a --out DIR`.
"""
