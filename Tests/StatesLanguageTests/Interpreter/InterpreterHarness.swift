import JSONValue
import StatesLanguage
import Testing

/// Drives an `Interpreter` by hand: explicit timestamps, seeded entropy, commands inspected directly.
struct InterpreterHarness {
    static let t0 = Timestamp(rfc3339: "2024-01-01T00:00:00Z")!

    let interpreter: Interpreter

    init(_ definition: String, input: JSONValue = [:], seed: UInt64 = 7, limits: Interpreter.Limits = Interpreter.Limits()) throws {
        let machine = try StateMachineParser().parse(JSONValue(parsing: definition))
        let identity = ExecutionIdentity(stateMachineName: "M", executionName: "e1", input: input, startTime: Self.t0)
        interpreter = Interpreter(machine: machine, identity: identity, entropy: SeededEntropy(seed: seed), limits: limits)
    }

    static func at(_ seconds: Double) -> Timestamp { t0.adding(seconds: seconds) }

    func start() -> [ExecutionCommand] { interpreter.start() }

    func handle(_ input: ExecutionInput, at seconds: Double = 0) -> [ExecutionCommand] {
        interpreter.handle(input, at: Self.at(seconds))
    }

    var history: [HistoryEvent] { interpreter.history }
    var types: [HistoryEventType] { history.map(\.type) }

    func events(_ type: HistoryEventType) -> [HistoryEvent] { history.filter { $0.type == type } }

    /// Every event's id is its position, and its previous event came before it.
    func checkIds(linear: Bool = false, sourceLocation: SourceLocation = #_sourceLocation) {
        for (i, e) in history.enumerated() {
            #expect(e.id == i + 1, sourceLocation: sourceLocation)
            #expect(e.previousEventId < e.id && e.previousEventId >= 0, sourceLocation: sourceLocation)
            if linear { #expect(e.previousEventId == i, sourceLocation: sourceLocation) }
        }
    }
}

extension Array where Element == ExecutionCommand {
    var tasks: [TaskRequest] {
        compactMap { if case .runTask(let r) = $0 { r } else { nil } }
    }
    var timers: [(id: Int, due: Timestamp)] {
        compactMap { if case .startTimer(let id, let due) = $0 { (id, due) } else { nil } }
    }
    var cancelledTasks: [Int] {
        compactMap { if case .cancelTask(let id) = $0 { id } else { nil } }
    }
    var cancelledTimers: [Int] {
        compactMap { if case .cancelTimer(let id) = $0 { id } else { nil } }
    }
}

/// A one-Task machine with extra Task fields spliced in.
func taskMachine(_ taskFields: String = "", extraStates: String = "", machineFields: String = "") -> String {
    let extra = extraStates.isEmpty ? "" : ", " + extraStates
    let fields = taskFields.isEmpty ? "" : ", " + taskFields
    let mfields = machineFields.isEmpty ? "" : machineFields + ", "
    return """
        {\(mfields)"StartAt": "Work", "States": {
          "Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true\(fields)}\(extra)
        }}
        """
}
