import Foundation
import JSONValue

/// The function library and the value semantics it shares with the evaluator.
enum Functions {
    static let table: [String: Builtin] = {
        var t: [String: Builtin] = [:]
        for b in aggregate + strings + numeric + collections + higherOrder + misc + formatting { t[b.name] = b }
        return t
    }()

    // MARK: - Shared semantics

    /// `fn.boolean`: JSONata's effective boolean value; nil for undefined.
    static func boolean(_ v: Value?) -> Bool? {
        guard let v else { return nil }
        switch v {
        case .null: return false
        case .bool(let b): return b
        case .number(let d): return d != 0 && !d.isNaN
        case .string(let s): return !s.isEmpty
        case .function: return false
        case .object(let o): return !o.isEmpty
        case .array(let a):
            if a.count == 1 { return boolean(a[0]) ?? false }
            return a.items.contains { boolean($0) == true }
        }
    }

    /// JavaScript truthiness.
    static func truthy(_ v: Value?) -> Bool {
        guard let v else { return false }
        switch v {
        case .null: return false
        case .bool(let b): return b
        case .number(let d): return d != 0 && !d.isNaN
        case .string(let s): return !s.isEmpty
        default: return true
        }
    }

    /// `fn.string` without the undefined case.
    static func string(_ v: Value, pretty: Bool = false) throws(Failure) -> String {
        switch v {
        case .string(let s): return s
        case .function: return ""
        case .number(let d) where !d.isFinite: throw Failure("D3001", value: v)
        default:
            try rejectNonFinite(v)
            return JSONText.stringify(v, pretty: pretty)
        }
    }

    /// The replacer of `$string` checks every number with `isNumeric`, which rejects infinities.
    private static func rejectNonFinite(_ v: Value) throws(Failure) {
        switch v {
        case .number(let d) where !d.isFinite: throw Failure("D1001", value: v)
        case .array(let a) where a.jsonSource == nil: for item in a.items { try rejectNonFinite(item) }
        case .object(let o) where o.jsonSource == nil: for (_, item) in o.members { try rejectNonFinite(item) }
        default: break
        }
    }

    /// `fn.append`: concatenation that treats single values as one-element arrays.
    static func append(_ a: Value?, _ b: Value?) -> Value? {
        guard let a else { return b }
        guard let b else { return a }
        var items: [Value]
        if case .array(let x) = a { items = x.items } else { items = [a] }
        if case .array(let y) = b { items.append(contentsOf: y.items) } else { items.append(b) }
        return .array(JArray(items))
    }

    static func isArrayOfNumbers(_ a: JArray) -> Bool { a.items.allSatisfy(\.isNumber) }
    static func isArrayOfStrings(_ a: JArray) -> Bool { a.items.allSatisfy(\.isString) }

    /// The stable merge sort of functions.js; `swap(a, b)` says b must come before a.
    static func mergeSort(_ input: Value, _ swap: (Value, Value) throws(Failure) -> Bool) throws(Failure) -> Value? {
        guard case .array(let arr) = input, arr.count > 1 else { return input }
        func msort(_ a: ArraySlice<Value>) throws(Failure) -> [Value] {
            if a.count <= 1 { return Array(a) }
            let middle = a.startIndex + a.count / 2
            let left = try msort(a[a.startIndex..<middle])
            let right = try msort(a[middle..<a.endIndex])
            var merged: [Value] = []
            merged.reserveCapacity(a.count)
            var i = 0
            var j = 0
            while i < left.count && j < right.count {
                if try swap(left[i], right[j]) {
                    merged.append(right[j])
                    j += 1
                } else {
                    merged.append(left[i])
                    i += 1
                }
            }
            merged.append(contentsOf: left[i...])
            merged.append(contentsOf: right[j...])
            return merged
        }
        return .array(JArray(try msort(arr.items[...])))
    }

    /// Arguments for a callback: value, then index and whole collection if the callback takes them.
    static func hofArgs(_ f: JFunction, _ a: Value?, _ b: Value?, _ c: Value?) -> [Value?] {
        // Built whole: appending grew the array once or twice per callback call.
        switch f.arity {
        case ..<2: return [a]
        case 2: return [a, b]
        default: return [a, b, c]
        }
    }

    static func items(_ v: Value?) -> [Value] {
        switch v {
        case .array(let a)?: return a.items
        case let x?: return [x]
        case nil: return []
        }
    }

    // MARK: - Regex matching

    /// A match object as jsonata-js's regex closures build it: match, start, end, groups, next.
    static func regexMatch(_ r: RegexMatcher, _ s: NSString, from: Int) -> Value? {
        guard let m = r.exec(s, from: from) else { return nil }
        let o = JObject()
        let range = m.range
        o["match"] = .string(s.substring(with: range))
        o["start"] = .number(Double(range.location))
        o["end"] = .number(Double(range.location + range.length))
        var groups: [Value] = []
        if m.numberOfRanges > 1 {
            for i in 1..<m.numberOfRanges {
                let g = m.range(at: i)
                groups.append(.string(g.location == NSNotFound ? "" : s.substring(with: g)))
            }
        }
        o["groups"] = .array(JArray(groups))
        let nextFrom = range.length == 0 ? range.location : range.location + range.length
        o["next"] = .function(JFunction(.matchNext(r, s as String, nextFrom)))
        return .object(o)
    }

    /// Runs a matcher (regex or user function) and checks the shape of what it returns.
    static func evaluateMatcher(_ ev: Evaluator, _ matcher: Value?, _ args: [Value?], _ env: Frame) throws(Failure) -> JObject? {
        let result = try ev.apply(matcher, args, nil, env)
        guard let result else { return nil }
        guard case .object(let o) = result else {
            if truthy(result) { throw Failure("T1010") }
            return nil
        }
        let ok = o["start"]?.isNumber == true || o["end"]?.isNumber == true || o["groups"]?.isArray == true
            || o["next"]?.isFunction == true
        if !ok { throw Failure("T1010") }
        return o
    }
}
