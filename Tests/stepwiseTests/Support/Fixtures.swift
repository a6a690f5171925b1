import Foundation

@testable import stepwise

/// The fixture files (`FixtureFiles`), written once into a temporary directory so the commands read
/// them from disk as they read the user's files.
enum Fixtures {
    static let directory: String = {
        // A failure here leaves the files missing, which every test using them then reports by name.
        guard let temp = try? TemporaryDirectory() else { return "/nonexistent" }
        for (name, text) in FixtureFiles.all { _ = try? temp.write(name, text + "\n") }
        return temp.path
    }()

    static func path(_ name: String) -> String {
        precondition(FixtureFiles.all[name] != nil, "no fixture named \(name)")
        return directory + "/" + name
    }
}

/// A fresh directory for files a test writes itself (malformed or one-off documents).
struct TemporaryDirectory {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "stepwise-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the directory and returns the file's path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }
}

/// Runs `stepwise run` in process and returns what it printed.
func run(_ options: RunOptions) async -> (report: RunReport, console: RecordingConsole) {
    let console = RecordingConsole()
    let report = await RunCommand(options: options).execute(console: console)
    return (report, console)
}

/// Options for running a fixture, adjusted by `configure`.
func options(_ fixture: String, _ configure: (inout RunOptions) -> Void = { _ in }) -> RunOptions {
    var options = RunOptions(definitionPath: Fixtures.path(fixture))
    configure(&options)
    return options
}
