"""Every URL of the project, driven with hostile path arguments and query strings by every kind
of user (issue #7): the answer is a page, a redirect to this site, 400, 403, 404, 405, 410 or
429 — never a 500 — markup in the input never comes back raw, and a GET changes nothing.

The URL list is read from the resolver; ``test_every_url_pattern_has_a_case`` fails when a
pattern uses a converter this suite cannot fill.
"""

import re
from collections import Counter
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.converters import IntConverter, PathConverter, StringConverter
from django.urls.resolvers import RoutePattern
from hypothesis import given
from hypothesis import strategies as st

from meetings.tests.hostile_world import ROLES, world_for_module
from netvaerk.tests import hostile

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Pattern:
    name: str  # "namespace:name", or the route when the pattern has no name
    parts: tuple  # literal text and (keyword, kind) pairs, in order
    admin: bool

    def keywords(self):
        return [part for part in self.parts if isinstance(part, tuple)]


_REGEX_GROUP = re.compile(r"\((?:\?P<(\w+)>)?([^?)][^)]*)\)")


def _parts_of(pattern) -> list:
    """The pattern as literal text and (keyword, kind) pairs."""
    if isinstance(pattern, RoutePattern):
        route = str(pattern)
        parts, position = [], 0
        for match in re.finditer(r"<(?:(\w+):)?(\w+)>", route):
            parts.append(route[position : match.start()])
            converter = pattern.converters[match.group(2)]
            kinds = [(PathConverter, "path"), (StringConverter, "str"), (IntConverter, "int")]
            kind = next(
                (kind for base, kind in kinds if isinstance(converter, base)),
                f"unknown:{type(converter).__name__}",
            )
            parts.append((match.group(2), kind))
            position = match.end()
        parts.append(route[position:])
        return parts
    # A regex pattern (the admin's app list, i18n): its groups are choices or text.
    regex = pattern.regex.pattern.lstrip("^").rstrip("$").replace("\\Z", "")
    parts, position = [], 0
    for match in _REGEX_GROUP.finditer(regex):
        parts.append(regex[position : match.start()])
        alternatives = match.group(2)
        kind = f"choice:{alternatives}" if re.fullmatch(r"[\w|]+", alternatives) else "path"
        parts.append((match.group(1) or f"group{len(parts)}", kind))
        position = match.end()
    parts.append(regex[position:].replace("\\", ""))
    return parts


def url_patterns(resolver=None, prefix=(), namespace="", admin=False) -> list[Pattern]:
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        parts = [*prefix, *_parts_of(entry.pattern)]
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            found += url_patterns(entry, tuple(parts), inner, admin or entry.app_name == "admin")
        elif isinstance(entry, URLPattern):
            route = "".join(p if isinstance(p, str) else f"<{p[0]}>" for p in parts)
            name = f"{namespace}{entry.name}" if entry.name else route
            found.append(Pattern(name, tuple(parts), admin))
    return found


PATTERNS = url_patterns()
PROJECT = [p for p in PATTERNS if not p.admin]
ADMIN = [p for p in PATTERNS if p.admin]


def argument(kind: str, keyword: str, world) -> st.SearchStrategy[str]:
    if kind == "int":
        return st.one_of(st.sampled_from(world.ids), hostile.big_int).map(str)
    if kind == "str":
        real = world.tokens.get(keyword, [])
        return st.one_of(
            hostile.segment,
            *(st.just(token) for token in real),
            *(hostile.tampered(token) for token in real),
        )
    if kind == "path":
        return st.one_of(hostile.path_segment, st.sampled_from(world.ids).map(str))
    if kind.startswith("choice:"):
        return st.one_of(st.sampled_from(kind[7:].split("|")), hostile.segment)
    raise AssertionError(f"no strategy for a {kind} argument")


def quote_part(text: str, kind: str) -> str:
    from urllib.parse import quote

    return quote(text, safe="/" if kind == "path" else "", encoding="utf-8", errors="surrogatepass")


@st.composite
def requests(draw, pattern: Pattern, world):
    path = ""
    for part in pattern.parts:
        if isinstance(part, str):
            path += part
        else:
            keyword, kind = part
            path += quote_part(draw(argument(kind, keyword, world)), kind)
    if pattern.admin:  # mostly the superuser, who gets past the admin's login
        roles = ("superuser", "superuser", "superuser", "secretariat", "anonymous")
        return draw(st.sampled_from(roles)), "/" + path, draw(st.one_of(st.just(""), hostile.query))
    return draw(st.sampled_from(ROLES)), "/" + path, draw(hostile.query)


counted: dict[str, Counter] = {}


