"""What the `factoid` command prints, and how it ends.

File names and document text are the user's data, not ours: printed raw, a name with a newline
forges a line, an escape sequence clears the screen or recolours it, a bidi override reverses
what follows. `safe` shows every such character as a visible escape; the CLI passes each name
and text through it (`say`), and `CommandGroup` turns every error and signal into one line."""
from __future__ import annotations

import json
import os
import re
import signal
import sys
import threading

import click

from .errors import FactoidError

# C0 and C1 controls (newline and ESC among them), DEL, bidi marks, embeddings, overrides and
# isolates, and lone surrogates (an undecodable file name) which no terminal can print
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
# in JSON, C0 controls are escaped already; the rest of the above are escaped as \uXXXX,
# which any JSON reader turns back into the same string
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    c = match.group()
    return _NAMED.get(c) or (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")


def safe(text) -> str:
    """`text` with every control, bidi and surrogate character shown as an escape."""
    return _UNSAFE.sub(_escape, str(text))


def json_line(row) -> str:
    """One JSON line, UTF-8 kept readable, with nothing a terminal would act on."""
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(row, ensure_ascii=False)) + "\n"


def say(text: str = "", err: bool = False) -> None:
    click.echo(safe(text), err=err)


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: what is stored stays, the rest is rolled back."""


def _on_sigterm(signum, frame):
    raise Terminated()


class CommandGroup(click.Group):
    """Every user error becomes one line on stderr, never a traceback; SIGTERM ends a command
    as Ctrl-C does (exit 143 instead of 130)."""

    def invoke(self, ctx):
        main_thread = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGTERM, _on_sigterm) if main_thread else None
        try:
            return super().invoke(ctx)
        except FactoidError as exc:
            click.echo(f"factoid: {safe(exc)}", err=True)
            sys.exit(1)
        except KeyboardInterrupt as exc:
            how, code = ("terminated", 143) if isinstance(exc, Terminated) else ("interrupted", 130)
            click.echo(f"factoid: {how}; every document already stored is complete", err=True)
            sys.exit(code)
        except click.exceptions.ClickException as exc:  # usage errors: they may quote a file name
            exc.message = safe(exc.message)
            raise
        except (click.exceptions.Exit, click.exceptions.Abort):
            raise  # --help and --version exits
        except BrokenPipeError:  # the reader went away (`factoid people | head`): nothing to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)
        except Exception as exc:  # a bug of ours: one line, the traceback only on request
            if os.environ.get("FACTOID_DEBUG"):
                raise
            click.echo(f"factoid: internal error: {exc.__class__.__name__}: {safe(exc)} "
                       "(set FACTOID_DEBUG=1 to see where)", err=True)
            sys.exit(2)
        finally:
            if main_thread:
                signal.signal(signal.SIGTERM, previous if previous is not None else signal.SIG_DFL)
