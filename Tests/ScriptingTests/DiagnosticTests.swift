import Testing

@testable import Scripting

/// A wrong script and the exact diagnostic it gives.
struct DiagnosticCase: Sendable, CustomTestStringConvertible {
  var name: String
  var source: String
  var expected: String
  var maxSteps = 10_000_000

  var testDescription: String { name }
}

@Suite("Diagnostics")
struct DiagnosticTests {
  static let cases: [DiagnosticCase] = [
    DiagnosticCase(
      name: "undefined name", source: "a = Value(2.0)\nb = a * c\n",
      expected: """
        t.mg:2:9: error: name 'c' is not defined
        b = a * c
                ^
        """),
    DiagnosticCase(
      name: "undefined name with a suggestion", source: "value = 2\nprint(valeu + 1)\n",
      expected: """
        t.mg:2:7: error: name 'valeu' is not defined
        print(valeu + 1)
              ^~~~~
        note: did you mean 'value'?
        """),
    DiagnosticCase(
      name: "bad character", source: "x = 3 $ 4",
      expected: """
        t.mg:1:7: error: unexpected character '$'
        x = 3 $ 4
              ^
        """),
    DiagnosticCase(
      name: "caret for powers", source: "x = 2^3",
      expected: """
        t.mg:1:6: error: unexpected character '^'
        x = 2^3
             ^
        note: use ** for powers, as in x**2
        """),
    DiagnosticCase(
      name: "full-width punctuation lines up under Chinese text",
      source: "標籤 = Value(1.0, label='中文')；y = 2",
      expected: """
        t.mg:1:28: error: unexpected character '；' (U+FF1B)
        標籤 = Value(1.0, label='中文')；y = 2
                                       ^~
        note: did you mean the ASCII ';'?
        """),
    DiagnosticCase(
      name: "unterminated string", source: "print('hello)\n",
      expected: """
        t.mg:1:7: error: unterminated string literal
        print('hello)
              ^~~~~~~
        """),
    DiagnosticCase(
      name: "unexpected token", source: "x = )",
      expected: """
        t.mg:1:5: error: expected an expression but found ')'
        x = )
            ^
        """),
    DiagnosticCase(
      name: "missing comma", source: "print(a b)",
      expected: """
        t.mg:1:9: error: expected ',' or ')' but found 'b'
        print(a b)
                ^
        note: is a ',' missing?
        """),
    DiagnosticCase(
      name: "missing ')'", source: "x = (1 + 2\ny = 3\n",
      expected: """
        t.mg:1:5: error: '(' was never closed
        x = (1 + 2
            ^
        """),
    DiagnosticCase(
      name: "missing ')' at the end", source: "print(Value(2.0)",
      expected: """
        t.mg:1:6: error: '(' was never closed
        print(Value(2.0)
             ^
        """),
    DiagnosticCase(
      name: "unmatched ')'", source: "x = 1)",
      expected: """
        t.mg:1:6: error: unmatched ')'
        x = 1)
             ^
        """),
    DiagnosticCase(
      name: "unexpected indent", source: "a = 1\n  b = 2\n",
      expected: """
        t.mg:2:1: error: unexpected indent
          b = 2
        ^~
        """),
    DiagnosticCase(
      name: "body without indentation, as the walkthrough's text lost it",
      source: "def f(x):\nreturn 3*x**2 - 4*x + 5\n",
      expected: """
        t.mg:2:1: error: expected an indented block after function definition on line 1
        return 3*x**2 - 4*x + 5
        ^~~~~~
        """),
    DiagnosticCase(
      name: "wrong argument count", source: "def f(x): return x\nf(1, 2)\n",
      expected: """
        t.mg:2:1: error: f() takes 1 positional argument but 2 were given
        f(1, 2)
        ^~~~~~~
        note: f(x) is defined at t.mg:1:5
        """),
    DiagnosticCase(
      name: "method argument count", source: "a = Value(1.0)\nb = a.tanh(2)\n",
      expected: """
        t.mg:2:5: error: tanh() takes 0 arguments but 1 was given
        b = a.tanh(2)
            ^~~~~~~~~
        """),
    DiagnosticCase(
      name: "division by zero with Values",
      source: "a = Value(2.0)\nb = Value(0.0, label='b')\nc = a / b\n",
      expected: """
        t.mg:3:9: error: division by zero
        c = a / b
                ^
        note: the divisor 'b' is Value(data=0.0)
        """),
    DiagnosticCase(
      name: "division by zero with numbers", source: "h = 0\nslope = (2 - 1) / h\n",
      expected: """
        t.mg:2:19: error: division by zero
        slope = (2 - 1) / h
                          ^
        """),
    DiagnosticCase(
      name: "division by zero: a Value divided by 0", source: "a = Value(2.0)\nb = a / 0.0\n",
      expected: """
        t.mg:2:9: error: division by zero
        b = a / 0.0
                ^~~
        """),
    DiagnosticCase(
      name: "zero to a negative power", source: "x = 0.0 ** -1",
      expected: """
        t.mg:1:12: error: division by zero
        x = 0.0 ** -1
                   ^~
        note: 0.0 cannot be raised to a negative power
        """),
    DiagnosticCase(
      name: "a Value at zero to a negative power", source: "x = Value(0.0)\ny = x**-1\n",
      expected: """
        t.mg:2:8: error: division by zero
        y = x**-1
               ^~
        note: 0.0 cannot be raised to a negative power
        """),
    DiagnosticCase(
      name: "unknown attribute with a suggestion", source: "a = Value(1.0)\na.lable = 'x'\n",
      expected: """
        t.mg:2:3: error: 'Value' has no attribute 'lable'
        a.lable = 'x'
          ^~~~~
        note: did you mean 'label'?
        """),
    DiagnosticCase(
      name: "unknown method", source: "x = Value(1.0).cosh()",
      expected: """
        t.mg:1:16: error: 'Value' has no attribute 'cosh'
        x = Value(1.0).cosh()
                       ^~~~
        note: gradviz's Value has data, grad, label, _op and the operations + - * / **, tanh(), exp(), relu(), log() and sigmoid()
        """),
    DiagnosticCase(
      name: "method of a number", source: "x = 3.0\ny = x.tanh()\n",
      expected: """
        t.mg:2:7: error: 'float' has no attribute 'tanh'
        y = x.tanh()
              ^~~~
        note: only a Value has 'tanh'; make one first, as in x = Value(2.0)
        """),
    DiagnosticCase(
      name: "unsupported operand", source: "a = Value(1.0) + 'x'",
      expected: """
        t.mg:1:16: error: unsupported operand type(s) for +: 'Value' and 'str'
        a = Value(1.0) + 'x'
                       ^
        note: to show a Value in text, write f'{x}' or str(x)
        """),
    DiagnosticCase(
      name: "floor division of a Value", source: "a = Value(7.0)\nb = a // 2\n",
      expected: """
        t.mg:2:7: error: unsupported operand type(s) for //: 'Value' and 'int'
        b = a // 2
              ^~
        note: micrograd's Value has no __floordiv__, Python's method for //; its operations are + - * / **, tanh(), exp(), relu(), log() and sigmoid()
        """),
    DiagnosticCase(
      name: "zero to a negative Value power", source: "a = Value(0.0)\nb = a ** Value(-1.0)\n",
      expected: """
        t.mg:2:10: error: division by zero
        b = a ** Value(-1.0)
                 ^~~~~~~~~~~
        note: 0.0 cannot be raised to a negative power
        """),
    DiagnosticCase(
      name: "draw_dot of a number", source: "draw_dot(3)",
      expected: """
        t.mg:1:10: error: draw_dot() needs a Value, not 'int'
        draw_dot(3)
                 ^
        """),
    DiagnosticCase(
      name: "calling a number", source: "x = 3\ny = x(2)\n",
      expected: """
        t.mg:2:5: error: 'int' object is not callable
        y = x(2)
            ^
        note: a number is not a function; did you mean to multiply with '*'?
        """),
    DiagnosticCase(
      name: "integer overflow", source: "x = 2 ** 100",
      expected: """
        t.mg:1:7: error: integer overflow: 2 ** 100 does not fit in 64 bits
        x = 2 ** 100
              ^~
        note: gradviz integers are 64-bit; use a float, such as 2.0, for larger numbers
        """),
    DiagnosticCase(
      name: "integer literal too large", source: "x = 99999999999999999999",
      expected: """
        t.mg:1:5: error: integer literal is too large for 64 bits
        x = 99999999999999999999
            ^~~~~~~~~~~~~~~~~~~~
        note: gradviz integers are 64-bit; write a float instead, such as 99999999999999999999.0
        """),
    DiagnosticCase(
      name: "error inside a function names the call site",
      source: "def g(x):\n    return x / 0\ny = g(2)\n",
      expected: """
        t.mg:2:16: error: division by zero
            return x / 0
                       ^
        note: in g(), called at t.mg:3:5
        """),
    DiagnosticCase(
      name: "nesting too deep",
      source: "x = " + String(repeating: "(", count: 250) + "1"
        + String(repeating: ")", count: 250),
      expected: """
        t.mg:1:205: error: expression nested too deeply
        x = \(String(repeating: "(", count: 250))1\(String(repeating: ")", count: 250))
        \(String(repeating: " ", count: 204))^
        note: gradviz allows at most 200 levels of brackets, operators and blocks
        """),
    DiagnosticCase(
      name: "recursion too deep", source: "def f(x): return f(x)\nf(1)\n",
      expected: """
        t.mg:1:18: error: maximum recursion depth exceeded
        def f(x): return f(x)
                         ^~~~
        note: in f(), called at t.mg:1:18 (99 times)
        note: in f(), called at t.mg:2:1
        """),
    DiagnosticCase(
      name: "step budget", source: "a = 1\nb = 2\nc = a + b\n",
      expected: """
        t.mg:3:1: error: the script took too many steps and was stopped here
        c = a + b
        ^~~~~~~~~
        note: the limit is 4 steps; raise it with --max-steps if the script is meant to run longer
        """, maxSteps: 4),
    DiagnosticCase(
      name: "unsupported statement", source: "try:\n    x = 1\nfinally:\n    pass\n",
      expected: """
        t.mg:1:1: error: 'try' is not supported
        try:
        ^~~
        note: gradviz scripts have no exceptions or context managers
        t.mg:3:1: error: 'finally' is not supported
        finally:
        ^~~~~~~
        note: gradviz scripts have no exceptions or context managers
        """),
    DiagnosticCase(
      name: "Python 2 print", source: "print 'x'",
      expected: """
        t.mg:1:1: error: missing parentheses in call to 'print'
        print 'x'
        ^~~~~
        note: write print(...)
        """),
    DiagnosticCase(
      name: "assignment to a call", source: "f(x) = 2",
      expected: """
        t.mg:1:1: error: cannot assign to function call
        f(x) = 2
        ^~~~
        note: only a name, an attribute such as x.label, or an element such as xs[0] can be assigned to
        """),
    DiagnosticCase(
      name: "Value() with a misspelt keyword", source: "x = Value(2.0, lable='x')",
      expected: """
        t.mg:1:16: error: Value() got an unexpected keyword argument 'lable'
        x = Value(2.0, lable='x')
                       ^~~~~
        note: did you mean 'label'?
        """),
    DiagnosticCase(
      name: "label must be a string", source: "x = Value(2.0)\nx.label = 3\n",
      expected: """
        t.mg:2:11: error: label must be a string, not 'int'
        x.label = 3
                  ^
        """),
    DiagnosticCase(
      name: "null character in the text", source: "x = 1\u{0}\n",
      expected: """
        t.mg:1:6: error: the script contains a null character (U+0000)
        x = 1\u{FFFD}
             ^
        """),
  ]

