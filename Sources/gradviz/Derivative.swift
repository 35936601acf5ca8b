import ArgumentParser
import Inspection

extension Gradviz {
  /// `gradviz derivative EXPR --at x=-3`: the walkthrough's first lesson as a command.
  struct Derivative: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Differentiate an expression at a point: forward and central differences, and autograd.",
      discussion: """
        EXPR is one line of script in the variables given by --at; each variable is a Value \
        labelled with its name. Prints f at the point, then for each variable the forward \
        difference (f(x+h) - f(x))/h, the central difference (f(x+h) - f(x-h))/(2h) and \
        x.grad after f.backward().

        Example:
          gradviz derivative '3*x**2 - 4*x + 5' --at x=-3
          gradviz derivative 'a*b + c' --at a=2,b=-3,c=10
          gradviz derivative '(x*w + b).tanh()' --at x=2,w=-3,b=6.8813735870195432
        """)

    /// How the result is written.
    enum Format: String, CaseIterable, ExpressibleByArgument {
      case table, json
    }

    @Argument(help: "The expression, as '3*x**2 - 4*x + 5'.")
    var expression: String

    @Option(
      help: ArgumentHelp("The point: NAME=NUMBER pairs separated by commas.", valueName: "x=-3"))
    var at: [String] = []

    @Option(
      parsing: .unconditional,
      help: "The step of the differences (the walkthrough's last h).")
    var h: Double = 1e-8

    @Option(help: "table (for people) or json (for tools).")
    var format: Format = .table

    func validate() throws {
      guard !at.isEmpty else { throw ValidationError("Give the point with --at, as --at x=-3.") }
      guard h.isFinite, h > 0 else { throw ValidationError("--h must be a number > 0, not \(h).") }
      _ = try point()
    }

    private func point() throws -> [ExpressionDerivative.Variable] {
      var point: [ExpressionDerivative.Variable] = []
      for text in at {
        do {
          point += try ExpressionDerivative.Variable.list(parsing: text)
        } catch {
          throw ValidationError(error.description)
        }
      }
      return point
    }

    func run() throws {
      let derivative: ExpressionDerivative
      do {
        derivative = try ExpressionDerivative(
          expression, at: try point(), h: h, output: Console.error)
      } catch let error as InspectionError {
        Console.error(Self.diagnostic(error))
        throw ExitCode(1)
      }
      switch format {
      case .table: Console.out(derivative.report)
      case .json: Console.out(derivative.json)
      }
    }

    private static func diagnostic(_ error: InspectionError) -> String {
      if case .expression(let text) = error { return text }
      return "gradviz: error: \(error.description)"
    }
  }
}
