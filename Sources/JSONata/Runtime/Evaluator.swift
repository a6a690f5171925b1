import Foundation
import JSONValue

/// One evaluation: the reference implementation's evaluate() family, with depth and step guards.
///
/// One evaluator runs on one thread at a time and its counters are never accessed reentrantly,
/// so their dynamic exclusivity checks (paid on every node) are switched off.
final class Evaluator {
    @exclusivity(unchecked) private var depth = 0
    @exclusivity(unchecked) private var steps = 0
    let maxDepth: Int
    let maxSteps: Int
    let timestamp: Double

    init(limits: JSONataLimits, timestamp: Double) {
        maxDepth = limits.maxDepth
        maxSteps = limits.maxSteps
        self.timestamp = timestamp
    }

    // MARK: - Deep recursion

    /// Past this depth evaluation continues on a thread with a stack sized for `maxDepth`:
    /// callers' threads (Swift concurrency's pool) have small stacks, and U1001 must win the race
    /// against a stack overflow.
    static let largeStackDepth = 96
    @exclusivity(unchecked) private var onLargeStack = false

    private func continueOnLargeStack(_ work: @escaping () throws(Failure) -> Value?) throws(Failure) -> Value? {
        onLargeStack = true
        defer { onLargeStack = false }
        // Generous per-level budget (debug builds use large frames); reserved, not committed.
        return try LargeStack.run(stackSize: min(1 << 30, max(64 << 20, maxDepth * (64 << 10))), work)
    }

    // MARK: - Dispatch

    func eval(_ expr: Node, _ input: Value?, _ env: Frame) throws(Failure) -> Value? {
        if depth == Evaluator.largeStackDepth && !onLargeStack {
            return try continueOnLargeStack { () throws(Failure) in try self.eval(expr, input, env) }
        }
        depth += 1
        steps += 1
        defer { depth -= 1 }
        if depth > maxDepth || steps > maxSteps { throw Failure("U1001", position: expr.position) }

        var result: Value?
        switch expr.kind {
        case .path: result = try evaluatePath(expr, input, env)
        case .binary: result = try evaluateBinary(expr, input, env)
        case .unary: result = try evaluateUnary(expr, input, env)
        case .name: result = Evaluator.lookup(input, expr.value)
        case .string: result = .string(expr.value)
        case .number: result = .number(expr.number)
        case .value: result = expr.literal
        case .wildcard: result = evaluateWildcard(input)
        case .descendant: result = evaluateDescendants(input)
        case .parent: result = env.lookup(expr.slot!.label) ?? nil
        case .condition:
            let condition = try eval(expr.condition!, input, env)
            if Functions.boolean(condition) == true {
                result = try eval(expr.then!, input, env)
            } else if let e = expr.otherwise {
                result = try eval(e, input, env)
            }
        case .block:
            let frame = Frame(parent: env)
            for e in expr.expressions { result = try eval(e, input, frame) }
        case .bind:
            let value = try eval(expr.rhs!, input, env)
            env.bind(expr.lhs!.value, value)
            result = value
        case .regex: result = .function(JFunction(.regex(expr.regex!)))
        case .function: result = try evaluateFunction(expr, input, env, applyTo: nil)
        case .variable:
            if expr.value.isEmpty {
                if case .array(let a)? = input, a.outerWrapper, !a.isEmpty {
                    result = a[0]
                } else {
                    result = input
                }
            } else {
                result = env.lookup(expr.value) ?? nil
            }
        case .lambda:
            let lambda = Lambda(
                node: expr, params: expr.arguments.map(\.value), input: input, env: env, signature: expr.signature,
                isThunk: expr.thunk)
            result = .function(JFunction(.lambda(lambda)))
        case .partial: result = try evaluatePartialApplication(expr, input, env)
        case .apply: result = try evaluateApply(expr, input, env)
        case .transform: result = .function(JFunction(.transform(expr, env)))
        case .sort:
            result = try evaluateSort(expr, input, env)
        case .op, .end, .error, .filter, .index:
            result = nil
        }

        if let predicates = expr.predicate {
            for p in predicates { result = .array(try evaluateFilter(p.expression!, result, env)) }
        }
        if expr.kind != .path, let group = expr.group {
            result = .object(try evaluateGroup(group.pairs, position: group.position, input: result, env))
        }
        if case .array(let a)? = result, a.isSequence, !a.tupleStream {
            if expr.keepArray { a.keepSingleton = true }
            if a.isEmpty { return nil }
            if a.count == 1 { return a.keepSingleton ? result : a[0] }
        }
        return result
    }

    // MARK: - Paths

    /// A field step with nothing attached: `eval` of it is a lookup, so paths may run it inline.
    @inline(__always)
    private static func isPlainName(_ step: Node) -> Bool {
        step.kind == .name && step.stages == nil && step.predicate == nil && step.group == nil && !step.keepArray
            && !step.tuple
    }

    private func evaluatePath(_ expr: Node, _ input: Value?, _ env: Frame) throws(Failure) -> Value? {
        // A lone field (`price` in a predicate, a key in a constructor): the walk below, minus its setup.
        if expr.steps.count == 1, !expr.keepSingletonArray, expr.group == nil {
            let step = expr.steps[0]
            if Evaluator.isPlainName(step), input?.isArray != true {
                steps += 1
                if steps > maxSteps { throw Failure("U1001", position: step.position) }
                switch Evaluator.lookup(input, step.value) {
                case nil: return nil
                case .array(let a)?: return .array(Evaluator.fieldArrayStep(a, lastStep: true).result)
                case let v?: return expr.keepArray ? .array(JArray.sequence(v)) : v
                }
            }
        }
        var walk = Walk.notStarted
        if !expr.keepSingletonArray && expr.group == nil {
            if expr.steps.count > 1, let result = variableFieldPath(expr, env) { return result }
            walk = try walkPath(expr, input, env)
            if case .finished(let v) = walk { return v }
        }
        return try evaluatePathSteps(expr, input, env, after: walk)
    }

