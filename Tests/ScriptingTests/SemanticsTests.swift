import Autograd
import Testing

@testable import Scripting

@Suite("Python semantics")
struct SemanticsTests {
  @Test(
    "operators have Python's precedence and numbers print as Python prints them",
    arguments: [
      ("1 + 2 * 3", "7"), ("(1 + 2) * 3", "9"), ("10 - 4 - 3", "3"), ("2 * 3 / 4", "1.5"),
      ("-2**2", "-4"), ("(-2)**2", "4"), ("2**3**2", "512"), ("2**-1", "0.5"),
      ("-2**-2", "-0.25"), ("--2", "2"), ("-+-2", "2"), ("+3", "3"),
      ("7//2", "3"), ("-7//2", "-4"), ("7//-2", "-4"), ("7 % 3", "1"), ("-7 % 3", "2"),
      ("7 % -3", "-2"), ("7.5 // 2", "3.0"), ("-7.5 // 2", "-4.0"), ("-7.5 % 2", "0.5"),
      ("10 % 2.5", "0.0"), ("1/2", "0.5"), ("3/2", "1.5"), ("4/2", "2.0"), ("2*3", "6"),
      ("2*3.0", "6.0"), ("2**0.5", "1.4142135623730951"), ("2**10", "1024"), ("0**0", "1"),
      ("2 ** 62", "4611686018427387904"), ("-9223372036854775807 - 1", "-9223372036854775808"),
      ("1e-8", "1e-08"), (".5", "0.5"), ("1.", "1.0"), ("6.8813735870195432", "6.881373587019543"),
      ("1_000_000", "1000000"), ("0x1F", "31"), ("0b101", "5"), ("0o17", "15"),
      ("1e999", "inf"), ("-1e999", "-inf"), ("1e16", "1e+16"), ("0.1 + 0.2", "0.30000000000000004"),
      ("-0.0", "-0.0"), ("True + True", "2"), ("True", "True"), ("False", "False"),
      ("None", "None"), ("3 * -2", "-6"), ("2 * (3 + 4) ** 2 // 5", "19"),
    ])
  func arithmetic(_ expression: String, _ expected: String) throws {
    #expect(try printed(expression) == [expected])
  }

  @Test(
    "strings: quotes, escapes, raw strings, concatenation",
    arguments: [
      ("'a' 'b'", "ab"), ("'ab' * 3", "ababab"), ("2 * 'ab'", "abab"), ("'a' + \"b\"", "ab"),
      (#"'tab\tend'"#, "tab\tend"), (#"'it\'s'"#, "it's"), (#""say \"hi\"""#, "say \"hi\""),
      (#"'\u4e2d\x41\101'"#, "中AA"), (#"r'a\nb'"#, #"a\nb"#), (#"'back\\slash'"#, #"back\slash"#),
      ("'''tri'ple'''", "tri'ple"), (#"'\q'"#, #"\q"#), ("'中文'", "中文"),
    ])
  func strings(_ expression: String, _ expected: String) throws {
    #expect(try printed(expression) == [expected])
  }

  @Test("print joins its arguments with spaces and writes lines")
  func printing() throws {
    #expect(
      try printed("1, 2.5, 'x', True, None, Value(4.0)") == ["1 2.5 x True None Value(data=4.0)"])
    #expect(try run("print()").printed == [""])
    #expect(try run("print('a', 'b', sep='-', end='!\\n')").printed == ["a-b!"])
    #expect(try run("print('a', end='')\nprint('b')").printed == ["ab"])
    #expect(try run("print('x\\ny')").printed == ["x", "y"])
    #expect(try run("print('unfinished', end='')").printed == ["unfinished"])
    #expect(try run("def f(x): return x\nprint(f)").printed == ["<function f>"])
    let attributes = """
      a = Value(2.0, label='a')
      print(a.data, a.grad, a.label, (a*a)._op, (a+1).op, (a**2)._op, (-a)._op, a._op == None)
      """
    #expect(try run(attributes).printed == ["2.0 0.0 a * + **2 neg False"])
    let reads = """
      a = Value(2.0, label='a')
      print(a.tanh()._op, repr, print, Value, math)
      """
    #expect(diagnostic(reads)?.contains("name 'math' is not defined") == true)
    #expect(
      try run("import math\nprint(repr, print, Value, math, len)").printed == [
        "<built-in function repr> <built-in function print> <class 'Value'> <module 'math'> "
          + "<built-in function len>"
      ])
    #expect(
      try run(
        "a = Value(2.0, label='a')\nprint(a.data, a.grad, a.label, (a*a)._op, (a**2)._op, a.relu()._op)"
      )
      .printed == ["2.0 0.0 a * **2 ReLU"])
  }

