import JSONValue
import StatesLanguage

/// A mock file that cannot be used: where in it (a JSON pointer) and what is wrong.
package struct MockConfigurationError: Error, Equatable, Sendable, CustomStringConvertible {
    package var pointer: String
    package var message: String
    package var description: String { "\(message) (at \(pointer.isEmpty ? "/" : pointer))" }
}

/// Reads mocked task responses in either of two forms:
/// - AWS Step Functions Local's mock configuration: `StateMachines.<machine>.TestCases.<case>` maps
///   state names to entries of `MockedResponses`, each keyed by invocation (`"0"`, `"1-2"`) with a
///   `Return` value or a `Throw` of `{Error, Cause}`;
/// - a short form: state name to one `{Return}`/`{Throw}` object or a list of them, one per invocation.
package enum MockConfiguration {
    package static func responses(
        from document: JSONValue, stateMachine: String?, testCase: String?
    ) throws(MockConfigurationError) -> [String: MockedResponse] {
        guard let root = document.objectValue else {
            throw MockConfigurationError(pointer: "", message: "The mock file must contain a JSON object")
        }
        if root["StateMachines"] != nil || root["MockedResponses"] != nil {
            return try awsForm(root, stateMachine: stateMachine, testCase: testCase)
        }
        var out: [String: MockedResponse] = [:]
        for (state, value) in root.members {
            let pointer = "/" + state.jsonPointerEscaped
            if case .array(let list) = value {
                var entries: [(range: ClosedRange<Int>, outcome: TaskOutcome)] = []
                for (i, item) in list.enumerated() {
                    entries.append((i...i, try outcome(item, pointer: pointer + "/\(i)")))
                }
                guard !entries.isEmpty else {
                    throw MockConfigurationError(pointer: pointer, message: "The list of responses for '\(state)' is empty")
                }
                out[state] = MockedResponse(entries: entries)
            } else {
                out[state] = MockedResponse(entries: [(0...0, try outcome(value, pointer: pointer))])
            }
        }
        return out
    }

    package static func awsForm(_ root: JSONObject, stateMachine: String?, testCase: String?) throws(MockConfigurationError)
        -> [String: MockedResponse]
    {
        guard let machines = root["StateMachines"]?.objectValue, !machines.isEmpty else {
            throw MockConfigurationError(pointer: "/StateMachines", message: "'StateMachines' must be a non-empty object")
        }
        let machineName: String
        if let stateMachine {
            guard machines.contains(stateMachine) else {
                throw MockConfigurationError(
                    pointer: "/StateMachines",
                    message: "No state machine named '\(stateMachine)'; the file has: \(machines.keys.joined(separator: ", "))")
            }
            machineName = stateMachine
        } else {
            guard machines.count == 1 else {
                throw MockConfigurationError(
                    pointer: "/StateMachines", message: "The file mocks several state machines; name one (\(machines.keys.joined(separator: ", ")))")
            }
            machineName = machines.keys[0]
        }
        let machinePointer = "/StateMachines/\(machineName.jsonPointerEscaped)"
        guard let cases = machines[machineName]?["TestCases"]?.objectValue, !cases.isEmpty else {
            throw MockConfigurationError(pointer: machinePointer + "/TestCases", message: "'TestCases' must be a non-empty object")
        }
        let caseName: String
        if let testCase {
            guard cases.contains(testCase) else {
                throw MockConfigurationError(
                    pointer: machinePointer + "/TestCases",
                    message: "No test case named '\(testCase)'; the file has: \(cases.keys.joined(separator: ", "))")
            }
            caseName = testCase
        } else {
            guard cases.count == 1 else {
                throw MockConfigurationError(
                    pointer: machinePointer + "/TestCases",
                    message: "Several test cases; choose one with --test-case (\(cases.keys.joined(separator: ", ")))")
            }
            caseName = cases.keys[0]
        }
        let casePointer = machinePointer + "/TestCases/\(caseName.jsonPointerEscaped)"
        guard let mapping = cases[caseName]?.objectValue else {
            throw MockConfigurationError(pointer: casePointer, message: "A test case must map state names to mocked response names")
        }
        let library = root["MockedResponses"]?.objectValue ?? JSONObject()
        var out: [String: MockedResponse] = [:]
        for (state, nameValue) in mapping.members {
            guard let name = nameValue.stringValue else {
                throw MockConfigurationError(pointer: casePointer + "/" + state.jsonPointerEscaped, message: "Expected the name of a mocked response")
            }
            guard let responses = library[name]?.objectValue else {
                throw MockConfigurationError(
                    pointer: casePointer + "/" + state.jsonPointerEscaped, message: "'\(name)' is not defined under MockedResponses")
            }
            var entries: [(range: ClosedRange<Int>, outcome: TaskOutcome)] = []
            for (key, value) in responses.members {
                let pointer = "/MockedResponses/\(name.jsonPointerEscaped)/\(key.jsonPointerEscaped)"
                guard let range = invocationRange(key) else {
                    throw MockConfigurationError(pointer: pointer, message: "'\(key)' is not an invocation number or range like \"0\" or \"1-3\"")
                }
                entries.append((range, try outcome(value, pointer: pointer)))
            }
            out[state] = MockedResponse(entries: entries)
        }
        return out
    }

    static func invocationRange(_ key: String) -> ClosedRange<Int>? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 1, let n = Int(parts[0]), n >= 0 { return n...n }
        if parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]), a >= 0, b >= a { return a...b }
        return nil
    }

    static func outcome(_ value: JSONValue, pointer: String) throws(MockConfigurationError) -> TaskOutcome {
        guard let o = value.objectValue else {
            throw MockConfigurationError(pointer: pointer, message: "A mocked response must be an object with 'Return' or 'Throw'")
        }
        if let result = o["Return"] { return .succeeded(result) }
        if let thrown = o["Throw"] {
            guard let t = thrown.objectValue else {
                throw MockConfigurationError(pointer: pointer + "/Throw", message: "'Throw' must be an object with 'Error' and 'Cause'")
            }
            return .failed(error: t["Error"]?.stringValue, cause: t["Cause"]?.stringValue)
        }
        throw MockConfigurationError(pointer: pointer, message: "A mocked response needs 'Return' or 'Throw'")
    }
}
