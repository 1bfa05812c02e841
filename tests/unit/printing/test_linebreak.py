"""Chinese line breaking as a pure function: every break obeys the rules and no line is too wide."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from intake_desk.printing.linebreak import CANNOT_END, CANNOT_START, break_lines


def _lines(text: str, width: float) -> list[str]:
    widths = [1.0 if ord(c) > 0x2E7F else 0.5 for c in text]
    return [text[a:b] for a, b in break_lines(text, widths, [width])]


def test_a_closing_mark_never_starts_a_line_it_takes_a_character_with_it() -> None:
    # 10 wide: "1.申请书（1份）" is 10 wide with its digits, then "；" would start the next line.
    lines = _lines("1.申请书（1份）；2.户口簿（9份）", 8)
    assert all(line[:1] not in CANNOT_START for line in lines)
    assert all(line[-1:] not in CANNOT_END for line in lines)
    assert "".join(lines) == "1.申请书（1份）；2.户口簿（9份）"


def test_an_opening_mark_moves_down_with_what_it_opens() -> None:
    lines = _lines("医疗费用票据（12份）", 6.5)
    assert lines[0] == "医疗费用票据" and lines[1].startswith("（12")


def test_digits_stay_together_and_spaces_at_a_break_are_dropped() -> None:
    lines = _lines("电话 0731-2661 8012 转 3", 6)
    assert "0731-2661" in lines
    assert all(line == line.strip() for line in lines)


def test_a_forced_break_ends_the_line() -> None:
    text = "第一行\n第二行"
    assert [text[a:b] for a, b in break_lines(text, [1.0] * len(text), [10], forced_after=[3])] == ["第一行\n", "第二行"]


def test_the_first_line_can_be_narrower() -> None:
    assert _lines("一二三四五六七八", 3)[0] == "一二三"
    text = "一二三四五六七八"
    assert [text[a:b] for a, b in break_lines(text, [1.0] * 8, [2, 4])] == ["一二", "三四五六", "七八"]


PIECES = st.sampled_from(["社会救助", "申请书", "（", "）", "；", "，", "。", "、", "1", "12", "份", "·", "：", "「", "」",
                          "ABC", "0731-2661"])


def _forbidden(text: str, position: int) -> bool:
    """The rule, said plainly: no break before a closing mark, after an opening one, or inside a word."""
    before, after = text[position - 1], text[position]
    in_word = before.isascii() and after.isascii() and (before.isalnum() or before in "-.") and \
        (after.isalnum() or after in "-.")
    return after in CANNOT_START or before in CANNOT_END or in_word


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, min_size=1, max_size=60), st.floats(min_value=3, max_value=30))
def test_any_text_breaks_by_the_rules_within_the_width(pieces: list[str], width: float) -> None:
    text = "".join(pieces)
    widths = [1.0 if ord(c) > 0x2E7F else 0.5 for c in text]
    spans = break_lines(text, widths, [width])
    assert "".join(text[a:b] for a, b in spans) == text  # nothing lost, nothing repeated
    for index, (a, b) in enumerate(spans):
        assert sum(widths[a:b]) <= width + 1e-6 or b - a == 1, text[a:b]
        if index and _forbidden(text, a):
            # Allowed only where the line before had no permitted break at all (「「「 or one long word).
            start = spans[index - 1][0]
            assert all(_forbidden(text, p) for p in range(start + 1, a + 1)), (text[start:a], text[a:b])
