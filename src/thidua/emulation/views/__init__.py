"""Web views of the emulation app: one module per slice (movements, reports, conferences, scoring)."""
