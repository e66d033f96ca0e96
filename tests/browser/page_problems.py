"""Collect what a reader would see go wrong while a test uses a page."""

from __future__ import annotations

from playwright.sync_api import ConsoleMessage, Page, Request, Response


def watch_problems(page: Page) -> list[str]:
    """Console errors, uncaught exceptions, failed requests and HTTP errors, as they happen.

    Returns a list the page's event handlers keep appending to; assert it is empty at the end.
    """
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console error: {message.text}")

    def on_request_failed(request: Request) -> None:
        # A navigation or reload aborts fetches still in flight (e.g. the search index): no failure.
        if request.failure != "net::ERR_ABORTED":
            problems.append(f"request failed: {request.url} ({request.failure})")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            problems.append(f"HTTP {response.status}: {response.url}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("requestfailed", on_request_failed)
    page.on("response", on_response)
    return problems
