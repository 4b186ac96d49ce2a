"""Writes of Art. 1 §4: each runs in a transaction, checks who may act, validates, and keeps history."""