  @Test("Value() takes data by position or name, and a label by name")
  func valueConstruction() throws {
    let outcome = try run(
      "a = Value(2)\nb = Value(data=3.0)\nc = Value(2.5, label='see')\nd = Value(True)")
    #expect(outcome.value("a")?.data == 2.0)
    #expect(outcome.value("b")?.data == 3.0)
    #expect(outcome.value("see")?.data == 2.5)
    #expect(outcome.value("d")?.data == 1.0)
    #expect(outcome.value("a")?.isLeaf == true)
  }

  @Test("a Value bound at the top level takes the name as its label if it has none")
  func autoLabels() throws {
    let outcome = try run(
      """
      a = Value(2.0)
      b = Value(3.0, label='bee')
      c = a * b + 1
      e = a
      def double(x): return x * 2
      y = double(Value(1.0))
      def twice(x):
          z = x + x
          return z
      w = twice(a)
      """)
    #expect(outcome.value("a")?.data == 2.0)
    #expect(outcome.value("bee")?.data == 3.0)
    #expect(outcome.value("b") == nil)
    #expect(outcome.value("e") == nil, "e = a keeps a's label")
    let c = try #require(outcome.value("c"))
    #expect(c.data == 7.0 && c.op == "+")
    #expect(c.inputs.map(\.label) == ["", ""], "a*b and the constant 1 stay unlabelled")
    let y = try #require(outcome.value("y"))
    #expect(y.inputs[0].label == "", "a function's parameter gives no label")
    #expect(outcome.value("z") == nil, "assignments in a function give no label")
    #expect(outcome.value("w")?.data == 4.0)
  }

  @Test("x += e makes a new node, as Python does for objects without __iadd__")
  func augmentedAssignment() throws {
    let outcome = try run(
      "x = Value(1.0, label='start')\ny = x\nx += 1\nx *= 3\nx -= 1\nx /= 2\nx **= 2")
    #expect(outcome.value("start")?.data == 1.0, "y still refers to the first node")
    let x = try #require(outcome.run.root)
    #expect(x.label == "x" && x.op == "**2" && x.data == 6.25)
    let numbers = try run("c = 10.0\nc += 0.0001\nn = 7\nn //= 2\nn %= 2\nprint(c, n)")
    #expect(numbers.printed == ["10.0001 1"])
    let attributes = try run("a = Value(1.0)\na.data += 0.5\na.grad -= 1\nprint(a.data, a.grad)")
    #expect(attributes.printed == ["1.5 -1.0"])
    #expect(attributes.run.scriptSetGradients)
  }

  @Test("numbers meeting a Value become constant nodes with the engine's operations")
  func engineNodes() throws {
    let outcome = try run(
      """
      x = Value(3.0)
      a = 2 * x
      b = x - 1
      c = -x
      d = x ** 2
      e = x / 2
      f = 1 / x
      g = x.tanh() + x.exp() + x.relu()
      """)
    let a = try #require(outcome.value("a"))
    #expect(a.op == "*" && a.inputs[0].operation == .constant && a.inputs[0].data == 2)
    #expect(outcome.value("b")?.op == "-")
    #expect(outcome.value("c")?.op == "neg")
    #expect(outcome.value("d")?.op == "**2")
    #expect(outcome.value("e")?.data == 1.5)
    #expect(outcome.value("f").map { isClose($0.data, 1.0 / 3) } == true)
    #expect(outcome.value("g")?.op == "+")
  }

  @Test("functions: one line, the body on the next line, several statements, keywords")
  func functions() throws {
    let outcome = try run(
      """
      def f(x): return 3*x**2 - 4*x + 5
      def g(x):
          return x + 1
      def h(a, b):
          s = a + b   # a local
          return s * s
      def nothing(): pass
      k = 10
      def uses_global(x): return x + k
      print(f(3.0), g(1), h(1, 2), h(b=2, a=1), nothing(), uses_global(1))
      """)
    #expect(outcome.printed == ["20.0 2 9 9 None 11"])
  }

