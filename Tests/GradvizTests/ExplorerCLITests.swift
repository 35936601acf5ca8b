import Foundation
import Testing

/// `render -o page.html`, `--format html` and `frames -o page.html` write the explorer page.
@Suite struct ExplorerCLITests {
  static let neuron = "Samples/neuron.mg"

  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "gradviz-explorer-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @Test func renderWritesThePageFromTheExtension() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("neuron.html").path
    let result = try CLI.run(["render", Self.neuron, "-o", page])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.isEmpty)
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    #expect(html.contains("<title>Samples/neuron.mg</title>"))
    #expect(html.contains(#""stepping":false"#))
    #expect(html.contains(#"<g id="n2" class="node value">"#))
    #expect(html.contains(#""data":["2.0","0.0","-3.0","1.0","6.881373587019543""#))
  }

  @Test func formatHTMLToStandardOutput() throws {
    let result = try CLI.run(["render", Self.neuron, "--format", "html", "-o", "-"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(result.stdout.hasSuffix("</html>\n"))
  }

  @Test func framesWritesThePageAtTheFirstStep() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let page = folder.appendingPathComponent("backward.html").path
    let result = try CLI.run(["frames", Self.neuron, "-o", page])
    #expect(result.status == 0, "\(result.stderr)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    #expect(html.contains(#""stepping":true"#))
    // Only the page: no frame pictures beside it.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["backward.html"])
  }

  @Test func framesNeedsExactlyOneDestination() throws {
    let neither = try CLI.run(["frames", Self.neuron])
    #expect(neither.status != 0)
    #expect(neither.stderr.contains("-o PAGE.html"))
    let both = try CLI.run(["frames", Self.neuron, "-o", "a.html", "--out", "dir"])
    #expect(both.status != 0)
  }

  @Test func tooLargeIsRefusedWithAdvice() throws {
    let result = try CLI.run([
      "render", "-e", "x = Value(1.0, label='x')\nfor i in range(30):\n    x = x + 1.0",
      "--max-nodes", "5", "--format", "html", "-o", "-",
    ])
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("gradviz: error:"))
  }
}
