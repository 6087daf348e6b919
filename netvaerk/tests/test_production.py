"""Production mode: refuses to start half-configured, passes `check --deploy`, and serves pages
and static files through gunicorn and WhiteNoise with the security headers."""

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from django.conf import settings

SECRET = "k8Vf2-Qm4ZpX7rTc9Ls1Nh3Bw6Yd0Ga5Je8Uo2Ri4Ek7Wq1Zx3Cv5Bn7Mm9Pl0Ok2Ij4Hu6"
PRODUCTION = {
    "SECRET_KEY": SECRET,
    "ALLOWED_HOSTS": "netvaerk.example.dk",
    "SITE_URL": "https://netvaerk.example.dk",
}


def run(args: list[str], env: dict, tmp_path, **kwargs) -> subprocess.CompletedProcess:
    clean = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "netvaerk.settings",
        "NETVAERK_VAR_DIR": str(tmp_path / "var"),
        **env,
    }
    return subprocess.run(
        args, env=clean, capture_output=True, text=True, cwd=settings.BASE_DIR, **kwargs
    )


def manage(*args: str, env: dict, tmp_path) -> subprocess.CompletedProcess:
    return run([sys.executable, "manage.py", *args], env, tmp_path, timeout=120)


def start_web(env: dict, tmp_path) -> subprocess.CompletedProcess:
    """Load the WSGI application, as gunicorn does when it starts."""
    return run([sys.executable, "-c", "import netvaerk.wsgi"], env, tmp_path, timeout=120)


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"])
def test_production_refuses_to_start_without_its_own_settings(missing, tmp_path):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = start_web(env, tmp_path)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert f"Production mode needs {missing}" in result.stderr
    deploy = manage("check", "--deploy", env=env, tmp_path=tmp_path)
    assert deploy.returncode != 0
    assert f"(netvaerk.E001) Production mode needs {missing}" in deploy.stderr


def test_production_is_the_default_when_nothing_is_set(tmp_path):
    result = start_web({}, tmp_path)
    assert result.returncode != 0
    assert "Production mode needs SECRET_KEY, ALLOWED_HOSTS, SITE_URL" in result.stderr


@pytest.mark.parametrize("service", ["worker", "beat"])
def test_celery_refuses_to_start_in_unconfigured_production(service, tmp_path):
    celery = os.path.join(os.path.dirname(sys.executable), "celery")
    result = run([celery, "-A", "netvaerk", service], {}, tmp_path, timeout=120)
    assert result.returncode != 0
    assert "Production mode needs SECRET_KEY" in result.stdout + result.stderr


def test_commands_that_only_read_the_code_run_with_nothing_set(tmp_path):
    """A fresh machine can check models against migrations without any configuration."""
    result = manage("makemigrations", "--check", "--dry-run", env={}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout


def test_production_refuses_a_site_address_without_https(tmp_path):
    env = {**PRODUCTION, "SITE_URL": "http://netvaerk.example.dk"}
    result = start_web(env, tmp_path)
    assert result.returncode != 0
    assert "SITE_URL must be an https:// address" in result.stderr


def test_development_mode_starts_with_nothing_set(tmp_path):
    result = manage("check", env={"NETVAERK_ENV": "development"}, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr


def test_check_deploy_is_clean_in_production(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


LINKS_PER_HOUR = 3  # sign-in links one address may ask for, in the gunicorn tests


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers={"Host": "netvaerk.example.dk", **headers})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def gunicorn(tmp_path):
    """gunicorn in production mode behind a (pretend) TLS proxy, with collected static files."""
    env = {
        **PRODUCTION,
        "NETVAERK_BEHIND_PROXY": "1",
        "WEB_CONCURRENCY": "2",
        "NETVAERK_SIGN_IN_RATE_PER_ADDRESS": f"{LINKS_PER_HOUR}/h",
    }
    for command in (
        ["collectstatic", "--no-input"],
        ["migrate", "--no-input"],
        ["createcachetable"],
    ):
        result = manage(*command, env=env, tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
    port = free_port()
    env["GUNICORN_BIND"] = f"127.0.0.1:{port}"
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "netvaerk.wsgi"],
        cwd=settings.BASE_DIR,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "netvaerk.settings",
            "NETVAERK_VAR_DIR": str(tmp_path / "var"),
            **env,
        },
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                fetch(f"{base}/login/")
                break
            except OSError:
                if process.poll() is not None:
                    break
                time.sleep(0.1)
        else:
            pytest.fail("gunicorn did not answer within 10 seconds")
        assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert "GET /login/" in (tmp_path / "gunicorn.log").read_text()  # the access log


def test_gunicorn_serves_pages_and_static_files_with_the_security_headers(gunicorn):
    status, headers, body = fetch(f"{gunicorn}/login/", **{"X-Forwarded-Proto": "https"})
    assert status == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "; Secure" in headers["Set-Cookie"]  # the CSRF cookie
    # The page links the hashed copy of the stylesheet, which WhiteNoise serves compressed
    # and cached for ever.
    css = re.search(rb'href="(/static/css/netvaerk\.[0-9a-f]{12}\.css)"', body)
    assert css, body[:2000]
    status, headers, body = fetch(
        gunicorn + css.group(1).decode(),
        **{"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
    )
    assert status == 200
    assert headers["Content-Type"].startswith("text/css")
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_gunicorn_redirects_plain_http_to_https(gunicorn):
    status, headers, _body = fetch(f"{gunicorn}/login/", **{"X-Forwarded-Proto": "http"})
    assert status == 301
    assert headers["Location"] == "https://netvaerk.example.dk/login/"


def test_gunicorn_counts_sign_in_requests_in_the_shared_cache(gunicorn):
    """Production keeps the rate limits in the database cache, which all workers (and all
    instances) share: two gunicorn workers count together."""
    https = {"X-Forwarded-Proto": "https", "Origin": "https://netvaerk.example.dk"}
    status, headers, body = fetch(f"{gunicorn}/log-ind/", **https)
    assert status == 200
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
    form = f"csrfmiddlewaretoken={token}&email=anna%40example.dk&next=".encode()
    answers = []
    for _attempt in range(LINKS_PER_HOUR + 1):
        request = urllib.request.Request(
            f"{gunicorn}/log-ind/",
            data=form,
            headers={
                "Host": "netvaerk.example.dk",
                "Cookie": f"csrftoken={cookie}",
                "Content-Type": "application/x-www-form-urlencoded",
                **https,
            },
        )
        try:
            with urllib.request.build_opener(NoRedirect).open(request, timeout=10) as response:
                answers.append(response.status)
        except urllib.error.HTTPError as error:
            answers.append(error.code)
    assert answers[:-1] == [302] * (len(answers) - 1)
    assert answers[-1] == 429
