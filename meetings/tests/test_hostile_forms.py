"""Every POST form of both sides, filled with hostile input (issue #7).

The forms are not listed by hand: each page below is opened as the user who works with it,
its POST forms are read from the HTML (field names, choices, hidden values), and hypothesis
fills each field with what a browser would send, a hostile value, another person's id,
nothing, or the field twice. For every input:

* the answer is never a 500, and a redirect never leaves the site;
* markup from the input never comes back raw, on the answer or the page it redirects to;
* a refused input (the form again with an error, or a redirect with only error messages)
  says so in Danish and leaves the database exactly as it was (row counts and a hash of
  every row of our apps' tables).

``test_every_post_url_has_a_form_case`` fails when a URL that takes POST is not reached by
any form found on these pages.
"""

import re
from collections import Counter
from urllib.parse import urlsplit

import pytest
from django.contrib.messages import constants, get_messages
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import Resolver404, get_resolver, resolve
from hypothesis import given
from hypothesis import strategies as st

from meetings.tests.hostile_world import world_for_module
from netvaerk.tests import hostile

pytestmark = pytest.mark.django_db


def _ids(world, who):
    return world.objects[who]


# The pages whose forms are driven: (label, role, path from the world).
PAGES = [
    # The secretariat's side.
    ("networks:create", "secretariat", lambda w: "/netvaerk/ny/"),
    ("networks:update", "secretariat", lambda w: f"/netvaerk/{w.o('anna', 'network')}/rediger/"),
    (
        "networks:meeting_plan",
        "secretariat",
        lambda w: f"/netvaerk/{w.o('anna', 'new_network')}/moedeplan/",
    ),
    ("meetings:create", "secretariat", lambda w: f"/moeder/nyt/{w.o('anna', 'network')}/"),
    ("meetings:update", "secretariat", lambda w: f"/moeder/{w.o('anna', 'coming')}/rediger/"),
    ("meetings:cancel", "secretariat", lambda w: f"/moeder/{w.o('anna', 'coming')}/aflys/"),
    ("meetings:detail", "secretariat", lambda w: f"/moeder/{w.o('anna', 'coming')}/"),
    ("meetings:invite", "secretariat", lambda w: f"/moeder/{w.o('anna', 'coming')}/inviter/?q=o"),
    (
        "meetings:attendance",
        "secretariat",
        lambda w: f"/moeder/{w.o('anna', 'held')}/fremmoede/",
    ),
    ("meetings:minutes", "secretariat", lambda w: f"/moeder/{w.o('anna', 'held')}/referat/"),
    (
        "meetings:task_create",
        "secretariat",
        lambda w: f"/moeder/{w.o('anna', 'coming')}/opgaver/ny/",
    ),
    (
        "meetings:task_update",
        "secretariat",
        lambda w: f"/moeder/{w.o('anna', 'coming')}/opgaver/{w.o('anna', 'task')}/rediger/",
    ),
    (
        "meetings:task_delete",
        "secretariat",
        lambda w: f"/moeder/{w.o('anna', 'coming')}/opgaver/{w.o('anna', 'task')}/slet/",
    ),
    ("meetings:detail (co-driver)", "co_driver", lambda w: f"/moeder/{w.o('anna', 'coming')}/"),
    (
        "meetings:update (co-driver)",
        "co_driver",
        lambda w: f"/moeder/{w.o('anna', 'coming')}/rediger/",
    ),
    (
        "meetings:minutes (co-driver)",
        "co_driver",
        lambda w: f"/moeder/{w.o('anna', 'held')}/referat/",
    ),
    ("participants:create", "secretariat", lambda w: "/deltagere/ny/"),
    (
        "participants:update",
        "secretariat",
        lambda w: f"/deltagere/{w.o('anna', 'person')}/rediger/",
    ),
    (
        "participants:detail (archived)",
        "secretariat",
        lambda w: f"/deltagere/{w.o('erik', 'person')}/",
    ),
    (
        "participants:archive",
        "secretariat",
        lambda w: f"/deltagere/{w.o('anna', 'person')}/arkiver/",
    ),
    (
        "participants:anonymise",
        "secretariat",
        lambda w: f"/deltagere/{w.o('bo', 'person')}/anonymiser/",
    ),
    (
        "participants:delete",
        "secretariat",
        lambda w: f"/deltagere/{w.o('dora', 'person')}/slet/",
    ),
    (
        "participants:membership_add",
        "secretariat",
        lambda w: (
            f"/deltagere/{w.o('anna', 'person')}/netvaerk/tilfoej/"
            f"?network={w.o('bo', 'new_network')}"
        ),
    ),
    (
        "participants:membership_change",
        "secretariat",
        lambda w: f"/deltagere/medlemskab/{w.o('anna', 'membership')}/rediger/",
    ),
    (
        "participants:membership_end",
        "secretariat",
        lambda w: f"/deltagere/medlemskab/{w.o('anna', 'membership')}/afslut/",
    ),
    (
        "participants:network_member_add",
        "secretariat",
        lambda w: f"/deltagere/netvaerk/{w.o('anna', 'network')}/tilfoej/",
    ),
    (
        "onboarding:invite",
        "secretariat",
        lambda w: f"/invitation/netvaerk/{w.o('anna', 'new_network')}/ny/",
    ),
    (
        "onboarding:invite_person",
        "secretariat",
        lambda w: (
            f"/invitation/deltager/{w.o('bo', 'person')}/ny/?network={w.o('anna', 'new_network')}"
        ),
    ),
    (
        "onboarding:network_invitations",
        "secretariat",
        lambda w: f"/invitation/netvaerk/{w.o('anna', 'new_network')}/",
    ),
    (
        "onboarding:network_invitations (accepted)",
        "secretariat",
        lambda w: f"/invitation/netvaerk/{w.o('anna', 'network')}/",
    ),
    # The participant's side.
    ("mine:index", "participant", lambda w: "/mit/"),
    ("mine:meeting", "participant", lambda w: f"/mit/moede/{w.o('anna', 'coming')}/"),
    ("mydata:index", "participant", lambda w: "/mine-oplysninger/"),
    ("mydata:removal", "participant", lambda w: "/mine-oplysninger/sletning/"),
    ("calendar:reset", "participant", lambda w: "/kalender/ny-adresse/"),
    # The pages behind the links in the mail, and signing in.
    ("onboarding:open", "anonymous", lambda w: f"/invitation/{w.t('anna', 'invitation')}/"),
    ("onboarding:decline", "anonymous", lambda w: f"/invitation/{w.t('anna', 'invitation')}/nej/"),
    ("onboarding:manager", "anonymous", lambda w: f"/invitation/leder/{w.t('anna', 'manager')}/"),
    ("signin:request", "anonymous", lambda w: "/log-ind/?next=/mit/"),
    ("signin:link", "anonymous", lambda w: f"/log-ind/{w.t('anna', 'sign_in')}/"),
    ("login", "anonymous", lambda w: "/login/"),
]

