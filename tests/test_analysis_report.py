"""The debrief: every turn, every decision and rationale, history, questions; pure and printable."""

import html
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from game.analysis.discussion import discussion_questions
from game.analysis.effects import order_effects, turning_points
from game.analysis.markdown import escape
from game.analysis.report import debrief_markdown
from game.analysis.report_html import debrief_html
from game.analysis.simulate import run_games
from game.analysis.summary import summarise
from game.cli import main
from game.engine import legal_actions
from game.saves import load_save, restore_session, save_session
from game.scenario import load_scenario
from game.session import Order, Session
from tests.paths import FIXTURES, SHIPPED

HERE = FIXTURES
CRISIS = load_scenario(HERE / "crisis.toml")
CONTROLLERS = {"us": "human", "russia": "greedy", "china": "random"}


def human_game(seed=3, turns=None, rationale="Because {turn} matters."):
    """A crisis game where a person plays the U.S. (first legal action, with a rationale)."""
    session = Session(CRISIS, seed, CONTROLLERS, name="Class 3B")
    while not session.over and (turns is None or len(session.turns) < turns):
        action = legal_actions(CRISIS, session.state, "us")[0].id
        session.play_turn({"us": Order("us", action, rationale.format(turn=session.state.turn))})
    return session


@pytest.fixture(scope="module")
def finished():
    return human_game()


@pytest.fixture(scope="module")
def text(finished):
    return debrief_markdown(finished)


def test_every_turn_is_in_the_timeline(finished, text):
    for record in finished.turns:
        assert re.search(rf"^### Turn {record.turn} \u00b7 ", text, re.M), record.turn


def test_every_decision_and_rationale_is_told(finished, text):
    timeline = text[text.index("## Turn by turn"):text.index("## The tracks")]
    for record in finished.turns:
        turn = timeline[timeline.index(f"### Turn {record.turn} "):]
        turn = turn[:turn.index("### Turn", 4)] if "### Turn" in turn[4:] else turn
        for order in record.orders:
            assert escape(CRISIS.action(order.action).label) in turn
        assert f"Rationale: \u201cBecause {record.turn} matters.\u201d" in turn


def test_secret_moves_are_revealed_and_marked(finished, text):
    private = [e for r in finished.turns for e in r.entries if e.visible_to is not None]
    assert private, "the fixture game should have a private move or event"
    assert "*(known only to " in text


def test_sections_a_class_needs(text):
    for heading in ("# Debrief: Basing Crisis (test)", "## The seats", "## Turn by turn",
                    "## The tracks over the game", "## How it ended", "## What the decisions changed",
                    "## What really happened", "## Questions for discussion"):
        assert heading in text
    for objective in CRISIS.objectives.values():
        assert objective.text in text  # the secret objectives are revealed
        assert objective.score.text in text.split("## For the scenario's designer")[1]  # their formulas, to designers


def test_history_sits_beside_the_run(text):
    rules = [*(a for a in CRISIS.actions if a.history), *(e for e in CRISIS.events if e.history)]
    section = text[text.index("## What really happened"):]
    for rule in rules:
        assert escape(rule.history) in section


def test_the_debrief_is_a_pure_function_of_the_game(finished, text, tmp_path):
    assert debrief_markdown(finished) == text
    restored = restore_session(load_save(save_session(finished, tmp_path / "game.wgsave")))
    assert debrief_markdown(restored) == text


def test_an_unfinished_game_says_so():
    text = debrief_markdown(human_game(turns=4))
    assert "stopped after turn 4 of 12" in text and "scores so far" in text
    assert "### Turn 4 " in text and "### Turn 5 " not in text


def test_the_simulation_says_how_unusual_the_ending_was(finished):
    controllers = {**CONTROLLERS, "us": "random"}
    simulation = summarise(CRISIS, run_games(CRISIS, 60, 0, controllers), 0, controllers)
    text = debrief_markdown(finished, simulation)
    section = text[text.index("## How unusual was this run?"):]
    share = simulation.ending(finished.state.ending or "").games / 60
    assert f"came about in {share:.0%} of simulated games" in section
    assert "**\u2192 " in section  # this run's ending is marked


MARKDOWN = st.sampled_from(list("*_`[]()<>|#!\\&-+.=~ab"))


