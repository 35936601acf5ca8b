"""One training step of micrograd's demo, 20 times: MLP(2, [16, 16, 1]) on 100 moons points,
SVM hinge loss + 1e-4 L2, SGD, exactly as micrograd's demo.ipynb, with micrograd 0.1.0's
own nn.py classes (below, as published).

Under gradviz (`gradviz run train_step.py DATA`) Value is gradviz's micrograd-flavoured
Value; under CPython (`python3 train_step.py DATA`) it is micrograd 0.1.0's from PyPI.
Prints one JSON line: the implementation, the median seconds per step (wall clock, and CPU
time, which a busy machine disturbs less) and every loss.
"""
import gc
import json
import random
import statistics
import sys
import time

try:
    from _gradviz import MicrogradValue as Value
    impl = "gradviz"
except ImportError:
    from micrograd.engine import Value
    impl = "micrograd"


# micrograd 0.1.0's nn.py (MIT licence, Andrej Karpathy), unchanged but for the import.
class Module:

    def zero_grad(self):
        for p in self.parameters():
            p.grad = 0

    def parameters(self):
        return []

class Neuron(Module):

    def __init__(self, nin, nonlin=True):
        self.w = [Value(random.uniform(-1,1)) for _ in range(nin)]
        self.b = Value(0)
        self.nonlin = nonlin

    def __call__(self, x):
        act = sum((wi*xi for wi,xi in zip(self.w, x)), self.b)
        return act.relu() if self.nonlin else act

    def parameters(self):
        return self.w + [self.b]

class Layer(Module):

    def __init__(self, nin, nout, **kwargs):
        self.neurons = [Neuron(nin, **kwargs) for _ in range(nout)]

    def __call__(self, x):
        out = [n(x) for n in self.neurons]
        return out[0] if len(out) == 1 else out

    def parameters(self):
        return [p for n in self.neurons for p in n.parameters()]

class MLP(Module):

    def __init__(self, nin, nouts):
        sz = [nin] + nouts
        self.layers = [Layer(sz[i], sz[i+1], nonlin=i!=len(nouts)-1) for i in range(len(nouts))]

    def __call__(self, x):
        for layer in self.layers:
            x = layer(x)
        return x

    def parameters(self):
        return [p for layer in self.layers for p in layer.parameters()]


rows = [line.split(",") for line in open(sys.argv[1]).read().split("\n")[1:] if line]
X = [[float(r[0]), float(r[1])] for r in rows]
y = [int(float(r[2])) for r in rows]
steps = int(sys.argv[2]) if len(sys.argv) > 2 else 20
random.seed(1337)
model = MLP(2, [16, 16, 1])

times, cpu_times, losses = [], [], []
for k in range(steps):
    gc.collect(); gc.disable()
    t0 = time.perf_counter()
    c0 = time.process_time()
    scores = [model(list(map(Value, x))) for x in X]
    step_losses = [(1 + -yi * si).relu() for yi, si in zip(y, scores)]
    loss = sum(step_losses) * (1.0 / len(step_losses)) + 1e-4 * sum(p * p for p in model.parameters())
    model.zero_grad()
    loss.backward()
    lr = 1.0 - 0.9 * k / 100
    for p in model.parameters():
        p.data -= lr * p.grad
    times.append(time.perf_counter() - t0)
    cpu_times.append(time.process_time() - c0)
    gc.enable()
    losses.append(loss.data)
print(json.dumps({"impl": impl, "median_step_s": statistics.median(times),
                  "median_step_cpu_s": statistics.median(cpu_times), "losses": losses}))
