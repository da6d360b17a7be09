"""The app of a seat (or the facilitator) joined to a host: the hot-seat screens, fed over the network.

``app.py`` keeps the connection and the latest view; ``seat_flow.py``
decides which screen a seat sees (briefing, turn, waiting, results, end)
from each view the host sends; ``console.py`` is the facilitator's console.
"""
