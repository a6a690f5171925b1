// Benchmarks print figures; they are never timed tests. Run in release:
//   swift run -c release stepwise-bench interpreter
//   swift run -c release stepwise-bench jsonata
import JSONValue
import JSONata
import StatesLanguage

#if canImport(Glibc)
    import Glibc
#endif

/// One interpreter benchmark: a definition, its input and how many state transitions a run makes.
struct InterpreterBenchmark {
    var name: String
    var input: JSONValue
    /// Parsed once: the figures measure running, not compiling.
    let machine: StateMachine

    init(name: String, definition: JSONValue, input: JSONValue) {
        self.name = name
        self.input = input
        self.machine = try! StateMachineParser().parse(definition)
    }

    func run(repetitions: Int) -> (transitionsPerSecond: Double, transitions: Int, events: Int) {
        var transitions = 0
        var events = 0
        var shape: (transitions: Int, events: Int)?
        let start = cpuNanoseconds()
        for r in 0..<repetitions {
            let identity = ExecutionIdentity(
                stateMachineName: "bench", executionName: "run-\(r)", input: input, startTime: Timestamp(seconds: 1_700_000_000))
            let interpreter = Interpreter(machine: machine, identity: identity, entropy: SeededEntropy(seed: UInt64(r)))
            var commands = interpreter.start()
            // Only timers can be pending here (no Task states): fire them in order.
            while interpreter.status == .running, let timer = commands.compactMap({ c -> Int? in
                if case .startTimer(let id, _) = c { return id }
                return nil
            }).first {
                commands = interpreter.handle(.timerFired(timerId: timer), at: Timestamp(seconds: 1_700_000_000))
            }
            precondition(interpreter.status == .succeeded, "\(name) ended \(interpreter.status): \(interpreter.error ?? "") \(interpreter.cause ?? "")")
            // Every run of one definition has the same shape: count its events once, not inside each timed run.
            let runShape = shape ?? (interpreter.history.filter { isStateEntry($0.type) }.count, interpreter.history.count)
            shape = runShape
            transitions += runShape.transitions
            events += runShape.events
        }
        let seconds = Double(cpuNanoseconds() - start) / 1e9
        return (Double(transitions) / seconds, transitions / repetitions, events / repetitions)
    }

    func isStateEntry(_ type: HistoryEventType) -> Bool {
        type.rawValue.hasSuffix("StateEntered")
    }
}

/// CPU time of this thread: the figure is "per second of one core", unaffected by other processes
/// sharing the machine (a build running beside the benchmark, say).
func cpuNanoseconds() -> Int64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
}

/// (a) 1,000 Pass states, each with Parameters and a ResultPath.
func passChain(length: Int) -> JSONValue {
    var states = JSONObject()
    for i in 0..<length {
        var state: JSONObject = [
            "Type": "Pass",
            "Parameters": ["step": .int(i), "value.$": "$.value", "name.$": "$.meta.name"],
            "ResultPath": "$.last",
        ]
        if i + 1 < length { state["Next"] = .string("S\(i + 1)") } else { state["End"] = true }
        states.append("S\(i)", .object(state))
    }
    return ["StartAt": "S0", "States": .object(states)]
}

/// (b) A Choice loop of `iterations` rounds counting with States.MathAdd.
func choiceLoop(iterations: Int) -> JSONValue {
    [
        "StartAt": "Check",
        "States": [
            "Check": [
                "Type": "Choice",
                "Choices": [["Variable": "$.i", "NumericLessThan": .int(iterations), "Next": "Increment"]],
                "Default": "Done",
            ],
            "Increment": [
                "Type": "Pass",
                "Parameters": ["i.$": "States.MathAdd($.i, 1)"],
                "Next": "Check",
            ],
            "Done": ["Type": "Succeed"],
        ],
    ]
}

/// (c) An inline Map over `items` items with one Pass state per iteration.
func inlineMap(items: Int) -> (JSONValue, JSONValue) {
    let definition: JSONValue = [
        "StartAt": "Map",
        "States": [
            "Map": [
                "Type": "Map",
                "ItemsPath": "$.items",
                "ItemProcessor": [
                    "StartAt": "Double",
                    "States": ["Double": ["Type": "Pass", "Parameters": ["value.$": "$.v", "ok": true], "End": true]],
                ],
                "End": true,
            ]
        ],
    ]
    let input: JSONValue = ["items": .array((0..<items).map { ["v": .int($0)] })]
    return (definition, input)
}

