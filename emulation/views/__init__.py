"""Pages of Art. 1 §4; each part in its own module."""
