/// A problem in a file (or option value) the user gave us, said the way a compiler says it:
/// which file, where in it, and a plain sentence.
struct InputFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Where in the file the problem is.
    enum Place: Equatable, Sendable {
        /// The file as a whole (missing, unreadable, not UTF-8).
        case file
        /// A syntax error, 1-based.
        case text(line: Int, column: Int)
        /// A value in a well-formed document, as a JSON pointer.
        case pointer(String)
    }

    /// The path as the user wrote it (or an option name such as `--input`).
    var file: String
    var place: Place
    var message: String

    var description: String {
        switch place {
        case .file: "\(file): \(message)"
        case .text(let line, let column): "\(file): line \(line), column \(column): \(message)"
        case .pointer(let pointer): "\(file) at \(pointer.isEmpty ? "/" : pointer): \(message)"
        }
    }
}
