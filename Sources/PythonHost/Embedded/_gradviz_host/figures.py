"""matplotlib figures as PNG pictures: nothing opens a window, every figure is kept.

matplotlib draws with its Agg backend (set before the script can import it). A figure is
taken, as Jupyter's inline backend takes it, when the script calls ``plt.show()`` and, for
what is still open, at the end of each notebook cell and at the end of a script, then closed.
With ``render --all -o DIR`` each one is saved there as PNG beside the pictures, named by the
place it was shown: ``cell-3-figure.png``, ``line-12-figure.png``, then ``-figure-2`` and so
on for more at the same place. Files are written whole or not at all.
"""

import os
import sys

import _gradviz

__all__ = ["install", "watch", "flush", "written"]

# The paths written in this run, in order.
written = []
# How many figures each place has had in this run.
_count = {}


def install():
    """Makes matplotlib use Agg; call before the script runs (matplotlib reads it on import)."""
    os.environ["MPLBACKEND"] = "Agg"
    written.clear()
    _count.clear()
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
    if _folder() is None:  # nothing to save them to: closed, as Jupyter closes them
        numbers = []
        pyplot.close("all")
    import io  # here, not at start-up: most scripts draw no figure

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
    import contextlib
    import tempfile

    folder = _folder()
    if folder is None:
        return
    stem = where.replace(" ", "-") + "-figure"
    _count[stem] = _count.get(stem, 0) + 1
    name = stem + (f"-{_count[stem]}" if _count[stem] > 1 else "") + ".png"
    path = os.path.join(folder, name)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".gradviz-", suffix=".tmp")
    try:
        # mkstemp makes the file 0600; a new picture gets 0666 less the umask, as any
        # other file gradviz writes.
        mask = os.umask(0)
        os.umask(mask)
        os.fchmod(handle, 0o666 & ~mask)
        with os.fdopen(handle, "wb") as file:
            file.write(png)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise
    written.append(path)


def _folder():
    try:
        from _gradviz_host import runner

        run = runner.current()
    except Exception:
        return None
    return getattr(run, "pictures_dir", None)


def _place():
    try:
        from _gradviz_host import runner

        return runner.current_where()
    except Exception:
        return "line 1"
