import ArgumentParser

extension Gradviz {
  /// `gradviz run FILE [ARGUMENT...]`: run the script and show what it prints, as
  /// `python3 FILE` would.
  struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Run the script and print what it prints.",
      discussion: """
        Example:
          gradviz run -e "a = Value(2.0); b = Value(-3.0); print(a*b + 10)"
          Value(data=4.0)
        """)

    @OptionGroup var script: ScriptOptions

    @Argument(
      help: ArgumentHelp(
        "Arguments for the script, its sys.argv[1:] (after '--' when they start with '-').",
        valueName: "argument"))
    var arguments: [String] = []

    func run() throws {
      _ = try script.run(output: .standardOutput, arguments: arguments)
    }
  }
}
