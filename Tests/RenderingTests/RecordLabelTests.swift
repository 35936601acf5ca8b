import Rendering
import Testing

@Suite("record label escaping")
struct RecordLabelTests {
  static let nbsp = "\u{00A0}"

  static let table: [(String, String)] = [
    ("x1", "x1"),
    ("x1*w1 + x2*w2", "x1*w1 + x2*w2"),
    ("x|y", #"x\|y"#),
    ("{w}", #"\{w\}"#),
    ("<c>", #"\<c\>"#),
    ("say \"hi\"", "say \"hi\""),
    (#"back\slash"#, #"back\\slash"#),
    ("a & b", "a &amp; b"),
    ("&lt;", "&amp;lt;"),
    ("two\nlines", #"two\nlines"#),
    ("crlf\r\nend", #"crlf\nend"#),
    ("cr\rend", #"cr\nend"#),
    ("tab\there", #"tab\\there"#),
    ("bell\u{07}del\u{7F}c1\u{85}", #"bell\\x07del\\x7fc1\\x85"#),
    ("  lead", nbsp + nbsp + "lead"),
    ("trail  ", "trail" + nbsp + nbsp),
    ("a   b", "a" + nbsp + nbsp + nbsp + "b"),
    (" ", nbsp),
    ("line \nnext", "line" + nbsp + #"\nnext"#),
    ("数据 梯度", "数据 梯度"),
    (" 数据", nbsp + "数据"),
    ("", ""),
    (#"\N \G \l"#, #"\\N \\G \\l"#),
    ("naïve café", "naïve café"),
  ]

  @Test("escapes each label", arguments: table)
  func escape(label: String, expected: String) {
    #expect(RecordLabel.escape(label) == expected)
  }

  @Test("every nasty label of the other tests is in the table")
  func tableCoversNastyLabels() {
    let covered = Set(Self.table.map(\.0))
    for label in Escaping.nasty { #expect(covered.contains(label), "\(label)") }
  }
}
