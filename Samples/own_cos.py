# A Value class of one's own with a cos, an op gradviz does not know, whose _backward has the
# sign wrong: the derivative of cos(x) is -sin(x). `gradviz check Samples/own_cos.py` runs the
# script again with x nudged to find it.
import math


class Value:
  def __init__(self, data, _children=(), _op='', label=''):
    self.data = data
    self.grad = 0.0
    self._backward = lambda: None
    self._prev = set(_children)
    self._op = _op
    self.label = label

  def __mul__(self, other):
    out = Value(self.data * other.data, (self, other), '*')

    def _backward():
      self.grad += other.data * out.grad
      other.grad += self.data * out.grad
    out._backward = _backward
    return out

  def cos(self):
    out = Value(math.cos(self.data), (self,), 'cos')

    def _backward():
      self.grad += math.sin(self.data) * out.grad
    out._backward = _backward
    return out

  def backward(self):
    topo = []
    visited = set()
    def build_topo(v):
      if v not in visited:
        visited.add(v)
        for child in v._prev:
          build_topo(child)
        topo.append(v)
    build_topo(self)
    self.grad = 1.0
    for node in reversed(topo):
      node._backward()


x = Value(0.5, label='x')
w = Value(-2.0, label='w')
c = x.cos(); c.label = 'c'
y = c * w; y.label = 'y'
y.backward()
