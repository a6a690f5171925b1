/// What `stepwise run` was asked to do, independent of how the command line spelled it.
struct RunOptions: Sendable {
    var definitionPath: String
    var input: InputSource = .none
    /// Print every history event before the output.
    var history = false
    var mocksPath: String?
    var testCase: String?
    /// Waits and retry delays pass at once instead of in real time.
    var virtualTime = false
    /// The execution's name; a random UUID when nil, as StartExecution does.
    var executionName: String?
    /// The state machine's name; the definition file's base name when nil.
    var stateMachineName: String?

    init(definitionPath: String) {
        self.definitionPath = definitionPath
    }
}
