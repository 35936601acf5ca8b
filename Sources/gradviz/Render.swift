import ArgumentParser
import Autograd
import Foundation
import PythonHost
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
        replaced atomically: a failed run leaves it as it was; '-o -' writes to standard \
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

    @Option(
      name: .shortAndLong,
      help: "The file to write ('-' for standard output); with --all, the folder.")
    var output: String

    @Option(
      help:
        "The output format (svg, png, pdf, json, dot, ...); default: OUT's extension (svg with --all)."
    )
    var format: String?

    @Flag(
      help: """
        One file per draw_dot call, in the folder OUT (made if missing), named by line or \
        cell: line-40.svg, cell-12.svg; and each matplotlib figure as a PNG beside them.
        """)
    var all = false

    func validate() throws {
      if all {
        guard output != "-" else {
          throw ValidationError("--all writes files into a folder: give -o DIR.")
        }
        return
      }
      guard let format = resolvedFormat else {
        throw ValidationError(
          "Cannot tell the format from '\(output)': add --format (e.g. --format svg).")
      }
      if format == OutputFormat.json, drawing.focus != nil || drawing.collapse != nil {
        throw ValidationError(
          "--format json exports every value; --focus and --collapse shape pictures only.")
      }
    }

    var resolvedFormat: String? {
      all ? (format ?? "svg") : OutputFormat.resolve(format: format, output: output)
    }

    func run() throws {
      let format = resolvedFormat ?? "svg"
      let available = try GraphvizFailure.guarding { try OutputFormat.available() }
      guard available.contains(format) else {
        Console.error(
          "gradviz: error: "
            + RenderError.unknownFormat(format, available: available).description)
        throw ExitCode(1)
      }
      if all { return try renderAll(format: format) }
      let (root, run) = try script.rootAndRun()
      try OutputFile.write(try bytes(of: root, traced: run.traced, format: format), to: output)
    }

    private func bytes(of root: Value, traced: TraceDetails?, format: String) throws -> [UInt8] {
      let drawing = Drawing(root: root, options: try drawing.options(for: root, traced: traced))
      return try GraphvizFailure.guarding { () throws -> [UInt8] in
        if format == OutputFormat.json {
          return Array(try drawing.json(gradvizVersion: gradvizVersion).utf8)
        }
        return try drawing.render(format: OutputFormat.graphvizName(format))
      }
    }

    /// One file per picture the script asked for, named by where it asked.
    private func renderAll(format: String) throws {
      do {
        try FileManager.default.createDirectory(
          atPath: output, withIntermediateDirectories: true)
      } catch {
        Console.error(
          "gradviz: error: cannot make the folder '\(output)': \(Console.describe(error))")
        throw ExitCode(74)
      }
      let (_, run) = try script.run(output: .standardError, picturesFolder: output)
      var pictures = run.pictures.map { (place: $0.place, root: $0.root, traced: $0.details) }
      if pictures.isEmpty, let root = run.root {
        pictures = [(place: "last value", root: root, traced: run.traced)]
      }
      var used: [String: Int] = [:]
      for picture in pictures {
        let stem = picture.place.replacingOccurrences(of: " ", with: "-")
        used[stem, default: 0] += 1
        let count = used[stem]!
        let name = count == 1 ? "\(stem).\(format)" : "\(stem)-\(count).\(format)"
        let path = (output as NSString).appendingPathComponent(name)
        try OutputFile.write(
          try bytes(of: picture.root, traced: picture.traced, format: format), to: path)
      }
    }
  }
}