/// (d) The pass chain written in JSONata: each state's Output maps fields of `$states.input`.
func jsonataPassChain(length: Int) -> JSONValue {
    var states = JSONObject()
    for i in 0..<length {
        var state: JSONObject = [
            "Type": "Pass",
            "Output": ["step": .int(i), "value": "{% $states.input.value %}", "meta": "{% $states.input.meta %}"],
        ]
        if i + 1 < length { state["Next"] = .string("S\(i + 1)") } else { state["End"] = true }
        states.append("S\(i)", .object(state))
    }
    return ["QueryLanguage": "JSONata", "StartAt": "S0", "States": .object(states)]
}

/// Typical Step Functions JSONata expressions, evaluated against one `$states` value.
func jsonataBenchmarks(scale: Double) {
    let items: JSONValue = .array((0..<1_000).map { i in ["sku": .string("sku-\(i)"), "price": .int(i % 997), "qty": .int(i % 7)] })
    let states: JSONValue = [
        "input": ["customer": ["id": "c-42", "name": "Ada", "tier": "gold"], "order": ["total": 99.5], "items": items],
        "context": ["Execution": ["Id": "arn:aws:states:us-east-1:123456789012:execution:m:e"]],
    ]
    let cases: [(String, String, Int)] = [
        ("field mapping", #"{"id": $states.input.customer.id, "name": $states.input.customer.name, "total": $states.input.order.total}"#, 200_000),
        ("$sum over 1,000 items", "$sum($states.input.items.price)", 2_000),
        ("filter 1,000 items", "$states.input.items[price > 500].sku", 1_000),
        ("$map over 1,000 items", "$map($states.input.items, function($v) { $v.price * $v.qty })", 1_000),
    ]
    print("stepwise-bench jsonata (one core; median and best of 7 trials, in evaluations per CPU-second)")
    let bindings: [String: JSONataBinding] = ["states": .value(states)]
    for (name, source, fullRepetitions) in cases {
        let expression = try! JSONataExpression(source)
        let repetitions = max(1, Int(Double(fullRepetitions) * scale))
        var rates: [Double] = []
        for _ in 0..<8 {
            let start = cpuNanoseconds()
            for _ in 0..<repetitions {
                guard case .value = try! expression.evaluate(nil, bindings: bindings) else { fatalError("\(name) gave no value") }
            }
            rates.append(Double(repetitions) / (Double(cpuNanoseconds() - start) / 1e9))
        }
        rates = Array(rates.dropFirst()).sorted()  // the first trial warms up
        print("  \(name): median \(Int(rates[rates.count / 2])), best \(Int(rates.last!))")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
let scale = arguments.firstIndex(of: "--scale").flatMap { i in i + 1 < arguments.count ? Double(arguments[i + 1]) : nil } ?? 1
if arguments.first == "jsonata" {
    jsonataBenchmarks(scale: scale)
    exit(0)
}
guard arguments.first == "interpreter" else {
    print("usage: stepwise-bench interpreter [pass|choice|map|jsonata] [--scale F]\n       stepwise-bench jsonata [--scale F]")
    exit(2)
}
let only = arguments.count > 1 && !arguments[1].hasPrefix("--") ? arguments[1] : nil
let (mapDefinition, mapInput) = inlineMap(items: 2_000)
let benchmarks: [(InterpreterBenchmark, Int)] = [
    (InterpreterBenchmark(name: "pass chain (1,000 Pass with Parameters + ResultPath)", definition: passChain(length: 1_000),
        input: ["value": 42, "meta": ["name": "bench"]]), 200),
    (InterpreterBenchmark(name: "choice loop (5,000 iterations, States.MathAdd)", definition: choiceLoop(iterations: 5_000),
        input: ["i": 0]), 20),
    (InterpreterBenchmark(name: "inline map (2,000 items)", definition: mapDefinition, input: mapInput), 20),
    (InterpreterBenchmark(name: "jsonata pass chain (1,000 Pass with an Output of expressions)", definition: jsonataPassChain(length: 1_000),
        input: ["value": 42, "meta": ["name": "bench"]]), 50),
]
print("stepwise-bench interpreter (one core; median and best of 7 trials, in transitions per CPU-second)")
for (benchmark, fullRepetitions) in benchmarks where only.map({ benchmark.name.hasPrefix($0) }) ?? true {
    let repetitions = max(1, Int(Double(fullRepetitions) * scale))
    _ = benchmark.run(repetitions: max(1, repetitions / 10))  // warm up
    // A shared VM's speed wanders by 10% from run to run: report the median and the best of several trials.
    var trials: [(transitionsPerSecond: Double, transitions: Int, events: Int)] = []
    for _ in 0..<7 { trials.append(benchmark.run(repetitions: repetitions)) }
    let rates = trials.map(\.transitionsPerSecond).sorted()
    let shape = trials[0]
    print("  \(benchmark.name): median \(Int(rates[rates.count / 2])), best \(Int(rates.last!)) (\(shape.transitions) transitions, \(shape.events) events per run)")
}
