import JSONValue
import StepwiseEngine

/// Reads a mock file (AWS Step Functions Local's format or the short `{"State": {"Return": ...}}` form).
enum MockLoader {
    /// The responses for the machine named `stateMachine`; `testCase` picks one of the file's test cases.
    static func responses(
        atPath path: String, stateMachine: String, testCase: String?
    ) throws(InputFileError) -> [String: MockedResponse] {
        let document = try DocumentReader.document(atPath: path)
        let machines = document["StateMachines"]?.objectValue
        let isAWSForm = machines != nil || document["MockedResponses"] != nil
        if testCase != nil, !isAWSForm, document.objectValue != nil {
            throw InputFileError(
                file: path, place: .file,
                message: "--test-case needs a mock file in AWS Step Functions Local's format (with 'StateMachines' and 'MockedResponses')")
        }
        // The file's entry for this machine when it has one; otherwise its only machine, whatever it
        // is called, so a file written for the machine's name on AWS still works here.
        let name = machines?.contains(stateMachine) == true ? stateMachine : nil
        do {
            return try MockConfiguration.responses(from: document, stateMachine: name, testCase: testCase)
        } catch {
            throw InputFileError(file: path, place: .pointer(error.pointer), message: error.message)
        }
    }
}
