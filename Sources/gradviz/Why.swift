import ArgumentParser
import Autograd
import Inspection

extension Gradviz {
  /// `gradviz why FILE A [ROOT]`: the paths behind A's grad.
  struct Why: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Explain a grad: every path from a value to the root and the product along it.",
      usage: """
        gradviz why <file> <value> [<root>]
        gradviz why -e <text> <value> [<root>]
        """,
      discussion: """
        By the chain rule, A.grad is the sum over every path from A to the root of the \
        product of the local derivatives along it. Each path is shown with its steps and \
        product, then the sum as an equation. When the grad is 0, NaN or inf, says why: a \
        dead ReLU, a saturated tanh, a multiplication by zero, a value the root does not \
        depend on, or the first operation that made a NaN or inf.

        Values are named by label or by node name nN, N the # column of 'gradviz grads'. \
        ROOT defaults to the script's root.

        Example:
          gradviz why Samples/chain.mg a
          gradviz why Samples/neuron.mg w2
          gradviz why -e "x = Value(3.0, label='x'); y = x * x" x
        """)

    @OptionGroup var input: ScriptOperands

    @Option(
      parsing: .unconditional,
      help: "List at most this many paths (all are counted and summed).")
    var maxPaths = 20

    func validate() throws {
      guard (1...2).contains(input.operands.count) else {
        throw ValidationError(
          "Name the value to explain, and optionally the root: why FILE A [ROOT].")
      }
      guard maxPaths >= 0 else { throw ValidationError("--max-paths must be 0 or more.") }
    }

    func run() throws {
      let root = try input.script().root()
      let names = Trace(root: root)
      let operands = input.operands
      let (value, target) = try InspectionFailure.guarding {
        () throws(InspectionError) -> (Value, Value) in
        let value = try names.select(operands[0])
        let target = operands.count > 1 ? try names.select(operands[1]) : root
        return (value, target)
      }
      Console.out(
        GradientPaths(of: value, to: target, limit: maxPaths).report(names: names))
    }
  }
}
