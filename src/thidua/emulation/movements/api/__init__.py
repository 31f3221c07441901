"""API of the movements slice: movements and their documents (:mod:`.movements`), registrations and pacts
(:mod:`.registrations`); each module has its own router, mounted by :mod:`thidua.api.api`."""