# A form no page shows: Django's language switch (i18n).
EXTRA_FORMS = [
    (
        "anonymous",
        hostile.Form(
            action="/i18n/setlang/",
            enctype="application/x-www-form-urlencoded",
            fields={
                "language": hostile.Field("language", "select", ["da", "en"]),
                "next": hostile.Field("next", "hidden", ["/mit/"]),
            },
        ),
    )
]

# Pages that are not a form's answer but set something on purpose: a session, a login.
MAY_WRITE_WHEN_REFUSED: set[str] = set()

counted: dict[str, Counter] = {}


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    with world_for_module(django_db_blocker, tmp_path_factory.mktemp("media")) as world:
        world.o = lambda who, what: world.objects[who][what].pk
        world.t = lambda who, kind: world.objects[who]["tokens"][kind]
        yield world


def client_as(world, role: str) -> Client:
    return world.client_copy(role)


def action_name(action: str) -> str:
    try:
        return resolve(urlsplit(action).path).view_name
    except Resolver404:
        return f"unresolved {action}"


def forms_of(world, role: str, path: str) -> list[hostile.Form]:
    response = client_as(world, role).get(path)
    assert response.status_code == 200, f"{path} as {role}: {response.status_code}"
    return hostile.post_forms(response.content.decode(), path)  # action="" keeps the query


