"""Certification's forms, one module per concern, named like the views that use them."""
