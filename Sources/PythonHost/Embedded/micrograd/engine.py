"""micrograd's ``Value``: gradviz's engine with micrograd 0.1.0's repr and graph shapes.

``repr`` is ``Value(data=..., grad=...)``; ``a - b`` is recorded as ``a + (-b)``, ``a / b`` as
``a * b**-1`` and ``-a`` as ``a * -1``, as micrograd builds them, so the numbers match
micrograd's bit for bit and draw_dot draws the same graphs.
"""

from _gradviz import MicrogradValue as Value

__all__ = ["Value"]
