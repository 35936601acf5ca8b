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
