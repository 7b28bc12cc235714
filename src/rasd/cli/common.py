"""What every `rasd` command shares: the stderr console and the one-line error handling."""
from __future__ import annotations

import functools
import os

import typer
from rich.console import Console
from rich.markup import escape

from rasd.errors import EXIT_INTERNAL, RasdError

err_console = Console(stderr=True)


def fail(message: str, code: int) -> None:
    err_console.print(f"[bold red]rasd: error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def reports_errors(command):
    """Turn library errors into one line on stderr and a documented exit code: no traceback."""
    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except RasdError as exc:
            fail(str(exc), exc.exit_code)
        except KeyboardInterrupt:
            fail("interrupted", 130)
        except BrokenPipeError:
            raise typer.Exit(0)
        except (typer.Exit, typer.Abort):
            raise
        except Exception as exc:
            if os.environ.get("RASD_DEBUG") == "1":
                raise
            fail(f"[R070] internal error: {type(exc).__name__}: {exc} (set RASD_DEBUG=1 for the traceback)",
                 EXIT_INTERNAL)
    return wrapper
