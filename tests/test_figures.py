"""Figures: rendering, parsing and the qualifier arithmetic."""

import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from haiti_mss import DataError, Figure, Qualifier, from_json, to_json
from haiti_mss.testing import figures, qualifiers

Q = Qualifier


@pytest.mark.parametrize(
    ("figure", "text"),
    [
        (Figure(1000), "1,000"),
        (Figure(1000, "about"), "~1,000"),
        (Figure(578_000, "more_than"), ">578,000"),
        (Figure(800, "at_least"), "≥800"),
        (Figure(2500, "at_most"), "≤2,500"),
        (Figure(1000, "less_than"), "<1,000"),
        (Figure(0.25, "less_than"), "<0.25"),
        (Figure(-3), "-3"),
    ],
)
def test_str_writes_figures_as_people_do(figure, text):
    """Each qualifier renders with its sign before the number, with thousands separators."""
    assert text == str(figure)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,000", Figure(1000)),
        ("~1,000", Figure(1000, "about")),
        ("about 1,000", Figure(1000, "about")),
        ("Approximately 200", Figure(200, "about")),
        ("nearly 800", Figure(800, "about")),
        (">578,000", Figure(578_000, "more_than")),
        ("more than 578,000", Figure(578_000, "more_than")),
        ("over 700", Figure(700, "more_than")),
        ("≥800", Figure(800, "at_least")),
        (">= 800", Figure(800, "at_least")),
        ("at least 800", Figure(800, "at_least")),
        ("200+", Figure(200, "at_least")),
        ("≤ 5,550", Figure(5550, "at_most")),
        ("up to 2,500", Figure(2500, "at_most")),
        ("less than 1,000", Figure(1000, "less_than")),
        ("under 30", Figure(30, "less_than")),
        ("1.3 million", Figure(1_300_000)),
        ("more than 1.4 million", Figure(1_400_000, "more_than")),
        ("0.25", Figure(0.25)),
        ("  426 ", Figure(426)),
    ],
)
def test_parse_reads_what_news_writes(text, expected):
    """Figure.parse understands signs, words, separators, scales and a trailing plus."""
    assert expected == Figure.parse(text)


@pytest.mark.parametrize(
    "text", ["", "many", "1,00", "12,3456", "~", "about", "~200+", "1e6", "80%", "two hundred"]
)
def test_parse_refuses_what_it_cannot_read(text):
    """Anything else is a DataError that shows the text and the accepted forms."""
    with pytest.raises(DataError, match="cannot read") as info:
        Figure.parse(text)
    assert repr(text) in str(info.value)


def test_parse_refuses_a_non_string():
    """Figure.parse takes text only."""
    with pytest.raises(DataError, match="needs a string"):
        Figure.parse(1000)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b", "total"),
    [
        (Q.EXACT, Q.EXACT, Q.EXACT),
        (Q.EXACT, Q.ABOUT, Q.ABOUT),
        (Q.AT_LEAST, Q.EXACT, Q.AT_LEAST),
        (Q.AT_LEAST, Q.AT_LEAST, Q.AT_LEAST),
        (Q.AT_LEAST, Q.MORE_THAN, Q.MORE_THAN),
        (Q.MORE_THAN, Q.AT_LEAST, Q.MORE_THAN),
        (Q.AT_MOST, Q.LESS_THAN, Q.LESS_THAN),
        (Q.AT_MOST, Q.AT_MOST, Q.AT_MOST),
        (Q.AT_LEAST, Q.AT_MOST, Q.ABOUT),
        (Q.MORE_THAN, Q.LESS_THAN, Q.ABOUT),
        (Q.ABOUT, Q.AT_LEAST, Q.ABOUT),
        (Q.ABOUT, Q.ABOUT, Q.ABOUT),
    ],
)
def test_sums_keep_qualifiers_by_the_rules(a, b, total):
    """Exact keeps the other; same-direction bounds stay bounds; anything else is about."""
    assert Figure(30, total) == Figure(10, a) + Figure(20, b)


def test_subtracting_a_bound_flips_it():
    """1,000 minus at least 400 is at most 600; minus less than 400 is more than 600."""
    assert Figure(600, "at_most") == Figure(1000) - Figure(400, "at_least")
    assert Figure(600, "more_than") == Figure(1000) - Figure(400, "less_than")
    assert Figure(600, "about") == Figure(1000, "at_least") - Figure(400, "at_least")


def test_plain_ints_count_as_exact_figures():
    """Adding or subtracting an int keeps the figure's qualifier; sum() works."""
    assert Figure(5, "about") == Figure(2, "about") + 3
    assert Figure(5, "about") == 3 + Figure(2, "about")
    assert Figure(8, "at_most") == 10 - Figure(2, "at_least")
    assert Figure(1, "about") == Figure(3, "about") - 2
    assert Figure(6, "about") == sum([Figure(1), Figure(2, "about"), Figure(3)])


