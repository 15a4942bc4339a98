"""Statements: handed in by confirmed speakers with their consent, published by staff, read
by the public only through published.py, with their files, pages, search and feed."""
