"""SharedTuple behaves as the tuple of its items, however its versions are made from one another.

Views of a long game share their history's storage: each new version keeps a
prefix of an earlier one (any earlier one, as a screen may still hold an old
view) and adds items. Whatever the order, every version must still hold
exactly its own items, compare, hash and slice as its tuple does.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from game.seat_view.shared import FLUSH, SharedTuple, common_prefix

steps = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 10**6),
                           st.lists(st.integers(0, 3), max_size=FLUSH + 20)), max_size=40)


@given(st.lists(st.integers(0, 3), max_size=30), steps)
def test_every_version_holds_its_own_items_however_they_were_made(first, made):
    versions: list[tuple[SharedTuple, tuple]] = [(SharedTuple(first), tuple(first))]
    for pick, keep, items in made:
        shared, model = versions[pick % len(versions)]
        keep %= len(model) + 1
        versions.append((shared.replaced_after(keep, items), model[:keep] + tuple(items)))
    for shared, model in versions:
        assert len(shared) == len(model) and tuple(shared) == model and list(reversed(shared)) == list(reversed(model))
        assert shared == model and model == shared and not shared != model and hash(shared) == hash(model)
        assert all(shared[i] == model[i] for i in range(-len(model), len(model)))
        assert shared[1:-1] == model[1:-1] and shared[::2] == model[::2] and shared[5:] == model[5:]
    for (a, model_a), (b, model_b) in zip(versions, versions[1:]):
        assert (a == b) == (model_a == model_b)
        assert a.common_prefix(b) == common_prefix(model_a, model_b) == common_prefix(b, a)


def test_an_index_out_of_range_or_a_keep_past_the_end_is_refused():
    shared = SharedTuple([1, 2, 3])
    for index in (3, -4):
        try:
            shared[index]
        except IndexError:
            pass
        else:
            raise AssertionError(index)
    try:
        shared.replaced_after(4, [])
    except ValueError:
        pass
    else:
        raise AssertionError("kept more than it has")
    assert shared + (4,) == (1, 2, 3, 4) and shared == (1, 2, 3) and shared != [1, 2, 3]
