"""Eligibility (xét điều kiện khen thưởng): versioned rule sets, the engine, stored runs and the candidates pages.

A slice of the ``awards`` app (its models keep the app label ``awards``) with the anatomy of DESIGN.md §3: models,
choices, services, selectors, policies, forms, views, urls, api (with its schemas), tasks, exports, presenters and
whatif, plus ``engine/`` (facts and predicates) and ``rules/`` (the rule-document schema, loader and shipped files).
"""
