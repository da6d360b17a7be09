"""``wargame play --plain``: the game as lines of text and numbered choices, for screen readers and pipes.

``console.py`` reads and writes, ``pages.py`` says what each screen holds, ``walk.py`` walks a
reader through the game as the TUI would. Textual-free.
"""
