"""Services of the emulation app (all writes): one module per slice (movements, reports, conferences, scoring)."""
