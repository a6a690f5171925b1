import StatesLanguage

/// Prints diagnostics one a line, severity and code first so they can be grepped:
/// `ERROR SCHEMA_VALIDATION_FAILED at /States/X/Next: message`.
enum DiagnosticFormatter {
    static func line(_ diagnostic: Diagnostic) -> String {
        let at = diagnostic.location.map { " at \($0)" } ?? ""
        return "\(diagnostic.severity.rawValue) \(diagnostic.code)\(at): \(diagnostic.message)"
    }
}
