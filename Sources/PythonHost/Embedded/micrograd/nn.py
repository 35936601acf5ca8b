"""micrograd 0.1.0's neural-network module on gradviz's engine.

Same classes, same construction order and the same ``random.uniform(-1, 1)`` draws (one per
weight, input by input, neuron by neuron, layer by layer; biases start at 0), so a model made
after ``random.seed(n)`` has micrograd's weights bit for bit. The forward pass builds the
graph micrograd builds: ``b + w0*x0 + w1*x1 + ...`` summed from the bias, then ReLU on every
layer but the last.
"""

import contextlib
import random

import _gradviz
from micrograd.engine import Value

__all__ = ["Module", "Neuron", "Layer", "MLP"]

# The layer an MLP is building, so that its neurons' weights are tagged with their place.
_building_layer = None


@contextlib.contextmanager
def _group(place):
    """Tags the values made inside with a model's (layer, neuron), for --collapse and
    --cluster; nothing when place is None (a neuron or layer made outside an MLP)."""
    if place is None:
        yield
        return
    previous = _gradviz._enter_group(*place)
    try:
        yield
    finally:
        _gradviz._leave_group(previous)


class Module:
    """Anything with parameters: ``zero_grad()`` sets every parameter's grad to 0."""

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0

    def parameters(self):
        return []


class Neuron(Module):
    """``nin`` weights drawn from U(-1, 1), a bias of 0; ReLU unless ``nonlin=False``."""

    def __init__(self, nin, nonlin=True):
        with _group(getattr(self, "_place", None)):
            self.w = [Value(random.uniform(-1, 1)) for _ in range(nin)]
            self.b = Value(0)
        self.nonlin = nonlin

    def __call__(self, x):
        with _group(getattr(self, "_place", None)):
            # sum() starts from the bias and adds each product in input order.
            act = sum((w * xi for w, xi in zip(self.w, x)), self.b)
            if self.nonlin:
                return act.relu()
            return act

    def parameters(self):
        return self.w + [self.b]

    def __repr__(self):
        kind = "ReLU" if self.nonlin else "Linear"
        return f"{kind}Neuron({len(self.w)})"


class Layer(Module):
    """``nout`` neurons over the same ``nin`` inputs; one output is returned bare."""

    def __init__(self, nin, nout, **kwargs):
        layer = _building_layer
        self.neurons = []
        for j in range(nout):
            neuron = Neuron.__new__(Neuron)
            if layer is not None:
                neuron._place = (layer, j)
            neuron.__init__(nin, **kwargs)
            self.neurons.append(neuron)

    def __call__(self, x):
        outs = [neuron(x) for neuron in self.neurons]
        if len(outs) == 1:
            return outs[0]
        return outs

    def parameters(self):
        return [p for neuron in self.neurons for p in neuron.parameters()]

    def __repr__(self):
        return "Layer of [" + ", ".join(str(neuron) for neuron in self.neurons) + "]"


class MLP(Module):
    """Layers of sizes ``nin, *nouts``; every layer but the last is ReLU, the last is linear."""

    def __init__(self, nin, nouts):
        global _building_layer
        sizes = [nin] + nouts
        last = len(nouts) - 1
        self.layers = []
        try:
            for i in range(len(nouts)):
                _building_layer = i
                self.layers.append(Layer(sizes[i], sizes[i + 1], nonlin=i != last))
        finally:
            _building_layer = None

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self):
        return "MLP of [" + ", ".join(str(layer) for layer in self.layers) + "]"
