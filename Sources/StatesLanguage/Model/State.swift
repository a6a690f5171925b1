import JSONValue

/// One state of a state machine with its common fields and its type-specific part.
///
/// Immutable and shared by reference: the interpreter reads it on every transition.
package final class State: Sendable {
    package let name: String
    package let kind: Kind
    package let comment: String?
    /// `InputPath`: which part of the state input the state works on.
    package let inputPath: PathField
    /// `OutputPath`: which part of the state's output goes on.
    package let outputPath: PathField
    /// `ResultPath`: where the result is placed into the state input.
    package let resultPath: PathField
    /// `Parameters` (Pass, Task, Parallel, legacy Map) or `ItemSelector` for Map.
    package let parameters: PayloadTemplate?
    /// `ResultSelector` (Task, Parallel, Map).
    package let resultSelector: PayloadTemplate?
    package let retriers: [Retrier]
    package let catchers: [Catcher]
    package let transition: Transition
    /// `Assign`: the workflow variables the state sets as it leaves.
    package let assign: Assignment?
    /// The query language the state's fields are written in.
    package let queryLanguage: QueryLanguage
    /// JSONata `Arguments` (Task, Parallel) or `ItemSelector` (Map).
    package let arguments: JSONataTemplate?
    /// JSONata `Output`.
    package let output: JSONataTemplate?
    /// The history event types of entering and leaving this state, worked out once.
    package let enteredEventType: HistoryEventType
    package let exitedEventType: HistoryEventType?
    /// The size bound of `parameters`, worked out once (the interpreter checks payload sizes on every transition).
    package let parametersSizeBound: PayloadSizeBound?

    package init(
        name: String, kind: Kind, comment: String? = nil, inputPath: PathField = .default, outputPath: PathField = .default,
        resultPath: PathField = .default, parameters: PayloadTemplate? = nil, resultSelector: PayloadTemplate? = nil,
        retriers: [Retrier] = [], catchers: [Catcher] = [], transition: Transition = .end, assign: Assignment? = nil,
        queryLanguage: QueryLanguage = .jsonPath, arguments: JSONataTemplate? = nil, output: JSONataTemplate? = nil
    ) {
        self.name = name
        self.kind = kind
        self.comment = comment
        self.inputPath = inputPath
        self.outputPath = outputPath
        self.resultPath = resultPath
        self.parameters = parameters
        self.resultSelector = resultSelector
        self.retriers = retriers
        self.catchers = catchers
        self.transition = transition
        self.assign = assign
        self.queryLanguage = queryLanguage
        self.arguments = arguments
        self.output = output
        self.enteredEventType = State.enteredEventType(kind)
        self.exitedEventType = State.exitedEventType(kind)
        self.parametersSizeBound = parameters?.sizeBound
    }

    /// The type-specific part of a state.
    package enum Kind: Sendable {
        case pass(PassState)
        case task(TaskState)
        case choice(ChoiceState)
        case wait(WaitState)
        case succeed
        case fail(FailState)
        case parallel(ParallelState)
        case map(MapState)
    }

    /// The AWS type name (`Pass`, `Task`, ...), which prefixes the state's history event types.
    package var typeName: String {
        switch kind {
        case .pass: "Pass"
        case .task: "Task"
        case .choice: "Choice"
        case .wait: "Wait"
        case .succeed: "Succeed"
        case .fail: "Fail"
        case .parallel: "Parallel"
        case .map: "Map"
        }
    }
}

/// Where a state goes next.
package enum Transition: Sendable, Equatable {
    case next(Int)
    case end
}

/// A path field such as InputPath: absent (meaning `$`), explicitly `null`, or a path.
package enum PathField: Sendable {
    case `default`
    case null
    case path(JSONPath)
}

/// The Pass state's own fields.
package struct PassState: Sendable {
    package var result: JSONValue?
}

/// The Fail state's own fields.
package struct FailState: Sendable {
    package var error: String?
    package var errorPath: ValueSource?
    package var cause: String?
    package var causePath: ValueSource?
}

/// A `...Path` field of a Fail state (a JSONPath or an intrinsic call), or its JSONata-mode `{% %}` value.
package enum ValueSource: Sendable {
    case path(JSONPath)
    case intrinsic(IntrinsicCall)
    case jsonata(JSONataTemplate)
}

/// The Wait state's own fields: exactly one way to say how long.
package struct WaitState: Sendable {
    package enum Duration: Sendable {
        case seconds(Int)
        case secondsPath(JSONPath)
        case timestamp(String)
        case timestampPath(JSONPath)
        /// JSONata mode: `Seconds` or `Timestamp` written as an expression.
        case secondsExpression(JSONataTemplate)
        case timestampExpression(JSONataTemplate)
    }
    package var duration: Duration
}

/// The Parallel state's branches.
package struct ParallelState: Sendable {
    package var branches: [StateMachine]
}

/// A number given literally, through a path or as a JSONata expression (MaxConcurrency, TimeoutSeconds, ...).
package enum NumberField: Sendable {
    case value(Double)
    case path(JSONPath)
    case jsonata(JSONataTemplate)
}

/// The Map state's own fields.
package struct MapState: Sendable {
    package enum Mode: String, Sendable {
        case inline = "INLINE"
        case distributed = "DISTRIBUTED"
    }
    package var processor: StateMachine
    package var mode: Mode
    package var itemsPath: PathField = .default
    /// JSONata `Items`: the array to iterate (the state input when absent).
    package var items: JSONataTemplate?
    package var maxConcurrency: NumberField?
    package var toleratedFailureCount: NumberField?
    package var toleratedFailurePercentage: NumberField?
    package var label: String?
    /// The raw ItemReader, ItemBatcher and ResultWriter blocks of a distributed Map.
    package var itemReader: JSONValue?
    package var itemBatcher: JSONValue?
    package var resultWriter: JSONValue?
}

/// The Task state's own fields.
package struct TaskState: Sendable {
    package var resource: String
    package var timeoutSeconds: NumberField?
    package var heartbeatSeconds: NumberField?
    /// The raw `Credentials` block, passed through to the task runner.
    package var credentials: JSONValue?
}

/// One `Retry` entry.
package struct Retrier: Sendable {
    package var errorEquals: [String]
    package var intervalSeconds: Double = 1
    package var maxAttempts: Int = 3
    package var backoffRate: Double = 2
    package var maxDelaySeconds: Double?
    package var jitter: Jitter = .none

    package enum Jitter: String, Sendable {
        case full = "FULL"
        case none = "NONE"
    }
}

/// One `Catch` entry.
package struct Catcher: Sendable {
    package var errorEquals: [String]
    package var next: Int
    package var resultPath: PathField = .default
    package var assign: Assignment?
    /// JSONata `Output` (the error output when absent).
    package var output: JSONataTemplate?
}