  @Test("layout: semicolons, comments, blank lines, CRLF, joined lines, tabs")
  func layout() throws {
    let source =
      "# a comment\r\n\r\na = 1; b = 2;  # two\r\nc = (a +\r\n     b)\r\nd = a + \\\r\n  b\r\n"
      + "def f(x):\r\n\treturn x\r\n\r\n   # indented comment\r\nprint(a, b, c, d, f(5))\r\n"
    #expect(try run(source).printed == ["1 2 3 3 5"])
    #expect(try run("print(1)\rprint(2)").printed == ["1", "2"])
    #expect(try run("").run.root == nil)
    #expect(try run("\n\n# only a comment\n   \n").run.root == nil)
  }

  @Test("names and labels may be Chinese")
  func unicodeNames() throws {
    let outcome = try run("標籤 = Value(1.0, label='中文')\n輸出 = 標籤 * 2\nprint(標籤.label, 輸出.label)")
    #expect(outcome.printed == ["中文 輸出"])
  }

  @Test("the root is the last draw_dot argument, else the last Value assigned at the top level")
  func rootSelection() throws {
    #expect(try run("a = Value(1.0)\ndraw_dot(a)\nb = a * 2").run.root?.label == "a")
    #expect(
      try run("a = Value(1.0)\nb = a * 2\ndraw_dot(b)\ndraw_dot(a)").run.root?.label == "a")
    #expect(try run("a = Value(1.0)\nb = a * 2\nc = 3.0").run.root?.label == "b")
    #expect(try run("a = Value(1.0)\na * 3").run.root?.label == "a")
    #expect(try run("def f(): return Value(2.0)\nf()").run.root == nil)
    #expect(try run("x = 2.0\nprint(x)").run.root == nil)
    #expect(try run("a = Value(1.0)\nprint(draw_dot(a))").printed == ["None"])
  }

  @Test("auto mode runs backward from the root unless the script computed gradients")
  func automaticBackward() throws {
    let auto = try run("a = Value(2.0)\nb = a * a")
    #expect(auto.run.ranBackward && !auto.run.scriptSetGradients)
    #expect(auto.value("a")?.grad == 4 && auto.value("b")?.grad == 1)

    let own = try run("a = Value(2.0)\nb = a * a\nb.backward()")
    #expect(!own.run.ranBackward && own.run.scriptSetGradients)
    #expect(own.value("a")?.grad == 4)

    let assigned = try run("a = Value(2.0)\nb = a * 3\nb.grad = 1.0")
    #expect(!assigned.run.ranBackward && assigned.run.scriptSetGradients)
    #expect(assigned.value("a")?.isGradComputed == false)

    let stepped = try run("a = Value(2.0)\nb = a * 3\ndef step(v): return v._backward()\nstep(b)")
    #expect(!stepped.run.ranBackward && stepped.run.scriptSetGradients)
  }

  @Test("never mode leaves gradients not computed")
  func noBackward() throws {
    let outcome = try run("a = Value(2.0)\nb = a * a + 1", backward: .never)
    #expect(!outcome.run.ranBackward)
    let tape = outcome.run.tape
    #expect((0..<tape.count).allSatisfy { !Value(tape: tape, id: $0).isGradComputed })

    let own = try run("a = Value(2.0)\nb = a * a\nb.backward()", backward: .never)
    #expect(own.value("a")?.grad == 4, "the script's own backward() still runs")
  }

  @Test("a script with no Value has no root, and there is a diagnostic for that")
  func nothingToDraw() throws {
    let script = Script(source: "h = 0.001\nprint(h)\n\n", fileName: "slope.mg")
    let run = try Interpreter.run(script) { _ in }
    #expect(run.root == nil && !run.ranBackward)
    #expect(
      ScriptError.noValueToDraw(in: script).description == """
        slope.mg:2:9: error: no Value to draw
        print(h)
                ^
        note: make one, as in 'a = Value(2.0)', or name it with 'draw_dot(a)'
        """)
  }
}
