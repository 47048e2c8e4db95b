"""Employers' competence needs: the shared survey, its rounds, and the needs added up from
municipality to nation with small counts suppressed (the Gävleborg model, seed ``004``)."""
