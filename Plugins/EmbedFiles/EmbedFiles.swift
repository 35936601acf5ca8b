import Foundation
import PackagePlugin

/// Builds a target's text assets (`.py`, `.js`, `.css`, `.html`) into its binary.
///
/// Every such file under the target's `Embedded/` folder becomes one entry of a generated
/// internal `EmbeddedFiles.all` table (the path relative to `Embedded/` and the file's text),
/// so the program stays one file and needs no resource bundle at run time. The folder is kept
/// as real files that editors, linters and tests read directly; the target excludes it
/// (`exclude: ["Embedded"]`) so the package manager leaves it to this plugin.
@main
struct EmbedFiles: BuildToolPlugin {
  static let extensions: Set<String> = ["py", "js", "css", "html"]

  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    guard let target = target as? SourceModuleTarget else { return [] }
    let folder = target.directoryURL.appending(path: "Embedded")
    let files = Self.files(under: folder)
    let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
    return [
      .buildCommand(
        displayName: "Embedding \(files.count) files into \(target.name)",
        executable: try context.tool(named: "embed-files").url,
        arguments: [output.path, folder.path] + files.map(\.path),
        inputFiles: files,
        outputFiles: [output])
    ]
  }

  /// The embedded files below `folder`, sorted by path so the generated source is stable.
  static func files(under folder: URL) -> [URL] {
    guard
      let walk = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey])
    else { return [] }
    var found: [URL] = []
    for case let url as URL in walk where extensions.contains(url.pathExtension) {
      if url.pathComponents.contains("__pycache__") { continue }
      found.append(url)
    }
    return found.sorted { $0.path < $1.path }
  }
}
