"""The facilitator's lock: a passphrase kept only as a salted, slow hash, so a save can hold it.

On a shared keyboard any student could open an unfinished game's replay and
read every seat's secrets. A game set up with human seats therefore has a
facilitator passphrase; what guards the facilitator's view (replays of the
unfinished game, facilitator mode, interventions) asks for it. The save holds
only ``hashlib.scrypt`` of it with a random salt: reading the file does not
give the passphrase away, and guessing it costs about a tenth of a second a try.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from attrs import frozen

from game.errors import WargameError

SALT_BYTES = 16
DIGEST_BYTES = 32
COST = 2**14
"""scrypt's N: about 16 MiB and 0.05–0.1 s per check on the machines this runs on."""
BLOCK, PARALLEL = 8, 1
MAX_COST = 2**17
"""The dearest N a save may ask for: a hostile file cannot make a check take minutes."""
MAX_PASSPHRASE = 1000
MIN_PASSPHRASE = 4
_WORDS = "bcdfghjkmnpqrstvwxz"
_VOWELS = "aeiou"


class WrongPassphrase(WargameError):
    """The passphrase given does not open this game's lock."""


@frozen
class Lock:
    """A salted scrypt hash of the facilitator's passphrase, and the scrypt parameters used."""

    salt: bytes
    digest: bytes
    cost: int = COST
    block: int = BLOCK
    parallel: int = PARALLEL

    def opens_with(self, passphrase: str) -> bool:
        """Whether ``passphrase`` is the one this lock was made with (compared in constant time)."""
        return hmac.compare_digest(_hash(passphrase, self.salt, self.cost, self.block, self.parallel),
                                   self.digest)


def make_lock(passphrase: str) -> Lock:
    """A new lock for ``passphrase``, with a fresh salt; refuses one too short or too long."""
    check_passphrase(passphrase)
    salt = secrets.token_bytes(SALT_BYTES)
    return Lock(salt, _hash(passphrase, salt, COST, BLOCK, PARALLEL))


def check_passphrase(passphrase: str) -> None:
    if len(passphrase.strip()) < MIN_PASSPHRASE:
        raise WargameError(f"a facilitator passphrase needs at least {MIN_PASSPHRASE} characters")
    if len(passphrase) > MAX_PASSPHRASE:
        raise WargameError(f"a facilitator passphrase may have at most {MAX_PASSPHRASE} characters")


def generate_passphrase() -> str:
    """A new passphrase that is easy to read aloud and type: three pronounceable groups, ~50 bits."""
    def group() -> str:
        return "".join(secrets.choice(_WORDS) + secrets.choice(_VOWELS) for _ in range(3))
    return "-".join(group() for _ in range(3))


def valid_parameters(cost: int, block: int, parallel: int) -> bool:
    """Whether scrypt parameters read from a file are ones this Horizon will spend time on."""
    return (2 <= cost <= MAX_COST and cost & (cost - 1) == 0 and 1 <= block <= 16 and 1 <= parallel <= 4
            and 128 * cost * block * parallel <= 64 * 2**20)


def _hash(passphrase: str, salt: bytes, cost: int, block: int, parallel: int) -> bytes:
    return hashlib.scrypt(passphrase.strip().encode(), salt=salt, n=cost, r=block, p=parallel,
                          maxmem=128 * cost * block * parallel + 2**20, dklen=DIGEST_BYTES)
