import Testing

@testable import Scripting

/// Diagnostics of the language beyond the walkthrough: control flow, lists, functions,
/// f-strings, modules, micrograd's nn, and several errors in one file.
@Suite("Diagnostics of the language")
struct LanguageDiagnosticTests {
  static let cases: [DiagnosticCase] = [
    DiagnosticCase(
      name: "use before assignment names the line that defines it", source: "print(x)\nx = 3\n",
      expected: #"""
        t.mg:1:7: error: name 'x' is not defined
        print(x)
              ^
        note: x is defined on line 2 but used on line 1
        """#),
    DiagnosticCase(
      name: "several syntax errors are all reported",
      source: "x = 1 +\ny = 2\nprint(y\nz = )\nif x\n    w = 1\nok = 3\n",
      expected: #"""
        t.mg:1:8: error: expected an expression but found end of line
        x = 1 +
               ^
        t.mg:4:1: error: expected ',' or ')' but found 'z'
        z = )
        ^
        note: the '(' on line 3 is still open here; is a closing bracket missing?
        t.mg:5:5: error: expected ':' but found end of line
        if x
            ^
        """#),
    DiagnosticCase(
      name: "several lexical errors are all reported",
      source: "a = 1 $ 2\nb = 'open\nc = 3\nd = 0x\n",
      expected: #"""
        t.mg:1:7: error: unexpected character '$'
        a = 1 $ 2
              ^
        t.mg:2:5: error: unterminated string literal
        b = 'open
            ^~~~~
        t.mg:4:5: error: invalid hexadecimal literal
        d = 0x
            ^~
        """#),
    DiagnosticCase(
      name: "a name bound by a skipped line",
      source: "import numpy as np\nxs = np.arange(3)\nprint(xs)\n",
      expected: #"""
        t.mg:3:7: error: name 'xs' is not defined, because line 2 was skipped
        print(xs)
              ^~
        note: line 2 was skipped: numpy and matplotlib are out of scope
        """#),
    DiagnosticCase(
      name: "list index out of range", source: "xs = [1, 2, 3]\nprint(xs[3])\n",
      expected: #"""
        t.mg:2:10: error: list index out of range
        print(xs[3])
                 ^
        note: the list has 3 elements; valid indexes are 0 to 2, or -3 to -1
        """#),
    DiagnosticCase(
      name: "looping over a number", source: "for i in 10:\n    print(i)\n",
      expected: #"""
        t.mg:1:10: error: 'int' object is not iterable
        for i in 10:
                 ^~
        note: to loop n times, write range(n)
        """#),
    DiagnosticCase(
      name: "unpacking the wrong count", source: "a, b = [1, 2, 3]\n",
      expected: #"""
        t.mg:1:8: error: too many values to unpack (expected 2)
        a, b = [1, 2, 3]
               ^~~~~~~~~
        """#),
    DiagnosticCase(
      name: "ordering a Value", source: "x = Value(2.0)\nif x > 1.0:\n    print(x)\n",
      expected: #"""
        t.mg:2:6: error: '>' not supported between instances of 'Value' and 'float'
        if x > 1.0:
             ^
        note: compare the data, as in x.data > 0.5
        """#),
    DiagnosticCase(
      name: "math on a Value", source: "import math\nx = Value(2.0)\ny = math.exp(x)\n",
      expected: #"""
        t.mg:3:14: error: must be real number, not Value
        y = math.exp(x)
                     ^
        note: math.exp() works on numbers; its number is x.data
        """#),
    DiagnosticCase(
      name: "abs of a Value", source: "x = Value(-2.0)\ny = abs(x)\n",
      expected: #"""
        t.mg:2:9: error: bad operand type for abs(): 'Value'
        y = abs(x)
                ^
        note: micrograd's Value has no abs; x.relu() + (-x).relu() records |x| in the graph
        """#),
    DiagnosticCase(
      name: "a class of the script's own", source: "class Point:\n    pass\n",
      expected: #"""
        t.mg:1:1: error: classes are not supported
        class Point:
        ^~~~~
        note: gradviz provides Value, Module, Neuron, Layer, MLP; scripts cannot define classes
        """#),
    DiagnosticCase(
      name: "break outside a loop", source: "break\n",
      expected: #"""
        t.mg:1:1: error: 'break' outside loop
        break
        ^~~~~
        """#),
    DiagnosticCase(
      name: "a single brace in an f-string", source: "print(f'a } b')\n",
      expected: #"""
        t.mg:1:11: error: f-string: single '}' is not allowed
        print(f'a } b')
                  ^
        note: write '}}' for a literal brace
        """#),
    DiagnosticCase(
      name: "a format spec on a Value", source: "x = Value(2.0)\nprint(f'{x:.4f}')\n",
      expected: #"""
        t.mg:2:10: error: unsupported format string passed to Value.__format__
        print(f'{x:.4f}')
                 ^
        note: format its data instead, as in {x.data:.4f}
        """#),
    DiagnosticCase(
      name: "a syntax error inside an f-string's field", source: "print(f'{1 +}')\n",
      expected: #"""
        t.mg:1:13: error: expected an expression but found '}'
        print(f'{1 +}')
                    ^
        """#),
    DiagnosticCase(
      name: "a dictionary", source: "d = {'a': 1}\n",
      expected: #"""
        t.mg:1:5: error: dictionaries and sets are not supported
        d = {'a': 1}
            ^
        note: use a list, such as [a, b], and index it with xs[0]
        """#),
    DiagnosticCase(
      name: "a local used before its assignment",
      source: "x = 1\ndef f():\n    print(x)\n    x = 2\nf()\n",
      expected: #"""
        t.mg:3:11: error: local variable 'x' referenced before assignment
            print(x)
                  ^
        note: 'x' is assigned somewhere in f(), so it is local throughout it; write 'global x' to use the global one
        note: in f(), called at t.mg:5:1
        """#),
    DiagnosticCase(
      name: "a missing argument", source: "def f(a, b):\n    return a + b\nf(1)\n",
      expected: #"""
        t.mg:3:1: error: f() missing 1 required positional argument: 'b'
        f(1)
        ^~~~
        note: f(a, b) is defined at t.mg:1:5
        """#),
    DiagnosticCase(
      name: "the @ operator", source: "a = Value(1.0)\nb = a @ a\n",
      expected: #"""
        t.mg:2:7: error: the '@' operator (__matmul__) is not supported
        b = a @ a
              ^
        note: Value is a scalar; use * and sum()
        """#),
    DiagnosticCase(
      name: "len of a Value", source: "x = Value(1.0)\nn = len(x)\n",
      expected: #"""
        t.mg:2:9: error: object of type 'Value' has no len()
        n = len(x)
                ^
        note: a Value is one number
        """#),
    DiagnosticCase(
      name: "torch's .item() on a grad",
      source: "x = Value(1.0)\nx.backward()\nprint(x.grad.item())\n",
      expected: #"""
        t.mg:3:14: error: 'float' has no attribute 'item'
        print(x.grad.item())
                     ^~~~
        note: it is already a plain number
        """#),
    DiagnosticCase(
      name: "else without if", source: "else:\n    pass\n",
      expected: #"""
        t.mg:1:1: error: 'else' without a matching 'if'
        else:
        ^~~~
        """#),
    DiagnosticCase(
      name: "an error two calls deep names both call sites",
      source:
        "def inner(v):\n    return v.data / 0\ndef outer(v):\n    return inner(v) + 1\nx = Value(1.0)\nouter(x)\n",
      expected: #"""
        t.mg:2:21: error: division by zero
            return v.data / 0
                            ^
        note: in inner(), called at t.mg:4:12
        note: in outer(), called at t.mg:6:1
        """#),
    DiagnosticCase(
      name: "an operation Value does not have", source: "x = Value(1.0)\ny = x.sin()\n",
      expected: #"""
        t.mg:2:7: error: 'Value' has no attribute 'sin'
        y = x.sin()
              ^~~
        note: gradviz's Value has data, grad, label, _op and the operations + - * / **, tanh(), exp(), relu(), log() and sigmoid()
        """#),
    DiagnosticCase(
      name: "the log of a negative Value", source: "x = Value(-1.0)\ny = x.log()\n",
      expected: #"""
        t.mg:2:5: error: math domain error
        y = x.log()
            ^~~~~~~
        note: log() needs a positive number; the Value is Value(data=-1.0)
        """#),
    DiagnosticCase(
      name: "a negative Value to a Value power",
      source: "a = Value(-2.0)\nb = Value(0.5)\nc = a ** b\n",
      expected: #"""
        t.mg:3:7: error: a negative number cannot be raised to a Value power
        c = a ** b
              ^~
        note: the base is -2.0; the derivative with respect to the exponent, a**b * ln(a), needs a > 0
        """#),
    DiagnosticCase(
      name: "an MLP given the wrong number of inputs",
      source: "n = MLP(3, [4, 1])\ny = n([1.0, 2.0])\n",
      expected: #"""
        t.mg:2:7: error: an MLP of 3 inputs was given 2
        y = n([1.0, 2.0])
              ^~~~~~~~~~
        """#),
    DiagnosticCase(
      name: "a bracket never closed", source: "a = Value(1.0)\nb = (a + 2\nc = 3\n",
      expected: #"""
        t.mg:2:5: error: '(' was never closed
        b = (a + 2
            ^
        """#),
    DiagnosticCase(
      name: "mismatched brackets", source: "xs = [1, 2)\n",
      expected: #"""
        t.mg:1:11: error: closing ')' does not match opening '['
        xs = [1, 2)
                  ^
        """#),
    DiagnosticCase(
      name: "a missing comma", source: "print(1,\n      2 3)\n",
      expected: #"""
        t.mg:2:9: error: expected ',' or ')' but found '3'
              2 3)
                ^
        note: is a ',' missing?
        """#),
    DiagnosticCase(
      name: "a parameter without a default after one with", source: "def f(a=1, b):\n    pass\n",
      expected: #"""
        t.mg:1:12: error: parameter without a default follows parameter with a default
        def f(a=1, b):
                   ^
        """#),
    DiagnosticCase(
      name: "a slice step of zero", source: "xs = [1, 2, 3]\nprint(xs[::0])\n",
      expected: #"""
        t.mg:2:10: error: slice step cannot be zero
        print(xs[::0])
                 ^~~
        """#),
    DiagnosticCase(
      name: "a number added to text", source: "s = 'n = ' + 3\n",
      expected: #"""
        t.mg:1:12: error: unsupported operand type(s) for +: 'str' and 'int'
        s = 'n = ' + 3
                   ^
        note: to put a number in text, write str(n) or an f-string such as f'n = {n}'
        """#),
    DiagnosticCase(
      name: "a misspelt module function", source: "import math\nprint(math.expp(1))\n",
      expected: #"""
        t.mg:2:12: error: module 'math' has no attribute 'expp'
        print(math.expp(1))
                   ^~~~
        note: did you mean 'exp'?
        """#),
    DiagnosticCase(
      name: "importing a name the module does not have", source: "from math import exq\n",
      expected: #"""
        t.mg:1:18: error: cannot import name 'exq' from 'math'
        from math import exq
                         ^~~
        note: did you mean 'exp'?
        """#),
    DiagnosticCase(
      name: "a loop without end stops at the step budget",
      source: "i = 0\nwhile True:\n    i += 1\n",
      expected: #"""
        t.mg:3:5: error: the script took too many steps and was stopped here
            i += 1
            ^~~~~~
        note: the limit is 1000 steps; raise it with --max-steps if the script is meant to run longer
        """#, maxSteps: 1_000),
  ]

  @Test("a wrong script gives exactly this diagnostic", arguments: cases)
  func diagnoses(_ wrong: DiagnosticCase) {
    #expect(diagnostic(wrong.source, maxSteps: wrong.maxSteps) == wrong.expected)
  }
}
