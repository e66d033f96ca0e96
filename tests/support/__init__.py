"""Helpers the tests share (and bench/ reuses): nothing in this package is a test.

build: copy the project, build it (a fresh process or in-process), list the built pages.
pages: the docs pages, where each is built, and the text a reader sees.
citations, decision_trees, browser: helpers of one family of tests, used by more than one module.
"""
