"""Declarative schemas (pydantic v2) for the files under data/; see base.py for the shared parts."""
