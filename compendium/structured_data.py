"""schema.org structured data (JSON-LD) of record pages: what search engines read.

Each record page describes its record as an `ItemPage` in the page's language
(`inLanguage`) whose `mainEntity` is the record: a `CreativeWork` for a good
practice (a practice sheet), a `Project` for an EU project, an `Event` for a
workshop (date, place or online platform), an `Organization`, a `Person`. Only
what the page itself shows goes in, read through the page's view, so it is in
the reader's language with the same fallbacks, and a person who is not
published (absent from the view's records) cannot appear in it.

The result is plain data; the record templates write it in a
`<script type="application/ld+json">`, which browsers never run, with Jinja's
`tojson` (which escapes `<`, `>` and `&`, so record text cannot close the
element).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from compendium.dataset import Record
from compendium.fields import PartialDate

if TYPE_CHECKING:
    from compendium.pages.record import RecordView

CONTEXT = "https://schema.org"
TYPES = {"practice": "CreativeWork", "project": "Project", "workshop": "Event",
         "organisation": "Organization", "person": "Person"}
_SCHEDULED = "https://schema.org/EventScheduled"  # a planned event (held ones have no status)
_ATTENDANCE = {"in-person": "https://schema.org/OfflineEventAttendanceMode",
               "online": "https://schema.org/OnlineEventAttendanceMode"}


def record_page(view: RecordView) -> dict[str, Any]:
    """The JSON-LD of a record's page, as a mapping ready for `tojson`."""
    record = view.spec.record
    entity = {"@type": TYPES[record.kind], **_reference(view, record, with_type=False)}
    entity.update(_compact(_DETAILS[record.kind](view, record)))
    page = {"@context": CONTEXT, "@type": "ItemPage", "name": entity["name"],
            "inLanguage": view.lang, "url": view.absolute_url(view.spec.dest_uri),
            "isPartOf": {"@type": "WebSite", "name": view.site_name,
                         "url": view.absolute_url(view.site.prefix(view.lang) + "index.html")},
            "mainEntity": entity}
    return _compact(page)


def _reference(view: RecordView, record: Record, with_type: bool = True) -> dict[str, Any]:
    """A record as another record's page names it: type, name and address."""
    found = {"@type": TYPES[record.kind]} if with_type else {}
    found["name"] = view.title(record).text
    url = view.absolute_url(view.site.dest("record", view.lang, record))
    if url:
        found["url"] = url
    return found


def _references(view: RecordView, kind: str, slugs: list[str] | None) -> list[dict]:
    return [_reference(view, record) for record in view.records(kind, slugs or [])]


def _text(view: RecordView, record: Record, path: str) -> str | None:
    loc = view.text(record, path)
    return loc.text if loc else None


def _terms(view: RecordView, vocabulary: str, ids: list[str] | None) -> list[str]:
    return [view.term(vocabulary, term_id).text for term_id in ids or []]


def _place(view: RecordView, city: str | None, country: str | None = None) -> dict | None:
    """A city (with its country, from the cities vocabulary) or a country."""
    if not city and not country:
        return None
    if city and not country:
        country = (view.site.dataset.term("cities", city) or {}).get("country")
    address = _compact({"@type": "PostalAddress",
                        "addressLocality": view.term("cities", city).text if city else None,
                        "addressCountry": country})
    name = address.get("addressLocality") or view.l10n.country(country)
    return {"@type": "Place", "name": name, "address": address}


def _period(period: dict | None) -> str | None:
    """An ISO 8601 interval, as precise as the source ("2015/2017-06")."""
    if not period or not (period.get("start") or period.get("end")):
        return None
    start, end = (_iso(period.get(key)) for key in ("start", "end"))
    return f"{start or '..'}/{end or '..'}"


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    return str(value) if isinstance(value, PartialDate) else value.isoformat()


def _practice(view: RecordView, p: Record) -> dict[str, Any]:
    territory = p.get("territory") or {}
    places = [_place(view, city) for city in territory.get("cities") or []]
    places += [{"@type": "Place", "name": view.term("regions", region).text}
               for region in territory.get("regions") or []]
    places += [_place(view, None, code) for code in territory.get("countries") or []]
    project = view.record("project", p["project"]) if p.get("project") else None
    licence = view.site.project.data_licence
    return {
        "description": view.summary(),
        "genre": view.l10n.t("kind.practice"),
        "creator": _references(view, "organisation", p.get("promoters")),
        "spatialCoverage": places,
        "temporalCoverage": _period(p.get("period")),
        "keywords": _terms(view, "themes", p.get("themes")),
        "audience": [{"@type": "Audience", "audienceType": label}
                     for label in _terms(view, "target_groups", p.get("target_groups"))],
        "isPartOf": _reference(view, project) if project else None,
        "license": licence.get("url") if licence else None,
    }


def _project(view: RecordView, p: Record) -> dict[str, Any]:
    period = p.get("period") or {}
    members = [p["lead"]] if p.get("lead") else []
    members += (p.get("partners") or []) + (p.get("associated_partners") or [])
    return {
        "alternateName": p.get("acronym"),
        "description": view.summary(),
        "foundingDate": _iso(period.get("start")),
        "dissolutionDate": _iso(period.get("end")),
        "member": _references(view, "organisation", members),
        "areaServed": [_place(view, item["city"]) for item in p.get("cities") or []],
        "keywords": _terms(view, "themes", p.get("themes")),
    }


def _workshop(view: RecordView, w: Record) -> dict[str, Any]:
    project = view.record("project", w["project"]) if w.get("project") else None
    online = w.get("format") == "online"
    place = _place(view, w.get("city"))
    if place and w.get("venue"):
        place["name"] = w["venue"]
    location = ({"@type": "VirtualLocation", "name": w["platform"]} if online and w.get("platform")
                else None if online else place)
    return {
        "description": view.summary(),
        "startDate": _iso(w.get("date")),
        "eventStatus": _SCHEDULED if w.get("status") == "planned" else None,
        "eventAttendanceMode": _ATTENDANCE.get(w.get("format") or ""),
        "location": location,
        "organizer": _reference(view, project) if project else None,
        "performer": _references(view, "person", w.get("speakers")),
        "attendee": _references(view, "organisation", [item["organisation"] for item
                                                       in w.get("participants") or []]),
    }


def _organisation(view: RecordView, o: Record) -> dict[str, Any]:
    place = _place(view, o.get("city"), o.get("country"))
    return {
        "alternateName": o.get("acronym"),
        "description": view.summary(),
        "address": o.get("address") or (place or {}).get("address"),
        "sameAs": o.get("website"),
    }


def _person(view: RecordView, person: Record) -> dict[str, Any]:
    org = view.record("organisation", person["organisation"]) if person.get("organisation") \
        else None
    return {
        "jobTitle": _text(view, person, "role"),
        "worksFor": _reference(view, org) if org else None,
        "email": person.get("email"),
        "telephone": person.get("phone"),
    }


_DETAILS = {"practice": _practice, "project": _project, "workshop": _workshop,
            "organisation": _organisation, "person": _person}


def _compact(values: dict[str, Any]) -> dict[str, Any]:
    """Without empty values: JSON-LD states what is known, nothing else."""
    return {key: value for key, value in values.items() if value not in (None, "", [], {})}
