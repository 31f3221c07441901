"""Template tags of the movements slice: the running movements on the home dashboard."""

from django import template

from ..movements.selectors import movements_for_home

register = template.Library()


@register.inclusion_tag("emulation/movements/_home.html", takes_context=True)
def home_movements(context):
    """The running movements the user's units take part in (launched by them or pushed to them)."""
    return {"movements": movements_for_home(context["request"].user)}