    /// The general path loop of jsonata-js, from the start or from where walkPath handed over.
    @inline(never)
    private func evaluatePathSteps(_ expr: Node, _ input: Value?, _ env: Frame, after walk: Walk) throws(Failure) -> Value? {
        var inputSequence: [Value?] = []
        // When set, the step input is this array's items, not yet copied out: field steps read it in
        // place, and JSON-backed input is never converted element by element just to be looked into.
        var inputSource: JArray?
        var resultSequence: JArray?
        var first = 0
        var walked = false
        if case .handOver(let from, let result, let source, let sequence) = walk {
            first = from
            resultSequence = result
            inputSource = source
            if let sequence { inputSequence = sequence }
            walked = true
        }

        let inputIsSequence: Bool
        if walked {
            inputIsSequence = true
        } else if case .array(let a)? = input, expr.steps[0].kind != .variable {
            inputSource = a
            inputIsSequence = true
        } else {
            inputSequence = [input]
            inputIsSequence = false
        }
        var isTupleStream = false
        var tupleBindings: JArray?

        if !(walked && resultSequence!.isEmpty) {
            for ii in first..<expr.steps.count {
                let step = expr.steps[ii]
                let lastStep = ii == expr.steps.count - 1
                if step.tuple { isTupleStream = true }
                if ii == 0 && step.consarray {
                    if let s = inputSource {
                        inputSequence = Evaluator.optionals(s.items)
                        inputSource = nil
                    }
                    let inputValue: Value? =
                        inputIsSequence ? input : .array(input.map { JArray.sequence($0) } ?? JArray([], sequence: true))
                    let r = try eval(step, inputValue, env)
                    if case .array(let a)? = r {
                        resultSequence = a
                    } else {
                        resultSequence = r.map { JArray.sequence($0) }
                    }
                } else if isTupleStream {
                    if let s = inputSource {
                        inputSequence = Evaluator.optionals(s.items)
                        inputSource = nil
                    }
                    tupleBindings = try evaluateTupleStep(step, inputSequence, tupleBindings, env)
                } else if let s = inputSource, Evaluator.isPlainName(step) {
                    resultSequence = try fieldStep(step, over: s, env, lastStep: lastStep)
                } else {
                    if let s = inputSource {
                        inputSequence = Evaluator.optionals(s.items)
                        inputSource = nil
                    }
                    resultSequence = try evaluateStep(step, inputSequence, env, lastStep: lastStep)
                }
                if !isTupleStream && (resultSequence == nil || resultSequence!.isEmpty) { break }
                if step.focus == nil, let r = resultSequence {
                    if isTupleStream {
                        inputSequence = Evaluator.optionals(r.items)
                        inputSource = nil
                    } else {
                        inputSource = r
                    }
                }
            }
        }

        if isTupleStream {
            if expr.tuple {
                resultSequence = tupleBindings
            } else {
                let out = JArray([], sequence: true)
                for t in tupleBindings?.items ?? [] {
                    if case .object(let o) = t, let v = o["@"] { out.append(v) }
                }
                resultSequence = out
            }
        }
        if expr.keepSingletonArray, var r = resultSequence {
            if r.cons && !r.isSequence { r = JArray.sequence(.array(r)) }
            r.keepSingleton = true
            resultSequence = r
        }
        if let group = expr.group {
            let groupInput: Value? = (isTupleStream ? tupleBindings : resultSequence).map { .array($0) }
            return .object(try evaluateGroup(group.pairs, position: group.position, input: groupInput, env))
        }
        return resultSequence.map { .array($0) }
    }

    /// `$v.a.b` where `$v` holds an object from host JSON: the fields are read in the JSON and only
    /// the last one is wrapped. Answers only when the walk would end in a non-array value (or none)
    /// without reaching a limit, and then counts the steps walkPath would; otherwise nil, having
    /// changed nothing, and walkPath does the work.
    @inline(__always)
    private func variableFieldPath(_ expr: Node, _ env: Frame) -> Value?? {
        let variable = expr.steps[0]
        guard variable.kind == .variable, !variable.value.isEmpty, variable.predicate == nil, variable.group == nil,
            !variable.keepArray, variable.stages == nil, !variable.consarray, !variable.tuple,
            depth != Evaluator.largeStackDepth || onLargeStack
        else { return nil }
        let count = expr.steps.count
        for k in 1..<count where !Evaluator.isPlainName(expr.steps[k]) { return nil }
        var raw: JSONObject
        switch env.resolve(variable.value) {
        case .json(.object(let o)): raw = o
        case .value(.object(let o)?):
            guard let json = o.jsonSource else { return nil }
            raw = json
        default: return nil
        }
        // Steps evaluated: the variable, then each field step up to the one that finds nothing.
        var counted = 1
        var result: Value?
        var k = 1
        while k < count {
            counted += 1
            guard let field = JObject.rawField(raw, expr.steps[k].value) else {
                result = nil
                break
            }
            if case .object(let inner) = field {
                if k == count - 1 {
                    result = .object(JObject(json: inner))
                    break
                }
                raw = inner
                k += 1
                continue
            }
            if case .array = field { return nil }
            if k < count - 1 {
                // A scalar has no fields: the next step finds nothing and the path ends there.
                counted += 1
                result = nil
            } else {
                result = Value.wrap(field)
            }
            break
        }
        guard depth + 1 <= maxDepth, steps + counted <= maxSteps else { return nil }
        steps += counted
        guard let v = result else { return .some(nil) }
        return .some(expr.keepArray ? .array(JArray.sequence(v)) : v)
    }

    /// How far the single-value walk of a path got.
    private enum Walk {
        case finished(Value?)
        case notStarted
        /// The general loop takes over at step `from`, with the walk's step result and input.
        case handOver(from: Int, result: JArray, source: JArray?, sequence: [Value?]?)
    }

