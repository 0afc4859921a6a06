"""Check the system libraries the platform needs and say exactly what to install."""

from __future__ import annotations

import ctypes.util
import sys

DEBIAN_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"


def main() -> int:
    try:
        import weasyprint  # noqa: F401, PLC0415 (the import is the check)
    except OSError as error:
        print(
            "WeasyPrint (PDF certificates) cannot find its system libraries "
            f"({error}).\nOn Debian or Ubuntu install them with:\n"
            f"    sudo apt-get install {DEBIAN_PACKAGES}\n"
            "On other systems install Pango 1.44 or newer.",
            file=sys.stderr,
        )
        return 1
    if ctypes.util.find_library("harfbuzz-subset") is None:
        print(
            "Note: HarfBuzz's font subsetter is missing, so PDF certificates render several "
            "times slower.\nOn Debian or Ubuntu: sudo apt-get install libharfbuzz-subset0",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
