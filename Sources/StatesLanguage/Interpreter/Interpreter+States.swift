import JSONValue

extension Interpreter {
    func enterState(_ fid: Int) {
        let frame = frames[fid]!
        let state = frame.state
        frame.enteredEventId = emit(state.enteredEventType, .stateEntered(name: state.name, input: frame.stateInput), frame: frame)
        frame.enteredTime = now
        frame.retryCount = 0
        if !state.retriers.isEmpty { frame.retryCounts = Array(repeating: 0, count: state.retriers.count) }
        frame.taskToken = nil
        frame.phase = .executing
        executeState(fid)
    }

    /// Runs the state's work: finishes synchronous states, or starts what the state waits for.
    func executeState(_ fid: Int) {
        let state = frames[fid]!.state
        let stateInput = frames[fid]!.stateInput
        do {
            switch state.kind {
            case .pass(let pass):
                if state.queryLanguage == .jsonata {
                    let s = jsonataScope(fid, input: stateInput)
                    let output = try state.output?.evaluate(in: s, field: "Output") ?? stateInput
                    let assigned = try assignedVariables(state.assign, fid: fid, jsonata: s)
                    exitState(fid, output: output, transition: state.transition, assigned: assigned)
                    return
                }
                let effective = try select(state.inputPath, from: stateInput, frame: fid)
                let result: JSONValue
                var resultBound: Int?
                let inputBound = frames[fid]!.inputSizeBound
                if let parameters = state.parameters {
                    result = try parameters.evaluate(in: scope(fid, input: effective))
                    if state.inputPath.selectsFromInput { resultBound = state.parametersSizeBound?.bound(inputSize: inputBound) }
                } else {
                    result = pass.result ?? effective
                    if pass.result == nil, state.inputPath.selectsFromInput { resultBound = Self.saturatingSum(inputBound, 2) }
                }
                let (output, assigned) = try applyResultAndOutput(fid, state: state, result: result)
                exitState(
                    fid, output: output, transition: state.transition,
                    sizeBound: outputSizeBound(state, inputBound: inputBound, resultBound: resultBound), assigned: assigned)
            case .succeed:
                if state.queryLanguage == .jsonata {
                    let output = try state.output?.evaluate(in: jsonataScope(fid, input: stateInput), field: "Output") ?? stateInput
                    exitState(fid, output: output, transition: .end)
                    return
                }
                let effective = try select(state.inputPath, from: stateInput, frame: fid)
                exitState(
                    fid, output: try select(state.outputPath, from: effective, frame: fid), transition: .end,
                    sizeBound: passThroughSizeBound(state, fid))
            case .fail(let fail):
                try failStateReached(fid, fail)
            case .choice(let choice):
                try choose(fid, state: state, choice)
            case .wait(let wait):
                try startWait(fid, state: state, wait)
            case .task(let task):
                try scheduleTask(fid, state: state, task)
            case .parallel(let parallel):
                try startParallel(fid, state: state, parallel)
            case .map(let map):
                try startMap(fid, state: state, map)
            }
        } catch {
            let failure = runtimeError(error, frame: fid)
            // A Map whose items could not be worked out records its failure as AWS does.
            if case .map = state.kind, error.location != nil { emit(.mapStateFailed, frame: fid) }
            failState(fid, failure)
        }
    }

    /// Completes an error raised while a state evaluated its own fields: AWS's "An error occurred
    /// while executing the state ..." prefix on a States.Runtime or States.QueryEvaluationError
    /// cause, and for a failed JSONata expression its EvaluationFailed event.
    func runtimeError(_ error: StatesError, frame fid: Int) -> StatesError {
        guard error.name == StatesErrorName.runtime || error.name == StatesErrorName.queryEvaluationError,
            let frame = frames[fid]
        else { return error }
        let prefix = "An error occurred while executing the state '\(frame.state.name)' (entered at the event id #\(frame.enteredEventId)). "
        let failure = StatesError(error.name, prefix + (error.cause ?? ""))
        if let location = error.location {
            emit(
                .evaluationFailed,
                .evaluationFailed(error: failure.name, cause: failure.cause, location: location, state: frame.state.name), frame: frame)
        }
        return failure
    }

    // MARK: Data flow

    /// The paths' view of the current state of a frame, with a lazily built context object.
    func scope(_ fid: Int, input: JSONValue, mapItem: (index: Int, value: JSONValue)? = nil) -> EvaluationScope {
        let frame = frames[fid]!
        return EvaluationScope(input: input, variables: frame.variables, entropy: entropy, context: frame, mapItem: mapItem)
    }

