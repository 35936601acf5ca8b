"""Serves the modules built into gradviz (micrograd, graphviz, _gradviz_host).

The finder sits at the end of sys.meta_path, so a module of the script's own beside it, or
an installed package, is always found first; gradviz's copy is found only where nothing else
is, as if it were one more folder at the end of sys.path.
"""
import sys
from importlib.machinery import ModuleSpec

PREFIX = "<gradviz>/"


class EmbeddedLoader:
    """Loads one embedded module (the importlib Loader protocol, without importing
    importlib.abc, which costs more than the rest of start-up)."""

    def __init__(self, name, path, source):
        self.name = name
        self.path = path
        self.source = source

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        code = compile(self.source, PREFIX + self.path, "exec", dont_inherit=True)
        exec(code, module.__dict__)

    def get_source(self, name):
        return self.source

    def is_package(self, name):
        return self.path.endswith("__init__.py")


class EmbeddedFinder:
    """A meta path finder over {path: source} of the embedded .py files."""

    def __init__(self, files):
        self.modules = {}
        for path, source in files.items():
            if not path.endswith(".py"):
                continue
            parts = path[:-3].split("/")
            if parts[-1] == "__init__":
                parts = parts[:-1]
            self.modules[".".join(parts)] = (path, source)

    def find_spec(self, name, path=None, target=None):
        entry = self.modules.get(name)
        if entry is None:
            return None
        parent = name.rpartition(".")[0]
        if parent:
            # A submodule only inside gradviz's own package, never inside a package found
            # elsewhere (an installed micrograd keeps its own engine).
            package = sys.modules.get(parent)
            if not isinstance(getattr(getattr(package, "__spec__", None), "loader", None), EmbeddedLoader):
                return None
        file, source = entry
        loader = EmbeddedLoader(name, file, source)
        is_package = file.endswith("__init__.py")
        return ModuleSpec(name, loader, origin=PREFIX + file, is_package=is_package)

    def invalidate_caches(self):
        pass


def install(files):
    """Appends the finder of `files` ({path: source}) to the end of sys.meta_path."""
    finder = EmbeddedFinder(files)
    sys.meta_path.append(finder)
    return finder


def is_embedded(module):
    """Whether `module` came from gradviz's embedded files."""
    # By origin: the loaders in use come from the bootstrap copy of this module, whose
    # classes are not this module's.
    origin = getattr(getattr(module, "__spec__", None), "origin", None) or ""
    return origin.startswith(PREFIX)
