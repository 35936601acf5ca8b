import ArgumentParser
import Foundation
import GraphvizBindings
import Rendering

extension Gradviz {
  /// `gradviz formats`: the output formats `render` can write.
  struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the output formats that 'render' can write on this machine.",
      discussion: """
        One name per line: the formats of the installed Graphviz plugins, where 'json' is \
        gradviz's own export (docs/json-format.md) and 'graphviz-json' is Graphviz's, and \
        'html', the explorer page. \
        'render' takes any of them with --format, or from the output file's extension.

        Example:
          gradviz formats
          gradviz render Samples/neuron.mg --format pdf -o neuron.pdf
        """)

    func run() throws {
      let formats = try GraphvizFailure.guarding { try OutputFormat.available() }
      Console.line(formats.joined(separator: "\n"))
    }
  }
}

/// The formats `render` writes: Graphviz's, with `json` taken by gradviz's own export, and
/// the explorer page.
enum OutputFormat {
  /// gradviz's own JSON export.
  static let json = "json"
  /// The explorer page: one HTML file that works offline.
  static let html = "html"
  /// Graphviz's JSON output, under the name `render` gives it.
  static let graphvizJSON = "graphviz-json"

  /// Whether `format` names the explorer page (`html`, or a file's `.htm` extension).
  static func isExplorer(_ format: String) -> Bool {
    format == html || format == "htm"
  }

  /// Every format `render` accepts, sorted.
  static func available() throws -> [String] {
    var formats = Set(try Graphviz.formats())
    if formats.contains(json) { formats.insert(graphvizJSON) }
    formats.insert(json)
    formats.insert(html)
    return formats.sorted()
  }

  /// The Graphviz format for a name `render` accepts (`graphviz-json` is Graphviz's `json`).
  static func graphvizName(_ format: String) -> String {
    format == graphvizJSON ? json : format
  }

  /// The format to write `output` in: `format` when given, else `output`'s extension, else
  /// SVG for standard output (`-`); `nil` when none of these tells.
  static func resolve(format: String?, output: String) -> String? {
    if let format { return format.lowercased() }
    if output == "-" { return "svg" }
    return fromExtension(URL(fileURLWithPath: output).pathExtension)
  }

  /// The file `render` writes without `-o`: the script's name, without its folder and
  /// extension, with the format's extension (`graphviz-json` as `.json`), in the current
  /// folder.
  static func defaultName(script: String, format: String) -> String {
    let name = URL(fileURLWithPath: script).deletingPathExtension().lastPathComponent
    return name + "." + (format == graphvizJSON ? json : format)
  }

  /// The format a file extension names: `gv` is DOT, the rest are format names.
  static func fromExtension(_ ext: String) -> String? {
    switch ext.lowercased() {
    case "": nil
    case "gv": "dot"
    case let other: other
    }
  }
}
