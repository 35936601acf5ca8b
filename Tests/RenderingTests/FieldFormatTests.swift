import Rendering
import Testing

@Suite("number fields")
struct FieldFormatTests {
  static let table: [(Double, String)] = [
    (2.0, "2.0000"),
    (-1.5, "-1.5000"),
    (0.70710678118654746, "0.7071"),
    (6.8813735870195432, "6.8814"),
    (1e-7, "1.0000e-07"),
    (-1.23456e-7, "-1.2346e-07"),
    (0, "0.0000"),
    (-0.0, "0.0000"),
    (.nan, "nan"),
    (-Double.nan, "nan"),
    (.infinity, "inf"),
    (-.infinity, "-inf"),
    (1e12, "1.0000e+12"),
    (-1e9, "-1.0000e+09"),
    (999_999_999.5, "999999999.5000"),
    (0.00005, "0.0001"),
    (0.00004999, "4.9990e-05"),
    (-0.00004, "-4.0000e-05"),
    (0.0001, "0.0001"),
    (.leastNonzeroMagnitude, "4.9407e-324"),
    (.greatestFiniteMagnitude, "1.7977e+308"),
  ]

  @Test("formats each number", arguments: table)
  func number(x: Double, expected: String) {
    #expect(FieldFormat.number(x) == expected)
  }
}
