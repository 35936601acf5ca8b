import ArgumentParser
import Autograd
import Inspection

extension Gradviz {
  /// `gradviz nudge FILE A=+0.01`: the root's change predicted by A.grad against the actual.
  struct Nudge: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Move a value a little: the root's change its grad predicts, and the actual change.",
      usage: """
        gradviz nudge <file> <value>=<change> ...
        gradviz nudge -e <text> <value>=<change> ...
        """,
      discussion: """
        The predicted change is A.grad × change (summed over several moves); the actual change \
        comes from running the recorded operations forward again with A moved. A moved value \
        that an operation made keeps its moved data. Values are named by label or by node \
        name nN, N the # column of 'gradviz grads'.

        Example:
          gradviz nudge Samples/chain.mg a=+0.01
          gradviz nudge Samples/neuron.mg w1=+0.001 x1=-0.001
        """)

    /// How the result is written.
    enum Format: String, CaseIterable, ExpressibleByArgument {
      case table, json
    }

    @OptionGroup var input: ScriptOperands

    @Option(help: "table (for people) or json (for tools).")
    var format: Format = .table

    func validate() throws {
      guard !input.operands.isEmpty else {
        throw ValidationError("Say which value to move and by how much, as a=+0.01.")
      }
      for operand in input.operands {
        do {
          _ = try Inspection.Nudge.move(parsing: operand)
        } catch {
          throw ValidationError(error.description)
        }
      }
    }

    func run() throws {
      let root = try input.script().root()
      let names = Trace(root: root)
      let operands = input.operands
      let nudge = try InspectionFailure.guarding { () throws(InspectionError) -> Inspection.Nudge in
        var moves: [(value: Value, delta: Double)] = []
        for operand in operands {
          let (selector, delta) = try Inspection.Nudge.move(parsing: operand)
          moves.append((try names.select(selector), delta))
        }
        return try Inspection.Nudge(root: root, moves: moves, names: names)
      }
      switch format {
      case .table: Console.out(nudge.report(names: names))
      case .json: Console.out(nudge.json(names: names))
      }
    }
  }
}
