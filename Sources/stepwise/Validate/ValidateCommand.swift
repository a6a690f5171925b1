import StatesLanguage

/// `stepwise validate`: every diagnostic of a definition, or `OK`.
struct ValidateCommand: Sendable {
    var definitionPath: String
    var type: StateMachineType = .standard

    /// Prints the result and returns the exit status: 1 when the definition has errors or cannot be read.
    func execute(console: any Console) -> Int32 {
        let diagnostics: [Diagnostic]
        do {
            diagnostics = try DefinitionLoader(type: type).diagnostics(atPath: definitionPath)
        } catch {
            console.err(error.description)
            return 1
        }
        for diagnostic in diagnostics { console.out(DiagnosticFormatter.line(diagnostic)) }
        // Warnings alone do not block CreateStateMachine, so the definition is still OK.
        if diagnostics.isValid { console.out("OK") }
        return diagnostics.isValid ? 0 : 1
    }
}
