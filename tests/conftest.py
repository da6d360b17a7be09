"""Shared test settings: hypothesis profiles.

The default profile keeps the whole suite quick on a loaded 2-core machine;
``HYPOTHESIS_PROFILE=thorough`` runs every property ten times as long.
"""

import os

from hypothesis import settings

settings.register_profile("quick", deadline=None, max_examples=100)
settings.register_profile("thorough", deadline=None, max_examples=1000)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick"))
