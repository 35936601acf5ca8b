"""The names a script has without importing anything: Value, draw_dot, and micrograd's
Neuron, Layer and MLP (gradviz's micrograd.nn)."""
import importlib.util
import sys

import _gradviz


def draw_dot(root, *args, **kwargs):
    """Records a picture of root as it is now; gradviz draws it."""
    from _gradviz_host import runner
    runner.picture(root)
    return None


_MICROGRAD = ("micrograd", "micrograd.engine", "micrograd.nn")
_nn = None


def _micrograd_nn():
    """gradviz's own micrograd.nn, loaded once, without leaving `micrograd` in sys.modules:
    a script's `import micrograd` still finds its own or an installed one first."""
    global _nn
    if _nn is not None:
        return _nn
    # The finder in sys.meta_path comes from the bootstrap copy of the finder module, so it
    # is found by what it serves, not by its class.
    embedded = next(
        f for f in sys.meta_path if "micrograd.nn" in getattr(f, "modules", {})
    )
    saved = {name: sys.modules.pop(name) for name in _MICROGRAD if name in sys.modules}
    try:
        for name in _MICROGRAD:
            spec = embedded.find_spec(name)
            module = importlib.util.module_from_spec(spec)
            sys.modules[name] = module
            spec.loader.exec_module(module)
        _nn = sys.modules["micrograd.nn"]
    finally:
        for name in _MICROGRAD:
            sys.modules.pop(name, None)
        sys.modules.update(saved)
    return _nn


def names():
    """The built-in names, which any definition or import of the script shadows."""
    nn = _micrograd_nn()
    return {
        "Value": _gradviz.Value, "draw_dot": draw_dot,
        "Neuron": nn.Neuron, "Layer": nn.Layer, "MLP": nn.MLP,
    }
