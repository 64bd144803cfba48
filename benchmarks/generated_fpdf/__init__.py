"""Generated invoices on layouts the capture code was not written for (issue 15), drawn with fpdf2.

Each module holds a group of templates (`TEMPLATES`: name -> function(rng) -> (sheet, truth)); `__main__`
writes a corpus folder that `benchmarks/capture.py` reads. Deterministic by seed."""
