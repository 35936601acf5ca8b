import ArgumentParser
import Foundation
import Rendering

extension Gradviz {
  /// `gradviz render FILE -o OUT`: lay out and render in-process through libgvc.
  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Render the graph to SVG, PNG, PDF or another Graphviz format.",
      discussion: """
        The format comes from OUT's extension or --format (svg, png, pdf, ...; see \
        'gradviz formats'). The file is replaced atomically: a failed run leaves it as it was.

        Example:
          gradviz render Samples/neuron.mg -o neuron.svg
          gradviz render Samples/chain.mg --format png -o - > chain.png
        """)

    @OptionGroup var script: ScriptOptions
    @OptionGroup var drawing: DrawingOptionGroup

    @Option(name: .shortAndLong, help: "The file to write ('-' for standard output).")
    var output: String

    @Option(help: "The output format; default: OUT's extension.")
    var format: String?

    func validate() throws {
      if resolvedFormat == nil {
        throw ValidationError("Cannot tell the format from '\(output)': add --format (e.g. --format svg).")
      }
    }

    var resolvedFormat: String? {
      if let format { return format.lowercased() }
      let ext = URL(fileURLWithPath: output).pathExtension.lowercased()
      return ext.isEmpty ? nil : ext
    }

    func run() throws {
      let root = try script.root()
      let format = resolvedFormat ?? "svg"
      let bytes = try GraphvizFailure.guarding {
        try Drawing(root: root, options: drawing.options).render(format: format)
      }
      try OutputFile.write(bytes, to: output)
    }
  }
}
