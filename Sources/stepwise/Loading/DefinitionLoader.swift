import JSONValue
import StatesLanguage

/// Why a definition cannot be run.
enum DefinitionLoadError: Error, Sendable {
    /// The file is missing or is not well-formed JSON/YAML.
    case file(InputFileError)
    /// The definition parsed but breaks the States Language rules: every diagnostic, as `validate` prints them.
    case invalid([Diagnostic])
    /// The validator accepted it but the parser cannot build a machine from it.
    case unsupported(InputFileError)

    /// The lines to show the user, in order.
    var lines: [String] {
        switch self {
        case .file(let error), .unsupported(let error): [error.description]
        case .invalid(let diagnostics): diagnostics.map(DiagnosticFormatter.line)
        }
    }
}

/// Reads a definition file (JSON or YAML) and checks it the way CreateStateMachine would.
struct DefinitionLoader: Sendable {
    var type: StateMachineType = .standard

    /// The definition as a JSON value, without validating it.
    func document(atPath path: String) throws(InputFileError) -> JSONValue {
        try DocumentReader.document(atPath: path)
    }

    /// Every diagnostic for the definition at `path`.
    func diagnostics(atPath path: String) throws(InputFileError) -> [Diagnostic] {
        DefinitionValidator(type: type).validate(try document(atPath: path))
    }

    /// A runnable machine: read, validated (errors block, warnings do not), then parsed.
    func machine(atPath path: String) throws(DefinitionLoadError) -> StateMachine {
        let definition: JSONValue
        do {
            definition = try document(atPath: path)
        } catch {
            throw .file(error)
        }
        let diagnostics = DefinitionValidator(type: type).validate(definition)
        guard diagnostics.isValid else { throw .invalid(diagnostics) }
        do {
            return try StateMachineParser().parse(definition)
        } catch {
            throw .unsupported(InputFileError(file: path, place: .pointer(error.pointer), message: error.message))
        }
    }
}
