"""Issue 17, loading: the faster loader says exactly what the code it replaced said.

The loader (read/loader.py) keeps plain texts' tags per text, makes the composer's
path-resolver calls builtins and shares positions by a plain tuple; these tests hold
the tags to ruamel's own resolver and check the shared positions.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

PLAIN = st.one_of(
    st.from_regex(r"[-+.~0-9a-zA-Z_:]{1,12}", fullmatch=True),
    st.sampled_from(
        ["yes", "No", "TRUE", "null", "~", "0x1F", "0o17", "-.inf", ".NaN", "1_000", "2026-12-04"]
    ),
)


@settings(max_examples=300, deadline=None)
@given(PLAIN)
def test_a_plain_text_resolves_as_ruamel_s_own_resolver_says_every_time(text: str) -> None:
    from ruamel.yaml import YAML

    from prepguide.read.loader import LoadError, _compose

    document = f"key: {text}\n"
    try:
        expected = YAML(typ="safe", pure=True).compose(document)
    except Exception:  # not a plain scalar after all (e.g. `key: -`): nothing to compare
        return
    value = expected.value[0][1]
    if value.__class__.__name__ != "ScalarNode" or value.style is not None:
        return
    for _ in range(2):  # the second time from the cache
        node = _compose(document)
        assert node is not None
        assert node.value[0][1].tag == value.tag
    try:
        from prepguide.read.loader import load_bytes

        load_bytes(document.encode(), "c/x.yml")
    except LoadError:
        pass


def test_positions_are_shared_and_right() -> None:
    from prepguide.read.loader import load_bytes

    one = load_bytes(b"name: Ana\nmeeting:\n  date: 2026-12-04\ntags: [a, b]\n", "c/a.yml")
    two = load_bytes(b"name: Bo\nmeeting:\n  date: 2026-12-05\ntags: [c, d]\n", "c/b.yml")
    assert one.positions == two.positions
    assert one.positions[("tags", 1)] == (4, 11, 4, 11)
    assert one.positions[("meeting", "date")] == (3, 3, 3, 9)
    for key, position in one.positions.items():
        assert type(position).__name__ == "Position"
        assert two.positions[key] is position
