"""A browser tab's app process ends with the host that started it, even a host killed with SIGKILL.

Otherwise the process would stay connected as its seat with no page to
show it on (and its page's Restart would start a second one). The host
passes its PID in ``HORIZON_HOST_PID``; the process asks Linux to kill it
when its parent dies (``PR_SET_PDEATHSIG``), then checks that the parent is
still the host (it may have died before the request). This runs in the
child itself, not in a ``preexec_fn``, which is unsafe in a host with threads.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

HOST_PID = "HORIZON_HOST_PID"
PR_SET_PDEATHSIG = 1


def die_with_the_host() -> None:
    """If started by a host's browser page: be killed when that host dies, or exit now if it already has."""
    host = os.environ.get(HOST_PID)
    if not host or not host.isdigit():
        return
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        return  # not Linux: the host's own shutdown still stops its tabs
    if os.getppid() != int(host):
        sys.exit(0)