    /// Most paths (`$states.input.order.total`, `$v.price`) carry one value from step to step;
    /// carrying it bare skips the one-element sequences the general loop builds per step. Kept
    /// apart from evaluatePath so the common case does not pay for that function's setup.
    private func walkPath(_ expr: Node, _ input: Value?, _ env: Frame) throws(Failure) -> Walk {
        var resultSequence: JArray?
        var inputSource: JArray?
        var inputSequence: [Value?]?
        var first = 0
        var walked = false
        var current = input
        // An object still in host JSON form: `current` stands for a fresh wrap of it, made only
        // if the walk ends or hands over there (each field access of a JSON-backed object
        // wraps afresh anyway, so no wrapper is observable in between).
        var raw: JSONObject?
        var k = 0
        let count = expr.steps.count
        walk: while k < count {
            let step = expr.steps[k]
            let lastStep = k == count - 1
            var result: Value?
            if Evaluator.isPlainName(step) {
                if k == 0, case .array? = input { break walk }
                // As evaluateStep counts its one-item field step.
                steps += 1
                if steps > maxSteps { throw Failure("U1001", position: step.position) }
                if let o = raw {
                    guard let field = JObject.rawField(o, step.value) else { return .finished(nil) }
                    if case .object(let inner) = field {
                        raw = inner
                        k += 1
                        continue walk
                    }
                    raw = nil
                    result = Value.wrap(field)
                } else {
                    result = Evaluator.lookup(current, step.value)
                }
                if case .array(let a)? = result {
                    (resultSequence, inputSource) = Evaluator.fieldArrayStep(a, lastStep: lastStep)
                    first = k + 1
                    walked = true
                    break walk
                }
            } else if k == 0, step.kind == .variable, !step.consarray, !step.tuple, step.stages == nil {
                if !step.value.isEmpty, step.predicate == nil, step.group == nil, !step.keepArray,
                    depth != Evaluator.largeStackDepth || onLargeStack
                {
                    // eval of the variable node, inline: its accounting, its lookup (a host value
                    // left unconverted) and its unwrapping of none-or-one sequences.
                    if depth + 1 > maxDepth || steps + 1 > maxSteps {
                        steps += 1
                        throw Failure("U1001", position: step.position)
                    }
                    steps += 1
                    switch env.resolve(step.value) {
                    case .json(let json):
                        if case .object(let o) = json {
                            raw = o
                            k += 1
                            continue walk
                        }
                        result = Value.wrap(json)
                    case .value(let v):
                        // An object bound from host JSON (a lambda's argument) with a field step
                        // next: look into its JSON directly. Only then, so the value itself is
                        // never replaced by a new wrapper.
                        if k + 1 < count, Evaluator.isPlainName(expr.steps[k + 1]), case .object(let o)? = v,
                            let json = o.jsonSource
                        {
                            raw = json
                            k += 1
                            continue walk
                        }
                        result = Evaluator.unwrapFieldSequence(v)
                    }
                } else {
                    result = try eval(step, input, env)
                }
                if case .array(let a)? = result {
                    // The general loop of evaluateStep with this one result.
                    if lastStep && !a.isSequence {
                        resultSequence = a
                    } else if !a.cons {
                        if lastStep {
                            resultSequence = JArray(a.items, sequence: true)
                        } else {
                            (resultSequence, inputSource) = Evaluator.elementsOf(a)
                        }
                    } else {
                        resultSequence = JArray([.array(a)], sequence: true)
                    }
                    first = k + 1
                    walked = true
                    break walk
                }
            } else {
                if k > 0 {
                    if let o = raw { current = .object(JObject(json: o)) }
                    resultSequence = JArray.sequence(current!)
                    inputSequence = [current]
                    first = k
                    walked = true
                }
                break walk
            }
            // No value: the step's sequence is empty, so the path is undefined.
            guard let v = result else { return .finished(nil) }
            current = v
            k += 1
        }
        if k == count {
            if let o = raw { current = .object(JObject(json: o)) }
            // eval turns a one-value sequence back into the value unless the path keeps arrays.
            if let v = current { return .finished(expr.keepArray ? .array(JArray.sequence(v)) : v) }
        }
        guard walked, let resultSequence else { return .notStarted }
        return .handOver(from: first, result: resultSequence, source: inputSource, sequence: inputSequence)
    }

    /// The step result of a one-item field step whose field holds the array `a`, as evaluateStep
    /// builds it; `source` is set when the next step may read `a`'s elements in place.
    @inline(__always)
    private static func fieldArrayStep(_ a: JArray, lastStep: Bool) -> (result: JArray, source: JArray?) {
        if a.isSequence {
            if a.isEmpty { return (JArray([], sequence: true), nil) }
            if a.count == 1 && !a.keepSingleton { return (singleStep(a[0], lastStep: lastStep), nil) }
            if !lastStep && !a.cons { return elementsOf(a) }
            return (singleStep(.array(a), lastStep: false), nil)
        }
        if !lastStep && !a.cons { return elementsOf(a) }
        return (singleStep(.array(a), lastStep: lastStep), nil)
    }

    /// A step result that is `a`'s elements as a fresh sequence, for a step that is not the last:
    /// the next step reads `a` itself, and the copy is only made when the step result is empty
    /// (the path ends there and returns it).
    @inline(__always)
    private static func elementsOf(_ a: JArray) -> (JArray, JArray?) {
        if a.isEmpty { return (JArray([], sequence: true), nil) }
        return (a, a)
    }

    /// `[Value]` to `[Value?]` by a loop: the implicit conversion goes through a dynamic cast per element.
    @inline(__always)
    static func optionals(_ values: [Value]) -> [Value?] {
        var out: [Value?] = []
        out.reserveCapacity(values.count)
        for v in values { out.append(v) }
        return out
    }

    /// A plain field step over every item of `source`: the general loop of evaluateStep with `eval`
    /// of the name node inlined (same step and depth accounting).
    private func fieldStep(_ expr: Node, over source: JArray, _ env: Frame, lastStep: Bool) throws(Failure) -> JArray {
        if source.count == 1 {
            return try evaluateStep(expr, [source[0]], env, lastStep: lastStep)
        }
        let key = expr.value
        var flat: [Value] = []
        flat.reserveCapacity(source.count)
        // The first result is held back: a lone non-sequence array at the last step is returned as is.
        var held: Value?
        var produced = 0
        let json = source.jsonSource
        let items = json == nil ? source.items : []
        let n = json?.count ?? items.count
        for i in 0..<n {
            try countFieldEvaluation(expr)
            let res: Value?
            if let json {
                switch json[i] {
                case .object(let o): res = JObject.field(o, key)
                case .array: res = Evaluator.unwrapFieldSequence(Evaluator.lookup(Value.wrap(json[i]), key))
                default: res = nil
                }
            } else {
                res = Evaluator.unwrapFieldSequence(Evaluator.lookup(items[i], key))
            }
            guard let r = res else { continue }
            produced += 1
            if produced == 1 {
                held = r
                continue
            }
            if produced == 2 { Evaluator.flattenOne(held!, into: &flat) }
            Evaluator.flattenOne(r, into: &flat)
        }
        if produced == 1 {
            if lastStep, case .array(let a) = held!, !a.isSequence { return a }
            Evaluator.flattenOne(held!, into: &flat)
        }
        return JArray(flat, sequence: true)
    }

    /// The depth and step guards `eval` applies on entry, for a name node evaluated inline.
    @inline(__always)
    private func countFieldEvaluation(_ expr: Node) throws(Failure) {
        steps += 1
        if depth >= maxDepth || steps > maxSteps { throw Failure("U1001", position: expr.position) }
    }

    /// What `eval` does to a name node's lookup result (a plain name keeps no singleton arrays).
    @inline(__always)
    private static func unwrapFieldSequence(_ result: Value?) -> Value? {
        if case .array(let a)? = result, a.isSequence, !a.tupleStream {
            if a.isEmpty { return nil }
            if a.count == 1 { return a.keepSingleton ? result : a[0] }
        }
        return result
    }

    @inline(__always)
    private static func flattenOne(_ r: Value, into flat: inout [Value]) {
        if case .array(let a) = r, !a.cons {
            flat.append(contentsOf: a.items)
        } else {
            flat.append(r)
        }
    }

