# micrograd keeps Python ints where the script gives them; so does gradviz's micrograd.
import random
from micrograd.engine import Value

a = Value(2); b = Value(3)
print(a + b, a * b, a ** 2, -a, a - b, (a * b).relu(), a / b, 1 + a, a ** 0.5, Value(-2.0).relu())
m = (a + b) * (a * b) + a ** 2
m.backward()
print(a, b, m, type(a.grad).__name__)
a.grad = 0.0
m.backward()
print(a, b, m)
e = (a * b + 1).relu()
e.grad = 1
e._backward()
print(e, a, b)

r = random.Random(5)
for case in range(60):
    vs = [Value(r.choice([r.randint(-3, 4), r.randint(-3, 4) + 0.5, float(r.randint(-2, 3))]))
          for _ in range(r.randint(2, 4))]
    for _ in range(r.randint(3, 9)):
        x, y = r.choice(vs), r.choice(vs)
        c = r.choice([1, 2, 2.5, -1, 0])
        vs.append(r.choice([
            lambda: x + y, lambda: x * y, lambda: x - y, lambda: x ** r.choice([1, 2, 3, 2.0]),
            lambda: x.relu(), lambda: -x, lambda: c + x, lambda: c * x, lambda: x * c,
            lambda: c - x, lambda: x + c])())
    vs[-1].backward()
    print(case, vs)
