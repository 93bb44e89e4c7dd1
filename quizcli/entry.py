"""The `quiz` console script. A Ctrl-C while Python is still importing the program ends it as a Ctrl-C at a
prompt does (the "interrupted" line, exit 130), not with a traceback: the CLI's own handler is not installed yet."""

from __future__ import annotations

import sys


def main() -> None:
    try:
        from quizcli.cli import main as run
    except KeyboardInterrupt:
        from quizcli.errors import EXIT_INTERRUPTED
        from quizcli.i18n import resolve_lang, t

        print(t(resolve_lang(), "interrupted"), file=sys.stderr)
        sys.exit(EXIT_INTERRUPTED)
    run()
