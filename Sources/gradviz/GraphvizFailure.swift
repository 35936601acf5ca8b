import ArgumentParser
import GraphvizBindings
import Rendering

/// Turns drawing and Graphviz errors into messages and exit statuses.
enum GraphvizFailure {
  /// Runs `body`; on a ``RenderError`` (a graph too large, a focus that names no value: the
  /// user can act on it) prints it and exits 1; on a ``GraphvizError`` prints it and exits 1
  /// for a format that is not installed or a picture over the pixel budget, or 70 when
  /// Graphviz itself failed or crashed.
  static func guarding<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as RenderError {
      Console.message("gradviz: error: \(error.description)")
      throw ExitCode(1)
    } catch let error as GraphvizError {
      var error = error
      if case .unknownFormat(let format, _) = error, let formats = try? OutputFormat.available() {
        error = .unknownFormat(format, available: formats)
      }
      Console.message("gradviz: error: \(error.description)")
      switch error {
      case .graphviz, .failed: throw ExitCode(70)
      case .unknownFormat, .pictureTooLarge: throw ExitCode(1)
      }
    }
  }
}
