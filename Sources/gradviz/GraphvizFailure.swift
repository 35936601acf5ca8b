import ArgumentParser
import Rendering

/// Turns rendering errors into messages and exit statuses.
enum GraphvizFailure {
  /// Runs `body`; on a ``RenderError`` prints it and exits 1 (a graph too large, a focus that
  /// names no value, a format that is not installed: the user can act on it) or 70
  /// (Graphviz itself failed or crashed).
  static func guarding<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as RenderError {
      var error = error
      if case .unknownFormat(let format, _) = error, let formats = try? OutputFormat.available() {
        error = .unknownFormat(format, available: formats)
      }
      Console.message("gradviz: error: \(error.description)")
      switch error {
      case .graphviz, .graphvizFailed: throw ExitCode(70)
      default: break
      }
      throw ExitCode(1)
    }
  }
}
