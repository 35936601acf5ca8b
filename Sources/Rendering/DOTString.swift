/// DOT strings quoted as Graphviz's `agstrcanon` (cgraph's write.c) quotes them.
///
/// ```
/// ""                            ->  ""          (the empty string, quoted)
/// ids: letters, digits, _, and any byte >= 0x80, not starting with a digit
///                               ->  as is       (node, edge, graph, digraph, subgraph and
///                                                strict, in any case, are quoted)
/// numbers: -?digits with one . at most, -/. alone excepted
///                               ->  as is
/// anything else                 ->  "..."       with " as \"
/// ```
/// Long strings are broken as `agwrite` breaks them: after 128 bytes since the start or the
/// last break, at the first place where a byte that is not an id character (letter, digit,
/// `.`, `-`, byte >= 0x80) nor a backslash is followed by an id character, a backslash and a
/// newline are inserted (and the string quoted). Tests compare this with the library's own
/// `agstrcanon` on many strings.
package enum DOTString {
  /// The line length at which `agwrite` starts looking for a break (`MAX_OUTPUTLINE`).
  static let maxOutputLine = 128

  /// The tokens of the DOT grammar that must be quoted to be names.
  private static let keywords: [[UInt8]] = [
    "node", "edge", "strict", "graph", "digraph", "subgraph",
  ].map { Array($0.utf8) }

  /// `text` as `agstrcanon` writes it.
  ///
  /// - Complexity: O(n) in the length of `text`.
  package static func canonical(_ text: String) -> String {
    var out: [UInt8] = []
    appendCanonical(text, to: &out)
    return String(decoding: out, as: UTF8.self)
  }

  private static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

  private static func isAlnum(_ c: UInt8) -> Bool {
    isDigit(c) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
  }

  /// cgraph's `ISALNUM`: letters, digits, `_`, and bytes beyond ASCII.
  private static func isNameByte(_ c: UInt8) -> Bool { isAlnum(c) || c == 0x5F || c >= 0x80 }

  /// cgraph's `is_id_char`: letters, digits, `.`, `-`, and bytes beyond ASCII.
  private static func isIDChar(_ c: UInt8) -> Bool {
    isAlnum(c) || c == 0x2E || c == 0x2D || c >= 0x80
  }

  /// Appends `text` as `agstrcanon` writes it to `out`.
  ///
  /// - Complexity: O(n) in the length of `text`.
  package static func appendCanonical(_ text: String, to out: inout [UInt8]) {
    var text = text
    text.withUTF8 { appendCanonical(bytes: $0, to: &out) }
  }

  /// Appends the bytes of a string (without NUL) as `agstrcanon` writes them.
  static func appendCanonical(bytes arg: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    // cgraph stops at the first NUL.
    let length = arg.firstIndex(of: 0) ?? arg.count
    guard length > 0 else {
      out.append(contentsOf: [0x22, 0x22])
      return
    }
    let start = out.count
    out.append(0x22)
    var cnt = 0
    var dots = 0
    var needsQuotes = false
    var backslashPending = false
    var maybeNumber = isDigit(arg[0]) || arg[0] == 0x2E || arg[0] == 0x2D
    var i = 0
    while i < length {
      let c = arg[i]
      if c == 0x22 {
        out.append(0x5C)
        needsQuotes = true
      } else if maybeNumber {
        if c == 0x2D {
          if cnt != 0 {
            maybeNumber = false
            needsQuotes = true
          }
        } else if c == 0x2E {
          if dots != 0 {
            maybeNumber = false
            needsQuotes = true
          }
          dots += 1
        } else if !isDigit(c) {
          maybeNumber = false
          needsQuotes = true
        }
      } else if !isNameByte(c) {
        needsQuotes = true
      }
      out.append(c)
      i += 1
      cnt += 1
      let nextExists = i < length
      let next: UInt8 = nextExists ? arg[i] : 0
      let last = out[out.count - 1]
      let breakable = !(isIDChar(last) || last == 0x5C) && isIDChar(next)
      if nextExists && backslashPending && breakable {
        out.append(contentsOf: [0x5C, 0x0A])
        needsQuotes = true
        backslashPending = false
        cnt = 0
      } else if nextExists && cnt >= maxOutputLine {
        if breakable {
          out.append(contentsOf: [0x5C, 0x0A])
          needsQuotes = true
          cnt = 0
        } else {
          backslashPending = true
        }
      }
    }
    out.append(0x22)
    if needsQuotes || (cnt == 1 && (arg[0] == 0x2E || arg[0] == 0x2D)) { return }
    for keyword in keywords where keyword.count == length {
      var same = true
      for k in 0..<length
      where keyword[k] != (arg[k] | (arg[k] >= 0x41 && arg[k] <= 0x5A ? 0x20 : 0)) {
        same = false
        break
      }
      if same { return }
    }
    // As is: drop the quotes.
    out.removeSubrange(start..<out.count)
    out.append(contentsOf: UnsafeBufferPointer(rebasing: arg[0..<length]))
  }
}
