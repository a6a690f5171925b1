import Foundation
import JSONValue

/// The syntax a document is written in.
enum DocumentFormat: Sendable, Equatable {
    case json
    case yaml
}

/// Reads the user's files (definitions, inputs, mock configurations) into `JSONValue`s, turning
/// every way they can be wrong into an `InputFileError` that names the file and the place.
enum DocumentReader {
    /// The text of the file at `path`, reported under the name the user wrote.
    static func text(ofFile path: String) throws(InputFileError) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputFileError(file: path, place: .file, message: "No such file")
        }
        guard !isDirectory.boolValue else {
            throw InputFileError(file: path, place: .file, message: "Is a directory, not a file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputFileError(file: path, place: .file, message: "The file cannot be read (check its permissions)")
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw InputFileError(file: path, place: .file, message: "The file is not UTF-8 text")
        }
        // Editors on Windows may start UTF-8 files with a byte order mark, which is no JSON token.
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text
    }

    /// How a definition or mock file is read: by its extension when it says, otherwise JSON when
    /// the text starts with `{` (every definition is an object) and YAML when it does not.
    static func format(ofFile path: String, text: String) -> DocumentFormat {
        switch fileExtension(path) {
        case "yaml", "yml": return .yaml
        // A .json file is always read as JSON so its mistakes get JSON's line and column, not YAML's.
        case "json": return .json
        default:
            let first = text.first(where: { !$0.isWhitespace })
            return first == "{" ? .json : .yaml
        }
    }

    /// Parses `text` (from `name`, a file or an option) in the given syntax.
    static func parse(_ text: String, name: String, format: DocumentFormat) throws(InputFileError) -> JSONValue {
        switch format {
        case .json:
            do {
                return try JSONValue(parsing: text)
            } catch {
                throw InputFileError(file: name, place: .text(line: error.line, column: error.column), message: error.reason)
            }
        case .yaml:
            return try YAMLConverter.convert(text, file: name)
        }
    }

    /// Reads and parses a definition or mock file, choosing the syntax with `format(ofFile:text:)`.
    static func document(atPath path: String) throws(InputFileError) -> JSONValue {
        let text = try text(ofFile: path)
        return try parse(text, name: path, format: format(ofFile: path, text: text))
    }

    /// The lowercased extension of the last path component, or "" when it has none.
    static func fileExtension(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return "" }
        return last[last.index(after: dot)...].lowercased()
    }

    /// The last path component without its extension: `flows/order.asl.json` gives `order.asl`.
    static func baseName(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = last.lastIndex(of: "."), dot != last.startIndex else { return last }
        return String(last[..<dot])
    }
}