def upload_field(name: str):
    return st.one_of(
        st.none(),
        st.sampled_from(hostile.UPLOADS).map(lambda upload: (name, *upload)),
    )


@st.composite
def submissions(draw, form: hostile.Form, world):
    """(pairs, files): the fields as a browser would send them, except a few (none to three,
    often one) that get hostile values, plus now and then fields the form does not have."""
    names = [name for name in form.fields if name != "csrfmiddlewaretoken"]
    tampered = draw(st.sets(st.sampled_from(names), max_size=3)) if names else set()
    pairs, files = [], []
    for name in names:
        form_field = form.fields[name]
        if form_field.kind == "file":
            upload = draw(upload_field(name))
            if upload:
                files.append(upload)
            continue
        strategy = (
            hostile.hostile_values(form_field, world.ids)
            if name in tampered
            else hostile.browser_values(form_field)
        )
        pairs += [(name, one) for one in draw(strategy)]
    pairs += draw(st.lists(st.tuples(hostile.text, hostile.value), max_size=2))
    return pairs, files


def post(client: Client, form: hostile.Form, pairs, files):
    if form.enctype == "multipart/form-data":
        data: dict[str, list] = {}
        for name, one in pairs:
            if isinstance(one, bytes):
                one = one.decode("utf-8", "replace")
            data.setdefault(name, []).append(one)
        for name, filename, content in files:
            data.setdefault(name, []).append(hostile.upload(filename, content))
        return client.post(form.action, data)
    return client.post(
        form.action,
        hostile.encode_pairs(pairs),
        content_type="application/x-www-form-urlencoded",
    )


def might_be_refused(response) -> bool:
    return response.status_code in (200, 302, 303, 400)


def levels(response) -> list[int]:
    return [message.level for message in get_messages(response.wsgi_request)]


def check_submission(world, role: str, form: hostile.Form, pairs, files, label: str, before):
    """POST one input; ``before`` is the database before it (every input is rolled back,
    so one snapshot per form serves all its inputs)."""
    cache.clear()  # rate limits start afresh for each input
    client = client_as(world, role)
    with transaction.atomic():
        response = post(client, form, pairs, files)
        after = hostile.snapshot() if might_be_refused(response) else None
        followed = None
        if response.status_code in (301, 302, 303) and not hostile.redirect_problem(response):
            location = response["Location"]
            if not location.startswith("http"):
                followed = client.get(location)
        transaction.set_rollback(True)
    status = response.status_code
    counted.setdefault(label, Counter())[status] += 1
    where = f"POST {form.action} as {role} with {[name for name, _ in pairs]}"
    assert status in hostile.ALLOWED_STATUS, f"{where}: {status}"
    assert hostile.raw_markup(response) == [], f"{where}: markup came back raw"
    if status in (301, 302, 303):
        assert hostile.redirect_problem(response) is None, f"{where}: {response['Location']}"
    if followed is not None:
        assert followed.status_code in hostile.ALLOWED_STATUS, f"{where} → {followed.status_code}"
        assert hostile.raw_markup(followed) == [], f"{where}: markup came back raw after saving"
    refused = (status in (200, 400) and hostile.shows_error(response)) or (
        status in (302, 303) and levels(response) and set(levels(response)) == {constants.ERROR}
    )
    if refused:
        counted[label]["refused"] += 1
        changed = hostile.changed_tables(before, after)
        assert changed == [], f"{where} was refused but changed {changed}"
        assert hostile.english_errors(response) == [], f"{where}: an English error message"
        if status in (200, 400):
            assert hostile.is_html(response)


def drive_form(world, role: str, form: hostile.Form, label: str, share: float = 1.0):
    before = hostile.snapshot()

    @hostile.examples(share)
    @given(submission=submissions(form, world))
    def drive(submission):
        check_submission(world, role, form, *submission, label=label, before=before)

    drive()


@pytest.mark.parametrize("label,role,path", PAGES, ids=[page[0] for page in PAGES])
def test_forms_of_the_page_take_hostile_input_without_failing(db, world, label, role, path):
    forms = forms_of(world, role, path(world))
    forms = [form for form in forms if action_name(form.action) not in SHARED_FORMS]
    assert forms, f"{label}: no POST form found"
    for form in forms:
        drive_form(world, role, form, f"{label} → {action_name(form.action)}")


