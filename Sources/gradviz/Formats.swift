import ArgumentParser
import Rendering

extension Gradviz {
  /// `gradviz formats`: the output formats the installed Graphviz plugins offer.
  struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the output formats that 'render' can write on this machine.")

    func run() throws {
      let formats = try GraphvizFailure.guarding { try Graphviz.formats() }
      Console.line(formats.joined(separator: "\n"))
    }
  }
}