    /// InputPath / OutputPath / ItemsPath: absent keeps the value, `null` gives `{}`.
    func select(_ field: PathField, from value: JSONValue, frame fid: Int) throws(StatesError) -> JSONValue {
        switch field {
        case .default: return value
        case .null: return .object(JSONObject())
        case .path(let path):
            do {
                switch path.root {
                case .input: return try path.evaluate(value)
                default: return try scope(fid, input: value).value(of: path)
                }
            } catch {
                throw StatesError.runtime("Invalid path '\(path.text)' : \(error.message)")
            }
        }
    }

    /// ResultPath: where the result goes into the raw state input.
    func placeResult(_ field: PathField, result: JSONValue, into input: JSONValue) throws(StatesError) -> JSONValue {
        switch field {
        case .default: return result
        case .null: return input
        case .path(let path):
            do {
                return try path.assigning(result, into: input)
            } catch {
                throw StatesError(
                    StatesErrorName.resultPathMatchFailure,
                    "Unable to apply ResultPath '\(path.text)' to input '\(input.serialized())': \(error.message)")
            }
        }
    }

    /// A state's output and the variables it assigns, from its result: ResultSelector, Assign,
    /// ResultPath and OutputPath in JSONPath mode; Output and Assign (seeing `$states.result`) in JSONata mode.
    func applyResultAndOutput(_ fid: Int, state: State, result: consuming JSONValue) throws(StatesError)
        -> (output: JSONValue, assigned: JSONObject?)
    {
        var result = result
        if state.queryLanguage == .jsonata {
            let s = jsonataScope(fid, input: frames[fid]!.stateInput, result: result)
            let output = try state.output?.evaluate(in: s, field: "Output") ?? result
            return (output, try assignedVariables(state.assign, fid: fid, jsonata: s))
        }
        if let selector = state.resultSelector {
            result = try selector.evaluate(in: scope(fid, input: result))
        }
        let assigned = try assignedVariables(state.assign, fid: fid, jsonPathInput: result)
        let combined = try placeResult(state.resultPath, result: result, into: frames[fid]!.stateInput)
        return (try select(state.outputPath, from: combined, frame: fid), assigned)
    }

    /// A bound of a state's output from bounds of its input and result, or nil when none is known.
    /// Bounds saturate: an unknown bound is `Int.max` and must never wrap around to a small number.
    func outputSizeBound(_ state: State, inputBound: Int, resultBound: Int?) -> Int? {
        guard let resultBound, state.outputPath.selectsFromInput else { return nil }
        switch state.resultPath {
        case .default: return Self.saturatingSum(resultBound, 2)
        case .null: return Self.saturatingSum(inputBound, 2)
        case .path(let path): return Self.saturatingSum(inputBound, resultBound, 2 * path.text.utf8.count + 8)
        }
    }

    /// States whose output is part of their input (Choice, Wait, Succeed) keep the input's bound.
    func passThroughSizeBound(_ state: State, _ fid: Int) -> Int? {
        guard state.inputPath.selectsFromInput, state.outputPath.selectsFromInput else { return nil }
        return Self.saturatingSum(frames[fid]!.inputSizeBound, 2)
    }

    static func saturatingSum(_ values: Int...) -> Int {
        var total = 0
        for v in values {
            let (sum, overflow) = total.addingReportingOverflow(v)
            if overflow { return Int.max }
            total = sum
        }
        return total
    }

    /// States.DataLimitExceeded for a payload over AWS's 256 KiB limit.
    func dataLimitExceeded(_ state: State) -> StatesError {
        StatesError(
            StatesErrorName.dataLimitExceeded,
            "The state/task '\(state.name)' returned a result with a size exceeding the maximum number of bytes service limit.")
    }

    /// Records the state's exit, sets the variables it assigned and moves the frame on. `sizeBound`,
    /// when known, spares measuring the output unless it might exceed the payload limit.
    func exitState(
        _ fid: Int, output: consuming JSONValue, transition: Transition, sizeBound: Int? = nil, assigned: JSONObject? = nil
    ) {
        let frame = frames[fid]!
        let state = frame.state
        var size = sizeBound ?? Int.max
        if size > limits.maxPayloadBytes { size = output.serializedSize }
        if size > limits.maxPayloadBytes {
            finishFrame(fid, .failure(dataLimitExceeded(state)))
            return
        }
        if let type = state.exitedEventType {
            emit(type, .stateExited(name: state.name, output: output, assignedVariables: assigned), frame: frame)
        }
        if let assigned {
            for (name, value) in assigned.members {
                let size = value.serializedSize
                frame.variablesBytes += size - (frame.variableSizes[name] ?? 0)
                frame.variableSizes[name] = size
                frame.variables[name] = value
            }
        }
        switch transition {
        case .next(let index):
            frame.stateIndex = index
            frame.stateInput = output
            frame.inputSizeBound = size
            frame.phase = .entering
            schedule(fid)
        case .end:
            finishFrame(fid, .success(output))
        }
    }

