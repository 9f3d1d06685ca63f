"""Reads of the directory: which firms and engineers are shown, their search and filters
(search.py), and a firm's page (firms.py)."""
