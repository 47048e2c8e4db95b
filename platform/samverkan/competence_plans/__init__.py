"""Organisations' competence-supply plans: gap, need and activities over the short (1–3 years)
and the long (4–10 years) horizon, revised yearly (seed ``001``, Region Västmanland as employer)."""
