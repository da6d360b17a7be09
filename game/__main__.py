"""``python -m game``: the same as the ``wargame`` command."""

from game.cli import main

raise SystemExit(main())
