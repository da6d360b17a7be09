"""What each seat must never see, read from the scenario itself (so it holds for any scenario)."""

from __future__ import annotations

from game.engine.model import Scenario


def kept_from(scenario: Scenario, seat: str) -> set[str]:
    """Strings that would betray another seat's secrets to ``seat``.

    Hidden variables' names, labels, descriptions and enum values; other seats'
    private action labels, briefings, objective texts and score expressions;
    the texts of events ``seat`` does not witness.
    """
    secrets: set[str] = set()
    for variable in scenario.variables:
        if not variable.visible(seat):
            secrets |= {variable.name, variable.label, *variable.values}
            secrets.add(variable.description)
    for action in scenario.actions:
        if action.actor != seat and action.visibility == "private":
            secrets |= {action.label, action.description}
    for other, actor in scenario.actors.items():
        if other != seat:
            secrets.add(actor.briefing)
    for other, objective in scenario.objectives.items():
        if other != seat:
            secrets |= {objective.text, objective.score.text}
    for event in scenario.events:
        if event.visible_to is not None and seat not in event.visible_to:
            secrets.add(event.text)
    return {secret for secret in secrets if secret}


def every_secret(scenario: Scenario) -> set[str]:
    """Everything any seat keeps from another: what a hand-off screen must not show."""
    return set().union(*(kept_from(scenario, seat) for seat in scenario.seats))


def leaks(text: str, secrets: set[str]) -> list[str]:
    return sorted(secret for secret in secrets if secret in text)
