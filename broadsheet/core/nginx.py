"""deploy/nginx/broadsheet.conf made runnable: rendered, and started as a test's own nginx.

Used by the proxy tests (core/tests/test_edge_cache.py) and `make bench`: an nginx in a
folder of its own (non-root prefix, its own port, cache and logs there) in front of a
`broadsheet serve` from core/e2e.py. `python -m broadsheet.core.nginx render KEY=VALUE …`
prints the deployable file with its placeholders filled.
"""

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[2] / "deploy" / "nginx" / "broadsheet.conf"
MODULES_DIR = Path("/usr/lib/nginx/modules")
# The config needs these (Debian: libnginx-mod-http-cache-purge, -brotli-filter, -static).
MODULES = (
    "ngx_http_cache_purge_module.so",
    "ngx_http_brotli_filter_module.so",
    "ngx_http_brotli_static_module.so",
)
DEFAULTS = {
    "SERVER_NAME": "_",
    "SESSION_COOKIE": "sessionid",
    # The app's hosts, which may purge: one "allow ADDRESS;" each.
    "PURGE_ALLOW": "allow 127.0.0.1; allow ::1;",
    "MEDIA_RESOURCE_POLICY": "same-site",
}


def missing() -> list[str]:
    """What this machine lacks to run the config: nginx itself, or one of its modules."""
    gaps = [] if shutil.which("nginx") else ["nginx (apt-get install nginx-light)"]
    gaps += [name for name in MODULES if not (MODULES_DIR / name).exists()]
    return gaps


def render(template: str | None = None, **values: str) -> str:
    text = TEMPLATE.read_text() if template is None else template
    for name, value in {**DEFAULTS, **values}.items():
        text = text.replace(f"@{name}@", str(value))
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    if left := sorted(set(re.findall(r"@([A-Z_]+)@", code))):
        raise ValueError(f"placeholders left unfilled: {left}")
    return text


def main_config(prefix: Path, site: Path, *, workers: int = 1) -> str:
    """A whole nginx.conf for a private prefix (pid, logs, temp paths all inside it)."""
    modules = "\n".join(f"load_module {MODULES_DIR / name};" for name in MODULES)
    # As root (CI), workers would become "nobody", who cannot read a private tmp dir.
    user = "user root;" if os.geteuid() == 0 else ""
    return f"""{modules}
{user}
worker_processes {workers};
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {prefix}/access.log;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {prefix}/temp/body;
    proxy_temp_path {prefix}/temp/proxy;
    fastcgi_temp_path {prefix}/temp/fastcgi;
    uwsgi_temp_path {prefix}/temp/uwsgi;
    scgi_temp_path {prefix}/temp/scgi;
    include {site};
}}
"""


@dataclass
class NginxProcess:
    process: subprocess.Popen
    prefix: Path
    port: int

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def access_log(self) -> str:
        return (self.prefix / "access.log").read_text(errors="replace")

    def error_log(self) -> str:
        path = self.prefix / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def start_nginx(
    prefix: Path, *, port: int, upstream_port: int, static_root: Path, media_root: Path,
    purge_token: str, workers: int = 1, extra_site: str = "",
) -> NginxProcess:  # fmt: skip
    """nginx -p prefix in the foreground, in front of 127.0.0.1:upstream_port."""
    prefix.mkdir(parents=True, exist_ok=True)
    (prefix / "temp").mkdir(exist_ok=True)
    site = prefix / "broadsheet.conf"
    site.write_text(
        render(
            LISTEN=f"127.0.0.1:{port}",
            UPSTREAM=f"127.0.0.1:{upstream_port}",
            CACHE_DIR=prefix / "cache",
            STATIC_ROOT=static_root,
            MEDIA_ROOT=media_root,
            PURGE_TOKEN=purge_token,
        )
        + extra_site
    )
    conf = prefix / "nginx.conf"
    conf.write_text(main_config(prefix, site, workers=workers))
    command = ["nginx", "-p", str(prefix), "-c", str(conf), "-g", "daemon off;"]
    check = subprocess.run([*command[:-2], "-t"], capture_output=True, text=True)  # noqa: S603
    if check.returncode != 0:
        raise AssertionError(f"nginx -t refused the configuration:\n{check.stderr}")
    process = subprocess.Popen(command, stderr=subprocess.STDOUT, stdout=subprocess.DEVNULL)  # noqa: S603
    server = NginxProcess(process=process, prefix=prefix, port=port)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited:\n{server.error_log()}")
        with contextlib.suppress(OSError):
            urllib.request.urlopen(server.url("/healthz"), timeout=2).close()  # noqa: S310
            return server
        time.sleep(0.1)
    server.stop()
    raise AssertionError(f"nginx did not answer within 10 s:\n{server.error_log()}")


def _main(argv: list[str]) -> int:
    if len(argv) < 1 or argv[0] != "render":
        print("usage: python -m broadsheet.core.nginx render NAME=VALUE …", file=sys.stderr)
        return 2
    values = dict(item.split("=", 1) for item in argv[1:])
    try:
        sys.stdout.write(render(**values))
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(_main(sys.argv[1:]))
