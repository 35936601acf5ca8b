import Foundation
import Testing

/// NaN and infinities in data and grads come through every output intact and readable.
@Suite struct NonFiniteTests {
  /// `a.exp()` overflows to inf, `c - c` is NaN, `a`'s grad is `0 · inf` = NaN and
  /// `z ** 0.5` at 0 gives `z` an infinite grad.
  static let script = """
    a = Value(1000.0, label='a')
    b = a.exp(); b.label = 'b'
    c = b * 2.0; c.label = 'c'
    z = Value(0.0, label='z')
    r = z ** 0.5; r.label = 'r'
    d = (c - c) + r; d.label = 'd'
    """

  @Test func tableShowsNanAndInf() throws {
    let result = try CLI.run(["grads", "-e", Self.script])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = result.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    let byLabel = Dictionary(rows.compactMap { $0.count >= 4 ? ($0[1], $0) : nil }) { a, _ in a }
    #expect(byLabel["a"]?.suffix(2) == ["1000.0", "nan"])
    #expect(byLabel["b"]?.suffix(2) == ["inf", "0.0"])
    #expect(byLabel["d"]?.suffix(2) == ["nan", "1.0"])
    #expect(byLabel["z"]?.suffix(2) == ["0.0", "inf"])
  }

  @Test func csvKeepsItsShape() throws {
    let result = try CLI.run(["grads", "-e", Self.script, "--format", "csv"])
    #expect(result.status == 0, "\(result.stderr)")
    let rows = CLI.csv(result.stdout)
    let width = rows.first?.count ?? 0
    #expect(width >= 3)
    #expect(rows.allSatisfy { $0.count == width })
    let a = try #require(rows.first { $0.contains("a") })
    #expect(a.contains("nan"))
    let z = try #require(rows.first { $0.contains("z") })
    #expect(z.contains("inf"))
    #expect(rows.contains { $0.contains("b") && $0.contains("inf") })
  }

  /// JSON has no NaN or infinity: they are the strings "nan", "inf" and "-inf", and the
  /// document parses.
  @Test func jsonParsesWithStrings() throws {
    let result = try CLI.run(["grads", "-e", Self.script, "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    let text = result.stdout
    #expect(text.contains("\"nan\""))
    #expect(text.contains("\"inf\""))
    #expect(!text.contains("NaN") && !text.contains("Infinity"))
    #expect(parsed is [Any] || parsed is [String: Any])
  }

  /// gradviz's JSON export of the drawing parses, with the same strings for NaN and inf.
  @Test func drawingJSONParses() throws {
    let result = try CLI.run(["render", "-e", Self.script, "-o", "-", "--format", "json"])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) is [String: Any])
    #expect(result.stdout.contains("\"data\":\"nan\""))
    #expect(result.stdout.contains("\"grad\":\"inf\""))
    #expect(!result.stdout.contains("NaN") && !result.stdout.contains("Infinity"))
  }

  /// DOT: the record fields read `nan` and `inf`, and Graphviz lays the graph out.
  @Test func dotAndRenderShowThem() throws {
    let dot = try CLI.run(["dot", "-e", Self.script])
    #expect(dot.status == 0, "\(dot.stderr)")
    #expect(dot.stdout.contains("|data inf|"))
    #expect(dot.stdout.contains("|grad nan}"))
    #expect(dot.stdout.contains("|grad inf}"))
    let svg = try CLI.run(["render", "-e", Self.script, "-o", "-", "--format", "svg"])
    #expect(svg.status == 0, "\(svg.stderr)")
    #expect(svg.stdout.contains(">data nan<"))
    #expect(svg.stdout.contains(">grad inf<"))
  }
}