    private func evaluateStep(_ expr: Node, _ input: [Value?], _ env: Frame, lastStep: Bool) throws(Failure) -> JArray {
        if expr.kind == .sort {
            var result = try evaluateSort(expr, .array(JArray(input.compactMap { $0 }, sequence: true)), env)
            if let stages = expr.stages { result = .array(try evaluateStages(stages, result, env)) }
            if case .array(let a)? = result { return a }
            return result.map { JArray.sequence($0) } ?? JArray([], sequence: true)
        }
        if input.count == 1, expr.kind == .name, expr.stages == nil, expr.predicate == nil, expr.group == nil,
            !expr.keepArray
        {
            // One item through a plain field step: what the loop below computes, minus its bookkeeping.
            steps += 1
            if steps > maxSteps { throw Failure("U1001", position: expr.position) }
            guard let res = Evaluator.lookup(input[0], expr.value) else { return JArray([], sequence: true) }
            if case .array(let a) = res {
                if a.isSequence {
                    if a.isEmpty { return JArray([], sequence: true) }
                    if a.count == 1 && !a.keepSingleton { return Evaluator.singleStep(a[0], lastStep: lastStep) }
                    return Evaluator.singleStep(.array(a), lastStep: false)
                }
                return Evaluator.singleStep(res, lastStep: lastStep)
            }
            return JArray([res], sequence: true)
        }
        var results: [Value] = []
        results.reserveCapacity(input.count)
        for item in input {
            var res = try eval(expr, item, env)
            if let stages = expr.stages {
                for stage in stages { res = .array(try evaluateFilter(stage.expression!, res, env)) }
            }
            if let r = res { results.append(r) }
        }
        if lastStep, results.count == 1, case .array(let a) = results[0], !a.isSequence {
            return a
        }
        let out = JArray([], sequence: true)
        var flat: [Value] = []
        flat.reserveCapacity(results.count)
        for r in results {
            if case .array(let a) = r, !a.cons {
                flat.append(contentsOf: a.items)
            } else {
                flat.append(r)
            }
        }
        out.items = flat
        return out
    }

    /// The step result for exactly one value, as the general loop of evaluateStep would build it.
    private static func singleStep(_ r: Value, lastStep: Bool) -> JArray {
        if case .array(let a) = r {
            if lastStep && !a.isSequence { return a }
            if !a.cons { return JArray(a.items, sequence: true) }
        }
        return JArray([r], sequence: true)
    }

    private func evaluateStages(_ stages: [Node], _ input: Value?, _ env: Frame) throws(Failure) -> JArray {
        var result: JArray
        if case .array(let a)? = input { result = a } else { result = JArray(input.map { [$0] } ?? [], sequence: true) }
        for stage in stages {
            switch stage.kind {
            case .filter:
                result = try evaluateFilter(stage.expression!, .array(result), env)
            case .index:
                for (ee, tuple) in result.items.enumerated() {
                    if case .object(let o) = tuple { o[stage.value] = .number(Double(ee)) }
                }
            default: break
            }
        }
        return result
    }

    private func frameFromTuple(_ env: Frame, _ tuple: Value?) -> Frame {
        let frame = Frame(parent: env)
        if case .object(let o)? = tuple {
            for (k, v) in o.members { frame.bind(k, v) }
        }
        return frame
    }

    private func evaluateTupleStep(_ expr: Node, _ input: [Value?], _ tupleBindings: JArray?, _ env: Frame) throws(Failure) -> JArray {
        if expr.kind == .sort {
            var result: JArray
            if let tb = tupleBindings {
                let sorted = try evaluateSort(expr, .array(tb), env)
                result = sorted?.arrayValue ?? JArray([], sequence: true)
                result.tupleStream = true
            } else {
                let sorted = try evaluateSort(expr, .array(JArray(input.compactMap { $0 }, sequence: true)), env)
                result = JArray([], sequence: true)
                result.tupleStream = true
                let items: [Value] = sorted.map { v -> [Value] in
                    if case .array(let a) = v { return a.items } else { return [v] }
                } ?? []
                for (ss, item) in items.enumerated() {
                    let tuple = JObject()
                    tuple["@"] = item
                    if let index = expr.indexVar { tuple[index] = .number(Double(ss)) }
                    result.append(.object(tuple))
                }
            }
            if let stages = expr.stages { result = try evaluateStages(stages, .array(result), env) }
            return result
        }

        let result = JArray([], sequence: true)
        result.tupleStream = true
        let bindings: [Value]
        if let tb = tupleBindings {
            bindings = tb.items
        } else {
            bindings = input.map { item -> Value in
                let t = JObject()
                t["@"] = item
                return .object(t)
            }
        }
        for binding in bindings {
            guard case .object(let tuple) = binding else { continue }
            let stepEnv = frameFromTuple(env, binding)
            guard var res = try eval(expr, tuple["@"], stepEnv) else { continue }
            if !res.isArray { res = .array(JArray([res])) }
            let resArray = res.arrayValue!
            for (bb, item) in resArray.items.enumerated() {
                let out = JObject()
                for (k, v) in tuple.members { out[k] = v }
                if resArray.tupleStream {
                    if case .object(let inner) = item {
                        for (k, v) in inner.members { out[k] = v }
                    }
                } else {
                    if let focus = expr.focus {
                        out[focus] = item
                        out["@"] = tuple["@"]
                    } else {
                        out["@"] = item
                    }
                    if let index = expr.indexVar { out[index] = .number(Double(bb)) }
                    if let ancestor = expr.ancestor { out[ancestor.label] = tuple["@"] }
                }
                result.append(.object(out))
            }
        }
        if let stages = expr.stages { return try evaluateStages(stages, .array(result), env) }
        return result
    }

    private func evaluateFilter(_ predicate: Node, _ input: Value?, _ env: Frame) throws(Failure) -> JArray {
        if case .array(let a)? = input, !a.tupleStream, let json = a.jsonSource,
            let comparison = Evaluator.fieldComparison(predicate)
        {
            return try filterJSON(a, json, comparison, predicate, env)
        }
        let results = JArray([], sequence: true)
        var items: [Value]
        var tupleStream = false
        if case .array(let a)? = input {
            items = a.items
            tupleStream = a.tupleStream
        } else {
            items = input.map { [$0] } ?? []
        }
        if tupleStream { results.tupleStream = true }
        if predicate.kind == .number {
            var index = Int(predicate.number.rounded(.down))
            if index < 0 { index += items.count }
            if index >= 0 && index < items.count {
                let item = items[index]
                if case .array(let a) = item { return a }
                results.append(item)
            }
            return results
        }
        let comparison = tupleStream ? nil : Evaluator.fieldComparison(predicate)
        for (index, item) in items.enumerated() {
            if let (key, op, bound) = comparison, fastComparisonFits,
                case .object(let o) = item, case .number(let x)? = o[key], x.isFinite
            {
                // `field <op> number` on an object whose field is a finite number: what eval of the
                // comparison, the path, its field step and the literal compute and count, without
                // the calls. Anything else (limits near, other values) takes the general route.
                steps += 4
                if Evaluator.compare(x, op, bound) { results.append(item) }
                continue
            }
            var context: Value? = item
            var frame = env
            if tupleStream {
                if case .object(let o) = item { context = o["@"] }
                frame = frameFromTuple(env, item)
            }
            let hits = try predicateHits(eval(predicate, context, frame), index: index, count: items.count)
            for _ in 0..<hits { results.append(item) }
        }
        return results
    }

