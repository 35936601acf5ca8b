"""matplotlib figures as PNG pictures: nothing opens a window, every figure is kept.

matplotlib draws with its Agg backend (set before the script can import it). A figure is
taken, as Jupyter's inline backend takes it, when the script calls ``plt.show()`` and, for
what is still open, at the end of each notebook cell and at the end of a script; each one is
saved as PNG bytes and handed to gradviz with the place it was shown (``cell 3``,
``line 12``), then closed.
"""

import io
import os
import sys

import _gradviz

__all__ = ["install", "watch", "flush", "taken"]

# (place, PNG bytes) in the order the figures were shown, for hosts without record_figure.
taken = []


def install():
    """Makes matplotlib use Agg; call before the script runs (matplotlib reads it on import)."""
    os.environ["MPLBACKEND"] = "Agg"
    taken.clear()
    _first_seen.clear()


# figure number -> the place where the script was when the figure was first seen open.
_first_seen = {}


def watch(where):
    """After a statement: notes where new figures appeared; takes over ``plt.show``."""
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    for number in pyplot.get_fignums():
        _first_seen.setdefault(number, where)
    if getattr(pyplot.show, "__gradviz_show__", False):
        return

    def show(*args, **kwargs):
        """Saves every open figure as a PNG picture and closes it (nothing is displayed)."""
        flush(_place())

    show.__gradviz_show__ = True
    show.__doc__ = pyplot.show.__doc__
    pyplot.show = show


def flush(where=None):
    """Saves every open figure as a PNG picture and closes them all.

    Each is named by ``where``, else by the place where it was first seen open.
    """
    pyplot = sys.modules.get("matplotlib.pyplot")
    if pyplot is None:
        return
    numbers = pyplot.get_fignums()
    for number in numbers:
        place = where or _first_seen.get(number) or _place()
        figure = pyplot.figure(number)
        buffer = io.BytesIO()
        try:
            figure.savefig(buffer, format="png")
        except Exception as error:
            _gradviz.note(f"figure {number}: not saved: {type(error).__name__}: {error}")
            continue
        _record(place, buffer.getvalue())
    if numbers:
        pyplot.close("all")
    _first_seen.clear()


def _record(where, png):
    record = getattr(_gradviz, "record_figure", None)
    if record is not None:
        record(png, where)
    else:
        taken.append((where, png))


def _place():
    try:
        from _gradviz_host import runner

        return runner.current_where()
    except Exception:
        return "line 1"
