"""Hostile input for the bad-input suite (issue #7): hypothesis strategies, the HTML form
reader that turns a rendered page into POST data, and the checks every answer must pass.

Used by meetings/tests/test_hostile_urls.py and meetings/tests/test_hostile_forms.py. The
strategies mix what a real browser would send with what an attacker or a broken client
would: huge and odd unicode text, markup, SQL-ish text, impossible and DST-edge dates,
numbers out of every range, wrong choices, other people's ids, tampered tokens, missing and
duplicated fields, and bytes that are not UTF-8 at all.
"""

import datetime
import hashlib
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

from django.apps import apps
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# --- Settings profiles -----------------------------------------------------------------------
# "ci" (the default): a fixed number of derandomised examples per URL and form, so both CI
# passes run the same inputs in a bounded time. NETVAERK_HYPOTHESIS_EXAMPLES raises it
# locally; NETVAERK_HYPOTHESIS_PROFILE=explore draws new random inputs each run.

EXAMPLES = int(os.environ.get("NETVAERK_HYPOTHESIS_EXAMPLES", "25"))

_common = {
    "deadline": None,
    "database": None,  # nothing written to .hypothesis/ in the repository
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,  # one world per test; each example rolls back
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
    "print_blob": True,
}
settings.register_profile("ci", max_examples=EXAMPLES, derandomize=True, **_common)
settings.register_profile("explore", max_examples=EXAMPLES, derandomize=False, **_common)
settings.load_profile(os.environ.get("NETVAERK_HYPOTHESIS_PROFILE", "ci"))


def examples(share: float = 1.0) -> settings:
    """Settings for one test: the profile's examples, times ``share`` (at least 5)."""
    return settings(max_examples=max(5, int(EXAMPLES * share)))


# --- Hostile values --------------------------------------------------------------------------

SCRIPT = "<script>alert('hostile')</script>"
IMG = '"><img src=x onerror=alert(1)>'
# What must never come back raw in an HTML answer.
RAW_MARKUP = ("<script>alert('hostile')", "<img src=x onerror")

HUGE = "å" * 100_000
SPECIMENS = [
    "",
    " ",
    "\t\n\r",
    "\x00",
    "nul\x00midt i",
    SCRIPT,
    IMG,
    "<b>fed</b> & <i>kursiv</i>",
    "{{ request }} {% debug %} %s %(name)s {0}",
    "' OR '1'='1' --",
    "1; DROP TABLE meetings_meeting; --",
    "\u202eRTL-override\u202c و العربية",
    "e\u0301\u0301\u0301\u0301 z\u0336a\u0336l\u0336g\u0336o\u0336",
    "👩‍👩‍👧‍👦🇩🇰" * 20,
    "\ufeffBOM",
    "\u2028linje\u2029afsnit",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "%00%2e%2e%2f",
    "æøå ÆØÅ",
    "x" * 201,
    "y" * 1001,
    HUGE,
]
# Bytes sent as they are: a lone surrogate (CESU-8), bytes that are not UTF-8, a raw NUL.
RAW_BYTES = [b"\xed\xa0\x80", b"\xff\xfe\xfd", b"caf\xe9", b"\x00", b"\xc0\xaf"]
DATES = [
    "2027-02-30",
    "31-12-2027",
    "12/31/2027",
    "31.12.2027",
    "2027-13-01",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31",
    "99999-01-01",
    "2027-03-28",  # the spring DST change in Copenhagen
    "2027-10-31",  # the autumn DST change
    "2027-03-28T02:30",
    "",
]
TIMES = ["02:30", "02:59", "03:00", "24:00", "25:61", "23:59:59.999999", "-1:00", "0:0", "9"]
NUMBERS = [
    "-1",
    "0",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "inf",
    "0x10",
    "١٢٣",  # Arabic-Indic digits: Python's int() takes them
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775809",
    "9" * 40,
]
URLS = [
    "https://evil.example/",
    "//evil.example/path",
    "/\\evil.example",
    "\\\\evil.example",
    "http:evil.example",
    " https://evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "/mit/",
    "https://testserver/mit/",
]

text = st.one_of(
    st.sampled_from(SPECIMENS),
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
)
value = st.one_of(
    text,
    st.sampled_from(DATES),
    st.sampled_from(TIMES),
    st.sampled_from(NUMBERS),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.sampled_from(URLS),
    st.sampled_from(RAW_BYTES),
)
# Path segments a URL converter accepts: no "/" for <str:…>, anything for <path:…>.
segment = st.one_of(
    st.sampled_from([s for s in SPECIMENS if s and "/" not in s and len(s) < 2000]),
    st.text(alphabet=st.characters(codec="utf-8", exclude_characters="/"), min_size=1, max_size=80),
    st.just("." * 2),
    st.just("x" * 5000),
)
path_segment = st.one_of(segment, st.sampled_from(["../../etc/passwd", "a/../../b", "%2e%2e/"]))
big_int = st.one_of(
    st.just(0),
    st.integers(min_value=1, max_value=10),
    st.integers(min_value=2**31 - 2, max_value=2**31 + 2),
    st.integers(min_value=2**63 - 2, max_value=2**63 + 2),
    st.integers(min_value=2**64, max_value=10**40),
)