def check_get(world, role: str, path: str, query: str, *, label: str):
    cache.clear()  # the sign-in page's rate limits start afresh for each input
    with transaction.atomic(), CaptureQueriesContext(connection) as queries:
        response = world.client(role).get(path, QUERY_STRING=query)
        transaction.set_rollback(True)
    where = f"GET {path}?{query} as {role}"
    counted.setdefault(label, Counter())[response.status_code] += 1
    assert response.status_code in hostile.ALLOWED_STATUS, f"{where}: {response.status_code}"
    if response.status_code in (301, 302, 303):
        assert hostile.redirect_problem(response) is None, f"{where}: {response['Location']}"
    assert hostile.raw_markup(response) == [], f"{where}: markup came back raw"
    written = hostile.tables_written(queries) - GET_MAY_CHANGE.get(label.split()[0], set())
    assert written == set(), f"{where} wrote to {sorted(written)}"


# A GET that writes, on purpose: the calendar page makes the person's feed address once.
GET_MAY_CHANGE = {
    "calendar:settings": {"participants_participant", "participants_historicalparticipant"},
}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_for_module(django_db_blocker, tmp_path_factory.mktemp("media")) as world:
        yield world


def test_every_url_pattern_has_a_case():
    """Every pattern of the resolver is driven below, and each of its arguments can be filled."""
    assert len(PROJECT) >= 60 and len(ADMIN) >= 20
    unknown = [
        (p.name, kind)
        for p in PATTERNS
        for _, kind in p.keywords()
        if not (kind in ("int", "str", "path") or kind.startswith("choice:"))
    ]
    assert unknown == []
    names = [p.name for p in PROJECT]
    assert len(names) == len(set(names)), "two project URL patterns share a name"


@pytest.mark.parametrize("pattern", PROJECT, ids=[p.name for p in PROJECT])
def test_project_url_with_hostile_arguments_and_query_never_fails(db, world, pattern):
    @hostile.examples()
    @given(request=requests(pattern, world))
    def drive(request):
        check_get(world, *request, label=pattern.name)

    drive()


@pytest.mark.parametrize("pattern", ADMIN, ids=[p.name for p in ADMIN])
def test_admin_url_with_hostile_arguments_and_query_never_fails(db, world, pattern):
    @hostile.examples(share=0.4)
    @given(request=requests(pattern, world))
    def drive(request):
        check_get(world, *request, label=pattern.name)

    drive()


def test_nul_characters_in_any_argument_or_query_parameter_never_fail(db, world):
    """PostgreSQL refuses a NUL character in a string (a ValueError in the driver), so every
    URL gets one in each text argument and in every query parameter the pages read, as each
    kind of user. (Ids keep a real value here: their converter takes digits only.)"""
    nul_query = hostile.encode_pairs([(key, "a\x00b") for key in hostile.QUERY_KEYS])
    for pattern in PROJECT:
        path = "/"
        for part in pattern.parts:
            if isinstance(part, str):
                path += part
            elif part[1] == "int":
                path += str(world.ids[0])
            else:
                path += quote_part("nul\x00" + (world.tokens.get(part[0]) or ["x"])[0], part[1])
        for role in ROLES:
            check_get(world, role, path, nul_query, label=f"{pattern.name} (NUL)")


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete", "options", "head"])
def test_every_url_answers_every_method_with_a_junk_body_without_failing(db, world, method):
    """Each project URL, with real ids, by each method with a body of stray fields, as a
    participant and as the secretariat: never a 500, never a redirect off the site."""
    body = hostile.encode_pairs([("x", hostile.SCRIPT), ("next", "https://evil.example/")])
    for pattern in PROJECT:
        path = "/" + "".join(
            part
            if isinstance(part, str)
            else str(world.ids[0])
            if part[1] == "int"
            else quote_part((world.tokens.get(part[0]) or ["x"])[0], part[1])
            for part in pattern.parts
        )
        for role in ("participant", "secretariat"):
            cache.clear()
            with transaction.atomic():
                client = world.client_copy(role)
                if method == "head":
                    response = client.head(path)
                else:
                    response = getattr(client, method)(
                        path, body, content_type="application/x-www-form-urlencoded"
                    )
                transaction.set_rollback(True)
            where = f"{method.upper()} {path} as {role}"
            counted.setdefault(f"{pattern.name} ({method.upper()})", Counter())[
                response.status_code
            ] += 1
            assert response.status_code in hostile.ALLOWED_STATUS, (
                f"{where}: {response.status_code}"
            )
            if response.status_code in (301, 302, 303):
                assert hostile.redirect_problem(response) is None, (
                    f"{where}: {response['Location']}"
                )
            assert hostile.raw_markup(response) == [], f"{where}: markup came back raw"


def test_report_inputs_per_url(request):
    """Not a check: prints how many inputs each URL got (pytest -s), for the issue's note."""
    for name, statuses in sorted(counted.items()):
        print(f"{sum(statuses.values()):4d}  {name}  {dict(sorted(statuses.items()))}")
