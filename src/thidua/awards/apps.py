"""App config for the award catalogue, rule sets and the eligibility engine."""

from django.apps import AppConfig


class AwardsConfig(AppConfig):
    name = "thidua.awards"
    label = "awards"
    verbose_name = "Khen thưởng"
