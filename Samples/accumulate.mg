# b = a + a: the gradient flows to a along both edges and must add up (a.grad = 2).
a = Value(3.0, label='a')
b = a + a; b.label = 'b'
b.backward()
draw_dot(b)