    // MARK: Fail, Choice, Wait

    func failStateReached(_ fid: Int, _ fail: FailState) throws(StatesError) {
        let input = frames[fid]!.stateInput
        func resolve(_ source: ValueSource?, field: String) throws(StatesError) -> String? {
            guard let source else { return nil }
            let value: JSONValue
            switch source {
            case .path(let path):
                do {
                    value = try scope(fid, input: input).value(of: path)
                } catch {
                    throw StatesError.runtime(
                        "The JSONPath '\(path.text)' specified for the field '\(field)' could not be found in the input '\(input.serialized())'"
                    )
                }
            case .intrinsic(let call):
                let s = scope(fid, input: input)
                value = try call.evaluate(resolvePath: s.resolveIntrinsicPath, entropy: entropy)
            case .jsonata(let template):
                value = try template.evaluate(in: jsonataScope(fid, input: input), field: field)
            }
            guard let text = value.stringValue else {
                throw StatesError.runtime(
                    "The value of the field '\(field)' must be a string, but was '\(value.serialized())'")
            }
            return text
        }
        var error = fail.error
        let jsonata = frames[fid]!.state.queryLanguage == .jsonata
        if error == nil { error = try resolve(fail.errorPath, field: jsonata ? "Error" : "ErrorPath") }
        var cause = fail.cause
        if cause == nil { cause = try resolve(fail.causePath, field: jsonata ? "Cause" : "CausePath") }
        finishFrame(fid, .failure(StatesError(error ?? "", cause)))
    }

    func choose(_ fid: Int, state: State, _ choice: ChoiceState) throws(StatesError) {
        if state.queryLanguage == .jsonata {
            try chooseByCondition(fid, state: state, choice)
            return
        }
        let effective = try select(state.inputPath, from: frames[fid]!.stateInput, frame: fid)
        let s = scope(fid, input: effective)
        let evaluator = ChoiceEvaluator { path in s.optionalValue(of: path) }
        var matched: ChoiceBranch?
        for branch in choice.choices where try evaluator.evaluate(branch.rule) {
            matched = branch
            break
        }
        guard let next = matched?.next ?? choice.defaultNext else {
            throw StatesError(StatesErrorName.noChoiceMatched, "No Matches!")
        }
        var assigned = try assignedVariables(state.assign, fid: fid, jsonPathInput: effective)
        if let rule = try assignedVariables(matched?.assign, fid: fid, jsonPathInput: effective) {
            assigned = Self.merged(assigned, rule)
        }
        exitState(
            fid, output: try select(state.outputPath, from: effective, frame: fid), transition: .next(next),
            sizeBound: passThroughSizeBound(state, fid), assigned: assigned)
    }

    /// A JSONata Choice: the first rule whose Condition is true; its Output and Assign (over the state's) apply.
    func chooseByCondition(_ fid: Int, state: State, _ choice: ChoiceState) throws(StatesError) {
        let input = frames[fid]!.stateInput
        let s = jsonataScope(fid, input: input)
        var matched: ChoiceBranch?
        for branch in choice.choices {
            guard case .condition(let condition) = branch.rule else { continue }
            let value = try condition.evaluate(in: s, field: "Condition")
            guard case .bool(let holds) = value else {
                throw unexpectedType(condition, field: "Condition", expected: "boolean", value: value)
            }
            if holds {
                matched = branch
                break
            }
        }
        guard let next = matched?.next ?? choice.defaultNext else {
            throw StatesError(StatesErrorName.noChoiceMatched, "No Matches!")
        }
        let output = try (matched?.output ?? state.output)?.evaluate(in: s, field: "Output") ?? input
        var assigned = try assignedVariables(state.assign, fid: fid, jsonata: s)
        if let rule = try assignedVariables(matched?.assign, fid: fid, jsonata: s) { assigned = Self.merged(assigned, rule) }
        exitState(fid, output: output, transition: .next(next), assigned: assigned)
    }

