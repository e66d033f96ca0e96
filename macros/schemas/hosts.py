"""Schema of data/allowed-external-hosts.yml: the hosts the built site may link to."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

from macros.schemas.base import PATTERN_PROBLEMS, Strict

HOST_PATTERN = r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"
PATTERN_PROBLEMS.setdefault(HOST_PATTERN, "must be a host name only (no scheme, no path), like arxiv.org")
Host = Annotated[str, StringConstraints(pattern=HOST_PATTERN)]


class AllowedHostsFile(Strict):
    hosts: Annotated[list[Host], Field(min_length=1)]
