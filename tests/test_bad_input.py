"""Send malformed values to every form of the project and find no server error.

The walk of tests/test_permissions.py gives every page. Each page's HTML gives its forms: the method, the
action, the other addresses its buttons (``formaction``) and htmx rows (``hx-post``) send it to, and for
each field its name, its kind (text, choice or file) and the value the page offers, which is valid.
POST-only pages, which have no page of their own, name the fields their views read.

The sweep gives each kind of malformed value to every text field while the choices keep their offered
values, so that a view or service which checks the choices first (attendance checks the status before the
note) still meets the malformed text; then each malformed value to every choice. Hypothesis then mixes
malformed and offered values field by field. Each request runs in a savepoint that is rolled back, so a
value a form accepts cannot change what the next request finds.

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
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dancoso.core.fields import NARRATIVE_LENGTH, SEARCH_LENGTH
from tests.factories import DemocracyOfficerFactory
from tests.test_permissions import (
    ACCESS,
    PUBLIC,
    _named_patterns,
    _url,
    sample_kwargs,  # noqa: F401  (a fixture: pytest finds it by name)
)

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
    "reporting:report_fill_drafts": (),
    "propaganda:relation_add": ("kind", "target_number"),
    "accountability:member_remove": (),
    "propaganda:attachment_add": ("file",),
    "propaganda:document_publish": ("published",),
    "propaganda:plan_status": ("status",),
    "reference_delete": (),
    "accountability:petition_assign": ("agency",),
    "accountability:petition_forward": ("agency", "reason"),
    "accountability:petition_start": (),
    "accountability:petition_answer": ("answer", "answer_file"),
    "accountability:petition_close": (),
    "accountability:petition_reopen": ("reason",),
    "accountability:petition_refuse": ("reason",),
    "accountability:petition_note": ("text",),
    "accountability:criterion_delete": (),
    "accountability:evaluation_open": (),
    "accountability:evaluation_refresh": (),
    "accountability:evaluation_lock": (),
    "accountability:evaluation_reopen": ("reason",),
    "accountability:scorecard_submit": (),
    "accountability:scorecard_return": ("reason",),
    "accountability:scorecard_decide": ("tie_level", "tie_reason", "head_level", "head_reason"),
    "accountability:evidence_add": ("file",),
    "accountability:evidence_remove": (),
    "reporting:version_retry": (),
    # Besides "public", a tick and a reason per gap of the version; those of a missing number stand for all.
    "reporting:version_submit": ("public", "accept_number", "reason_number"),
    "reporting:version_publish": ("public",),
    "digital:milestone_delete": (),
    "funding:spending_add": ("spent_on", "amount", "document_number", "note"),
    "funding:spending_delete": (),
    "emulation:pledge_send": (),
    "emulation:pledge_approve": (),
    "emulation:pledge_return": ("reason",),
    "emulation:photo_add": ("image", "caption"),
    "emulation:exemplar_recognise": (),
    "emulation:exemplar_withdraw": (),
    "emulation:photo_remove": (),
    "emulation:nomination_file_add": ("file",),
    "emulation:nomination_submit": (),
    "emulation:nomination_withdraw": (),
    "emulation:nomination_review": ("approved", "reviewed_on", "reason"),
    "emulation:nomination_decide": ("decision_number", "decision_date", "decision_issuer"),
    "emulation:nomination_override": ("reason",),
}
# The test client does not check the CSRF token, so malforming it tests nothing.
SKIPPED_FIELDS = frozenset({"csrfmiddlewaretoken"})
PERSONAS = ("anonymous", "admin", "staff_a")
RANDOM_EXAMPLES = 4
TEXT, CHOICE, FILE = "text", "choice", "file"


@dataclass
class Field:
    kind: str
    offered: Any = ""


@dataclass
class Target:
    """Somewhere a form sends its fields."""

    method: str
    url: str
    fields: dict[str, Field] = field(default_factory=dict)
    htmx: bool = False

    @property
    def key(self) -> tuple[str, str, bool]:
        return (self.method, self.url, self.htmx)

    def offered(self) -> dict[str, Any]:
        return {name: f.offered for name, f in self.fields.items() if f.kind != FILE}


class FormParser(HTMLParser):
    """The forms of one page, with the offered value of each field."""

    def __init__(self, page_url: str) -> None:
        super().__init__()
        self.page_url = page_url
        self.targets: list[Target] = []
        self._form: Target | None = None
        self._extra: list[Target] = []
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {name: value or "" for name, value in attrs}
        if tag == "form":
            action = urljoin(self.page_url, found.get("action") or self.page_url)
            self._form, self._extra = Target(found.get("method", "get").upper(), action), []
        elif self._form is not None:
            self._read_field(tag, found)
            self._read_extra_address(found)

    def _read_field(self, tag: str, found: dict[str, str]) -> None:
        if tag == "option" and self._select is not None:
            if not self._select.offered or "selected" in found:
                self._select.offered = found.get("value", "")
            return
        name = found.get("name")
        if tag not in ("input", "select", "textarea", "button") or not name or name in SKIPPED_FIELDS:
            return
        kind = {"file": FILE, "checkbox": CHOICE, "radio": CHOICE}.get(found.get("type", ""), TEXT)
        if tag in ("select", "button"):
            kind = CHOICE
        known = self._form.fields.get(name)
        if known is None or "checked" in found:
            self._form.fields[name] = Field(kind, found.get("value", ""))
        self._select = self._form.fields[name] if tag == "select" else None
        self._textarea = self._form.fields[name] if tag == "textarea" else None

    def _read_extra_address(self, found: dict[str, str]) -> None:
        if found.get("formaction"):
            self._extra.append(Target("POST", urljoin(self.page_url, found["formaction"])))
        if found.get("hx-post"):
            self._extra.append(Target("POST", urljoin(self.page_url, found["hx-post"]), htmx=True))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.offered += data

    def handle_endtag(self, tag: str) -> None:
        if tag in ("select", "textarea"):
            self._select = self._textarea = None
        if tag != "form" or self._form is None:
            return
        for extra in self._extra:
            extra.fields = dict(self._form.fields)
        self.targets += [self._form, *self._extra]
        self._form = None


def _declared_fields(target: Target) -> Target:
    """A POST-only page reads only its own fields, whatever else the form around its button holds."""
    try:
        match = resolve(urlsplit(target.url).path)
    except Resolver404:
        return target
    if match.view_name not in POST_ONLY_FIELDS:
        return target
    names = [template.format(**match.kwargs) for template in POST_ONLY_FIELDS[match.view_name]]
    fields = {name: target.fields.get(name, Field(TEXT)) for name in names}
    return Target(target.method, target.url, fields, target.htmx)


def _visible_urls(persona: str, samples: dict) -> Iterator[tuple[str, str]]:
    for name, pattern in _named_patterns():
        allowed = ACCESS[name] == PUBLIC if persona == "anonymous" else persona in ACCESS[name]
        # Logging out would end the walk's session.
        if allowed and name != "logout":
            yield name, _url(name, pattern, samples)


def _page_targets(client: Any, name: str, url: str) -> list[Target]:
    response = client.get(url)
    if response.status_code == 405:
        assert name in POST_ONLY_FIELDS, f"{name} is POST-only: list the fields its view reads"
        return [Target("POST", url)]
    if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
        return []
    parser = FormParser(url)
    parser.feed(response.content.decode())
    return parser.targets


def discover_targets(client: Any, pages: list[tuple[str, str]]) -> list[Target]:
    """Every form on these pages, and every POST-only page among them, once each."""
    found: dict[tuple, Target] = {}
    for name, url in pages:
        for target in map(_declared_fields, _page_targets(client, name, url)):
            if urlsplit(target.url).path == reverse("logout"):
                continue
            known = found.setdefault(target.key, Target(target.method, target.url, htmx=target.htmx))
            known.fields.update(target.fields)
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
malformed = scalar | st.lists(scalar, min_size=2, max_size=3)

FILE_NAMES = ["danh-sach.xlsx", "tai-lieu.pdf", "x" * 300 + ".xlsx", "..\\..\\x.xlsx", "tệp\x00.xlsx", "a"]
FILE_CONTENTS = [b"", b"PK\x03\x04 not really a zip", b"\x00" * 1000, "Tên,Đơn vị\n".encode()]
uploads = st.builds(
    SimpleUploadedFile, st.sampled_from(FILE_NAMES), st.sampled_from(FILE_CONTENTS) | st.binary()
)

# One malformed value of each kind for the sweep, and the few that matter for a choice.
TEXT_SWEEP = [
    "9" * 100_000,
    "tên\x00đơn vị",
    "abc",
    "31/02/2026",
    "99/99/9999",
    "2026-13-45",
    "-1",
    str(10**30),
    "",
    ["1", "2"],
]
CHOICE_SWEEP = ["không-có", "có\x00", "9" * 100_000, str(10**30), ["1", "2"]]
SWEEP_UPLOADS = [SimpleUploadedFile(name, content) for name in FILE_NAMES for content in FILE_CONTENTS[:2]]


def _sweep(target: Target, value: Any, kind: str, upload: SimpleUploadedFile) -> dict[str, Any]:
    values = target.offered()
    values.update({name: value for name, f in target.fields.items() if f.kind == kind})
    values.update({name: upload for name, f in target.fields.items() if f.kind == FILE})
    return values


def sweeps(target: Target) -> Iterator[dict[str, Any]]:
    """Each malformed value on every field of its kind; the uploads cycle through the passes."""
    kinds = {f.kind for f in target.fields.values()}
    passes = [(value, TEXT) for value in TEXT_SWEEP if TEXT in kinds]
    passes += [(value, CHOICE) for value in CHOICE_SWEEP if CHOICE in kinds]
    if FILE in kinds:
        passes += [(None, FILE)] * (len(SWEEP_UPLOADS) - len(passes))
    for number, (value, kind) in enumerate(passes):
        yield _sweep(target, value, kind, SWEEP_UPLOADS[number % len(SWEEP_UPLOADS)])


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def send(client: Any, target: Target, values: dict[str, Any]) -> None:
    for value in values.values():
        if isinstance(value, SimpleUploadedFile):
            value.seek(0)
    headers = {"HX-Request": "true"} if target.htmx else {}
    with _rolled_back():
        if target.method == "POST":
            response = client.post(target.url, values, headers=headers)
        else:
            response = client.get(target.url, values, headers=headers)
    assert response.status_code < 500, f"{target.method} {target.url} {values!r:.300}"


def _field_values(f: Field) -> st.SearchStrategy:
    if f.kind == FILE:
        return uploads | malformed
    return st.just(f.offered) | malformed


def _draw(data: Any, target: Target) -> dict[str, Any]:
    strategies = {name: _field_values(f) for name, f in target.fields.items()}
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


@pytest.fixture
def records(sample_kwargs):  # noqa: F811  (the fixture imported above)
    """The records of tests/test_permissions.py: one of each kind, of agency A, for every URL parameter."""
    return sample_kwargs


@pytest.fixture
def pages(records, agency_a):
    """The walk's pages, with an official of agency A who can be nominated (the nomination form shows only
    candidates) and the nomination page as Home Affairs sees it once an agency is chosen."""
    DemocracyOfficerFactory(agency=agency_a)
    nominate = reverse("training:nominate", kwargs=records["training:nominate"])
    return lambda persona: [
        *_visible_urls(persona, records),
        *([("training:nominate", f"{nominate}?agency={agency_a.pk}")] if persona == "admin" else []),
    ]


@pytest.mark.parametrize("persona", PERSONAS)
def test_malformed_values_in_every_form_give_no_server_error(persona, personas, client_for, pages):
    client = client_for(personas[persona])
    targets = discover_targets(client, pages(persona))
    assert targets, "the walk found no form"
    for target in targets:
        for values in sweeps(target) if target.fields else [{}]:
            send(client, target, values)
    fuzz(client, [target for target in targets if target.fields])


def test_the_walk_finds_forms_of_every_kind(client_for, admin_user, pages, records):
    """Without this, a walk that stopped finding forms would let the test above pass on nothing."""
    targets = {
        (target.method, urlsplit(target.url).path): target
        for target in discover_targets(client_for(admin_user), pages("admin"))
    }
    session, trainee = records["training:attendance_"]["pk"], records["training:enrolment_"]["pk"]
    sheet = targets["POST", reverse("training:session_attendance", args=[session])]
    assert sheet.fields[f"status-{trainee}"].kind == CHOICE and sheet.fields[f"note-{trainee}"].kind == TEXT
    assert sheet.fields[f"status-{trainee}"].offered == "present"
    narrative = targets[
        "POST", reverse("reporting:report_narrative", args=[records["reporting:report_"]["year"]])
    ]
    assert "measure_training" in narrative.fields
    assert targets["POST", reverse("agencies:person_import")].fields["file"].kind == FILE
    assert ("GET", reverse("training:class_list")) in targets
    assert (
        "POST",
        reverse("reporting:version_submit", args=[records["reporting:version_"]["pk"]]),
    ) in targets


# What the walk found, each pinned by a plain test: the form refuses in Vietnamese and keeps what was typed.
NUL_REFUSED = "Nội dung không được chứa ký tự NUL"
TOO_LONG = "Giá trị này chỉ có tối đa"


@pytest.mark.parametrize(
    "name", ["accounts:user_list", "agencies:agency_list", "agencies:person_list", "training:class_list"]
)
def test_over_long_search_is_refused_and_kept(client_for, admin_user, name):
    typed = " ".join(["Sở"] * 30_000)
    response = client_for(admin_user).get(reverse(name), {"q": typed})
    body = response.content.decode()
    assert response.status_code == 200
    assert f"{TOO_LONG} {SEARCH_LENGTH} kí tự" in body
    assert f'value="{typed}"' in body


def test_over_long_roster_search_is_refused(client_for, admin_user, records):
    url = reverse("training:roster", kwargs=records["training:roster"])
    response = client_for(admin_user).get(url, {"q": "x" * 100_000})
    assert response.status_code == 200
    assert f"{TOO_LONG} {SEARCH_LENGTH} kí tự" in response.content.decode()


def test_nominating_a_person_beyond_any_key_asks_to_reload(client_for, staff_a, records):
    DemocracyOfficerFactory(agency=staff_a.agency)
    url = reverse("training:nominate", kwargs=records["training:nominate"])
    response = client_for(staff_a).post(url, {"people": [str(10**30)]})
    assert response.status_code == 200
    assert "Một người được chọn không còn cử được nữa" in response.content.decode()


def _attendance(records: dict) -> tuple[str, int]:
    pk = records["training:attendance_"]["pk"]
    return reverse("training:session_attendance", args=[pk]), records["training:enrolment_"]["pk"]


def test_nul_in_an_attendance_note_is_refused_and_kept(client_for, admin_user, records):
    from training.models import Attendance

    url, trainee = _attendance(records)
    posted = {f"status-{trainee}": "excused", f"note-{trainee}": "Ốm\x00"}
    response = client_for(admin_user).post(url, posted)
    body = response.content.decode()
    assert response.status_code == 200
    assert NUL_REFUSED in body
    assert 'value="Ốm\x00"' in body
    assert not Attendance.objects.exists()


def test_nul_in_one_htmx_mark_is_refused(client_for, admin_user, records):
    from training.models import Attendance

    session = records["training:attendance_mark"]["session_pk"]
    trainee = records["training:attendance_mark"]["pk"]
    url = reverse("training:attendance_mark", args=[trainee, session])
    posted = {f"status-{trainee}": "present", f"note-{trainee}": "\x00"}
    response = client_for(admin_user).post(url, posted, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert NUL_REFUSED in response.content.decode()
    assert not Attendance.objects.exists()


def test_over_long_measure_comment_is_refused_and_kept(client_for, admin_user, records):
    year = records["reporting:report_"]["year"]
    typed = "Đã tổ chức. " * (NARRATIVE_LENGTH // 10)
    response = client_for(admin_user).post(
        reverse("reporting:report_narrative", args=[year]), {"measure_training": typed}
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert f"{TOO_LONG} {NARRATIVE_LENGTH} kí tự" in body
    assert typed.strip() in body


def test_nul_in_a_text_field_is_refused_in_vietnamese(client_for, admin_user):
    response = client_for(admin_user).post(reverse("agencies:agency_create"), {"name": "Sở\x00Tư pháp"})
    assert response.status_code == 200
    assert NUL_REFUSED in response.content.decode()
