import ArgumentParser
import Explorer
import Foundation
import GraphvizBindings
import Rendering

extension Gradviz {
  /// `gradviz frames FILE -o page.html`: the explorer page, opened at the first step of
  /// backward; `gradviz frames FILE --out DIR`: one picture per backward step, and a page to
  /// step through them.
  struct Frames: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Draw backward step by step: the explorer page, or one picture per step.",
      discussion: """
        With -o PAGE.html: the explorer page (as 'render -o PAGE.html'), opened at the \
        first step of backward. One layout that never moves; the arrow keys and the slider \
        walk backward in its real order; grads not computed yet read '—'; the value being \
        processed and the grads it changed stand out; a caption says what happened.

        With --out DIR: one picture per step. Frame 1 sets the root's grad to 1; each later \
        frame is one value's backward step, in the order backward() visits them: the value \
        highlighted, the edges it passes its grad along in orange, grads computed so far \
        filled in, the rest shown as '—' (not computed yet). All frames share one layout. \
        Open DIR/index.html and step with the arrow keys. Files are named frame-001.svg, \
        frame-002.svg, ...; other files in DIR are left alone.

        Examples:
          gradviz frames Samples/neuron.mg -o neuron-backward.html
          gradviz frames Samples/neuron.mg --out neuron-frames
        """)

    @OptionGroup var script: ScriptOptions
    @OptionGroup var drawing: DrawingOptionGroup

    @Option(
      name: .shortAndLong, help: "The explorer page to write, opened at backward's first step.")
    var output: String?

    @Option(name: .long, help: "The folder to write the frames and index.html into.")
    var out: String?

    @Option(help: "The pictures' format (svg, png, ...).")
    var format: String = "svg"

    @Option(
      parsing: .unconditional,
      help: "Refuse to draw more frames than this (each is a full layout).")
    var maxFrames: Int = 300

    func validate() throws {
      if (output == nil) == (out == nil) {
        throw ValidationError(
          "Give -o PAGE.html (the explorer) or --out DIR (one picture per step).")
      }
      if maxFrames < 1 { throw ValidationError("--max-frames must be at least 1.") }
      if format.lowercased() == OutputFormat.json {
        throw ValidationError("frames are pictures: use --format svg, png, ...")
      }
    }

    func run() throws {
      guard let out else {
        let title = script.expression == nil ? (script.file ?? "script") : "-e script"
        let page = ExplorerPage(
          root: try script.root(), options: drawing.options, title: title, startsStepping: true)
        let text = try GraphvizFailure.guarding { try page.html() }
        try OutputFile.write(Array(text.utf8), to: output ?? "-")
        return
      }
      let format = OutputFormat.graphvizName(self.format.lowercased())
      let available = try GraphvizFailure.guarding { try Graphviz.formats() }
      guard available.contains(format) else {
        Console.error(
          "gradviz: error: "
            + GraphvizError.unknownFormat(format, available: available).description)
        throw ExitCode(1)
      }
      try Self.makeDirectory(out)
      let root = try script.root()
      let drawing = Drawing(root: root, options: drawing.options)
      FocusNote.print(for: drawing, focus: self.drawing.focus, quiet: script.quiet)
      let frames = try GraphvizFailure.guarding { try drawing.backwardFrames() }
      let digits = max(3, String(frames.count).count)
      var names: [String] = []
      try GraphvizFailure.guarding {
        try drawing.renderFrames(format: format, limit: maxFrames) { frame, bytes in
          let number = String(frame.index + 1)
          let name =
            "frame-" + String(repeating: "0", count: digits - number.count) + number + "."
            + format
          try OutputFile.write(bytes, to: out + "/" + name)
          names.append(name)
        }
      }
      let title = script.expression == nil ? (script.file ?? "script") : "-e script"
      let page = FramesPage(title: title, files: names, captions: frames.map(\.caption))
      try OutputFile.write(Array(try page.html().utf8), to: out + "/index.html")
      Console.error(
        "wrote \(names.count) frame\(names.count == 1 ? "" : "s") and index.html to \(out)")
    }

    /// Creates `path` and its parents if needed.
    ///
    /// - Throws: `ExitCode(74)` after saying why, when it cannot be a folder.
    static func makeDirectory(_ path: String) throws {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
          Console.error("gradviz: error: cannot write frames into '\(path)': it is a file")
          throw ExitCode(74)
        }
        return
      }
      do {
        try FileManager.default.createDirectory(
          atPath: path, withIntermediateDirectories: true)
      } catch {
        Console.error(
          "gradviz: error: cannot create '\(path)': \(Console.describe(error))")
        throw ExitCode(74)
      }
    }
  }
}

/// The page that steps through backward frames with the arrow keys.
struct FramesPage {
  let title: String
  let files: [String]
  let captions: [String]

  /// The HTML: every frame as an image (all shown without JavaScript), one at a time with
  /// it.
  func html() throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]  // escapes "/", so "</script>" cannot occur
    let captionsJSON = String(decoding: try encoder.encode(captions), as: UTF8.self)
    let images = files.enumerated().map { index, file in
      #"<figure id="f\#(index)"><img src="\#(Self.escape(file))" alt="step \#(index + 1)">"#
        + "<figcaption>\(Self.escape(captions[index]))</figcaption></figure>"
    }.joined(separator: "\n")
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <title>backward, step by step: \(Self.escape(title))</title>
      <style>
      body { font-family: sans-serif; margin: 1em; }
      figure { margin: 0 0 2em 0; }
      figure img { max-width: 100%; height: auto; }
      figcaption { font-family: monospace; margin: 0.5em 0; }
      .stepping figure { display: none; }
      .stepping figure.current { display: block; }
      #controls { display: none; }
      .stepping #controls { display: block; }
      </style>
      </head>
      <body>
      <h1>backward, step by step: \(Self.escape(title))</h1>
      <p id="controls"><button id="previous">← previous</button>
      <span id="position"></span>
      <button id="next">next →</button>
      (arrow keys step, Home and End jump)</p>
      \(images)
      <script>
      const captions = \(captionsJSON);
      const figures = Array.from(document.querySelectorAll("figure"));
      let current = 0;
      function show(index) {
        current = Math.max(0, Math.min(figures.length - 1, index));
        figures.forEach((figure, i) => figure.classList.toggle("current", i === current));
        document.getElementById("position").textContent =
          "step " + (current + 1) + " of " + figures.length;
        document.title = "step " + (current + 1) + ": " + captions[current];
      }
      document.body.classList.add("stepping");
      document.getElementById("previous").onclick = () => show(current - 1);
      document.getElementById("next").onclick = () => show(current + 1);
      document.addEventListener("keydown", (event) => {
        if (event.key === "ArrowRight" || event.key === "ArrowDown") show(current + 1);
        else if (event.key === "ArrowLeft" || event.key === "ArrowUp") show(current - 1);
        else if (event.key === "Home") show(0);
        else if (event.key === "End") show(figures.length - 1);
        else return;
        event.preventDefault();
      });
      show(0);
      </script>
      </body>
      </html>

      """
  }

  /// Text escaped for HTML content and attribute values.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      default: result.append(character)
      }
    }
    return result
  }
}
