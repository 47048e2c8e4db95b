"""One search over initiatives, actors, networks and meetings, Swedish-aware, on SQLite and
PostgreSQL alike (see :mod:`samverkan.search.index`)."""
