"""Reads of Art. 1 §4: each starts from the user's scope (``dancoso.accounts.access``)."""
