"""Forms of the training domain, one module per concern."""
