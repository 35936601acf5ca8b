import Autograd
import Foundation
import Testing

@testable import Scripting

/// A hostile script and the message it must fail with.
struct LimitCase: Sendable, CustomTestStringConvertible {
  var name: String
  var source: String
  var message: String

  var testDescription: String { name }
}

/// Runs `source` from a thread with a small stack and returns its error message, or nil.
func messageOnSmallStack(_ source: String, maxSteps: Int = 10_000_000) -> String? {
  onThread(stackSize: 256 << 10) { () -> String? in
    do {
      _ = try Interpreter.run(Script(source: source, fileName: "t.mg"), maxSteps: maxSteps) { _ in }
      return nil
    } catch {
      return (error as? ScriptError)?.message ?? "\(error)"
    }
  }
}

@Suite("Limits and robustness")
struct RobustnessTests {
  static func nested(_ open: String, _ inner: String, _ close: String, _ count: Int) -> String {
    String(repeating: open, count: count) + inner + String(repeating: close, count: count)
  }

  static let limitCases: [LimitCase] = [
    LimitCase(
      name: "10,000 nested parentheses", source: "x = " + nested("(", "1", ")", 10_000),
      message: "expression nested too deeply"),
    LimitCase(
      name: "10,000 unclosed parentheses", source: "x = " + String(repeating: "(", count: 10_000),
      message: "expression nested too deeply"),
    LimitCase(
      name: "10,000 unary minus signs",
      source: "x = " + String(repeating: "-", count: 10_000) + "1",
      message: "expression nested too deeply"),
    LimitCase(
      name: "10,000 nested calls", source: "x = " + nested("print(", "1", ")", 10_000),
      message: "expression nested too deeply"),
    LimitCase(
      name: "a tower of 10,000 powers",
      source: "x = " + Array(repeating: "1", count: 10_000).joined(separator: "**"),
      message: "expression nested too deeply"),
    LimitCase(
      name: "a sum of 100,000 terms",
      source: "x = " + Array(repeating: "1", count: 100_000).joined(separator: " + "),
      message: "expression too long"),
    LimitCase(
      name: "2,000 chained method calls",
      source: "x = Value(0.5)\ny = x" + String(repeating: ".tanh()", count: 2_000),
      message: "expression too long"),
    LimitCase(
      name: "infinite recursion", source: "def f(x): return f(x)\nf(1)",
      message: "maximum recursion depth exceeded"),
    LimitCase(
      name: "recursion through deep expressions",
      source: "def f(x): return " + nested("(", "f(x)", ")", 190) + "\nf(1)",
      message: "maximum recursion depth exceeded"),
    LimitCase(
      name: "recursion at the bottom of a long sum",
      source: "def f(x): return f(x)" + String(repeating: " + 1", count: 13) + "\nf(1)",
      message: "maximum recursion depth exceeded"),
    LimitCase(
      name: "mutual recursion", source: "def f(x): return g(x)\ndef g(x): return f(x)\nf(1)",
      message: "maximum recursion depth exceeded"),
    LimitCase(
      name: "a string of a billion characters", source: "x = 'a' * 10**9",
      message: "string too long"),
    LimitCase(
      name: "int overflow in +", source: "x = 9223372036854775807 + 1",
      message: "integer overflow: 9223372036854775807 + 1 does not fit in 64 bits"),
    LimitCase(
      name: "int overflow in *", source: "x = 3037000500 * 3037000500",
      message: "integer overflow: 3037000500 * 3037000500 does not fit in 64 bits"),
    LimitCase(
      name: "int overflow in unary minus", source: "m = -9223372036854775807 - 1\nx = -m",
      message: "integer overflow: --9223372036854775808 does not fit in 64 bits"),
    LimitCase(
      name: "int overflow in //", source: "m = -9223372036854775807 - 1\nx = m // -1",
      message: "integer overflow: -9223372036854775808 // -1 does not fit in 64 bits"),
    LimitCase(
      name: "a negative number to a fractional power", source: "x = (-8.0) ** (1/3)",
      message: "a negative number cannot be raised to a fractional power"),
    LimitCase(
      name: "an invisible character", source: "x = 1\u{200B}",
      message: "unexpected invisible character U+200B"),
    LimitCase(
      name: "100,000 nested parentheses", source: "x = " + nested("(", "1", ")", 100_000),
      message: "expression nested too deeply"),
    LimitCase(
      name: "100,000 nested lists", source: "x = " + nested("[", "1", "]", 100_000),
      message: "expression nested too deeply"),
    LimitCase(
      name: "100,000 nested subscripts",
      source: "x = [1]" + String(repeating: "[0]", count: 100_000),
      message: "expression too long"),
    LimitCase(
      name: "a chain of 100,000 conditional expressions",
      source: "x = " + String(repeating: "1 if 1 else ", count: 100_000) + "1",
      message: "expression nested too deeply"),
    LimitCase(
      name: "100,000 nots", source: "x = " + String(repeating: "not ", count: 100_000) + "1",
      message: "expression nested too deeply"),
    LimitCase(
      name: "100,000 nested lambdas",
      source: "f = " + String(repeating: "lambda: ", count: 100_000) + "1",
      message: "expression nested too deeply"),
    LimitCase(
      name: "100,000 comprehension clauses",
      source: "x = [1 " + String(repeating: "for i in [1] ", count: 100_000) + "]",
      message: "expression nested too deeply"),
    LimitCase(
      name: "300 nested blocks",
      source: (0..<300).map { String(repeating: " ", count: $0) + "if 1:\n" }.joined()
        + String(repeating: " ", count: 300) + "pass\n",
      message: "expression nested too deeply"),
    LimitCase(
      name: "a loop without end", source: "while True:\n    pass",
      message: "the script took too many steps and was stopped here"),
    LimitCase(
      name: "a sum over a trillion numbers", source: "x = sum(range(10**12))",
      message: "the script took too many steps and was stopped here"),
    LimitCase(
      name: "a list of a billion elements", source: "x = [0] * 10**9",
      message: "list too long"),
    LimitCase(
      name: "a string doubled without end", source: "s = 'ab'\nwhile True:\n    s = s + s",
      message: "string too long"),
    LimitCase(
      name: "printing a list nested 1,000 deep",
      source: "a = []\nfor i in range(1000):\n    a = [a]\nprint(a)",
      message: "maximum recursion depth exceeded while getting the repr of an object"),
    LimitCase(
      name: "comparing lists nested 1,000 deep",
      source: "a = []\nb = []\nfor i in range(1000):\n    a = [a]\n    b = [b]\nprint(a == b)",
      message: "maximum recursion depth exceeded in comparison"),
    LimitCase(
      name: "recursion through a lambda", source: "f = lambda n: f(n)\nf(1)",
      message: "maximum recursion depth exceeded"),
    LimitCase(
      name: "recursion through map", source: "def f(x): return list(map(f, [x]))\nf(1)",
      message: "maximum recursion depth exceeded"),
    LimitCase(
      name: "a model with a trillion parameters", source: "m = MLP(1000000, [1000000])",
      message: "the model is too large"),
    LimitCase(
      name: "a model of two million parameters", source: "m = MLP(1000, [1000, 1000])",
      message: "the model is too large"),
  ]

