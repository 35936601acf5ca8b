import ArgumentParser
import Foundation

/// The check that the first word names a command, made before parsing.
///
/// swift-argument-parser suggests near names for mistyped options but not for subcommands: it
/// reads `gradviz rendr FILE -o x.svg` as operands of the root command and then complains
/// about `-o`, and `gradviz help rendr` prints the top-level help with status 0. This check
/// names the mistyped word instead, with the nearest command, as git and swift do.
enum CommandSpelling {
  /// The names the first word may take: every subcommand, and the built-in `help`.
  static var names: [String] {
    Gradviz.configuration.subcommands.map { $0._commandName } + ["help"]
  }

  /// The commands a mistyped word may be told of: the ones help lists.
  static var shownNames: [String] {
    Gradviz.configuration.subcommands.filter { $0.configuration.shouldDisplay }
      .map { $0._commandName }
  }

  /// What is wrong with the command word of `arguments` (without the program's name), or `nil`
  /// when it names a command, or when it is an option for the parser to read.
  ///
  /// `gradviz help WORD` is checked too.
  ///
  /// - Complexity: O(k · m²) for k command names of length about m.
  static func mistake(in arguments: [String]) -> String? {
    guard let first = arguments.first, !first.hasPrefix("-") else { return nil }
    guard names.contains(first) else { return message(for: first) }
    if first == "help", let topic = arguments.dropFirst().first, !topic.hasPrefix("-"),
      !names.contains(topic)
    {
      return message(for: topic)
    }
    return nil
  }

  /// `unknown command 'rendr'; did you mean 'render'?`, or the list of commands when none is
  /// near.
  static func message(for word: String) -> String {
    let choices = shownNames
    if let near = nearest(to: word, in: choices) {
      return "unknown command '\(word)'; did you mean '\(near)'?"
    }
    if FileManager.default.fileExists(atPath: word) {
      return "unknown command '\(word)'; a script comes after a command, as in "
        + "'gradviz render \(word)' (see 'gradviz help')"
    }
    return "unknown command '\(word)'; the commands are " + choices.joined(separator: ", ")
      + " (see 'gradviz help')"
  }

  /// The name closest to `word`: the only name `word` begins, else the name at the smallest
  /// edit distance when that is at most a third of `word`'s length (and at least 1).
  static func nearest(to word: String, in names: [String]) -> String? {
    let typed = word.lowercased()
    let extended = names.filter { $0.hasPrefix(typed) }
    if typed.count >= 2, extended.count == 1 { return extended[0] }
    let limit = max(1, typed.count / 3)
    let scored = names.map { (name: $0, distance: editDistance(typed, $0)) }
    guard let best = scored.min(by: { $0.distance < $1.distance }), best.distance <= limit,
      scored.filter({ $0.distance == best.distance }).count == 1
    else { return nil }
    return best.name
  }

  /// The number of insertions, deletions, substitutions and swaps of neighbours that turn `a`
  /// into `b` (the optimal string alignment distance).
  ///
  /// - Complexity: O(|a| · |b|) time, O(|b|) memory.
  static func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a)
    let b = Array(b)
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var before = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], before[j - 2] + 1)
        }
      }
      (before, previous, current) = (previous, current, before)
    }
    return previous[b.count]
  }
}