  @Test("a wrong script gives exactly this diagnostic", arguments: cases)
  func diagnoses(_ wrong: DiagnosticCase) {
    #expect(diagnostic(wrong.source, maxSteps: wrong.maxSteps) == wrong.expected)
  }

  @Test("invalid UTF-8 is a diagnostic pointing at the bad byte")
  func invalidUTF8() {
    let bytes = Array("a = 1\nb = 'caf".utf8) + [0xC3] + Array("'\n".utf8)
    #expect(throws: ScriptError.self) { try Script(bytes: bytes, fileName: "t.mg") }
    do {
      _ = try Script(bytes: bytes, fileName: "t.mg")
    } catch {
      #expect(
        error.description == """
          t.mg:2:9: error: the file is not valid UTF-8: unexpected byte 0xC3
          b = 'caf\u{FFFD}'
                  ^
          note: save the script as UTF-8 text
          """)
      #expect(error.line == 2 && error.column == 9)
    }
  }

  @Test("a NUL byte in a file is a diagnostic")
  func nulByte() {
    do {
      _ = try Script(bytes: Array("x = 1\n中 = 2\0\n".utf8), fileName: "t.mg")
      Issue.record("no error")
    } catch {
      #expect(
        error.description == """
          t.mg:2:6: error: the file contains a null byte
          中 = 2\u{FFFD}
                ^
          note: save the script as UTF-8 text
          """)
    }
  }

  @Test("a UTF-8 byte order mark is dropped; valid files decode")
  func byteOrderMark() throws {
    let script = try Script(
      bytes: [0xEF, 0xBB, 0xBF] + Array("x = '中'\r\n".utf8), fileName: "t.mg")
    #expect(script.source == "x = '中'\r\n")
  }

  @Test("errors carry their location and compare equal")
  func fields() throws {
    do {
      _ = try Interpreter.run(Script(source: "\n  \nx = y", fileName: "<-e>")) { _ in }
      Issue.record("no error")
    } catch {
      #expect(error.fileName == "<-e>")
      #expect(error.line == 3 && error.column == 5)
      #expect(error.message == "name 'y' is not defined")
      #expect(error.description.hasPrefix("<-e>:3:5: error: name 'y' is not defined\n"))
      var other: ScriptError?
      do { _ = try Interpreter.run(Script(source: "\n  \nx = y", fileName: "<-e>")) { _ in } } catch
      {
        other = error
      }
      #expect(other == error)
    }
  }

  @Test("lines printed before a runtime error are still written")
  func outputBeforeError() {
    var printed: [String] = []
    #expect(throws: ScriptError.self) {
      try Interpreter.run(Script(source: "print('before', end='')\nx = 1/0", fileName: "t.mg")) {
        printed.append($0)
      }
    }
    #expect(printed == ["before"])
  }
}
