"""Re-running a script's forward with one of its leaves nudged, for central differences of
the whole script.

A re-run is an ordinary run of the script (``runner.run``: a fresh namespace, the same seed,
prints captured) with a ``Nudging`` attached to it. While it lasts, every class the script's
own code defines (the script, its notebook cells, the modules of its folder) has its
``__init__`` wrapped: each value-like object that ``__init__`` leaves without children (a
leaf) gets the next creation index, 0, 1, 2, ... For a deterministic script the same leaf
gets the same index on every run. The leaf with index ``target`` gets ``data = value`` as
soon as its ``__init__`` returns, before anything uses it.

The root is the argument of the ``picture``-th ``draw_dot`` call (0-based, counting the calls
whose argument has a picture), and the run stops there; with ``picture=None`` it is the last
value, and the run goes to the end.
"""

import builtins
import functools
import types
import weakref

from _gradviz_host import trace

__all__ = ["Nudging", "Stop"]


class Stop(BaseException):
    """Ends a re-run once the root's data is known; the runner catches it."""


class Nudging:
    """What one re-run nudges and records."""

    def __init__(self, picture, target, value, record):
        # The draw_dot call whose root is wanted (0-based), or None for the last value.
        self.picture = picture
        # The creation index of the leaf to nudge, or -1 for none, and its new data.
        self.target = target
        self.value = value
        # Whether to keep each live leaf's creation index and data (the run without a nudge).
        self.record = record
        self.count = 0
        self.pictures = 0
        self.found = False
        self.root_data = None
        self.leaves = None
        self.made = {}
        self.building = set()
        self.original_build_class = None

    # The root.

    def drawn(self, root):
        """A draw_dot call in the re-run: the wanted one gives the root and stops the run."""
        import _gradviz
        if not isinstance(root, (_gradviz.Value, _gradviz.MicrogradValue)) and not trace.is_value_like(root):
            trace.trace(root)  # raises the TypeError that the first run's draw_dot raised
        index = self.pictures
        self.pictures += 1
        if self.picture is not None and index == self.picture:
            self.take(root)
            raise Stop()

    def take(self, root):
        """Reads the root's data and, when recording, the creation index of each leaf."""
        self.found = True
        try:
            self.root_data = float(root.data)
        except Exception:
            self.root_data = float("nan")
        if self.record and trace.is_value_like(root):
            graph = trace.trace(root, keep_objects=True)
            leaves = []
            for node, inputs in zip(graph["objects"], graph["inputs"]):
                if inputs:
                    leaves.append(None)
                    continue
                entry = self.made.get(id(node))
                if entry is None or _referent(entry[0]) is not node:
                    leaves.append(None)
                else:
                    leaves.append((entry[1], entry[2]))
            self.leaves = {"data": graph["data"], "op": graph["op"], "leaves": leaves}

    # Creation order.

    def install(self, names):
        """Wraps the classes the script builds from now on; `names` is the run's builtins."""
        original = builtins.__build_class__
        self.original_build_class = original

        def build_class(func, name, *bases, **keywords):
            cls = original(func, name, *bases, **keywords)
            try:
                own = _is_script_code(func.__code__.co_filename)
            except AttributeError:
                own = False
            if own:
                self._wrap(cls)
            return cls

        builtins.__build_class__ = build_class
        names["__build_class__"] = build_class

    def uninstall(self):
        if self.original_build_class is not None:
            builtins.__build_class__ = self.original_build_class
            self.original_build_class = None
        self.made.clear()

    def _wrap(self, cls):
        init = cls.__dict__.get("__init__")
        if not isinstance(init, types.FunctionType):
            return
        nudging = self
        building = self.building

        @functools.wraps(init)
        def __init__(obj, *args, **kwargs):
            key = id(obj)
            outer = key not in building
            if outer:
                building.add(key)
            try:
                return init(obj, *args, **kwargs)
            finally:
                if outer:
                    building.discard(key)
                    nudging._made(obj)

        try:
            cls.__init__ = __init__
        except (AttributeError, TypeError):
            pass

    def _made(self, obj):
        if not trace.is_value_like(obj):
            return
        children, _ = trace._read_children(obj)
        if len(children):
            return
        index = self.count
        self.count += 1
        if index == self.target:
            obj.data = self.value
        if self.record:
            try:
                data = float(obj.data)
            except Exception:
                data = float("nan")
            key = id(obj)
            made = self.made
            try:
                def forget(reference, key=key):
                    entry = made.get(key)
                    if entry is not None and entry[0] is reference:
                        del made[key]
                holder = weakref.ref(obj, forget)
            except TypeError:
                holder = obj  # no weak references (__slots__): kept alive for the run
            made[key] = (holder, index, data)


def _referent(holder):
    return holder() if isinstance(holder, weakref.ref) else holder


def _is_script_code(filename):
    from _gradviz_host import runner
    return runner._is_user_file(filename)
