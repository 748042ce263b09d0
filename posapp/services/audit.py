"""The append-only audit log of sensitive actions."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import insert

from posapp.db.models import AuditEntry
from posapp.db.uow import UnitOfWork
from posapp.domain.roles import Actor


def record(
    uow: UnitOfWork,
    actor: Actor,
    action: str,
    details: dict[str, Any],
    till_id: int | None = None,
) -> None:
    """Add an entry inside the caller's transaction (it commits or vanishes with it)."""
    if actor.user_id is None:
        details = {**details, "via": actor.name}
    uow.connection.execute(
        insert(AuditEntry).values(
            at=uow.now(),
            user_id=actor.user_id,
            till_id=till_id,
            action=action,
            details=json.dumps(details, ensure_ascii=False, default=str),
        )
    )
