"""Snippets start and end at whole words (no database)."""

from __future__ import annotations

import pytest

from saferhub.search.engine import snippet, stems


@pytest.mark.parametrize("shift", range(9))
def test_snippets_start_and_end_at_whole_words(shift):
    words = [f"w{'x' * ((i + shift) % 9)}{i}" for i in range(400)]
    words.insert(200, "trigger")
    text = " ".join(words)
    got = str(snippet(text, stems("trigger")))
    assert got.startswith("… ") and got.endswith(" …") and "<mark>trigger</mark>" in got
    inner = got[2:-2].replace("<mark>", "").replace("</mark>", "").split()
    assert set(inner) <= set(words), [w for w in inner if w not in words]  # no word cut at either end
