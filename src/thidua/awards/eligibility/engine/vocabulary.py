"""The whole predicate vocabulary by name, and the candidate pre-filters, assembled from the modules that define them.

:mod:`.predicates` holds the rating, title and achievement predicates; the length-of-service and process-merit ones
(:mod:`.predicates_service`) and the collective ones (:mod:`.predicates_unit`) build on it. Merging them here, not at
the bottom of :mod:`.predicates`, keeps the engine's modules free of import cycles.
"""

from __future__ import annotations

from . import predicates, predicates_service, predicates_unit

REGISTRY = {**predicates.REGISTRY, **predicates_service.REGISTRY, **predicates_unit.REGISTRY}
CANDIDATES = {**predicates.CANDIDATES, **predicates_service.CANDIDATES}
