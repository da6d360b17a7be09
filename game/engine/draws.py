"""The game's random numbers: a pure function of the seed, the turn and a stream name.

Every draw is computed from ``(seed, turn, stream)`` with a fixed integer
mixer (SplitMix64), not pulled from a stateful generator. So a chance drawn
for Russia's action in turn 5 is the same whichever seats are human, however
many other draws happened, in whichever process, on any machine: replay and
branching are exact, and a save need not store generator state.
"""

from __future__ import annotations

import functools
import hashlib

_MASK = (1 << 64) - 1


def _mix(z: int) -> int:
    z = (z + 0x9E3779B97F4A7C15) & _MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
    return z ^ (z >> 31)


@functools.lru_cache(maxsize=4096)
def stream_name(stream: str) -> int:
    """The 64-bit number a stream's name stands for in the mixer."""
    return int.from_bytes(hashlib.blake2b(stream.encode(), digest_size=8).digest(), "big")


def stream_key(seed: int, name: int) -> int:
    """The part of a draw that stays the same all game (``name`` from :func:`stream_name`).

    Bulk play computes it once per game and rule and then calls :func:`draw_keyed`.
    """
    return _mix((seed & _MASK) ^ name)


def draw_keyed(key: int, turn: int) -> float:
    """The draw of turn ``turn`` in the stream whose key is ``key``."""
    return (_mix(key ^ turn) >> 11) / (1 << 53)


@functools.lru_cache(maxsize=4096)
def _cached_key(seed: int, stream: str) -> int:
    return stream_key(seed, stream_name(stream))


def draw(seed: int, turn: int, stream: str) -> float:
    """A number in [0, 1) determined only by ``seed``, ``turn`` and ``stream``."""
    return draw_keyed(_cached_key(seed, stream), turn)


def chance_stream(rule_id: str) -> str:
    """The stream a rule's chance is drawn from."""
    return f"chance:{rule_id}"


def policy_stream(seat: str) -> str:
    """The stream a computer player in ``seat`` draws from."""
    return f"policy:{seat}"


def argued_stream(argument: str) -> str:
    """The stream the roll of an argued move is drawn from (``argument``: its id in its turn): a stream of
    its own, so ruling on an argued move changes no other chance of the game."""
    return f"argued:{argument}"
