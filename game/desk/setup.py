"""Setting up a new game: its default name, its seed, and the lock on a game with people in it."""

from __future__ import annotations

import datetime

from game.errors import WargameError


def parse_seed(text: str) -> int:
    """A game's seed typed by a person, in the engine's range; one line (``WargameError``) if not."""
    from game.engine.adjudication import MAX_SEED

    try:
        value = int(text)
    except ValueError:
        raise WargameError(f"invalid seed {text!r}: give a whole number") from None
    if not 0 <= value <= MAX_SEED:
        raise WargameError(f"invalid seed {text!r}: give a number from 0 to {MAX_SEED}")
    return value


def default_name(title: str, now: datetime.datetime) -> str:
    """A new game's name until someone gives one: the scenario's title and when it was set up."""
    return f"{title} {now:%Y-%m-%d %H%M}"