@given(st.text(alphabet=st.one_of(MARKDOWN, st.characters(blacklist_categories=("Cs", "Cc"))), max_size=40))
@example("&copy; &amp;")
def test_authors_text_prints_as_written(text):
    """Markdown characters in a scenario's text never turn into emphasis, links or tables."""
    rendered = MarkdownIt("commonmark", {"html": False}).renderInline(escape(text))
    assert html.unescape(rendered) == " ".join(text.split())


def test_the_html_version_is_one_printable_page_without_injected_markup(tmp_path):
    path = tmp_path / "evil.toml"
    text = (HERE / "mini.toml").read_text()
    path.write_text(text.replace('label = "Push"', 'label = "Push <script>x</script>"'))
    scenario = load_scenario(path)
    session = Session(scenario, 1, dict.fromkeys(scenario.seats, "greedy"))
    session.play_to_end()
    page = debrief_html(session)
    assert page.startswith("<!DOCTYPE html>") and "@page" in page and "<table>" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_the_command_writes_markdown_and_html(finished, tmp_path, capsys):
    save = save_session(finished, tmp_path / "game.wgsave")
    assert main(["report", str(save), "-o", str(tmp_path / "debrief.md"), "--runs", "20", "--jobs", "1"]) == 0
    markdown = (tmp_path / "debrief.md").read_text()
    assert markdown.startswith("# Debrief:") and "## How unusual was this run?" in markdown
    assert main(["report", str(save), "-o", str(tmp_path / "debrief.html"), "--runs", "0"]) == 0
    assert (tmp_path / "debrief.html").read_text().startswith("<!DOCTYPE html>")
    assert main(["report", str(save), "--runs", "0"]) == 0
    assert capsys.readouterr().out == debrief_markdown(finished)


@pytest.mark.parametrize("argv, message", [
    (["missing.wgsave"], "no such file"),
    (["{save}", "--baseline", "clever"], "unknown policy"),
    (["{save}", "--runs", "-1"], "give a number from 0 to 1000000"),
    (["{save}", "-o", "/no/such/folder/report.md"], "no such folder"),
    (["{save}", "-o", "debrief.pdf"], "not .pdf (for a PDF, print the .html"),  # issue 9.9: never Markdown in a .pdf
    (["{save}", "-o", "debrief"], ".md, .html or .json"),
])
def test_user_errors_exit_2_in_one_line(finished, tmp_path, capsys, argv, message):
    save = str(save_session(finished, tmp_path / "game.wgsave"))
    try:
        code = main(["report", *(a.format(save=save) for a in argv)])
    except SystemExit as exit_:  # a flag argparse refuses
        code = exit_.code
    err = capsys.readouterr().err
    assert code == 2
    assert message in err and len(err.splitlines()) == 1


def test_questions_name_seats_as_sentences_do_and_close_a_quoted_rationale():
    """Issue 9.6: "the United States chose", and a full stop inside a quote that lacked one."""
    scenario = load_scenario(SHIPPED)
    session = Session(scenario, 5, {"us": "human", "russia": "random", "china": "random"})
    while not session.over:
        action = legal_actions(scenario, session.state, "us")[-1].id
        session.play_turn({"us": Order("us", action, "to keep our options")})
    points = turning_points(order_effects(session))
    text = " ".join(q.text for q in discussion_questions(session, points))
    assert "United States" not in text.replace("the United States", "")
    rationale = [q.text for q in discussion_questions(session, points) if "wrote in turn" in q.text]
    assert not rationale or "\u201cto keep our options.\u201d" in rationale[0]


def test_who_played_comes_from_the_orders_not_the_controllers_at_the_end():
    """Issue 11.4: a game resumed with other seats, or a computer order the facilitator replaced, is told as played."""
    from game.engine.interventions import ReplaceOrder
    from game.engine.model import hold_id

    session = human_game(turns=3)
    session.change_seats({**CONTROLLERS, "us": "greedy"})
    session.intervene(ReplaceOrder("russia", hold_id("russia"), "Moscow waits"))
    session.play_turn()
    session.play_turn()
    seats = debrief_markdown(session)
    seats = seats[seats.index("## The seats"):seats.index("## Turn by turn")]
    greedy = "the computer, looking one turn ahead"
    assert f"| a person (turns 1\u20133); {greedy} (turns 4\u20135) |" in seats
    assert f"| {greedy} (turns 1\u20133 and 5); the facilitator (turn 4) |" in seats
    assert "| the computer, choosing at random |" in seats