    func startWait(_ fid: Int, state: State, _ wait: WaitState) throws(StatesError) {
        let effective = try select(state.inputPath, from: frames[fid]!.stateInput, frame: fid)
        let due: Timestamp
        switch wait.duration {
        case .secondsExpression(let template):
            let value = try template.evaluate(in: jsonataScope(fid, input: effective), field: "Seconds")
            guard let number = value.numberValue, number.isIntegral, let seconds = number.int64Value, seconds >= 0 else {
                throw unexpectedType(template, field: "Seconds", expected: "non-negative integer", value: value)
            }
            due = now.adding(seconds: Double(seconds))
        case .timestampExpression(let template):
            let value = try template.evaluate(in: jsonataScope(fid, input: effective), field: "Timestamp")
            guard let text = value.stringValue, let t = Timestamp(rfc3339: text) else {
                throw StatesError.queryEvaluation(
                    "The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: \(value.stringValue ?? value.serialized())",
                    location: "Timestamp")
            }
            due = t
        case .seconds(let seconds):
            due = now.adding(seconds: Double(seconds))
        case .timestamp(let text):
            guard let t = Timestamp(rfc3339: text) else {
                throw StatesError.runtime("The Timestamp parameter does not reference a valid ISO-8601 extended offset date-time format string: \(text)")
            }
            due = t
        case .secondsPath(let path):
            guard let value = scope(fid, input: effective).optionalValue(of: path) else {
                throw StatesError.runtime("The SecondsPath parameter does not reference an input value: \(path.text)")
            }
            guard let number = value.numberValue, number.isIntegerLiteral, let seconds = number.int64Value else {
                throw StatesError.runtime("The SecondsPath parameter cannot be parsed as a long value: \(path.text) == \(value.serialized())")
            }
            guard seconds >= 0 else {
                throw StatesError.runtime("The SecondsPath parameter references a negative value: \(path.text) == \(value.serialized())")
            }
            due = now.adding(seconds: Double(seconds))
        case .timestampPath(let path):
            guard let value = scope(fid, input: effective).optionalValue(of: path) else {
                throw StatesError.runtime("The TimestampPath parameter does not reference an input value: \(path.text)")
            }
            guard let text = value.stringValue, let t = Timestamp(rfc3339: text) else {
                let shown = value.stringValue ?? value.serialized()
                throw StatesError.runtime(
                    "The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: \(path.text) == \(shown)"
                )
            }
            due = t
        }
        let timer = startTimer(.wait(frameId: fid), due: due)
        frames[fid]!.phase = .awaitingTimer(timerId: timer)
    }

    func waitElapsed(_ fid: Int) {
        guard let frame = frames[fid] else { return }
        let state = frame.state
        frames[fid]!.phase = .executing
        do {
            if state.queryLanguage == .jsonata {
                let s = jsonataScope(fid, input: frame.stateInput)
                let output = try state.output?.evaluate(in: s, field: "Output") ?? frame.stateInput
                exitState(fid, output: output, transition: state.transition, assigned: try assignedVariables(state.assign, fid: fid, jsonata: s))
                return
            }
            let effective = try select(state.inputPath, from: frame.stateInput, frame: fid)
            exitState(
                fid, output: try select(state.outputPath, from: effective, frame: fid), transition: state.transition,
                sizeBound: passThroughSizeBound(state, fid),
                assigned: try assignedVariables(state.assign, fid: fid, jsonPathInput: effective))
        } catch {
            failState(fid, runtimeError(error, frame: fid))
        }
    }
}

extension PathField {
    /// Whether the field selects part of the value it is applied to (not the context object or a variable),
    /// so the result is no larger than that value.
    var selectsFromInput: Bool {
        switch self {
        case .default: true
        case .null: true
        case .path(let p): p.root == .input && p.isDefinite
        }
    }
}

extension State {
    /// Task, Parallel and Map take Retry and Catch, and report `$$.State.RetryCount`.
    var supportsRetry: Bool {
        switch kind {
        case .task, .parallel, .map: true
        default: false
        }
    }

    static func enteredEventType(_ kind: Kind) -> HistoryEventType {
        switch kind {
        case .pass: .passStateEntered
        case .task: .taskStateEntered
        case .choice: .choiceStateEntered
        case .wait: .waitStateEntered
        case .succeed: .succeedStateEntered
        case .fail: .failStateEntered
        case .parallel: .parallelStateEntered
        case .map: .mapStateEntered
        }
    }

    /// Fail states have no exit event.
    static func exitedEventType(_ kind: Kind) -> HistoryEventType? {
        switch kind {
        case .pass: .passStateExited
        case .task: .taskStateExited
        case .choice: .choiceStateExited
        case .wait: .waitStateExited
        case .succeed: .succeedStateExited
        case .fail: nil
        case .parallel: .parallelStateExited
        case .map: .mapStateExited
        }
    }
}

extension JSONPathError {
    /// Jayway's message for this error.
    var message: String {
        switch self {
        case .invalid(_, let reason): reason
        case .notFound(_, let message): message
        }
    }
}