# The menu's forms are on every page; they are driven once, from one page each.
SHARED_FORMS = {"logout", "logout_everywhere"}


@pytest.mark.parametrize("role", ["participant", "secretariat"])
def test_the_menus_log_out_forms_take_hostile_input_without_failing(db, world, role):
    forms = forms_of(world, role, "/mit/" if role == "participant" else "/")
    forms = [form for form in forms if action_name(form.action) in SHARED_FORMS]
    assert {action_name(form.action) for form in forms} == SHARED_FORMS
    for form in forms:
        drive_form(world, role, form, f"menu ({role}) → {action_name(form.action)}", share=0.4)


def test_the_language_switch_takes_hostile_input_without_failing(db, world):
    for role, form in EXTRA_FORMS:
        drive_form(world, role, form, "i18n:set_language", share=0.4)


def post_url_names() -> set[str]:
    """The project's URL names whose view takes POST (the admin is Django's own)."""
    names = set()
    for namespace_or_name, view in _views(get_resolver()):
        view_class = getattr(view, "view_class", None)
        if view_class is not None:
            if "post" in view_class.http_method_names and hasattr(view_class, "post"):
                names.add(namespace_or_name)
        elif namespace_or_name in ("logout_everywhere", "set_language"):
            names.add(namespace_or_name)
    return names


def _views(resolver, namespace=""):
    from django.urls import URLPattern, URLResolver

    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _views(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def test_every_post_url_has_a_form_case(db, world):
    reached = {"set_language"} | SHARED_FORMS
    for _label, role, path in PAGES:
        reached |= {action_name(form.action) for form in forms_of(world, role, path(world))}
    assert post_url_names() - reached == set()


def browser_base(form: hostile.Form) -> dict[str, str]:
    """One plain, valid-looking value per field (the page's own value where it shows one)."""
    base = {}
    for name, form_field in form.fields.items():
        if form_field.kind in ("file", "submit") or name == "csrfmiddlewaretoken":
            continue
        values = form_field.values or hostile.PLAIN.get(form_field.kind, ["Tekst fra en bruger"])
        base[name] = values[0] if form_field.values else values[-1]
    return base


FORMSET_ROW = re.compile(r"-[1-9][0-9]*-")
DST_DAYS = ["2027-03-28", "2027-10-31"]  # Copenhagen: 02:00–03:00 missing, 02:00–03:00 twice
DST_TIMES = ["02:00", "02:30", "02:59"]


@pytest.mark.parametrize(
    "label,role,path",
    [page for page in PAGES if page[1] == "secretariat"],
    ids=[page[0] for page in PAGES if page[1] == "secretariat"],
)
def test_every_date_and_time_field_takes_every_bad_and_dst_edge_value(db, world, label, role, path):
    """Each hostile date or time in each date and time field, the others as a browser fills
    them; and every date field on a DST change day with the first time in the changing hour."""
    for form in forms_of(world, role, path(world)):
        before = hostile.snapshot()
        base = browser_base(form)
        kinds = {name: form.fields[name].kind for name in base}
        first_row = {name for name in kinds if not FORMSET_ROW.search(name)}  # row 0 stands for all
        dates = [name for name in first_row if kinds[name] == "date"]
        times = [name for name in first_row if kinds[name] == "time"]
        case = f"{label} → {action_name(form.action)} (dates)"
        for name in dates + times:
            for bad in hostile.DATES if name in dates else hostile.TIMES:
                pairs = list({**base, name: bad}.items())
                check_submission(world, role, form, pairs, [], label=case, before=before)
        if dates:
            for day in DST_DAYS:
                for time in DST_TIMES if times else [None]:
                    edge = {**base, **dict.fromkeys(dates, day), **dict.fromkeys(times, "06:00")}
                    if time:
                        edge[times[0]] = time
                    check_submission(
                        world, role, form, list(edge.items()), [], label=case, before=before
                    )


def test_report_inputs_per_form():
    """Not a check: prints how many inputs each form got and how they were answered (-s)."""
    for name, statuses in sorted(counted.items()):
        total = sum(n for key, n in statuses.items() if key != "refused")
        print(f"{total:4d}  {name}  {dict(statuses)}")
