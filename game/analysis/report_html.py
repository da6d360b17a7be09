"""The debrief as one self-contained HTML page that prints well (A4 or Letter, no browser chrome needed).

The handout is page 1, the record follows, and the designer's appendix starts a
page of its own (a class's copies can leave it out). The Markdown from
``report.py`` is rendered by markdown-it-py (CommonMark plus
tables, with raw HTML switched off, so nothing in a scenario can inject
markup) and wrapped in a print stylesheet: serif body text, charts in a
monospace font that has the block characters, tables that do not split a row
across pages, and turn headings that stay with their turn.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

from game.analysis.debrief import Analysis
from game.analysis.report import debrief_parts
from game.analysis.summary import Summary
from game.session import Session

STYLE = """
@page { size: auto; margin: 15mm 15mm; }
body { font: 11pt/1.45 Georgia, "DejaVu Serif", serif; max-width: 46em; margin: 2em auto; padding: 0 1em;
       color: #111; overflow-wrap: anywhere; }
h1 { font-size: 1.7em; margin-bottom: .2em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #999; margin-top: 1.8em; break-after: avoid; }
h3 { font-size: 1.05em; margin: 1.2em 0 .3em; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: .92em; }
th, td { border: 1px solid #bbb; padding: .25em .45em; vertical-align: top; text-align: left; }
th { white-space: nowrap; }
td:first-child { min-width: 7em; }
tr { break-inside: avoid; }
pre { font: 9.5pt/1.25 "DejaVu Sans Mono", Menlo, Consolas, monospace; background: #f4f4f4;
      padding: .5em; overflow-x: auto; break-inside: avoid; }
code { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: .9em; }
blockquote { margin: .4em 0 .4em 1em; padding-left: .8em; border-left: 3px solid #ccc; color: #333; }
li { margin: .15em 0; }
ol li { margin: .5em 0; }
.handout { break-after: page; font-size: 9.5pt; line-height: 1.32; }
.appendix { break-before: page; }
.handout h1 { margin: 0 0 .2em; font-size: 1.55em; }
.handout h2 { margin: .7em 0 .35em; }
.handout p { margin: .35em 0; }
.handout ul, .handout ol { margin: .25em 0; padding-left: 1.4em; }
.handout li, .handout ol li { margin: .12em 0; }
.handout table { font-size: .95em; margin: .3em 0; }
.handout th:nth-child(2), .handout td:nth-child(2) { white-space: nowrap; width: 1%; text-align: right; }
.handout th:first-child, .handout td:first-child { white-space: nowrap; width: 1%; }
@media print { body { margin: 0; max-width: none; } pre { overflow: visible; white-space: pre-wrap; }
               a { color: inherit; text-decoration: none; } }
"""


def debrief_html(session: Session, simulation: Summary | None = None, analysis: Analysis | None = None) -> str:
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    handout, record, appendix = (renderer.render(part) for part in debrief_parts(session, simulation, analysis))
    body = (f'<section class="handout">\n{handout}</section>\n<section class="record">\n{record}</section>\n'
            f'<section class="appendix">\n{appendix}</section>\n')
    title = html.escape(f"Debrief: {session.scenario.title}")
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
            f"<style>{STYLE}</style>\n</head>\n<body>\n{body}</body>\n</html>\n")
