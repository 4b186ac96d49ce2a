"""Send malformed values to every form of the project and find no server error.

The walk of tests/test_permissions.py gives every page. Each page's HTML gives its forms: the method, the
action, the other addresses its buttons (``formaction``) and htmx rows (``hx-post``) send it to, and the
names of its fields. POST-only pages, which have no page of their own, name the fields their views read.
Every field then gets malformed values: first each kind of value on every field at once, then mixes
drawn by hypothesis. Each request runs in a savepoint that is rolled back, so a value a form accepts
cannot change what the next request finds.

NULs and values longer than a column fail only on PostgreSQL: run this file there too (see README).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_permissions import ACCESS, PUBLIC, _named_patterns, _url
from tests.test_permissions import sample_kwargs  # noqa: F401  (a fixture: pytest finds it by name)

# POST-only pages (a GET answers 405) and the fields their views read from request.POST.
POST_ONLY_FIELDS = {
    "accounts:user_unlock": (),
    "agencies:agency_reactivate": (),
    "training:material_delete": (),
    "training:session_delete": (),
    "training:attendance_all_present": (),
    "training:attendance_mark": ("status-{pk}", "note-{pk}"),
    "training:enrolment_withdraw": (),
    "training:certificate_issue": (),
    "reporting:report_generate": (),
    "reporting:version_retry": (),
    "reporting:version_submit": ("public",),
    "reporting:version_publish": ("public",),
}
# Logging out would end the walk's session; the CSRF token is not checked by the test client.
SKIPPED_FIELDS = frozenset({"csrfmiddlewaretoken"})
PERSONAS = ("anonymous", "admin", "staff_a")
RANDOM_EXAMPLES = 6


@dataclass
class Target:
    """Somewhere a form sends its fields: ``kinds`` maps each field name to "file" or "text"."""

    method: str
    url: str
    kinds: dict[str, str] = field(default_factory=dict)
    htmx: bool = False

    @property
    def key(self) -> tuple[str, str, bool]:
        return (self.method, self.url, self.htmx)


class FormParser(HTMLParser):
    """The forms of one page, with the extra addresses their buttons and htmx rows post to."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.targets: list[Target] = []
        self._form: Target | None = None
        self._extra: list[Target] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, found.get("action") or self.page_url)
            self._form, self._extra = Target(found.get("method", "get").upper(), action), []
        elif self._form is not None:
            self._read_inside_form(tag, found)

    def _read_inside_form(self, tag: str, found: dict[str, str]) -> None:
        name = found.get("name")
        if tag in ("input", "select", "textarea", "button") and name and name not in SKIPPED_FIELDS:
            self._form.kinds[name] = "file" if found.get("type") == "file" else "text"
        if found.get("formaction"):
            self._extra.append(Target("POST", urljoin(self.page_url, found["formaction"])))
        if found.get("hx-post"):
            self._extra.append(Target("POST", urljoin(self.page_url, found["hx-post"]), htmx=True))

    def handle_endtag(self, tag: str) -> None:
        if tag != "form" or self._form is None:
            return
        for extra in self._extra:
            extra.kinds = self._form.kinds
        self.targets += [self._form, *self._extra]
        self._form = None


def _post_only_target(name: str, url: str, kwargs: dict[str, Any]) -> Target:
    fields = [template.format(**kwargs) for template in POST_ONLY_FIELDS[name]]
    return Target("POST", url, dict.fromkeys(fields, "text"))


def _visible_urls(persona: str, samples: dict) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for name, pattern in _named_patterns():
        allowed = ACCESS[name] == PUBLIC if persona == "anonymous" else persona in ACCESS[name]
        if allowed and name != "logout":
            url = _url(name, pattern, samples)
            prefix = next((key for key in samples if name.startswith(key)), None)
            yield name, url, samples.get(prefix, {}) if pattern.pattern.converters else {}


def discover_targets(client: Any, persona: str, samples: dict) -> list[Target]:
    """Every form the persona is shown, and every POST-only page it may use, once each."""
    found: dict[tuple, Target] = {}
    for name, url, kwargs in _visible_urls(persona, samples):
        response = client.get(url)
        if response.status_code == 405:
            assert name in POST_ONLY_FIELDS, f"{name} is POST-only: list the fields its view reads"
            targets = [_post_only_target(name, url, kwargs)]
        elif response.status_code == 200 and response["Content-Type"].startswith("text/html"):
            parser = FormParser(url)
            parser.feed(response.content.decode())
            targets = parser.targets
        else:
            continue
        for target in targets:
            if urlsplit(target.url).path != reverse("logout"):
                found.setdefault(target.key, Target(target.method, target.url, htmx=target.htmx))
                found[target.key].kinds.update(target.kinds)
    return list(found.values())