def tampered(token: str) -> st.SearchStrategy[str]:
    """A real token changed a little: cut, lengthened, one character swapped, case flipped."""
    if not token:
        return segment
    return st.one_of(
        st.just(token[:-1]),
        st.just(token + "A"),
        st.just(token.swapcase()),
        st.integers(0, len(token) - 1).map(
            lambda i: token[:i] + ("A" if token[i] != "A" else "B") + token[i + 1 :]
        ),
        st.just(token.replace(":", "") or "x"),
    )


# Query parameters the pages read, and their admin cousins.
QUERY_KEYS = [
    "page",
    "p",
    "q",
    "next",
    "netvaerk",
    "visning",
    "status",
    "theme",
    "background",
    "network",
    "role",
    "count",
    "start_time",
    "duration",
    "o",
    "e",
    "all",
    "_changelist_filters",
    "_popup",
    "_to_field",
    "status__exact",
    "network__id__exact",
    "starts_at__gte",
    "kind__exact",
    "date_hierarchy",
    "starts_at__year",
]
query = st.lists(st.tuples(st.one_of(st.sampled_from(QUERY_KEYS), text), value), max_size=4).map(
    lambda pairs: encode_pairs(pairs)
)


def encode_pairs(pairs) -> str:
    """``a=1&b=…``: str values as UTF-8, bytes values as they are (not UTF-8 on purpose)."""
    return urlencode([(k.encode("utf-8", "surrogatepass"), v) for k, v in pairs], doseq=False)


# --- The rendered forms of a page ------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # text, email, date, time, number, hidden, checkbox, radio, select, textarea, file…
    values: list[str] = field(default_factory=list)  # what a browser could send (choices)
    multiple: bool = False


@dataclass
class Form:
    action: str
    enctype: str
    fields: dict[str, Field] = field(default_factory=dict)

    def add(self, name, kind, value, multiple=False):
        known = self.fields.setdefault(name, Field(name, kind, multiple=multiple))
        if value is not None and value not in known.values:
            known.values.append(value)


