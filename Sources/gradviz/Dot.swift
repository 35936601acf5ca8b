import ArgumentParser
import Rendering

extension Gradviz {
  /// `gradviz dot FILE`: the graph's DOT text on stdout.
  struct Dot: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Print the graph as Graphviz DOT text.",
      discussion: """
        The text is written before layout, so it has no size limit; the drawing options \
        (--cluster, --collapse, --focus, --color, --edge-grads, ...) shape it as they shape \
        'render'. The same script always gives the same bytes.

        Example:
          gradviz dot Samples/neuron.mg
          gradviz dot -e "a = Value(2.0); b = Value(-3.0); d = a*b + 10"
        """)

    @OptionGroup var script: ScriptOptions
    @OptionGroup var drawing: DrawingOptionGroup

    func run() throws {
      let (root, run) = try script.rootAndRun()
      let picture = Drawing(root: root, options: try drawing.options(for: root, traced: run.traced))
      FocusNote.print(for: picture, focus: drawing.focus, quiet: script.quiet)
      try GraphvizFailure.guarding { try picture.writeDOT(to: Console.write) }
    }
  }
}
