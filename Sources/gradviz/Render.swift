import ArgumentParser
import Autograd
import Explorer
import Foundation
import GraphJSON
import GraphvizBindings
import PythonHost
import Rendering

extension Gradviz {
  /// `gradviz render FILE -o OUT`: lay out and render in-process through libgvc.
  struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Render the graph to SVG, PNG, PDF, an explorer page (HTML), gradviz's JSON or another Graphviz format.",
      discussion: """
        The format comes from --format, else from OUT's extension: svg, png, pdf, the text \
        formats dot (laid out), canon, plain and graphviz-json, and json, gradviz's own export \
        of every value (docs/json-format.md); 'gradviz formats' lists them all. Without -o, \
        the picture goes to the script's name with the format's extension in the current \
        folder (neuron.svg for Samples/neuron.mg), and gradviz says so. The file is replaced \
        atomically, keeping its mode (a link's target is replaced; devices, FIFOs and \
        hard-linked files are written in place): a failed run leaves it as it was; '-o -' \
        writes to standard output (SVG unless --format says otherwise).

        html writes the explorer: one page that works offline, to pan, zoom, search, click a \
        value for its numbers, paths and check, and step through backward.

        Bitmaps (png, jpg, gif, ...) are at most 4,000 pixels on their long side unless \
        --size or --scale asks for another size; a note says when a picture was scaled down.

        Big graphs: --collapse neuron draws one node per neuron, --focus NAME --depth K the \
        part around one value; drawings above --max-nodes are refused with the options that \
        would fit.

        --all writes one picture per draw_dot call of the script into the folder OUT, named \
        by line or notebook cell (line-40.svg, cell-12.svg), and each matplotlib figure as a \
        PNG beside them.

        Examples:
          gradviz render Samples/neuron.mg
          gradviz render lecture.ipynb --all -o pictures
          gradviz render Samples/neuron.mg -o neuron.svg
          gradviz render Samples/neuron.mg --color grad --edge-grads -o neuron.svg
          gradviz render Samples/chain.mg --format png --scale 2 -o - > chain.png
          gradviz render Samples/neuron.mg -o neuron.json
          gradviz render Samples/neuron.mg -o neuron.html
        """)

    @OptionGroup var script: ScriptOptions
    @OptionGroup var drawing: DrawingOptionGroup

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "The file to write ('-' for standard output); default: the script's name with the "
          + "format's extension.",
        valueName: "out"))
    var output: String?

    @Option(
      help:
        "The output format (svg, png, pdf, html, json, dot, ...); default: OUT's extension, else svg."
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
        guard let output, output != "-" else {
          throw ValidationError("--all writes files into a folder: give -o DIR.")
        }
        return
      }
      let output = try outputPath
      guard let format = OutputFormat.resolve(format: format, output: output) else {
        throw ValidationError(
          "Cannot tell the format from '\(output)': add --format (e.g. --format svg).")
      }
      if format == OutputFormat.json, drawing.focus != nil || drawing.collapse != nil {
        throw ValidationError(
          "--format json exports every value; --focus and --collapse shape pictures only.")
      }
    }

    /// The file to write: `-o`, else the script's name with the format's extension in the
    /// current folder.
    ///
    /// - Throws: `ValidationError` when there is no `-o` and the script has no file name.
    var outputPath: String {
      get throws {
        if let output { return output }
        guard script.expression == nil, let file = script.file, file != "-" else {
          throw ValidationError(
            "A script from -e or standard input has no name to name the picture after: "
              + "add -o OUT (e.g. -o graph.svg).")
        }
        return OutputFormat.defaultName(script: file, format: format?.lowercased() ?? "svg")
      }
    }

    /// The page's title: the script's file name, or `-e script`.
    var title: String {
      script.expression == nil ? (script.file ?? "script") : "-e script"
    }

    func run() throws {
      if all, let folder = output {
        return try renderAll(format: format?.lowercased() ?? "svg", into: folder)
      }
      let output = try outputPath
      let format = OutputFormat.resolve(format: format, output: output) ?? "svg"
      if OutputFormat.isExplorer(format) {
        let (root, run) = try script.rootAndRun()
        let page = ExplorerPage(
          root: root, options: try drawing.options(for: root, traced: run.traced), title: title)
        let text = try GraphvizFailure.guarding { try page.html() }
        try OutputFile.write(Array(text.utf8), to: output)
        if self.output == nil, !script.quiet { Console.error("wrote \(output)") }
        return
      }
      let available = try GraphvizFailure.guarding { try OutputFormat.available() }
      guard available.contains(format) else {
        Console.error(
          "gradviz: error: "
            + GraphvizError.unknownFormat(format, available: available).description)
        throw ExitCode(1)
      }
      let (root, run) = try script.rootAndRun()
      let picture = try self.picture(
        of: root, traced: run.traced, format: format, notingFocus: true)
      try OutputFile.write(picture.bytes, to: output)
      if let fit = picture.fit, !script.quiet {
        Console.error(
          "gradviz: note: \(output == "-" ? "the picture" : output) \(fit) "
            + "(--size or --scale for another size)")
      }
      if self.output == nil, !script.quiet { Console.error("wrote \(output)") }
    }

    /// The picture of `root` in `format`; with `notingFocus`, the note on an ambiguous
    /// `--focus` first (see ``FocusNote``).
    private func picture(
      of root: Value, traced: TraceDetails?, format: String, notingFocus: Bool = false
    ) throws -> Drawing.Picture {
      let drawing = Drawing(root: root, options: try drawing.options(for: root, traced: traced))
      if notingFocus {
        FocusNote.print(for: drawing, focus: self.drawing.focus, quiet: script.quiet)
      }
      return try GraphvizFailure.guarding { () throws -> Drawing.Picture in
        if format == OutputFormat.json {
          return Drawing.Picture(
            bytes: Array(try drawing.trace.json(gradvizVersion: gradvizVersion).utf8), fit: nil)
        }
        return try drawing.picture(format: OutputFormat.graphvizName(format))
      }
    }

    /// One file per picture the script asked for, named by where it asked.
    private func renderAll(format: String, into folder: String) throws {
      let available = try GraphvizFailure.guarding { try OutputFormat.available() }
      guard format == OutputFormat.json || available.contains(format) else {
        Console.error(
          "gradviz: error: "
            + GraphvizError.unknownFormat(format, available: available).description)
        throw ExitCode(1)
      }
      do {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      } catch {
        Console.error(
          "gradviz: error: cannot make the folder '\(folder)': \(Console.describe(error))")
        throw ExitCode(74)
      }
      let (_, run) = try script.run(output: .standardError, picturesFolder: folder)
      var pictures = run.pictures.map { (place: $0.place, root: $0.root, traced: $0.details) }
      if pictures.isEmpty, let root = run.root {
        pictures = [(place: "last value", root: root, traced: run.traced)]
      }
      var used: [String: Int] = [:]
      for picture in pictures {
        let stem = picture.place.replacingOccurrences(of: " ", with: "-")
        let count = (used[stem] ?? 0) + 1
        used[stem] = count
        let name = count == 1 ? "\(stem).\(format)" : "\(stem)-\(count).\(format)"
        let path = (folder as NSString).appendingPathComponent(name)
        try OutputFile.write(
          try self.picture(of: picture.root, traced: picture.traced, format: format).bytes,
          to: path)
      }
    }
  }
}
