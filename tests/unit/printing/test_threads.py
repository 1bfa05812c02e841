"""Documents rendered at once from several threads (the window's worker pool) come out whole and
identical to the same documents rendered one at a time."""

from __future__ import annotations

import threading

from intake_desk.printing import documents, samples


def test_parallel_renders_match_serial_ones() -> None:
    receipt, declaration = samples.sample_receipt(), samples.sample_declaration(rare_name="李晓燕")
    expected = {"receipt": documents.render_receipt(receipt), "declaration": documents.render_declaration(declaration)}
    outputs: list[tuple[str, bytes]] = []
    errors: list[BaseException] = []
    start = threading.Barrier(6)

    def render(kind: str) -> None:
        try:
            start.wait(timeout=30)
            for _ in range(3):
                pdf = (documents.render_receipt(receipt) if kind == "receipt"
                       else documents.render_declaration(declaration))
                outputs.append((kind, pdf))
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=render, args=("receipt" if n % 2 else "declaration",)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert errors == []
    assert len(outputs) == 18
    assert all(pdf == expected[kind] for kind, pdf in outputs)