def test_arithmetic_refuses_other_types():
    """Floats and bools are not silently mixed into figures."""
    with pytest.raises(TypeError):
        Figure(1) + True  # type: ignore[operator]
    with pytest.raises(TypeError):
        Figure(1) - "2"  # type: ignore[operator]
    with pytest.raises(TypeError):
        "2" - Figure(1)  # type: ignore[operator]


@pytest.mark.parametrize(
    ("value", "qualifier", "message"),
    [
        ("12", "exact", "value: must be a finite int or float, not str ('12')"),
        (True, "exact", "value: must be a finite int or float, not bool (True)"),
        (float("nan"), "exact", "value: must be a finite int or float, not float (nan)"),
        (1, "approx", "qualifier: must be one of exact, about, at_least"),
    ],
)
def test_invalid_figures_name_the_field_and_value(value, qualifier, message):
    """Bad values and qualifiers are DataErrors that say which and what."""
    with pytest.raises(DataError) as info:
        Figure(value, qualifier)
    assert str(info.value).startswith(message)


def test_figures_are_bounded_and_format_like_text():
    """Values above 10**15 are refused; f-strings pad the rendered figure; floats add."""
    with pytest.raises(DataError, match=r"value: must be at most 10\*\*15 in size"):
        Figure(10**16)
    with pytest.raises(DataError, match="is too large a figure"):
        Figure.parse("9" * 30)
    assert "[  ~1,000]" == f"[{Figure(1000, 'about'):>8}]"
    assert Figure(1.5, "about") == Figure(1, "about") + 0.5
    assert Figure(1.5, "at_most") == 2.5 - Figure(1, "at_least")


def test_repr_is_short_and_evaluable():
    """Repr omits an exact qualifier and round-trips through eval."""
    assert repr(Figure(400)) == "Figure(400)"
    assert repr(Figure(400, "about")) == "Figure(400, 'about')"
    assert eval(repr(Figure(400, "about"))) == Figure(400, "about")  # noqa: S307


@given(figures(0, 10**9))
def test_parse_reads_what_str_writes(figure):
    """Every non-negative int figure survives str() then Figure.parse()."""
    assert figure == Figure.parse(str(figure))


@given(qualifiers(), qualifiers())
def test_qualifier_sum_is_commutative(a, b):
    """The qualifier of a + b does not depend on the order."""
    assert a.plus(b) is b.plus(a)


@given(qualifiers(), qualifiers(), qualifiers())
def test_qualifier_sum_is_associative(a, b, c):
    """Summing many figures gives one answer whatever the grouping."""
    assert a.plus(b).plus(c) is a.plus(b.plus(c))


@given(figures(), figures())
def test_negation_flips_and_sum_matches_values(a, b):
    """The value of a sum is the sum of values; negating twice is the identity."""
    assert a.value + b.value == (a + b).value
    negated = -a
    assert a == -negated
    assert (a - b).value == a.value - b.value


@given(st.integers(-(10**6), 10**6))
def test_exact_is_the_default(value):
    """A bare number is exact."""
    assert Figure(value).is_exact


def test_parse_reads_text_of_up_to_a_hundred_characters():
    """Padding counts: 100 characters are read, 101 are refused with their count."""
    assert Figure(1000) == Figure.parse("1,000".rjust(100))
    with pytest.raises(DataError) as info:
        Figure.parse("1,000".rjust(101))
    assert "is too long to be a figure: 101 characters, and at most 100 are read" in str(info.value)


@pytest.mark.parametrize("size", [2**16, 2**20, 2**23])
def test_parse_refuses_long_text_before_searching_it(size):
    """A long '1,000,000,...' is refused unread: the memory it takes does not grow with it.

    Searching it took 45 times its size (460 MB for 10 MB).
    """
    text = "1" + ",000" * (size // 4)
    tracemalloc.start()
    try:
        with pytest.raises(DataError, match=f"is too long to be a figure: {len(text):,} char"):
            Figure.parse(text)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 64 * 1024


def test_figures_are_equal_when_they_are_written_the_same():
    """An int and a float of one value are different figures, as JSON and str() write them.

    So are 0.0 and -0.0; each reads back as itself.
    """
    assert Figure(1) != Figure(1.0)
    assert Figure(0.0) != Figure(-0.0)
    assert Figure(0) != Figure(0.0)
    assert Figure(1.0, "about") == Figure(1.0, "about")
    for figure in (Figure(1), Figure(1.0), Figure(0.0), Figure(-0.0), Figure(2.0, "about")):
        assert figure == from_json(to_json(figure), Figure)
        assert type(figure.value) is type(from_json(to_json(figure), Figure).value)


NUMBERS = st.one_of(st.integers(-2, 2), st.sampled_from([0.0, -0.0, 1.0, -1.0, 0.5, 2.0]))


@given(st.builds(Figure, NUMBERS, qualifiers()), st.builds(Figure, NUMBERS, qualifiers()))
def test_equal_figures_write_the_same_json_and_hash_alike(a, b):
    """Equality and serialisation agree: two figures are equal exactly when their JSON is."""
    assert (
        (a == b) == (to_json(a) == to_json(b)) == (str(a) == str(b) and a.qualifier == b.qualifier)
    )
    if a == b:
        assert hash(a) == hash(b)
