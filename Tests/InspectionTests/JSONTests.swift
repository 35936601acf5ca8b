import Foundation
import Testing

@testable import Inspection

/// The JSON writer against Foundation's `JSONEncoder`, byte for byte.
@Suite("JSON")
struct JSONTests {
  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return encoder
  }

  static let numbers: [Double] = [
    0, -0.0, 1, -3, 2.5, 0.1, 0.30000000000000004, 1e-5, 1e-6, 1e-7, 1e15, 1e16, 1e17, 1e21, 1e22,
    1.2345678901234568e17, 9_007_199_254_740_992, 4503599627370496.5, .leastNonzeroMagnitude,
    2.2250738585072014e-308,
    .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .pi, -1.4999999999999993,
    6.881373587019543,
    .nan, .infinity, -.infinity,
  ]

  @Test func numbersAsJSONEncoderWritesThem() throws {
    for x in Self.numbers {
      let expected = String(decoding: try Self.encoder().encode([x]), as: UTF8.self)
      #expect(JSON.array([.number(x)]).text == expected, "\(x)")
    }
    var generator = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let x = Double(bitPattern: generator.next())
      let expected = String(decoding: try Self.encoder().encode([x]), as: UTF8.self)
      #expect(JSON.array([.number(x)]).text == expected, "\(x)")
    }
  }

  @Test func stringsAsJSONEncoderWritesThem() throws {
    var strings = (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
    strings += ["x1*w1 + x2*w2", "a/b", "é", "中文", "\u{2028}", "😀", "\"quoted\" \\ back", ""]
    for s in strings {
      let expected = String(decoding: try Self.encoder().encode([s]), as: UTF8.self)
      #expect(JSON.array([.string(s)]).text == expected, "\(s.unicodeScalars.map(\.value))")
    }
  }

  @Test func objectsSortTheirKeys() throws {
    struct Sample: Encodable {
      let b: Int
      let a: [Double?]
      let c: Bool
      let d: String
    }
    let expected = String(
      decoding: try Self.encoder().encode(Sample(b: 2, a: [1, nil, .nan], c: true, d: "x")),
      as: UTF8.self)
    let ours = JSON.object([
      ("b", .int(2)), ("a", .array([.number(1), .null, .number(.nan)])), ("c", .bool(true)),
      ("d", .string("x")),
    ])
    #expect(ours.text == expected)
  }

  @Test func listingPutsOneElementPerLine() {
    #expect(
      JSON.listing([("root", .int(1))], "rows", [.int(1), .int(2)])
        == "{\"root\":1,\"rows\":[\n1,\n2\n]}\n")
    #expect(JSON.listing([], "rows", []) == "{\"rows\":[]}\n")
  }
}