# The malformed values, by kind. Long values pass every column's length; the digits reach number parsing.
LENGTHS = (151, 256, 1001, 2001, 20_001, 100_000)
over_long = st.builds(lambda char, n: char * n, st.sampled_from("x9é "), st.sampled_from(LENGTHS))
with_nul = st.tuples(st.text(max_size=8), st.text(max_size=8)).map("\x00".join)
not_numbers = st.sampled_from(["abc", "1,5", "1.5", "1e400", "NaN", "inf", "-", "١٢٣", "12abc"])
impossible_dates = st.sampled_from(
    ["31/02/2026", "99/99/9999", "2026-13-45", "00/00/0000", "29/02/2025", "31/12/99999", "25:61"]
) | st.builds("{:02d}/{:02d}/{}".format, st.integers(0, 99), st.integers(13, 99), st.integers(0, 99_999))
integers = st.sampled_from([-1, 0, 10**30, -(10**30), 2**63, 2**31]).map(str) | st.integers().map(str)
unknown_choices = st.sampled_from(["không-có", "999999999", "confirm ", "PRESENT", "true", "on"])
empty = st.sampled_from(["", " ", "\t\n"])
scalar = st.one_of(
    over_long, with_nul, not_numbers, impossible_dates, integers, unknown_choices, empty, st.text()
)
text_values = scalar | st.lists(scalar, min_size=2, max_size=3)

FILE_NAMES = ["danh-sach.xlsx", "tai-lieu.pdf", "x" * 300 + ".xlsx", "..\\..\\x.xlsx", "tệp\x00.xlsx", "a"]
FILE_CONTENTS = [b"", b"PK\x03\x04 not really a zip", b"\x00" * 1000, "Tên,Đơn vị\n".encode()]


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


uploads = st.builds(_upload, st.sampled_from(FILE_NAMES), st.sampled_from(FILE_CONTENTS) | st.binary())
file_values = uploads | text_values

# One value of each kind, given to every field at once before hypothesis mixes them.
SWEEP = [
    "9" * 100_000,
    "x" * 2001,
    "tên\x00đơn vị",
    "abc",
    "31/02/2026",
    "99/99/9999",
    "2026-13-45",
    "không-có",
    "-1",
    str(10**30),
    "",
    ["1", "2"],
]
SWEEP_FILES = [_upload(name, content) for name, content in zip(FILE_NAMES, FILE_CONTENTS * 2, strict=False)]


def _values(target: Target, value: Any, upload: Any) -> dict[str, Any]:
    return {name: upload if kind == "file" else value for name, kind in target.kinds.items()}


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def send(client: Any, target: Target, values: dict[str, Any]) -> None:
    for upload in values.values():
        if isinstance(upload, SimpleUploadedFile):
            upload.seek(0)
    headers = {"HX-Request": "true"} if target.htmx else {}
    with _rolled_back():
        if target.method == "POST":
            response = client.post(target.url, values, headers=headers)
        else:
            response = client.get(target.url, values, headers=headers)
    assert response.status_code < 500, f"{target.method} {target.url} {values!r:.300}"


def _draw(data: Any, target: Target) -> dict[str, Any]:
    strategies = {name: file_values if kind == "file" else text_values for name, kind in target.kinds.items()}
    return data.draw(st.fixed_dictionaries(strategies), label=f"{target.method} {target.url}")


def fuzz(client: Any, targets: list[Target]) -> None:
    @settings(
        max_examples=RANDOM_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.data())
    def every_form_survives(data: Any) -> None:
        for target in targets:
            send(client, target, _draw(data, target))

    every_form_survives()


@pytest.mark.parametrize("persona", PERSONAS)
def test_malformed_values_in_every_form_give_no_server_error(
    persona,
    personas,
    client_for,
    sample_kwargs,  # noqa: F811
):
    client = client_for(personas[persona])
    targets = discover_targets(client, persona, sample_kwargs)
    assert targets, "the walk found no form"
    for target in targets:
        if not target.kinds:
            send(client, target, {})
    with_fields = [target for target in targets if target.kinds]
    for value, upload in zip(SWEEP, SWEEP_FILES * 3, strict=False):
        for target in with_fields:
            send(client, target, _values(target, value, upload))
    fuzz(client, with_fields)


def test_zz_debug(personas, client_for, sample_kwargs):  # noqa: F811
    import time

    for persona in ["admin"]:
        client = client_for(personas[persona])
        targets = discover_targets(client, persona, sample_kwargs)
        for target in targets:
            t = time.time()
            send(client, target, _values(target, "abc", SWEEP_FILES[0]))
            print("%.3f" % (time.time() - t), target.method, target.url)
