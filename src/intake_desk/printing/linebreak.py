"""Chinese line breaking for printed documents (中文排版禁则), as a pure function of text and widths.

The usual rules: no line starts with a closing or pausing mark (，。；：、）」 …) and none ends with an
opening mark (（「《 …); a run of Latin letters and digits (``10.``, ``0731-2661``, ``No``) is one unit
that is not split unless it alone is wider than the line. Where the character that overflows may
not start a line, characters are pushed down to the next line (追い出し) – never hung into the margin,
so nothing printed crosses the border of the cell it is in.

:func:`break_lines` knows nothing of fonts or ReportLab: it takes each character's advance width and
the width of each line, and returns where the lines start and end.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

__all__ = ["CANNOT_END", "CANNOT_START", "break_lines"]

CANNOT_START = frozenset("，。；：、？！）》」』】〕〉”’…—·,.;:!?)]}%‰℃")
"""Marks that may not begin a line (行首禁则)."""

CANNOT_END = frozenset("（《「『【〔〈“‘([{¥￥$#")
"""Marks that may not end a line (行尾禁则)."""

_FUZZ = 1e-6


def _in_word(char: str) -> bool:
    """Part of a Latin/digit run that is printed as one word (``12``, ``A4``, ``0731-2661``, ``3.5``)."""
    return char.isascii() and (char.isalnum() or char in "-_./@&+")


def _may_break_before(text: str, position: int) -> bool:
    # Spaces at a break are dropped, so the rules look at the characters either side of them.
    after_at = position
    while after_at < len(text) - 1 and text[after_at].isspace():
        after_at += 1
    before_at = position - 1
    while before_at > 0 and text[before_at].isspace():
        before_at -= 1
    before, after = text[before_at], text[after_at]
    if before.isspace() or after.isspace():
        return True
    if after in CANNOT_START or before in CANNOT_END:
        return False
    spaced = after_at - before_at > 1  # words separated by a space may always part there
    return spaced or not (_in_word(before) and _in_word(after))


def break_lines(text: str, widths: Sequence[float], max_widths: Sequence[float],
                forced_after: Collection[int] = ()) -> list[tuple[int, int]]:
    """``(start, end)`` of each line of ``text`` (``text[start:end]``; spaces at a break are left out).

    ``widths[i]`` is the advance of ``text[i]``; line ``n`` may be ``max_widths[n]`` wide (the last
    width repeats); a line ends after every index in ``forced_after`` (a ``<br/>``).
    """
    if len(widths) != len(text):
        raise ValueError("one width per character")
    lines: list[tuple[int, int]] = []
    forced = set(forced_after)
    start, count = 0, len(text)
    while start < count:
        limit = max_widths[min(len(lines), len(max_widths) - 1)]
        used = 0.0
        end = start
        overflow = False
        while end < count:
            width = widths[end]
            if used + width > limit + _FUZZ and end > start and not text[end].isspace():
                overflow = True
                break
            used += width
            end += 1
            if end - 1 in forced:
                break
        if overflow:
            # Walk back to the nearest place the rules allow a break; a line that allows none (one
            # long word) is broken where it overflows.
            cut = next((b for b in range(end, start, -1) if _may_break_before(text, b)), end)
            end = cut
        line_end = end
        while line_end > start and text[line_end - 1].isspace() and line_end - 1 not in forced:
            line_end -= 1  # a space at a break is not printed at the end of the line …
        lines.append((start, line_end))
        start = end
        if overflow:
            while start < count and text[start].isspace():
                start += 1  # … nor at the start of the next
    return lines
