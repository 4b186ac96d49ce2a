import re
def test_probe(client, province, admin_user, settings, tmp_path):
    from reporting.services import report_ensure
    report_ensure(year=2026, actor=admin_user)
    client.force_login(admin_user)
    html = client.get("/reports/2026/narrative/").content.decode()
    print(re.findall(r"<label[^>]*>.*?</label>", html, re.S))
