"""Payment links: the stable pay page of each invoice and the payment attempts made from it."""
