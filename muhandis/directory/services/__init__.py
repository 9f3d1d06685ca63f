"""Writes of the directory: firms' profiles (firms.py), engineers' listings (listings.py) and
the search keys kept in step with names (keys.py)."""
