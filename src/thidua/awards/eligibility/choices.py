"""Choices of the eligibility slice (the catalogue's own choices live in :mod:`thidua.catalogue.choices`)."""

from django.db import models


class Outcome(models.TextChoices):
    ELIGIBLE = "du", "Đủ điều kiện"
    SOON = "sap_du", "Sắp đủ điều kiện"
    NOT_ELIGIBLE = "chua_du", "Chưa đủ điều kiện"
