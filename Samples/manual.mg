# Backpropagation by hand, one node at a time, as the walkthrough does.
a = Value(2.0, label='a')
b = Value(-3.0, label='b')
c = Value(10.0, label='c')
e = a * b; e.label = 'e'
d = e + c; d.label = 'd'
f = Value(-2.0, label='f')
L = d * f; L.label = 'L'
L.grad = 1.0
L._backward()
d._backward()
e._backward()
draw_dot(L)
