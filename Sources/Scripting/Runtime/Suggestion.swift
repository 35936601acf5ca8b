/// "Did you mean ...?" for misspelled names.
enum Suggestion {
  /// The candidate closest to `name`, if one is close enough to be a likely typo: within a
  /// few edits (a swap of two neighbours is one edit; case is ignored) and fewer edits than
  /// `name` has characters. Ties go to the candidate closest in case, then alphabetically.
  static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
    let target = Array(name.lowercased())
    let exact = Array(name)
    let limit = target.count <= 3 ? 1 : target.count <= 6 ? 2 : 3
    // Ranked by distance ignoring case, then by distance with case, then alphabetically.
    var best: (distance: Int, exactDistance: Int, name: String)?
    for candidate in Set(candidates) where candidate != name {
      let distance = editDistance(target, Array(candidate.lowercased()))
      guard distance <= limit, distance < max(target.count, 1) || distance == 0 else { continue }
      let rank = (distance, editDistance(exact, Array(candidate)), candidate)
      if let current = best, (current.distance, current.exactDistance, current.name) <= rank {
        continue
      }
      best = rank
    }
    return best?.name
  }

  /// The optimal-string-alignment distance: insertions, deletions, substitutions and swaps
  /// of neighbours each cost 1.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
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

  /// The note for `name`, if a candidate is close: `did you mean 'label'?`.
  static func note(for name: String, among candidates: some Sequence<String>) -> [String] {
    closest(to: name, among: candidates).map { ["did you mean '\($0)'?"] } ?? []
  }
}
