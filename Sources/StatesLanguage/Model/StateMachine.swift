import JSONValue

/// A parsed, immutable state machine (the top level, a Parallel branch or a Map's item processor).
///
/// A class so that execution frames can share it by reference; states are addressed by index,
/// transitions already resolved, paths and templates already compiled.
package final class StateMachine: Sendable {
    package let startIndex: Int
    package let states: [State]
    package let comment: String?
    package let timeoutSeconds: Int?
    package let queryLanguage: QueryLanguage
    /// Where this machine sits in the definition, as a JSON pointer (`""` for the top level).
    package let pointer: String
    private let indexByName: [String: Int]

    package init(
        startIndex: Int, states: [State], comment: String?, timeoutSeconds: Int?,
        queryLanguage: QueryLanguage, pointer: String
    ) {
        self.startIndex = startIndex
        self.states = states
        self.comment = comment
        self.timeoutSeconds = timeoutSeconds
        self.queryLanguage = queryLanguage
        self.pointer = pointer
        var index: [String: Int] = [:]
        for (i, s) in states.enumerated() { index[s.name] = i }
        self.indexByName = index
    }

    package var startState: State { states[startIndex] }

    package func index(of name: String) -> Int? { indexByName[name] }
}

/// The query language of a state machine or state.
package enum QueryLanguage: String, Sendable {
    case jsonPath = "JSONPath"
    case jsonata = "JSONata"
}
