/// Why a JSONPath could not be compiled or evaluated, in Jayway's two categories.
package enum JSONPathError: Error, Equatable, Sendable {
    /// Syntax Jayway rejects (its `InvalidPathException`).
    case invalid(path: String, reason: String)
    /// A definite path that matched nothing, or a step that could not be taken (its `PathNotFoundException`).
    case notFound(path: String, message: String)
}

extension JSONPathError: CustomStringConvertible {
    /// AWS's wording: `Invalid path '$.x' : No results for path: $['x']`.
    package var description: String {
        switch self {
        case .invalid(let path, let reason): "Invalid path '\(path)' : \(reason)"
        case .notFound(let path, let message): "Invalid path '\(path)' : \(message)"
        }
    }
}
