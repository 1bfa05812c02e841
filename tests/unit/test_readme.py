"""The README's first-contact facts agree with the program they describe."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from intake_desk.policy.pack import PackRegistry

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_department_table_lists_every_department_of_the_shipped_pack() -> None:
    pack = PackRegistry.default().pack_for(date.today())
    rows = dict(re.findall(r"^\| `([a-z]+)` \| ([^`\s]+) ", README, flags=re.MULTILINE))
    assert rows == {d.code: d.name for d in pack.departments}


def test_the_demo_sign_ins_are_the_ones_the_demo_makes() -> None:
    source = (Path(__file__).resolve().parents[2] / "src/intake_desk/services/demo.py").read_text(encoding="utf-8")
    made = dict(re.findall(r'DemoAccount\("(\w+)", "([\w-]+)"', source))
    assert made["clerk"] == "clerk1234" and made["supervisor"] == "supervisor1234"
    for username, password in made.items():
        assert password == f"{username}1234", "the README states one rule: user name + 1234"
        assert f"`{password}`" in README or f"`{username}`" in README
    assert "`<code>1234`" in README and "`clerk21234`" in README
