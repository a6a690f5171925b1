/// A state machine ARN that may name a mock test case after `#`, as AWS Step Functions Local
/// accepts in StartExecution: `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME#TestCase`.
enum MockTestCaseARN {
    static func split(_ text: String) throws(APIError) -> (StateMachineARN, String?) {
        guard let hash = text.firstIndex(of: "#") else { return (try StateMachineARN(parsing: text).unlabeled(), nil) }
        let testCase = String(text[text.index(after: hash)...])
        guard !testCase.isEmpty else {
            throw APIError(.invalidArn, "Invalid Arn: 'Test case name missing after # in \(text)'")
        }
        return (try StateMachineARN(parsing: String(text[..<hash])).unlabeled(), testCase)
    }

    static func join(_ arn: StateMachineARN, _ testCase: String?) -> String {
        arn.description + (testCase.map { "#" + $0 } ?? "")
    }
}
