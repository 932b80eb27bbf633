"""Work started on a thread of its own while the caller goes on; its answer when needed."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def beside(work: Callable[[], T], name: str) -> Callable[[], T]:
    """`work()` started on a thread named `name`; the call returned waits for its answer
    (raising what the work raised)."""
    answer: list[T] = []
    failed: list[BaseException] = []

    def run() -> None:
        try:
            answer.append(work())
        except BaseException as exc:  # handed back to the caller
            failed.append(exc)

    worker = threading.Thread(target=run, name=name)
    worker.start()

    def wait() -> T:
        worker.join()
        if failed:
            raise failed[0]
        return answer[0]

    return wait
