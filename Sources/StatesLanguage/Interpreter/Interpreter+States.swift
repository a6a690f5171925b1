import JSONValue

extension Interpreter {
    mutating func enterState(_ fid: Int) {
        let state = frames[fid]!.state
        let enteredId = emit(Self.enteredType(state), .stateEntered(name: state.name, input: frames[fid]!.stateInput), frame: fid)
        frames[fid]!.enteredEventId = enteredId
        frames[fid]!.enteredTime = now
        frames[fid]!.retryCount = 0
        if !state.retriers.isEmpty { frames[fid]!.retryCounts = Array(repeating: 0, count: state.retriers.count) }
        frames[fid]!.taskToken = nil
        frames[fid]!.phase = .executing
        executeState(fid)
    }

    /// Runs the state's work: finishes synchronous states, or starts what the state waits for.
    mutating func executeState(_ fid: Int) {
        let frame = frames[fid]!
        let state = frame.state
        do {
            switch state.kind {
            case .pass(let pass):
                let effective = try select(state.inputPath, from: frame.stateInput, frame: fid)
                let result: JSONValue
                if let parameters = state.parameters {
                    result = try parameters.evaluate(in: scope(fid, input: effective))
                } else {
                    result = pass.result ?? effective
                }
                let output = try applyResultAndOutput(fid, state: state, result: result)
                exitState(fid, output: output, transition: state.transition)
            case .succeed:
                let effective = try select(state.inputPath, from: frame.stateInput, frame: fid)
                exitState(fid, output: try select(state.outputPath, from: effective, frame: fid), transition: .end)
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
            failState(fid, runtimeError(error, frame: fid))
        }
    }

    /// Adds AWS's "An error occurred while executing the state ..." prefix to a States.Runtime cause.
    func runtimeError(_ error: StatesError, frame fid: Int) -> StatesError {
        guard error.name == StatesErrorName.runtime, let frame = frames[fid] else { return error }
        let prefix = "An error occurred while executing the state '\(frame.state.name)' (entered at the event id #\(frame.enteredEventId)). "
        return StatesError(error.name, prefix + (error.cause ?? ""))
    }

    static func enteredType(_ state: State) -> HistoryEventType {
        switch state.kind {
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

    static func exitedType(_ state: State) -> HistoryEventType? {
        switch state.kind {
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

    // MARK: Data flow

    /// The paths' view of the current state of a frame, with a lazily built context object.
    func scope(_ fid: Int, input: JSONValue, mapItem: (index: Int, value: JSONValue)? = nil) -> EvaluationScope {
        let frame = frames[fid]!
        let identity = self.identity
        let state = frame.state
        let enteredTime = frame.enteredTime
        let retryCount: Int? = state.supportsRetry ? frame.retryCount : nil
        let token = frame.taskToken
        return EvaluationScope(input: input, entropy: entropy) {
            ContextObject.build(
                identity: identity, stateName: state.name, enteredTime: enteredTime, retryCount: retryCount,
                taskToken: token, mapItem: mapItem)
        }
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

    /// ResultSelector, ResultPath and OutputPath applied to a state's result.
    func applyResultAndOutput(_ fid: Int, state: State, result: JSONValue) throws(StatesError) -> JSONValue {
        var result = result
        if let selector = state.resultSelector {
            result = try selector.evaluate(in: scope(fid, input: result))
        }
        let combined = try placeResult(state.resultPath, result: result, into: frames[fid]!.stateInput)
        return try select(state.outputPath, from: combined, frame: fid)
    }

    /// Records the state's exit and moves the frame on.
    mutating func exitState(_ fid: Int, output: JSONValue, transition: Transition) {
        let state = frames[fid]!.state
        if output.serializedSize > limits.maxPayloadBytes {
            finishFrame(
                fid,
                .failure(
                    StatesError(
                        StatesErrorName.dataLimitExceeded,
                        "The state/task '\(state.name)' returned a result with a size exceeding the maximum number of bytes service limit."
                    )))
            return
        }
        if let type = Self.exitedType(state) {
            emit(type, .stateExited(name: state.name, output: output, assignedVariables: nil), frame: fid)
        }
        switch transition {
        case .next(let index):
            frames[fid]!.stateIndex = index
            frames[fid]!.stateInput = output
            frames[fid]!.phase = .entering
            schedule(fid)
        case .end:
            finishFrame(fid, .success(output))
        }
    }

    // MARK: Fail, Choice, Wait

    mutating func failStateReached(_ fid: Int, _ fail: FailState) throws(StatesError) {
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
            }
            guard let text = value.stringValue else {
                throw StatesError.runtime(
                    "The value of the field '\(field)' must be a string, but was '\(value.serialized())'")
            }
            return text
        }
        var error = fail.error
        if error == nil { error = try resolve(fail.errorPath, field: "ErrorPath") }
        var cause = fail.cause
        if cause == nil { cause = try resolve(fail.causePath, field: "CausePath") }
        finishFrame(fid, .failure(StatesError(error ?? "", cause)))
    }

    mutating func choose(_ fid: Int, state: State, _ choice: ChoiceState) throws(StatesError) {
        let effective = try select(state.inputPath, from: frames[fid]!.stateInput, frame: fid)
        let s = scope(fid, input: effective)
        let evaluator = ChoiceEvaluator { path in s.optionalValue(of: path) }
        var next = choice.defaultNext
        for branch in choice.choices where try evaluator.evaluate(branch.rule) {
            next = branch.next
            break
        }
        guard let next else {
            throw StatesError(StatesErrorName.noChoiceMatched, "No Matches!")
        }
        exitState(fid, output: try select(state.outputPath, from: effective, frame: fid), transition: .next(next))
    }

    mutating func startWait(_ fid: Int, state: State, _ wait: WaitState) throws(StatesError) {
        let effective = try select(state.inputPath, from: frames[fid]!.stateInput, frame: fid)
        let due: Timestamp
        switch wait.duration {
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

    mutating func waitElapsed(_ fid: Int) {
        guard let frame = frames[fid] else { return }
        let state = frame.state
        do {
            let effective = try select(state.inputPath, from: frame.stateInput, frame: fid)
            frames[fid]!.phase = .executing
            exitState(fid, output: try select(state.outputPath, from: effective, frame: fid), transition: state.transition)
        } catch {
            failState(fid, runtimeError(error, frame: fid))
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
