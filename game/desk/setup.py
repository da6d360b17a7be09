"""Setting up a new game: its default name, its seed, and the lock on a game with people in it."""

from __future__ import annotations

import datetime

from game.errors import WargameError
from game.whole_numbers import NotAWholeNumber, parse_whole, quoted


def parse_seed(text: str) -> int:
    """A game's seed typed by a person, in the engine's range; one line (``WargameError``) if not."""
    from game.engine.adjudication import MAX_SEED

    try:
        return parse_whole(text, 0, MAX_SEED)
    except NotAWholeNumber as error:
        raise WargameError(f"invalid seed {quoted(text)}: {error}") from None


def default_name(title: str, now: datetime.datetime) -> str:
    """A new game's name until someone gives one: the scenario's title and when it was set up."""
    return f"{title} {now:%Y-%m-%d %H%M}"
