import Testing

@testable import Inspection

@Suite("Derivative of an expression")
struct ExpressionDerivativeTests {
  /// shared/cases/derivative.txt: f(x) = 3x² - 4x + 5 at -3.
  @Test func walkthroughNumbersExactly() throws {
    let d = try ExpressionDerivative("3*x**2 - 4*x + 5", at: [.init(name: "x", value: -3)], h: 1e-8)
    #expect(d.value == 44)
    #expect(d.partials.count == 1)
    #expect(d.partials[0].forward == -22.00000039920269)
    #expect(d.partials[0].autograd == -22)
    #expect(d.partials[0].dependsOnVariable)
    // The central difference is what the formula gives in float64, and is close to -22.
    let h = 1e-8
    func f(_ x: Double) -> Double { 3 * (x * x) - 4 * x + 5 }
    #expect(d.partials[0].central == (f(-3 + h) - f(-3 - h)) / (2 * h))
    #expect(abs(d.partials[0].central + 22) < 1e-6)
  }

  @Test func theReferenceFileAgrees() throws {
    let text = try String(
      contentsOf: Support.shared.appendingPathComponent("cases/derivative.txt"), encoding: .utf8)
    #expect(text.contains("-22.00000039920269"))
    #expect(text.contains("f(-3) = 44"))
  }

  @Test func defaultStepIsTheWalkthroughs() throws {
    let d = try ExpressionDerivative("3*x**2 - 4*x + 5", at: [.init(name: "x", value: -3)])
    #expect(d.h == 1e-8)
    #expect(d.partials[0].forward == -22.00000039920269)
  }

  @Test func severalVariables() throws {
    let point = try ExpressionDerivative.Variable.list(parsing: "a=2,b=-3,c=10")
    #expect(
      point == [
        .init(name: "a", value: 2), .init(name: "b", value: -3), .init(name: "c", value: 10),
      ])
    let d = try ExpressionDerivative("a*b + c", at: point, h: 1e-6)
    #expect(d.value == 4)
    #expect(d.partials.map(\.autograd) == [-3, 2, 1])
    for (partial, exact) in zip(d.partials, [-3.0, 2, 1]) {
      #expect(abs(partial.central - exact) < 1e-8)
      #expect(abs(partial.forward - exact) < 1e-8)
    }
  }

  @Test func valueMethodsWork() throws {
    let d = try ExpressionDerivative(
      "(x*w + b).tanh()",
      at: [
        .init(name: "x", value: 2), .init(name: "w", value: -3),
        .init(name: "b", value: 6.8813735870195432),
      ],
      h: 1e-6)
    #expect(abs(d.value - 0.7071067811865476) < 1e-15)
    #expect(abs(d.partials[0].autograd - -1.5) < 1e-12)
    #expect(abs(d.partials[0].central - -1.5) < 1e-8)
  }

  @Test func unusedVariablesAndConstants() throws {
    let d = try ExpressionDerivative(
      "x * 2", at: [.init(name: "x", value: 1), .init(name: "y", value: 5)])
    #expect(d.partials[1].autograd == 0 && !d.partials[1].dependsOnVariable)
    #expect(d.report.contains("f does not depend on y: its derivative is 0"))
    let constant = try ExpressionDerivative("2 ** 3", at: [.init(name: "x", value: 1)])
    #expect(constant.value == 8)
    #expect(constant.partials[0].forward == 0 && constant.partials[0].autograd == 0)
    let identity = try ExpressionDerivative("x", at: [.init(name: "x", value: 1)])
    #expect(identity.partials[0].autograd == 1)
  }

  @Test func errorsPointIntoTheExpression() {
    #expect(
      throws: InspectionError.expression(
        "<expr>:1:12: error: NameError: name 'q' is not defined\n3*x**2 - 4*q + 5\n           ^")
    ) {
      try ExpressionDerivative("3*x**2 - 4*q + 5", at: [.init(name: "x", value: -3)])
    }
    #expect(throws: InspectionError.notANumber(expression: "'a'", result: "a")) {
      try ExpressionDerivative("'a'", at: [.init(name: "x", value: -3)])
    }
    #expect(throws: InspectionError.self) {
      try ExpressionDerivative("x\n+1", at: [.init(name: "x", value: -3)])
    }
    #expect(throws: InspectionError.self) {
      try ExpressionDerivative("x", at: [.init(name: "x", value: 1), .init(name: "x", value: 2)])
    }
    #expect(throws: InspectionError.self) { try ExpressionDerivative("x", at: []) }
    // A second statement would change which value is differentiated.
    #expect(
      throws: InspectionError.expression(
        "<expr>: error: give one expression, without ';' (statements are for scripts)")
    ) {
      try ExpressionDerivative("x*2; g = x*3", at: [.init(name: "x", value: 1)])
    }
    #expect(throws: InspectionError.self) {
      try ExpressionDerivative("x", at: [.init(name: "x", value: 1)], h: 0)
    }
  }

  @Test func failedNeighboursAreNotedNotFatal() throws {
    // 1/x is defined at 1e-9 but not at 1e-9 - 1e-9 = 0.
    let d = try ExpressionDerivative("1/x", at: [.init(name: "x", value: 1e-9)], h: 1e-9)
    #expect(d.partials[0].central.isNaN)
    #expect(d.partials[0].forward.isFinite)
    #expect(d.notes.count == 1)
    #expect(d.notes[0].hasPrefix("f is not defined at x = 0.0: "))
  }

  @Test func variableParsing() {
    #expect(throws: InspectionError.self) { try ExpressionDerivative.Variable.list(parsing: "x") }
    #expect(throws: InspectionError.self) {
      try ExpressionDerivative.Variable.list(parsing: "x=abc")
    }
    #expect(throws: InspectionError.self) {
      try ExpressionDerivative.Variable.list(parsing: "x=inf")
    }
    #expect(throws: InspectionError.self) {
      try ExpressionDerivative.Variable.list(parsing: "1x=2")
    }
    #expect(throws: InspectionError.self) {
      try ExpressionDerivative.Variable.list(parsing: "lambda=2")
    }
    #expect(throws: InspectionError.self) {
      try ExpressionDerivative.Variable.list(parsing: "x=1,")
    }
    #expect(
      (try? ExpressionDerivative.Variable.list(parsing: " x = 1e-3 ")) == [
        .init(name: "x", value: 0.001)
      ])
  }

  @Test func reportInFull() throws {
    let d = try ExpressionDerivative("3*x**2 - 4*x + 5", at: [.init(name: "x", value: -3)])
    #expect(
      d.report == """
        f(x) = 3*x**2 - 4*x + 5
        f(-3.0) = 44.0
        h = 1e-08

               forward difference  central difference  autograd
        df/dx  -22.00000039920269  -22.00000039920269     -22.0

        forward = (f(x+h) - f(x))/h; central = (f(x+h) - f(x-h))/(2h); autograd = x.grad after f.backward()

        """)
    #expect(
      d.json
        == #"{"expression":"3*x**2 - 4*x + 5","h":1e-08,"notes":[],"value":44,"variables":[{"autograd":-22,"central":-22.00000039920269,"depends":true,"forward":-22.00000039920269,"name":"x","value":-3}]}"#
        + "\n")
  }
}
