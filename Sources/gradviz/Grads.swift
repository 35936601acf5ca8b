import ArgumentParser
import Autograd

extension Gradviz {
  /// `gradviz grads FILE`: one row per Value in topological order.
  struct Grads: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print every Value's label, op, data and grad, in topological order.",
      discussion: """
        Numbers are printed in full (the shortest text that reads back exactly); a grad that \
        was never computed shows as '-', never as 0.

        Example:
          gradviz grads Samples/neuron.mg
        """)

    @OptionGroup var script: ScriptOptions

    @Option(help: "table (aligned, for people) or csv (RFC 4180, for tools).")
    var format: GradientTable.Format = .table

    func run() throws {
      let root = try script.root()
      print(GradientTable(root: root).text(format), terminator: "")
    }
  }
}
