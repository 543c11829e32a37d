"""What `jsj remind --send` and `jsj remind --log` show, as plain data: each notice with what became of it
at each address, and the delivery log. Addresses arrive masked (core/secrets.py) and stay so."""

from __future__ import annotations

from typing import Any

from jinsanjiao_cli.core.delivery import Delivery, Sending


def delivery_document(delivery: Delivery) -> dict[str, Any]:
    return {
        "unit": delivery.unit,
        "period": delivery.period,
        "kind": delivery.kind,
        "day": delivery.day.isoformat(),
        "address": delivery.address,
        "outcome": delivery.outcome,
        "error": delivery.error,
        "attempted_at": delivery.attempted_at,
        "by": delivery.by,
    }


def sending_document(sendings: list[Sending], *, dry_run: bool) -> dict[str, Any]:
    """`jsj remind --send --format json`: per unit, the notice (title and text) and each address's outcome."""
    return {
        "dry_run": dry_run,
        "notices": [
            {
                "unit": s.notice.unit,
                "title": s.notice.title,
                "text": s.notice.text,
                "deliveries": [delivery_document(d) for d in s.deliveries],
            }
            for s in sendings
        ],
    }


def log_document(log: list[Delivery]) -> list[dict[str, Any]]:
    """`jsj remind --log --format json`: every attempt logged, oldest first."""
    return [delivery_document(d) for d in log]
