import JSONValue

/// The functions Jayway allows at the end of a path (`$.items.length()`).
enum PathFunction: String, Sendable, CaseIterable {
    case avg, stddev, sum, min, max, concat, length, size, append, keys, first, last, distinct, index

    /// Applies the function to `model` with its arguments already evaluated.
    /// Returns nil where Jayway returns Java `null` (e.g. `length()` of a string).
    func invoke(_ model: JSONValue, _ arguments: [JSONValue]) throws(FunctionFailure) -> JSONValue {
        switch self {
        case .length, .size:
            switch model {
            case .array(let a): return .int(a.count)
            case .object(let o): return .int(o.count)
            default: return .null
            }
        case .avg, .stddev, .sum, .min, .max:
            var numbers: [Double] = []
            if case .array(let a) = model {
                for case .number(let n) in a { numbers.append(n.doubleValue) }
            }
            for argument in arguments {
                switch argument {
                case .number(let n): numbers.append(n.doubleValue)
                case .array(let a): for case .number(let n) in a { numbers.append(n.doubleValue) }
                default: break
                }
            }
            guard !numbers.isEmpty else {
                throw FunctionFailure(message: "Aggregation function attempted to calculate value using empty array")
            }
            return .number(JSONNumber(exactDouble: aggregate(numbers)))
        case .concat:
            var text = ""
            func add(_ v: JSONValue) {
                switch v {
                case .string(let s): text += s
                case .number(let n): text += n.text
                case .bool(let b): text += String(b)
                default: break
                }
            }
            if case .array(let a) = model { a.forEach(add) }
            arguments.forEach(add)
            return .string(text)
        case .append:
            guard case .array(var a) = model else { return model }
            a.append(contentsOf: arguments)
            return .array(a)
        case .keys:
            guard case .object(let o) = model else { return .null }
            return .array(o.keys.map(JSONValue.string))
        case .first:
            guard case .array(let a) = model, let v = a.first else { return .null }
            return v
        case .last:
            guard case .array(let a) = model, let v = a.last else { return .null }
            return v
        case .index:
            guard case .array(let a) = model, case .number(let n)? = arguments.first, var i = n.intValue else {
                return .null
            }
            if i < 0 { i += a.count }
            return a.indices.contains(i) ? a[i] : .null
        case .distinct:
            guard case .array(let a) = model else { return model }
            var seen: [JSONValue] = []
            for v in a where !seen.contains(v) { seen.append(v) }
            return .array(seen)
        }
    }

    private func aggregate(_ numbers: [Double]) -> Double {
        let total = numbers.reduce(0, +)
        switch self {
        case .sum: return total
        case .avg: return total / Double(numbers.count)
        case .min: return numbers.min()!
        case .max: return numbers.max()!
        default:
            let mean = total / Double(numbers.count)
            let squares = numbers.reduce(0) { $0 + $1 * $1 } / Double(numbers.count)
            return (squares - mean * mean).squareRoot()
        }
    }
}

/// A function that cannot produce a value (Jayway's `JsonPathException`).
struct FunctionFailure: Error {
    var message: String
}
