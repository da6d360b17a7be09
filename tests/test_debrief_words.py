"""Words for students: the handout and the record speak in labels and sentences, never in ids or jargon.

Many simulated debriefs of each shipped scenario (people, computers of every
cheap kind, a facilitator who acts, beliefs answered, a comparison run) are
read for every id of the scenario that could not pass for a word (anything
with ``_ . -`` or a digit: ``us.strike``, ``offer_intent``, ``threat-returns``),
code spans (formulas), file paths and statistics jargon. Ids that are plain
words (``threat``, ``waiver``) cannot be told from prose and are left out; the
designer's appendix may show every id.
"""

from __future__ import annotations

import random
import re

import pytest

from game.analysis.baseline import baseline_rotation
from game.analysis.report import debrief_parts
from game.analysis.simulate import run_matchups
from game.analysis.summary import summarise
from game.engine import legal_actions
from game.engine.interventions import FireEvent, ForceChance, Inject, ReplaceOrder, SetTrack
from game.errors import WargameError
from game.players.scripted_policy import PREFIX
from game.session import HUMAN, Order, Session
from tests.paths import SCENARIOS
from tests.saves_support import scenario

CI_GAMES = 4
SLOW_GAMES = 60
JARGON = ("median", "middle half)", "(rule ", "strategy:", "planner-", "docs/", ".toml", ".md", ".py", "`",
          "quartile", "percentile", "std", "None", "True", "False")


def prose(shipped) -> str:
    """Every text the scenario's author wrote for people to read."""
    texts = [shipped.title, shipped.summary, shipped.source, shipped.end_text,
             *(a.name + " " + a.briefing for a in shipped.actors.values()),
             *(f"{v.label} {v.description} {v.source}" for v in shipped.variables),
             *(f"{a.label} {a.description} {a.source} {a.history} {a.unavailable}" for a in shipped.actions),
             *(f"{e.text} {e.source} {e.history}" for e in shipped.events),
             *(e.text for e in shipped.endings), *(o.text for o in shipped.objectives.values()),
             *(q.text for q in shipped.questions), *(s.label for s in shipped.strategies),
             *(b.prompt + " ".join(c.text for c in b.choices) for b in shipped.beliefs)]
    return " ".join(texts)


def scenario_ids(shipped) -> set[str]:
    """Every id of the scenario that no sentence would contain (one its own texts use as a word is a word)."""
    ids = {shipped.id, *shipped.actors, *(v.name for v in shipped.variables), *(a.id for a in shipped.actions),
           *(e.id for e in shipped.events), *(e.id for e in shipped.endings), *(s.id for s in shipped.strategies),
           *(q.id for q in shipped.questions if q.id), *(b.id for b in shipped.beliefs),
           *(v for variable in shipped.variables for v in variable.values)}
    if shipped.map is not None:
        ids |= {place.id for place in shipped.map.places}
    words = prose(shipped)
    return {i for i in ids if re.search(r"[_.\-0-9]", i) and not re.search(rf"(?<![\w\-]){re.escape(i)}(?![\w\-])",
                                                                           words)}


def played(shipped, rng: random.Random) -> Session:
    """A game with some people, some computers, a facilitator who acts, and every belief answered."""
    cheap = ["random", "greedy", *(PREFIX + s.id for s in shipped.strategies)]
    controllers = {seat: rng.choice([HUMAN, HUMAN, *(c for c in cheap if not c.startswith(PREFIX)
                                                      or shipped.strategy(c[len(PREFIX):]).seat == seat)])
                   for seat in shipped.seats}
    session = Session(shipped, rng.randrange(2**63), controllers, name="Table 4")
    while not session.over:
        if rng.random() < 0.3:
            act_at_random(session, rng)
        for seat in session.humans():
            for belief in session.beliefs_due(seat):
                session.believe(seat, belief.id, rng.randrange(len(belief.choices)))
        orders = {seat: Order(seat, rng.choice(legal_actions(shipped, session.state, seat)).id,
                              rng.choice(["", "Keep Congress with us.", "Test Moscow's intent"]))
                  for seat in session.humans()}
        session.play_turn(orders)
    for seat in session.humans():
        for belief in session.beliefs_due(seat):
            session.believe(seat, belief.id, rng.randrange(len(belief.choices)))
    return session


def act_at_random(session: Session, rng: random.Random) -> None:
    shipped = session.scenario
    variable = rng.choice([v for v in shipped.variables if v.type != "int"])
    chancy = [a.id for a in shipped.actions if a.chance is not None] + [e.id for e in shipped.events if e.chance]
    computers = [s for s in shipped.seats if session.controller(s) != HUMAN]
    acts = [FireEvent(rng.choice(shipped.events).id, "the room needs a jolt"),
            Inject("A convoy is ambushed", None, ("threat += 1",) if "threat" in shipped.symbols else (), "colour"),
            SetTrack(variable.name, rng.choice(variable.values) if variable.type == "enum" else True, "to see"),
            ForceChance(rng.choice(chancy), rng.random() < 0.5, "argued well")]
    if computers:
        seat = rng.choice(computers)
        acts.append(ReplaceOrder(seat, shipped.hold(seat).id, "wait a week"))
    try:
        session.intervene(rng.choice(acts))
    except WargameError:
        pass


def student_text(session: Session, simulation=None) -> str:
    """The handout and the record, without the fences around the charts (the only code blocks they have)."""
    handout, record, _ = debrief_parts(session, simulation)
    return re.sub(r"^```(text)?$", "", handout + record, flags=re.M)


def check_words(name: str, games: int) -> None:
    shipped = scenario(SCENARIOS[name])
    ids = scenario_ids(shipped)
    pattern = re.compile(r"(?<![\w.\-])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True))
                         + r")(?![\w\-]|\.\w)")
    rng = random.Random(name)
    for game in range(games):
        session = played(shipped, rng)
        simulation = None
        if game == 0:
            rotation, words = baseline_rotation(shipped, session.controllers)
            (results,) = run_matchups(shipped, 20, 0, [rotation])
            simulation = summarise(shipped, results, 0, words)
        text = student_text(session, simulation)
        found = pattern.search(text)
        assert found is None, f"id {found[0]!r} in: {text[max(0, found.start() - 80):found.end() + 80]!r}"
        for word in JARGON:
            found = re.search(jargon(word), text)
            assert found is None, f"{word!r} in: {text[max(0, found.start() - 80):found.end() + 80]!r}"


def jargon(word: str) -> str:
    """Where ``word`` is jargon: anywhere, but for a word that starts a sentence ("None was issued." is English;
    Python's None, True and False leak mid-sentence)."""
    if not word.isalpha():
        return re.escape(word)
    return rf"(?<![.!?] )(?<![.!?]\n)(?<!^)\b{word}\b"


@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_the_handout_and_the_record_name_no_id(name):
    check_words(name, CI_GAMES)


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(SCENARIOS))
def test_many_debriefs_name_no_id(name):
    check_words(name, SLOW_GAMES)


def test_the_check_would_see_an_id():
    shipped = scenario(SCENARIOS["over-the-horizon-2021"])
    assert {"us.strike", "offer_intent", "threat-returns", "over-the-horizon-2021"} <= scenario_ids(shipped)
    assert "threat" not in scenario_ids(shipped), "a plain word cannot be told from prose"
