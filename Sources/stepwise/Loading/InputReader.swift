import JSONValue

/// Where an execution's input comes from.
enum InputSource: Sendable, Equatable {
    /// No input given: `{}`, as StartExecution uses.
    case none
    /// JSON text from `--input`.
    case text(String)
    /// A file from `--input-file`: JSON, or YAML when its extension says so.
    case file(String)
}

/// Reads the execution input, reporting malformed JSON with the option or file and its line and column.
enum InputReader {
    static func read(_ source: InputSource) throws(InputFileError) -> JSONValue {
        switch source {
        case .none:
            return .object(JSONObject())
        case .text(let text):
            return try DocumentReader.parse(text, name: "--input", format: .json)
        case .file(let path):
            let text = try DocumentReader.text(ofFile: path)
            // Any JSON value is a valid input (a bare string or number too), so only the extension picks YAML.
            let ext = DocumentReader.fileExtension(path)
            return try DocumentReader.parse(text, name: path, format: ext == "yaml" || ext == "yml" ? .yaml : .json)
        }
    }
}
