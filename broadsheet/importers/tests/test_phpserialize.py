"""The PHP serialize() reader: the subset WordPress meta uses, and nothing else."""

import pytest

from broadsheet.importers.phpserialize import PHPSerializeError, loads


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("N;", None),
        ("b:1;", True),
        ("i:-42;", -42),
        ("d:4.25;", 4.25),
        ('s:5:"Hallo";', "Hallo"),
        ('s:7:"Grüße";', "Grüße"),  # lengths count bytes, as in PHP
        ('s:7:"a";b:1;";', 'a";b:1;'),  # quotes inside strings are fine
        ('a:2:{s:4:"like";i:5;s:7:"dislike";i:2;}', {"like": 5, "dislike": 2}),
        ('a:1:{i:0;a:1:{s:1:"x";d:1.5;}}', {0: {"x": 1.5}}),
        ("a:0:{}", {}),
    ],
)
def test_it_reads_the_values_wordpress_stores(raw, value):
    assert loads(raw) == value


@pytest.mark.parametrize(
    "raw",
    [
        'O:8:"stdClass":1:{s:1:"a";i:1;}',  # objects are never built
        'C:11:"ArrayObject":21:{x:i:0;a:0:{};m:a:0:{}}',
        'a:1:{i:0;r:1;}',  # references
        's:10:"kurz";',  # length beyond the data
        "i:12",  # unterminated
        "i:1;i:2;",  # trailing data
        "a:2:{i:0;i:1;}",  # fewer items than announced
        'a:1:{a:0:{};i:1;}',  # an array as a key
        "b:2;",
        "d:x;",
        "",
        "a:" + "1:{i:0;a:" * 20 + "0:{}" + "}" * 20,  # nested too deeply
    ],
    ids=[
        "object", "custom", "reference", "short string", "unterminated", "trailing",
        "missing items", "array key", "bad bool", "bad float", "empty", "deep",
    ],
)  # fmt: skip
def test_it_refuses_everything_else(raw):
    with pytest.raises(PHPSerializeError):
        loads(raw)


def test_it_refuses_oversized_values():
    with pytest.raises(PHPSerializeError, match="too large"):
        loads('s:2000000:"' + "x" * 2_000_000 + '";')
