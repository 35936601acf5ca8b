import ArgumentParser

extension Gradviz {
  /// `gradviz run FILE`: run the script and show what it prints, as Python would.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the script and print what it prints.",
      discussion: """
        Example:
          gradviz run -e "a = Value(2.0); b = Value(-3.0); print(a*b + 10)"
          Value(data=4.0)
        """)

    @OptionGroup var script: ScriptOptions

    func run() throws {
      _ = try script.run(output: .standardOutput)
    }
  }
}
