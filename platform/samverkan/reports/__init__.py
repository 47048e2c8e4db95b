"""The annual follow-up report of a region: its figures for one year, as a page and a PDF."""
