"""Portal kiriman: the web application of the kecamatan offices and the planning office (issue 13).

``create_app(home)`` builds the application (``orchestration.portal.app``); ``serve(host, port)`` runs it with
uvicorn until SIGINT or SIGTERM."""

from __future__ import annotations

import os
from pathlib import Path

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8090


def server(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, home: Path | None = None):
    """A uvicorn server for the portal (not started): for a caller that runs it beside other services."""
    import uvicorn

    from orchestration.portal.app import create_app

    # Behind a reverse proxy (HTTPS), MONEV_PORTAL_PROXY names its address: only then is X-Forwarded-For read, and
    # only from it, so the login lock-out counts each office's address; otherwise no header changes the address.
    proxy = os.environ.get("MONEV_PORTAL_PROXY", "").strip()
    config = uvicorn.Config(
        create_app(home),
        host=host,
        port=port,
        log_level="info",
        access_log=False,  # paths carry upload tokens; logins and uploads are logged by the portal itself
        proxy_headers=bool(proxy),
        forwarded_allow_ips=proxy or None,
        server_header=False,
    )
    return uvicorn.Server(config)


def serve(host: str = DEFAULT_HOST, port: int = DEFAULT_PORT, home: Path | None = None) -> None:
    """Serve the portal in this thread until SIGINT or SIGTERM (uvicorn stops within seconds)."""
    server(host, port, home).run()