  @Test(
    "hostile scripts give a diagnostic, never a crash, from a thread with a 256 KiB stack",
    arguments: limitCases)
  func limits(_ hostile: LimitCase) {
    #expect(messageOnSmallStack(hostile.source) == hostile.message)
  }

  @Test("the deepest scripts the limits allow run, from a thread with a 256 KiB stack")
  func deepestAllowed() {
    let deepest = [
      "x = " + Self.nested("(", "1", ")", 199),
      "x = " + String(repeating: "-", count: 199) + "1",
      "x = " + Array(repeating: "1", count: 1_000).joined(separator: "+"),
      "x = Value(0.5)\ny = x" + String(repeating: ".tanh()", count: 499),
      "def f(x): return x + 1\ny = f(" + Self.nested("f(", "1", ")", 98) + ")",
    ]
    for source in deepest {
      #expect(messageOnSmallStack(source) == nil, "\(source.prefix(40))")
    }
  }

  @Test("numbers past a float's range, a 100,000-iteration loop, deep lists and closures run")
  func largeButFine() throws {
    #expect(
      try run("print(1e999, -1e999, 1e-999, 10.0 ** 400 if False else 2.0 ** 1024 if False else 1)")
        .printed == ["inf -inf 0.0 1"])
    #expect(
      try run("s = 0\nfor i in range(100000):\n    s += i\nprint(s)").printed == ["4999950000"])
    let deep = """
      a = []
      for i in range(100000):
          a = [a]
      n = 0
      while a:
          a = a[0]
          n += 1
      print(n)
      """
    #expect(try run(deep).printed == ["100000"])
    let closures = """
      def wrap(g):
          def h(x):
              return g(x) + 1
          return h
      f = lambda x: x
      for i in range(50):
          f = wrap(f)
      print(f(0))
      """
    #expect(try run(closures).printed == ["50"])
    #expect(
      try run("a = [1]\na.append(a)\nb = (a, a)\nprint(b)").printed == ["([1, [...]], [1, [...]])"])
    let fields = "x = f'" + String(repeating: "{1}", count: 100_000) + "'\nprint(len(x))"
    #expect(try run(fields).printed == ["100000"])
  }

  @Test("lists, tuples, scopes and closures nested 100,000 deep are freed without recursion")
  func reclaimsDeepNesting() {
    // Released on a thread with a 256 KiB stack: freeing these by recursion would need tens
    // of megabytes.
    let depth = 100_000
    onThread(stackSize: 256 << 10) {
      var list = Object.none
      for index in 0..<depth {
        list =
          index % 2 == 0 ? .list(ListStorage([list])) : .tuple(ListStorage([.int(index), list]))
      }
      list = .none
      var scope: Scope?
      for _ in 0..<depth { scope = Scope(values: ["x": .int(1)], parent: scope, definition: nil) }
      scope = nil
      let definition = FunctionDefinition(
        name: "f", nameSpan: SourceSpan(at: 0), parameters: [], body: [])
      var function = Object.none
      for _ in 0..<depth {
        let closure = Scope(values: ["g": function], parent: nil, definition: definition)
        function = .function(
          Function(definition: definition, closure: closure, defaults: [function]))
      }
      function = .none
      var method = Object.none
      for _ in 0..<depth { method = .method(.list(ListStorage([method])), name: "append") }
      method = .none
      _ = (list, scope, function, method)
    }
  }

  @Test("a 1 MB script of assignments runs")
  func megabyteScript() throws {
    var source = "v0 = Value(0.5, label='v0')\n"
    var index = 1
    while source.utf8.count < 1 << 20 {
      source += "v\(index) = v\(index - 1) * 0.999 + Value(\(index % 7).25) # step \(index)\n"
      index += 1
    }
    let outcome = try run(source)
    let root = try #require(outcome.run.root)
    #expect(root.label == "v\(index - 1)")
    #expect(outcome.run.ranBackward)
    #expect(outcome.value("v0").map { $0.isGradComputed && $0.grad > 0 } == true)
  }

  @Test("the step budget stops a script wherever it is")
  func stepBudget() {
    #expect(
      messageOnSmallStack("x = 1", maxSteps: 0)
        == "the script took too many steps and was stopped here")
    let long = Array(repeating: "x = 1 + 2 * 3", count: 1_000).joined(separator: "\n")
    #expect(messageOnSmallStack(long, maxSteps: 2_000) != nil)
    #expect(messageOnSmallStack(long, maxSteps: 7_000) == nil)
  }

  /// A deterministic pseudo-random generator (SplitMix64), so that failures reproduce.
  struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  @Test("random bytes never crash the decoder, lexer, parser or evaluator")
  func randomBytes() {
    var random = SplitMix(state: 2024)
    let alphabet = Array("aVxl(). =+-*/%#'\"\\\n\t:;,0123456789e_def return 中[]{}^$\r".utf8)
    for round in 0..<300 {
      let count = Int.random(in: 0..<120, using: &random)
      let bytes = (0..<count).map { _ in
        round % 3 == 0
          ? UInt8.random(in: 0...255, using: &random) : alphabet.randomElement(using: &random) ?? 0
      }
      guard let script = try? Script(bytes: bytes, fileName: "fuzz.mg") else { continue }
      _ = try? Interpreter.run(script, maxSteps: 10_000) { _ in }
    }
  }

  @Test("mutations of a valid script never crash")
  func mutations() throws {
    let original = Array(try SharedCases.script("neuron.mg").source.unicodeScalars)
    let inserts: [Unicode.Scalar] = ["(", ")", "'", "\n", " ", ".", "*", "=", "#", "\\", "中"]
    var random = SplitMix(state: 7)
    for _ in 0..<300 {
      var scalars = original
      for _ in 0..<Int.random(in: 1...4, using: &random) {
        let position = Int.random(in: 0..<scalars.count, using: &random)
        if Bool.random(using: &random) {
          scalars.remove(at: position)
        } else {
          scalars.insert(inserts.randomElement(using: &random) ?? " ", at: position)
        }
      }
      var text = String.UnicodeScalarView()
      text.append(contentsOf: scalars)
      _ = try? Interpreter.run(Script(source: String(text), fileName: "m.mg"), maxSteps: 10_000) {
        _ in
      }
    }
  }
}
