"""The plan's targets as documents (`jsj target`, the `targets` of `jsj status`): how each stands."""

from __future__ import annotations

from jinsanjiao_cli.core.growth import ScopeTrack
from jinsanjiao_cli.core.levels import LevelScope, LevelTrack
from jinsanjiao_cli.core.picture import Picture
from jinsanjiao_cli.core.targets import TargetInfo, Track, track
from jinsanjiao_cli.views.documents import r2


def target_tracks(picture: Picture) -> tuple[tuple[Track, TargetInfo], ...]:
    """Every target of the plan with how it stands as of the picture's date, in the plan's order."""
    return tuple((track(info, picture.statistics, as_of=picture.as_of), info) for info in picture.targets)


def scope_document(scope: ScopeTrack) -> dict:
    return {
        "scope": scope.scope,
        "status": scope.status,
        "years_chained": scope.years_chained,
        "chained_index": r2(scope.chained_index),
        "realised_average": r2(scope.realised_average),
        "required_average": r2(scope.required_average),
        "remaining_years": scope.remaining_years,
        "missing": [{"scope": m.scope, "year": m.year, "field": m.field} for m in scope.missing],
        "years": [
            {
                "year": row.year,
                "gdp": row.gdp,
                "real_growth": r2(row.real_growth),
                "nominal_growth": r2(row.nominal_growth),
                "volume_index": r2(row.volume_index),
                "target_index": r2(row.target_index),
                "gap": r2(row.gap),
            }
            for row in scope.rows
        ],
    }


def level_scope_document(scope: LevelScope) -> dict:
    return {
        "scope": scope.scope,
        "status": scope.status,
        "year": scope.year,
        "value": scope.value,
        "gap": r2(scope.gap),
        "reached": r2(scope.reached),
        "required_growth": r2(scope.required_growth),
        "required_per_year": r2(scope.required_per_year),
        "years": [{"year": year, "value": value} for year, value in scope.rows],
    }


def target_document(track, info) -> dict:
    """A target as JSON. A real-growth target keeps the keys of 0.1's `target`; every target says its `key`."""
    if isinstance(track, LevelTrack):
        return {
            "key": info.key,
            "indicator": info.indicator,
            "measure": track.measure,
            "target_value": track.target_value,
            "unit": track.unit,
            "target_year": track.target_year,
            "as_of_year": track.as_of_year,
            "scopes": [level_scope_document(scope) for scope in track.scopes],
        }
    return {
        "key": info.key,
        "indicator": info.indicator,
        "measure": "real_growth",
        "target_rate": info.rate,
        "target_year": track.target_year,
        "base_year": track.base_year,
        "as_of_year": track.as_of_year,
        "scopes": [scope_document(scope) for scope in track.scopes],
    }
