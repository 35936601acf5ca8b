"""The reference for gradviz's built-in `Value` in plain Python, for differential tests.

The lecture's Value (karpathy/nn-zero-to-hero, micrograd lecture), completed with the
operations gradviz's Value has: every arithmetic dunder and its reflection, `**` with a number,
relu, tanh, exp, log, sigmoid. Its repr is the walkthrough's `Value(data=...)`. Children are
a tuple in operand order, and backward builds its topological order iteratively.
"""

import math


class Value:
    def __init__(self, data, _children=(), _op="", label=""):
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise TypeError(f"Value data must be a number, not {type(data).__name__}")
        self.data = data
        self.grad = 0.0
        self._backward = lambda: None
        self._prev = tuple(_children)
        self._op = _op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data})"

    @staticmethod
    def _wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = self._wrap(other)
        out = Value(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad

        out._backward = _backward
        return out

    def __mul__(self, other):
        other = self._wrap(other)
        out = Value(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad

        out._backward = _backward
        return out

    def __pow__(self, other):
        out = Value(self.data**other, (self,), f"**{other}")

        def _backward():
            self.grad += other * self.data ** (other - 1) * out.grad

        out._backward = _backward
        return out

    def __neg__(self):
        return self * -1

    def __sub__(self, other):
        return self + (-self._wrap(other))

    def __truediv__(self, other):
        return self * self._wrap(other) ** -1

    def __radd__(self, other):
        return self + other

    def __rmul__(self, other):
        return self * other

    def __rsub__(self, other):
        return self._wrap(other) - self

    def __rtruediv__(self, other):
        return self._wrap(other) / self

    def _unary(self, data, op, local):
        out = Value(data, (self,), op)

        def _backward():
            self.grad += local(out) * out.grad

        out._backward = _backward
        return out

    def relu(self):
        return self._unary(self.data if self.data > 0 else 0.0, "ReLU",
                           lambda out: float(out.data > 0))

    def tanh(self):
        t = math.tanh(self.data)
        return self._unary(t, "tanh", lambda out: 1 - t**2)

    def exp(self):
        return self._unary(math.exp(self.data), "exp", lambda out: out.data)

    def log(self):
        x = self.data
        return self._unary(math.log(x), "log", lambda out: 1 / x)

    def sigmoid(self):
        s = 1 / (1 + math.exp(-self.data))
        return self._unary(s, "sigmoid", lambda out: s * (1 - s))

    def backward(self):
        topo, seen = [], set()
        stack = [(self, False)]
        while stack:
            node, expanded = stack.pop()
            if expanded:
                topo.append(node)
                continue
            if id(node) in seen:
                continue
            seen.add(id(node))
            stack.append((node, True))
            for child in reversed(node._prev):
                if id(child) not in seen:
                    stack.append((child, False))
        self.grad = 1.0
        for node in reversed(topo):
            node._backward()
