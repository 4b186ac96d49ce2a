"""Plans, classes, sessions and materials: Home Affairs runs them; bad input gets a Vietnamese message."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.translation import gettext as _

from tests.factories import EnrolmentFactory, SessionFactory, TrainingClassFactory, TrainingPlanFactory
from training.models import Session, TrainingClass, TrainingPlan
from training.services.attendance import attendance_record
from training.services.classes import class_update, session_delete, sessions_generate


def _class_form(plan, organiser, **changes):
    data = {
        "plan": plan.pk,
        "title": "Lớp bồi dưỡng kỹ năng thực hành dân chủ năm 2026",
        "content": "both",
        "for_democracy_officers": "on",
        "organiser": organiser.pk,
        "venue": "Hội trường Sở Nội vụ",
        "start_date": "01/06/2026",
        "end_date": "05/06/2026",
        "capacity": "120",
        "status": "planned",
        "completion_percent": "80",
        "late_counts_as_present": "on",
        "attendance_by": "organiser",
    }
    return {**data, **changes}


def test_home_affairs_creates_a_plan_then_a_class(client_for, admin_user, home_affairs):
    client = client_for(admin_user)
    response = client.post(
        reverse("training:plan_create"), {"year": "2026", "decision_number": "125/QĐ-UBND"}
    )
    assert response.status_code == 302
    plan = TrainingPlan.objects.get(year=2026)
    response = client.post(reverse("training:class_create"), _class_form(plan, home_affairs))
    assert response.status_code == 302
    training_class = TrainingClass.objects.get()
    assert training_class.capacity == 120 and training_class.completion_percent == 80
    assert training_class.attendance_by == "organiser"
    assert training_class.history.first().history_user == admin_user


def test_plan_for_a_year_twice_is_refused_with_a_message(client_for, admin_user):
    TrainingPlanFactory(year=2026)
    response = client_for(admin_user).post(
        reverse("training:plan_create"), {"year": "2026", "notes": "Giữ lại"}
    )
    assert response.status_code == 200
    assert "đã tồn tại" in response.content.decode() and "Giữ lại" in response.content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "31/05/2026"}, "Ngày kết thúc không được trước ngày khai giảng"),
        ({"capacity": "-5"}, "Chỉ tiêu học viên phải từ 1 trở lên"),
        ({"capacity": "nhiều"}, "Hãy ghi chỉ tiêu bằng một số nguyên"),
        ({"start_date": "32/13/2026"}, "Nhập một ngày hợp lệ"),
        ({"for_democracy_officers": ""}, "Hãy chọn ít nhất một đối tượng"),
        ({"completion_percent": "120"}, "từ 1 đến 100"),
        ({"start_date": "01/06/2030", "end_date": "02/06/2030"}, "trong năm của kế hoạch"),
    ],
)
def test_bad_class_input_is_refused_in_vietnamese_and_kept(
    client_for, admin_user, home_affairs, changes, message
):
    plan = TrainingPlanFactory(year=2026)
    response = client_for(admin_user).post(
        reverse("training:class_create"), _class_form(plan, home_affairs, **changes)
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert message in content
    assert "Lớp bồi dưỡng kỹ năng thực hành dân chủ năm 2026" in content
    assert not TrainingClass.objects.exists()


def test_capacity_cannot_drop_below_seats_taken(admin_user):
    training_class = TrainingClassFactory(capacity=5)
    EnrolmentFactory.create_batch(3, training_class=training_class)
    with pytest.raises(ValidationError):
        class_update(training_class=training_class, capacity=2, actor=admin_user)


def test_sessions_are_generated_on_the_chosen_weekdays_and_not_twice(admin_user):
    # 1–14 June 2026: Monday 1 June to Sunday 14 June.
    training_class = TrainingClassFactory(start_date=dt.date(2026, 6, 1), end_date=dt.date(2026, 6, 14))
    created = sessions_generate(
        training_class=training_class,
        weekdays=[0, 2],
        start_time=dt.time(8),
        end_time=dt.time(11),
        actor=admin_user,
    )
    assert [s.date.day for s in created] == [1, 3, 8, 10]
    assert sessions_generate(training_class=training_class, weekdays=[0, 2, 4], actor=admin_user)
    assert sorted(s.date.day for s in Session.objects.all()) == [1, 3, 5, 8, 10, 12]


def test_generate_form_without_weekdays_says_so(client_for, admin_user):
    training_class = TrainingClassFactory()
    response = client_for(admin_user).post(reverse("training:session_generate", args=[training_class.pk]), {})
    assert "Hãy chọn ít nhất một ngày trong tuần" in response.content.decode()


def test_a_session_outside_the_class_dates_is_refused(client_for, admin_user):
    training_class = TrainingClassFactory()
    response = client_for(admin_user).post(
        reverse("training:session_list", args=[training_class.pk]),
        {"date": "01/01/2026", "topic": "Khai giảng"},
    )
    assert "Buổi học phải nằm trong thời gian của lớp" in response.content.decode()
    assert "Khai giảng" in response.content.decode()
    assert not Session.objects.exists()


def test_a_session_with_attendance_is_not_deleted(past_sessions, trainee_a, admin_user):
    attendance_record(session=past_sessions[0], marks={trainee_a.pk: ("present", "")}, actor=admin_user)
    with pytest.raises(ValidationError):
        session_delete(session=past_sessions[0], actor=admin_user)


def test_staff_cannot_change_classes_or_sessions(client_for, staff_a):
    session = SessionFactory()
    client = client_for(staff_a)
    assert (
        client.post(reverse("training:class_update", args=[session.training_class_id]), {}).status_code == 403
    )
    assert client.post(reverse("training:session_delete", args=[session.pk])).status_code == 403
    assert Session.objects.exists()


def test_material_is_uploaded_and_downloaded(client_for, admin_user, staff_b, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    training_class = TrainingClassFactory()
    upload = SimpleUploadedFile("bai-giang.pdf", b"%PDF-1.4 bai giang", content_type="application/pdf")
    response = client_for(admin_user).post(
        reverse("training:material_upload", args=[training_class.pk]), {"title": "Bài giảng", "file": upload}
    )
    assert response.status_code == 302
    material = training_class.materials.get()
    download = client_for(staff_b).get(reverse("training:material_download", args=[material.pk]))
    assert b"".join(download.streaming_content) == b"%PDF-1.4 bai giang"


def test_plan_page_warns_when_the_year_has_no_class_or_more_than_two(client_for, admin_user):
    plan = TrainingPlanFactory(year=2026)
    client = client_for(admin_user)
    assert 'data-testid="plan-warning"' in client.get(plan.get_absolute_url()).content.decode()
    TrainingClassFactory(plan=plan)
    assert 'data-testid="plan-warning"' not in client.get(plan.get_absolute_url()).content.decode()
    TrainingClassFactory.create_batch(2, plan=plan)
    assert 'data-testid="plan-warning"' in client.get(plan.get_absolute_url()).content.decode()


def test_class_list_filters_and_exports(client_for, leader_user):
    from io import BytesIO

    from openpyxl import load_workbook

    TrainingClassFactory(title="Lớp chính trị tư tưởng", for_inspection_members=False)
    TrainingClassFactory(
        title="Lớp Ban Thanh tra nhân dân", for_democracy_officers=False, for_inspection_members=True
    )
    client = client_for(leader_user)
    content = client.get(reverse("training:class_list"), {"target_group": "inspection"}).content.decode()
    assert "Lớp Ban Thanh tra nhân dân" in content and "Lớp chính trị tư tưởng" not in content
    response = client.get(reverse("training:class_list"), {"export": "xlsx", "q": "chính trị"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == ["Lớp chính trị tư tưởng"]


def _column_headings(page: str) -> list[str]:
    heads = re.findall(r'<th scope="col"[^>]*>(.*?)</th>', page, flags=re.S)
    return [re.sub(r"<[^>]+>|\s+", " ", head).strip() for head in heads]


def test_plan_list_columns_say_what_they_hold(client_for, leader_user):
    plan = TrainingPlanFactory(year=2026)
    TrainingClassFactory(plan=plan)
    page = client_for(leader_user).get(reverse("training:plan_list")).content.decode()
    assert _column_headings(page) == [
        _("Year"),
        _("Approving decision"),
        _("Classes (cancelled ones not counted)"),
        _("Against the resolution (1–2 classes a year)"),
    ]
    # The badge under the last heading: the year keeps to the resolution.
    assert _("1–2 classes") in page