    /// How many times a filter keeps the item at `index` for its predicate's value: once per
    /// matching position when the value is a number or an array of numbers, else once if truthy.
    private func predicateHits(_ value: Value?, index: Int, count: Int) throws(Failure) -> Int {
        var res = value
        if let r = res, try Evaluator.isNumeric(r) { res = .array(JArray([r])) }
        guard case .array(let arr)? = res, arr.items.allSatisfy(\.isNumber) else {
            return Functions.boolean(res) == true ? 1 : 0
        }
        var hits = 0
        for n in arr.items {
            var ii = Int(n.numberValue!.rounded(.down))
            if ii < 0 { ii += count }
            if ii == index { hits += 1 }
        }
        return hits
    }

    /// Whether the `field <op> number` fast path stays within the limits the general route would
    /// check (its four steps, its nesting, the switch to the large stack).
    private var fastComparisonFits: Bool {
        depth + 2 <= maxDepth && steps + 4 <= maxSteps && (depth + 1 < Evaluator.largeStackDepth || onLargeStack)
    }

    /// `x <op> bound` for the comparison operators of the fast filter path.
    private static func compare(_ x: Double, _ op: Node.Operator, _ bound: Double) -> Bool {
        switch op {
        case .less: x < bound
        case .lessEqual: x <= bound
        case .greater: x > bound
        case .greaterEqual: x >= bound
        case .equal: x == bound
        default: x != bound
        }
    }

    /// evaluateFilter for `field <op> number` over host JSON: elements are compared in their JSON
    /// form and only those kept (or needing the general route) get a wrapper, the one `items`
    /// would have given them.
    private func filterJSON(
        _ a: JArray, _ json: [JSONValue], _ comparison: (String, Node.Operator, Double), _ predicate: Node, _ env: Frame
    ) throws(Failure) -> JArray {
        let results = JArray([], sequence: true)
        let (key, op, bound) = comparison
        for i in json.indices {
            if fastComparisonFits, case .object(let o) = json[i], case .number(let n)? = JObject.rawField(o, key)
            {
                let x = n.doubleValue
                if x.isFinite {
                    // eval of the comparison, the path, its field step and the literal: four steps.
                    steps += 4
                    if Evaluator.compare(x, op, bound) { results.append(a.element(at: i)) }
                    continue
                }
            }
            let item = a.element(at: i)
            let hits = try predicateHits(eval(predicate, item, env), index: i, count: json.count)
            for _ in 0..<hits { results.append(item) }
        }
        return results
    }

    /// A predicate of the shape `name <op> number` with nothing attached to its nodes: the field
    /// name, the comparison and the finite literal; nil for any other predicate.
    private static func fieldComparison(_ predicate: Node) -> (String, Node.Operator, Double)? {
        guard predicate.kind == .binary, predicate.predicate == nil, predicate.group == nil else { return nil }
        switch predicate.symbol {
        case .less, .lessEqual, .greater, .greaterEqual, .equal, .notEqual: break
        default: return nil
        }
        guard let path = predicate.lhs, let literal = predicate.rhs, path.kind == .path, path.steps.count == 1,
            path.predicate == nil, path.group == nil, !path.keepArray, !path.keepSingletonArray,
            isPlainName(path.steps[0]), literal.kind == .number, literal.predicate == nil, literal.group == nil,
            literal.number.isFinite
        else { return nil }
        return (path.steps[0].value, predicate.symbol, literal.number)
    }

    // MARK: - Operators

    static func isNumeric(_ v: Value) throws(Failure) -> Bool {
        guard case .number(let d) = v else { return false }
        if d.isNaN { return false }
        if !d.isFinite { throw Failure("D1001", value: v) }
        return true
    }

    private func evaluateBinary(_ expr: Node, _ input: Value?, _ env: Frame) throws(Failure) -> Value? {
        let op = expr.symbol
        let lhs = try eval(expr.lhs!, input, env)
        if op == .and || op == .or {
            do throws(Failure) {
                let l = Functions.boolean(lhs) ?? false
                if op == .and {
                    if !l { return .bool(false) }
                    return .bool(Functions.boolean(try eval(expr.rhs!, input, env)) ?? false)
                }
                if l { return .bool(true) }
                return .bool(Functions.boolean(try eval(expr.rhs!, input, env)) ?? false)
            } catch {
                var e = error
                e.position = expr.position
                e.token = expr.value
                throw e
            }
        }
        let rhs = try eval(expr.rhs!, input, env)
        // The common shape, two numbers, answers without the type bookkeeping below.
        if case .number(let a)? = lhs, case .number(let b)? = rhs, a.isFinite, b.isFinite {
            switch op {
            case .add: return .number(a + b)
            case .subtract: return .number(a - b)
            case .multiply: return .number(a * b)
            case .divide: return .number(a / b)
            case .modulo: return .number(a.truncatingRemainder(dividingBy: b))
            case .less: return .bool(a < b)
            case .lessEqual: return .bool(a <= b)
            case .greater: return .bool(a > b)
            case .greaterEqual: return .bool(a >= b)
            case .equal: return .bool(a == b)
            case .notEqual: return .bool(a != b)
            default: break
            }
        }
        do throws(Failure) {
            switch op {
            case .add, .subtract, .multiply, .divide, .modulo:
                if let l = lhs, try !Evaluator.isNumeric(l) { throw Failure("T2001", value: l) }
                if let r = rhs, try !Evaluator.isNumeric(r) { throw Failure("T2002", value: r) }
                guard case .number(let a)? = lhs, case .number(let b)? = rhs else { return nil }
                switch op {
                case .add: return .number(a + b)
                case .subtract: return .number(a - b)
                case .multiply: return .number(a * b)
                case .divide: return .number(a / b)
                default: return .number(a.truncatingRemainder(dividingBy: b))
                }
            case .equal, .notEqual:
                guard let l = lhs, let r = rhs else { return .bool(false) }
                let eq = Evaluator.deepEqual(l, r)
                return .bool(op == .equal ? eq : !eq)
            case .less, .lessEqual, .greater, .greaterEqual:
                let lt = lhs?.jsType ?? "undefined"
                let rt = rhs?.jsType ?? "undefined"
                let lc = lt == "undefined" || lt == "string" || lt == "number"
                let rc = rt == "undefined" || rt == "string" || rt == "number"
                if !lc || !rc {
                    throw Failure("T2010", value: !(lt == "string" || lt == "number") ? lhs : rhs)
                }
                guard let l = lhs, let r = rhs else { return nil }
                if lt != rt {
                    var e = Failure("T2009", value: l)
                    e.value2 = r
                    throw e
                }
                let cmp: Bool
                switch (l, r) {
                case (.number(let a), .number(let b)):
                    switch op {
                    case .less: cmp = a < b
                    case .lessEqual: cmp = a <= b
                    case .greater: cmp = a > b
                    default: cmp = a >= b
                    }
                case (.string(let a), .string(let b)):
                    let c = Evaluator.compareUTF16(a, b)
                    switch op {
                    case .less: cmp = c < 0
                    case .lessEqual: cmp = c <= 0
                    case .greater: cmp = c > 0
                    default: cmp = c >= 0
                    }
                default: cmp = false
                }
                return .bool(cmp)
            case .concat:
                let l = try lhs.map { v throws(Failure) in try Functions.string(v) } ?? ""
                let r = try rhs.map { v throws(Failure) in try Functions.string(v) } ?? ""
                return .string(l + r)
            case .range:
                if let l = lhs, !Evaluator.isInteger(l) { throw Failure("T2003", value: l) }
                if let r = rhs, !Evaluator.isInteger(r) { throw Failure("T2004", value: r) }
                guard case .number(let a)? = lhs, case .number(let b)? = rhs else { return nil }
                if a > b { return nil }
                let size = b - a + 1
                if size > 1e7 { throw Failure("D2014", value: .number(size)) }
                var items: [Value] = []
                items.reserveCapacity(Int(size))
                var i = a
                while i <= b {
                    items.append(.number(i))
                    i += 1
                }
                return .array(JArray(items, sequence: true))
            case .in:
                guard let l = lhs, let r = rhs else { return .bool(false) }
                let candidates: [Value]
                if case .array(let a) = r { candidates = a.items } else { candidates = [r] }
                for c in candidates where Evaluator.strictEqual(c, l) { return .bool(true) }
                return .bool(false)
            case .and, .or, .other:
                return nil
            }
        } catch {
            var e = error
            e.position = expr.position
            e.token = expr.value
            throw e
        }
    }

