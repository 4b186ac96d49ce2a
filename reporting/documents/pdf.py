"""The report as PDF, converted from its DOCX by headless LibreOffice.

Each conversion runs with its own throw-away LibreOffice profile, so conversions running side by side (two
Celery workers) do not fight over one profile's lock, and a crashed run leaves nothing behind.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

TIMEOUT_SECONDS = 120


class PdfConversionError(RuntimeError):
    """LibreOffice was there but did not produce a PDF (it failed, crashed or ran out of time)."""


def soffice_path() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdf_available() -> bool:
    return soffice_path() is not None


def convert_to_pdf(docx_bytes: bytes, *, timeout: float = TIMEOUT_SECONDS) -> bytes | None:
    """The PDF of a DOCX; ``None`` when LibreOffice is not installed (the caller offers the DOCX only)."""
    program = soffice_path()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="dancoso-pdf-") as work:
        folder = Path(work)
        source = folder / "bao-cao.docx"
        source.write_bytes(docx_bytes)
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ]
        output = _run(command, timeout, home=folder)
        target = folder / "bao-cao.pdf"
        if not target.is_file() or target.stat().st_size == 0:
            raise PdfConversionError(f"LibreOffice produced no PDF: {output[-500:]}")
        return target.read_bytes()


def _run(command: list[str], timeout: float, *, home: Path) -> str:
    """Run LibreOffice in its own process group, so a timeout kills soffice.bin too, not just the wrapper.

    HOME points into the work folder: the web server's user may have no writable home, and LibreOffice
    writes caches there even with its own profile.
    """
    process = subprocess.Popen(  # noqa: S603 - a fixed command, the only variable parts are our own paths
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        env={**os.environ, "HOME": str(home)},
    )
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired as error:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise PdfConversionError(f"LibreOffice did not finish within {timeout:g} seconds.") from error
    text = output.decode("utf-8", "replace")
    if process.returncode != 0:
        raise PdfConversionError(f"LibreOffice failed (exit code {process.returncode}): {text[-500:]}")
    return text