def test_the_scenarios_own_questions_are_judged_on_how_the_run_ended():
    """Issue 19.2: a question whose condition held after some turn but not at the end is not asked."""
    from game.analysis.discussion import MAX_AUTHORED, authored_questions
    from game.engine.interventions import SetTrack

    scenario = load_scenario(SHIPPED)
    waiver = next(q for q in scenario.questions if q.when is not None and q.when.text == "waiver")
    always = [q for q in scenario.questions if q.when is None]
    quiet = Session(scenario, 2, dict.fromkeys(scenario.seats, "random"))
    quiet.play_turn()
    assert waiver not in authored_questions(quiet) and set(always) <= set(authored_questions(quiet))
    revoked = Session(scenario, 2, dict.fromkeys(scenario.seats, "random"))
    revoked.intervene(SetTrack("waiver", True, "the secretary signs"))
    revoked.play_turn()
    assert authored_questions(revoked)[0] == waiver, "it holds at the end: asked, first"
    revoked.intervene(SetTrack("waiver", False, "and it is revoked"))
    revoked.play_turn()
    assert waiver not in authored_questions(revoked), "held after turn 1, not at the end: not asked"
    revoked.intervene(SetTrack("waiver", True, "signed again"))
    revoked.play_turn()
    questions = [q.text for q in discussion_questions(revoked, turning_points(order_effects(revoked)))]
    assert questions[0] == waiver.text
    assert len([q for q in questions if q in {a.text for a in authored_questions(revoked)}]) <= MAX_AUTHORED
    assert waiver.text in debrief_markdown(revoked)


def test_peoples_seats_are_simulated_by_the_scenarios_strategies_not_at_random():
    """Issue 11.3: a scripted baseline replaces random play for "how unusual was this run"."""
    from game.analysis.baseline import baseline_rotation
    from game.analysis.simulate import run_matchups

    scenario = load_scenario(SHIPPED)
    people = {"us": "human", "russia": "greedy", "china": "human"}
    rotation, played = baseline_rotation(scenario, people)
    lines = {seat: {"strategy:" + s.id for s in scenario.strategies_for(seat)} for seat in ("us", "china")}
    assert {(c["us"], c["china"]) for c in rotation} == {(u, c) for u in lines["us"] for c in lines["china"]}
    lines["russia"] = {"strategy:" + s.id for s in scenario.strategies_for("russia")}
    assert {c["russia"] for c in rotation} == lines["russia"], "a computer that thinks: its strategies stand in"
    assert len(rotation) == len(lines["us"]) * len(lines["china"]) * len(lines["russia"])
    first = scenario.strategies_for("us")[0]
    assert played["us"].startswith(f"the scenario's sensible lines for it, in turn (\u201c{first.label}\u201d, ")
    assert "standing in for its computer player (looking one turn ahead)" in played["russia"]
    (games,) = run_matchups(scenario, len(rotation), 0, [rotation])
    assert summarise(scenario, games, 0, played).seats[0].policy == played["us"]
    assert baseline_rotation(CRISIS, CONTROLLERS)[0] == [{**CONTROLLERS, "us": "greedy"}], "no strategies: greedy"
    quick = {"us": "human", "russia": "random", "china": "human"}
    assert baseline_rotation(scenario, quick, "random")[0] == [{**quick, "us": "random", "china": "random"}]


def test_the_debrief_opens_with_a_one_page_handout(finished):
    """Issue 9.12: outcome, each seat's score and secret objective, three turning points, two questions."""
    from game.analysis.report import debrief_parts

    handout, record, appendix = debrief_parts(finished)
    assert debrief_markdown(finished) == f"{handout}\n{record}\n{appendix}"
    glance = handout.split("## The game at a glance", 1)[1]
    assert "**Outcome.**" in glance and "| Seat | Score | Played by |" in glance
    for seat in finished.scenario.seats:
        assert finished.scenario.actor_name(seat) in glance
        objective = finished.scenario.objectives.get(seat)
        assert objective is None or not objective.text or objective.text in glance
    assert 1 <= glance.count("\n- **Turn ") <= 3 and "\n3. " not in glance
    assert record.startswith("## The seats")
    page = debrief_html(finished)
    assert page.index('<section class="handout">') < page.index("The game at a glance") < \
        page.index('<section class="record">') < page.index("The seats") < page.index('<section class="appendix">')
    assert appendix.startswith("## For the scenario's designer")
    assert ".handout { break-after: page;" in page