    static func isInteger(_ v: Value) -> Bool {
        if case .number(let d) = v { return d.isFinite && d == d.rounded() }
        return false
    }

    /// JavaScript's `<` on strings compares UTF-16 code units.
    static func compareUTF16(_ a: String, _ b: String) -> Int {
        var ia = a.utf16.makeIterator()
        var ib = b.utf16.makeIterator()
        while true {
            let x = ia.next()
            let y = ib.next()
            switch (x, y) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?):
                if x != y { return x < y ? -1 : 1 }
            }
        }
    }

    /// JavaScript's `===`: containers compare by identity.
    static func strictEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.number(let x), .number(let y)): return x == y
        case (.string(let x), .string(let y)): return x == y
        case (.array(let x), .array(let y)): return x === y
        case (.object(let x), .object(let y)): return x === y
        case (.function(let x), .function(let y)): return x === y
        default: return false
        }
    }

    static func deepEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.array(let x), .array(let y)):
            if x === y { return true }
            if let jx = x.jsonSource, let jy = y.jsonSource { return jx == jy }
            guard x.count == y.count else { return false }
            let xi = x.items
            let yi = y.items
            for i in 0..<xi.count where !deepEqual(xi[i], yi[i]) { return false }
            return true
        case (.object(let x), .object(let y)):
            if x === y { return true }
            guard x.count == y.count else { return false }
            for k in x.orderedKeys {
                guard let xv = x[k], let yv = y[k], deepEqual(xv, yv) else { return false }
            }
            return true
        default:
            return strictEqual(a, b)
        }
    }

    private func evaluateUnary(_ expr: Node, _ input: Value?, _ env: Frame) throws(Failure) -> Value? {
        switch expr.value {
        case "-":
            let result = try eval(expr.expression!, input, env)
            guard let r = result else { return nil }
            if try Evaluator.isNumeric(r), case .number(let d) = r { return .number(-d) }
            throw Failure("D1002", position: expr.position, token: expr.value, value: r)
        case "[":
            var result = JArray()
            for item in expr.expressions {
                guard let value = try eval(item, input, env) else { continue }
                if item.kind == .unary && item.value == "[" {
                    result.append(value)
                } else {
                    result = Functions.append(.array(result), value)!.arrayValue!
                }
            }
            if expr.consarray { result.cons = true }
            return .array(result)
        case "{":
            return .object(try evaluateGroup(expr.pairs, position: expr.position, input: input, env))
        default:
            return nil
        }
    }

    static func lookup(_ input: Value?, _ key: String) -> Value? {
        switch input {
        case .object(let o)?: return o[key]
        case .array(let a)?:
            let result = JArray([], sequence: true)
            for item in a.items {
                guard let res = lookup(item, key) else { continue }
                if case .array(let r) = res {
                    result.append(contentsOf: r.items)
                } else {
                    result.append(res)
                }
            }
            return .array(result)
        default: return nil
        }
    }

    private func evaluateWildcard(_ input: Value?) -> Value? {
        var results = JArray([], sequence: true)
        var input = input
        if case .array(let a)? = input, a.outerWrapper, !a.isEmpty { input = a[0] }
        let values: [Value]
        switch input {
        case .object(let o)?: values = o.members.map(\.1)
        case .array(let a)?: values = a.items
        default: values = []
        }
        for value in values {
            if case .array = value {
                var flat: [Value] = []
                Evaluator.flatten(value, into: &flat)
                results = Functions.append(.array(results), .array(JArray(flat)))!.arrayValue!
            } else {
                results.append(value)
            }
        }
        return .array(results)
    }

    static func flatten(_ v: Value, into out: inout [Value]) {
        if case .array(let a) = v {
            for item in a.items { flatten(item, into: &out) }
        } else {
            out.append(v)
        }
    }

    private func evaluateDescendants(_ input: Value?) -> Value? {
        guard let input else { return nil }
        var results: [Value] = []
        Evaluator.recurseDescendants(input, &results)
        if results.count == 1 { return results[0] }
        return .array(JArray(results, sequence: true))
    }

    private static func recurseDescendants(_ input: Value, _ results: inout [Value]) {
        switch input {
        case .array(let a):
            for m in a.items { recurseDescendants(m, &results) }
        case .object(let o):
            results.append(input)
            for (_, v) in o.members { recurseDescendants(v, &results) }
        default:
            results.append(input)
        }
    }

    // MARK: - Grouping

    private func evaluateGroup(_ pairs: [(Node, Node)], position: Int, input: Value?, _ env: Frame) throws(Failure) -> JObject {
        // Groups in first-seen order, searched linearly until there are enough to index.
        var groups: [GroupEntry] = []
        var groupIndex: [String: Int]?
        var reduce = false
        var items: [Value?]
        if case .array(let a)? = input {
            reduce = a.tupleStream
            items = Evaluator.optionals(a.items)
        } else {
            items = [input]
        }
        if items.isEmpty { items = [nil] }
        if items.count == 1 { groups.reserveCapacity(pairs.count) }

        for item in items {
            let frame = reduce ? frameFromTuple(env, item) : env
            let context: Value? = reduce ? (item.flatMap { v -> Value? in if case .object(let o) = v { return o["@"] } else { return nil } }) : item
            for pairIndex in pairs.indices {
                let key = try eval(pairs[pairIndex].0, context, frame)
                guard let key else { continue }
                guard case .string(let k) = key else {
                    throw Failure("T1003", position: position, value: key)
                }
                var found: Int?
                if let groupIndex {
                    found = groupIndex[k]
                } else {
                    for g in groups.indices where groups[g].key == k {
                        found = g
                        break
                    }
                }
                if let g = found {
                    if groups[g].exprIndex != pairIndex {
                        throw Failure("D1009", position: position, value: key)
                    }
                    groups[g].data = Functions.append(groups[g].data, item)
                } else {
                    groups.append(GroupEntry(key: k, data: item, exprIndex: pairIndex))
                    if groupIndex != nil {
                        groupIndex![k] = groups.count - 1
                    } else if groups.count > 16 {
                        groupIndex = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1.key, $0) })
                    }
                }
            }
        }

        let result = JObject(capacity: groups.count)
        for entry in groups {
            var context = entry.data
            var frame = env
            if reduce {
                let tuple = Evaluator.reduceTupleStream(entry.data)
                context = tuple["@"]
                tuple["@"] = nil
                frame = frameFromTuple(env, .object(tuple))
            }
            if let value = try eval(pairs[entry.exprIndex].1, context, frame) {
                // Group keys are distinct, so each is a new member.
                result.appendNew(entry.key, value)
            }
        }
        return result
    }

    /// One group of an object constructor (a struct: arrays of tuples are destroyed generically).
    private struct GroupEntry {
        var key: String
        var data: Value?
        var exprIndex: Int
    }

    private static func reduceTupleStream(_ stream: Value?) -> JObject {
        let result = JObject()
        switch stream {
        case .array(let a)? where !a.isEmpty:
            let items = a.items
            if case .object(let first) = items[0] {
                for (k, v) in first.members { result[k] = v }
            }
            for t in items.dropFirst() {
                guard case .object(let o) = t else { continue }
                for (k, v) in o.members { result[k] = Functions.append(result[k], v) }
            }
        case .object(let o)?:
            for (k, v) in o.members { result[k] = v }
        default: break
        }
        return result
    }

    // MARK: - Sorting

    private func evaluateSort(_ expr: Node, _ input: Value?, _ env: Frame) throws(Failure) -> Value? {
        guard let input else { return nil }
        let isTupleSort = input.arrayValue?.tupleStream ?? false
        let comparator: (Value, Value) throws(Failure) -> Bool = { a, b throws(Failure) in
            var comp = 0
            var index = 0
            while comp == 0 && index < expr.terms.count {
                defer { index += 1 }
                let term = expr.terms[index]
                var ctx: Value? = a
                var frame = env
                if isTupleSort {
                    if case .object(let o) = a { ctx = o["@"] }
                    frame = self.frameFromTuple(env, a)
                }
                let aa = try self.eval(term.expression, ctx, frame)
                ctx = b
                frame = env
                if isTupleSort {
                    if case .object(let o) = b { ctx = o["@"] }
                    frame = self.frameFromTuple(env, b)
                }
                let bb = try self.eval(term.expression, ctx, frame)
                guard let av = aa else {
                    comp = bb == nil ? 0 : 1
                    continue
                }
                guard let bv = bb else {
                    comp = -1
                    continue
                }
                let at = av.jsType
                let bt = bv.jsType
                if !(at == "string" || at == "number") || !(bt == "string" || bt == "number") {
                    throw Failure("T2008", position: expr.position, value: !(at == "string" || at == "number") ? av : bv)
                }
                if at != bt {
                    var e = Failure("T2007", position: expr.position, value: av)
                    e.value2 = bv
                    throw e
                }
                switch (av, bv) {
                case (.number(let x), .number(let y)):
                    if x == y { continue }
                    comp = x < y ? -1 : 1
                case (.string(let x), .string(let y)):
                    let c = Evaluator.compareUTF16(x, y)
                    if c == 0 { continue }
                    comp = c
                default: continue
                }
                if term.descending { comp = -comp }
            }
            return comp == 1
        }
        let sorted = try Functions.mergeSort(input, comparator)
        if isTupleSort, case .array(let a)? = sorted { a.tupleStream = true }
        return sorted
    }

    // MARK: - Functions

    private func evaluateFunction(_ expr: Node, _ input: Value?, _ env: Frame, applyTo: Value??) throws(Failure) -> Value? {
        let proc = try eval(expr.procedure!, input, env)
        let procedure = expr.procedure!
        if proc == nil, procedure.kind == .path, let bound = env.lookup(procedure.steps[0].value), Functions.truthy(bound) {
            throw Failure("T1005", position: expr.position, token: procedure.steps[0].value)
        }
        var args: [Value?] = []
        args.reserveCapacity(expr.arguments.count + 1)
        if let applyTo { args.append(applyTo) }
        for a in expr.arguments { args.append(try eval(a, input, env)) }
        let procName = procedure.kind == .path ? procedure.steps[0].value : procedure.value
        do throws(Failure) {
            return try apply(proc, args, input, env, token: procName, position: expr.position)
        } catch {
            var e = error
            if e.position == nil { e.position = expr.position }
            if e.token == nil { e.token = procName }
            throw e
        }
    }

    /// `apply(.function(f), args, nil, env)` for the higher-order functions' per-item calls: a
    /// plain lambda (no signature, distinct parameters, one argument each) runs directly on a
    /// frame made of `args`, skipping the dispatch and error decoration that do nothing here.
    func callback(_ f: JFunction, _ args: [Value?], _ env: Frame) throws(Failure) -> Value? {
        if case .lambda(let l) = f.kind, l.signature == nil, l.distinctParams, args.count == l.params.count {
            let frame = Frame(parent: l.env, names: l.params, values: args)
            let result = try eval(l.node.body!, l.input, frame)
            return try resolveThunks(result, nil, env, token: nil)
        }
        return try apply(.function(f), args, nil, env)
    }

    func apply(_ proc: Value?, _ args: [Value?], _ input: Value?, _ env: Frame, token: String? = nil, position: Int? = nil) throws(Failure) -> Value? {
        let result = try applyInner(proc, args, input, env, token: token, position: position)
        return try resolveThunks(result, input, env, token: token)
    }

    /// Runs tail calls left as thunks until a value comes back (tail calls do not nest).
    private func resolveThunks(_ first: Value?, _ input: Value?, _ env: Frame, token: String?) throws(Failure) -> Value? {
        var result = first
        while case .function(let f)? = result, case .lambda(let thunk) = f.kind, thunk.isThunk {
            let call = thunk.node.body!
            let procedure = call.procedure!
            let next = try eval(procedure, thunk.input, thunk.env)
            var evaluated: [Value?] = []
            for a in call.arguments { evaluated.append(try eval(a, thunk.input, thunk.env)) }
            result = try applyInner(
                next, evaluated, input, env, token: procedure.kind == .variable ? procedure.value : token,
                position: procedure.position)
        }
        return result
    }

    private func applyInner(_ proc: Value?, _ args: [Value?], _ input: Value?, _ env: Frame, token: String?, position: Int?) throws(Failure) -> Value? {
        do throws(Failure) {
            guard case .function(let f)? = proc else { throw Failure("T1006") }
            var validated = args
            if let sig = f.signature { validated = try sig.validate(args, context: input) }
            return try invoke(f, validated, input, env)
        } catch {
            var e = error
            if proc != nil {
                if e.token == nil { e.token = token }
                if let position { e.position = position }
            }
            throw e
        }
    }

    private func invoke(_ f: JFunction, _ args: [Value?], _ input: Value?, _ env: Frame) throws(Failure) -> Value? {
        switch f.kind {
        case .lambda(let l):
            let frame: Frame
            if l.distinctParams && args.count == l.params.count {
                frame = Frame(parent: l.env, names: l.params, values: args)
            } else {
                frame = Frame(parent: l.env)
                for (i, p) in l.params.enumerated() { frame.bind(p, i < args.count ? args[i] : nil) }
            }
            return try eval(l.node.body!, l.input, frame)
        case .builtin(let b):
            return try b.implementation(self, args, input, env)
        case .native(let n, _):
            var jsonArgs: [JSONValue?] = []
            for a in args { jsonArgs.append(a.flatMap { $0.toJSON() }) }
            return try Failure.bridging { () throws(JSONataError) in try n.body(jsonArgs).map(Value.wrap) }
        case .regex(let r):
            guard case .string(let s)? = args.first ?? nil else { return nil }
            return Functions.regexMatch(r, s as NSString, from: 0)
        case .matchNext(let r, let s, let from):
            let ns = s as NSString
            if from >= ns.length { return nil }
            let next = Functions.regexMatch(r, ns, from: from)
            if case .object(let o)? = next, case .string(let m)? = o["match"], m.isEmpty {
                var e = Failure("D1004", value: .string(r.source))
                e.position = nil
                throw e
            }
            return next
        case .partial(let inner, let bound, let placeholders):
            var full = bound
            for (k, slot) in placeholders.enumerated() { full[slot] = k < args.count ? args[k] : nil }
            return try apply(.function(inner), full, input, env)
        case .transform(let node, let frame):
            return try evaluateTransform(node, frame, args.first ?? nil)
        case .chain(let first, let second):
            let mid = try apply(.function(first), [args.first ?? nil], nil, env)
            return try apply(.function(second), [mid], nil, env)
        }
    }

    private func evaluatePartialApplication(_ expr: Node, _ input: Value?, _ env: Frame) throws(Failure) -> Value? {
        var args: [Value?] = []
        var placeholders: [Int] = []
        for (i, a) in expr.arguments.enumerated() {
            if a.isPlaceholder {
                args.append(nil)
                placeholders.append(i)
            } else {
                args.append(try eval(a, input, env))
            }
        }
        let proc = try eval(expr.procedure!, input, env)
        let procedure = expr.procedure!
        if proc == nil, procedure.kind == .path, let bound = env.lookup(procedure.steps[0].value), Functions.truthy(bound) {
            throw Failure("T1007", position: expr.position, token: procedure.steps[0].value)
        }
        guard case .function(let f)? = proc else {
            throw Failure("T1008", position: expr.position, token: procedure.kind == .path ? procedure.steps[0].value : procedure.value)
        }
        if case .lambda(let l) = f.kind {
            let frame = Frame(parent: l.env)
            var unbound: [String] = []
            for (i, p) in l.params.enumerated() {
                if i < expr.arguments.count && expr.arguments[i].isPlaceholder {
                    unbound.append(p)
                } else {
                    frame.bind(p, i < args.count ? args[i] : nil)
                }
            }
            let partial = Lambda(node: l.node, params: unbound, input: l.input, env: frame, signature: nil, isThunk: false)
            return .function(JFunction(.lambda(partial)))
        }
        // Built-ins take their declared parameter count; missing trailing arguments stay undefined.
        var full = args
        if full.count < f.arity { full += [Value?](repeating: nil, count: f.arity - full.count) }
        return .function(JFunction(.partial(f, full, placeholders: placeholders)))
    }

    private func evaluateApply(_ expr: Node, _ input: Value?, _ env: Frame) throws(Failure) -> Value? {
        let lhs = try eval(expr.lhs!, input, env)
        if expr.rhs!.kind == .function {
            return try evaluateFunction(expr.rhs!, input, env, applyTo: .some(lhs))
        }
        let fn = try eval(expr.rhs!, input, env)
        guard case .function(let g)? = fn else {
            throw Failure("T2006", position: expr.position, value: fn)
        }
        if case .function(let f)? = lhs {
            return .function(JFunction(.chain(f, g)))
        }
        return try apply(fn, [lhs], nil, env)
    }

    // MARK: - Transform

    private func evaluateTransform(_ expr: Node, _ env: Frame, _ obj: Value?) throws(Failure) -> Value? {
        guard let obj else { return nil }
        guard case .function? = env.lookup("clone") ?? nil else {
            throw Failure("T2013", position: expr.position)
        }
        let result = try apply(env.lookup("clone") ?? nil, [obj], nil, env)
        guard let matches = try eval(expr.pattern!, result, env) else { return result }
        let list: [Value]
        if case .array(let a) = matches { list = a.items } else { list = [matches] }
        for match in list {
            if let update = try eval(expr.update!, match, env) {
                guard case .object(let u) = update else {
                    throw Failure("T2011", position: expr.update!.position, value: update)
                }
                if case .object(let m) = match {
                    for (k, v) in u.members { m[k] = v }
                }
            }
            if let del = expr.delete, let deletions = try eval(del, match, env) {
                let names: [Value]
                if case .array(let a) = deletions { names = a.items } else { names = [deletions] }
                guard names.allSatisfy(\.isString) else {
                    throw Failure("T2012", position: del.position, value: deletions)
                }
                if case .object(let m) = match {
                    for n in names { m[n.stringValue!] = nil }
                }
            }
        }
        return result
    }
}
