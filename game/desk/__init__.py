"""The flow of a game, Textual-free: what comes next, and everything around a game that is not drawn.

Every front end (the TUI, ``--plain``, a joined seat's app) renders what this
package decides: the steps of a game as values and which comes next
(``steps``), setting up a new game (``setup``), whether the facilitator's view
may be shown (``unlock``, the one policy), keeping a game saved as it goes
(``autosave``, over ``storage``), the scenarios and saves on offer
(``catalog``, ``storage``), the facilitator's acts as forms
(``facilitator_acts``), what the command line chose (``launch``) and where the
app may run (``terminal``). Nothing here imports Textual or a front end, so
hot-seat secrecy and the order of screens are tested as plain values.
"""
