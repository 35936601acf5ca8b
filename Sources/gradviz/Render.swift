import ArgumentParser
import Foundation
import Rendering

extension Gradviz {
  /// `gradviz render FILE -o OUT`: lay out and render in-process through libgvc.
  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Render the graph to SVG, PNG, PDF, gradviz's JSON or another Graphviz format.",
      discussion: """
        The format comes from OUT's extension or --format: svg, png, pdf, the text formats \
        dot (laid out), canon, plain and graphviz-json, and json, gradviz's own export of \
        every value (docs/json-format.md); 'gradviz formats' lists them all. The file is \
        replaced atomically, keeping its mode (a link's target is replaced; devices, FIFOs \
        and hard-linked files are written in place): a failed run leaves it as it was; '-o -' \
        writes to standard \
        output.

        Big graphs: --collapse neuron draws one node per neuron, --focus NAME --depth K the \
        part around one value; drawings above --max-nodes are refused with the options that \
        would fit.

        Examples:
          gradviz render Samples/neuron.mg -o neuron.svg
          gradviz render Samples/neuron.mg --color grad --edge-grads -o neuron.svg
          gradviz render Samples/chain.mg --format png --scale 2 -o - > chain.png
          gradviz render Samples/neuron.mg -o neuron.json
        """)

    @OptionGroup var script: ScriptOptions
    @OptionGroup var drawing: DrawingOptionGroup

    @Option(name: .shortAndLong, help: "The file to write ('-' for standard output).")
    var output: String

    @Option(help: "The output format (svg, png, pdf, json, dot, ...); default: OUT's extension.")
    var format: String?

    func validate() throws {
      guard let format = resolvedFormat else {
        throw ValidationError(
          "Cannot tell the format from '\(output)': add --format (e.g. --format svg).")
      }
      if format == OutputFormat.json, drawing.focus != nil || drawing.collapse != nil {
        throw ValidationError(
          "--format json exports every value; --focus and --collapse shape pictures only.")
      }
    }

    var resolvedFormat: String? { OutputFormat.resolve(format: format, output: output) }

    func run() throws {
      let format = resolvedFormat ?? "svg"
      let available = try GraphvizFailure.guarding { try OutputFormat.available() }
      guard available.contains(format) else {
        Console.error(
          "gradviz: error: "
            + RenderError.unknownFormat(format, available: available).description)
        throw ExitCode(1)
      }
      let root = try script.root()
      let drawing = Drawing(root: root, options: drawing.options)
      FocusNote.print(for: drawing, focus: self.drawing.focus, quiet: script.quiet)
      let bytes = try GraphvizFailure.guarding { () throws -> [UInt8] in
        if format == OutputFormat.json {
          return Array(try drawing.json(gradvizVersion: gradvizVersion).utf8)
        }
        return try drawing.render(format: OutputFormat.graphvizName(format))
      }
      try OutputFile.write(bytes, to: output)
    }
  }
}