class _FormReader(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.select: tuple[str, bool] | None = None
        self.textarea: str | None = None
        self.textarea_text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.form = Form(
                    action=attrs.get("action") or self.page_path,
                    enctype=attrs.get("enctype") or "application/x-www-form-urlencoded",
                )
                self.forms.append(self.form)
            return
        if self.form is None:
            return
        name = attrs.get("name")
        if tag in ("input", "button") and name:
            kind = (attrs.get("type") or ("submit" if tag == "button" else "text")).lower()
            if kind in ("checkbox", "radio", "submit", "hidden"):
                self.form.add(name, kind, attrs.get("value", "on"))
            else:
                self.form.add(name, kind, attrs.get("value") or None)
        elif tag == "select" and name:
            self.select = (name, "multiple" in attrs)
            self.form.add(name, "select", None, multiple="multiple" in attrs)
        elif tag == "option" and self.select:
            if attrs.get("value"):
                self.form.add(self.select[0], "select", attrs["value"])
        elif tag == "textarea" and name:
            self.textarea, self.textarea_text = name, ""

    def handle_data(self, data):
        if self.textarea:
            self.textarea_text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea and self.form:
            self.form.add(self.textarea, "textarea", self.textarea_text.strip() or None)
            self.textarea = None


def post_forms(html: str, page_path: str) -> list[Form]:
    """The POST forms of a page, with their fields and the values a browser could send."""
    reader = _FormReader(page_path)
    reader.feed(html)
    return reader.forms


# A plausible value per input type, when the page shows none.
_today = datetime.date.today()
PLAIN = {
    "email": ["hostil@example.dk", "Anden.Person@Example.DK"],
    "date": [(_today + datetime.timedelta(days=days)).isoformat() for days in (3, 40, 200)],
    "time": ["10:00", "13:30"],
    "number": ["1"],
    "tel": ["12345678"],
    "url": ["https://example.dk/"],
}


# What a person may well type into a text box: all of it is valid input that must be saved
# as it is and shown escaped.
TYPED = [SCRIPT, IMG, "<b>fed</b> & 'citat'", "Ærø–Øresund “citat”", "👩‍👩‍👧‍👦🇩🇰 العربية"]
TEXT_KINDS = {"text", "textarea", "search"}


def browser_values(form_field: Field) -> st.SearchStrategy[list]:
    """What a browser sends for the field: one of its values, or typed text in a text box."""
    legit = form_field.values or PLAIN.get(form_field.kind, ["Tekst fra en bruger"])
    if form_field.kind in TEXT_KINDS:
        return st.one_of(st.sampled_from(legit), st.sampled_from(TYPED)).map(lambda v: [v])
    if form_field.kind == "submit":  # only the button that was clicked, if any
        return st.lists(st.sampled_from(legit), max_size=1)
    if form_field.kind == "checkbox" or form_field.multiple:
        return st.lists(st.sampled_from(legit), max_size=len(legit), unique=True)
    return st.sampled_from(legit).map(lambda v: [v])


def hostile_values(form_field: Field, ids: list[int]) -> st.SearchStrategy[list]:
    """What an attacker or a broken client sends instead: a hostile value, another person's
    id, nothing at all, or the field two or three times."""
    legit = form_field.values or PLAIN.get(form_field.kind, ["Tekst fra en bruger"])
    hostile = st.one_of(value, st.sampled_from(ids).map(str) if ids else value)
    if form_field.kind == "date":
        hostile = st.one_of(st.sampled_from(DATES), hostile)
    elif form_field.kind == "time":
        hostile = st.one_of(st.sampled_from(TIMES), hostile)
    return st.one_of(
        hostile.map(lambda v: [v]),
        st.just([]),
        st.lists(st.one_of(st.sampled_from(legit), hostile), min_size=2, max_size=3),
    )


# --- The checks ------------------------------------------------------------------------------

ALLOWED_STATUS = {200, 301, 302, 303, 400, 403, 404, 405, 410, 429}
# Error markup of our templates: crispy-forms fields, form error lists, error messages.
ERROR_MARKS = ("is-invalid", "invalid-feedback", "errorlist", "alert-danger", "error-summary")
ENGLISH_ERRORS = (
    "This field is required",
    "Enter a valid",
    "Select a valid choice",
    "Ensure this value",
    "Null characters are not allowed",
)


def redirect_problem(response) -> str | None:
    """Why a redirect is unsafe (another host, a script URL), or None."""
    location = response.get("Location", "")
    parts = urlsplit(location)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return f"redirect to a {parts.scheme}: URL: {location!r}"
    if parts.netloc and parts.netloc != "testserver":
        return f"redirect to another host: {location!r}"
    if location.startswith(("//", "/\\", "\\")):
        return f"redirect that a browser reads as another host: {location!r}"
    return None


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


def raw_markup(response) -> list[str]:
    """Markup from the input that came back unescaped in an HTML answer."""
    if not is_html(response) or getattr(response, "streaming", False):
        return []
    body = response.content.decode("utf-8", "replace")
    return [mark for mark in RAW_MARKUP if mark in body]


def shows_error(response) -> bool:
    body = response.content.decode("utf-8", "replace")
    return any(mark in body for mark in ERROR_MARKS)


def english_errors(response) -> list[str]:
    body = response.content.decode("utf-8", "replace")
    return [text for text in ENGLISH_ERRORS if text in body]


# --- A cheap snapshot of the database --------------------------------------------------------

SNAPSHOT_APPS = ("netvaerk", "participants", "meetings")
NOT_STATE = {"netvaerk.usersession"}  # the session engine's bookkeeping


def snapshot() -> dict[str, tuple[int, str]]:
    """Per table of our apps: the row count and a hash of every row, in primary-key order."""
    state = {}
    for app in SNAPSHOT_APPS:
        for model in apps.get_app_config(app).get_models():
            if model._meta.label_lower in NOT_STATE:
                continue
            rows = list(model._default_manager.order_by("pk").values_list())
            digest = hashlib.sha256(repr(rows).encode("utf-8", "surrogatepass")).hexdigest()
            state[model._meta.label_lower] = (len(rows), digest)
    return state


_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)


def tables_written(queries) -> set[str]:
    """The tables of our apps that the captured queries wrote to (sessions aside)."""
    tables = set()
    for query in queries.captured_queries:
        match = _WRITE.match(query["sql"])
        if match and match.group(1).startswith(SNAPSHOT_APPS):
            tables.add(match.group(1))
    return tables - {"netvaerk_usersession"}


def changed_tables(before: dict, after: dict) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))


# --- Uploads ---------------------------------------------------------------------------------

UPLOADS = [
    ("referat.txt", "Referat fra mødet\n".encode()),
    ("referat.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"),
    ("referat.pdf", b"MZ\x90\x00\x03\x00\x00\x00 a program renamed .pdf"),
    ("referat.docx", b"PK\x03\x04 not really a zip"),
    ("referat.exe", b"MZ\x90\x00"),
    ("tom.txt", b""),
    ("../../../etc/passwd.txt", b"root:x:0:0\n"),
    ("..\\..\\boot.txt", b"x"),
    ("a" * 300 + ".txt", b"langt navn\n"),
    (SCRIPT + ".txt", b"navn med markup\n"),
    ("nul\x00.txt", b"x"),
    ("binær.txt", b"\x00\x01\x02\xff"),
    ("referat", b"intet efternavn"),
]


def upload(filename: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(filename, content, content_type="application/octet-stream")
