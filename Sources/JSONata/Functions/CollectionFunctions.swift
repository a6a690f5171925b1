import Foundation

extension Functions {
    static let collections: [Builtin] = [
        Builtin("boolean", "<x-:b>", arity: 1) { _, args, _, _ in
            boolean(args.at(0)).map { .bool($0) }
        },
        Builtin("not", "<x-:b>", arity: 1) { _, args, _, _ in
            guard let v = args.at(0) else { return nil }
            return .bool(!(boolean(v) ?? false))
        },
        Builtin("exists", "<x:b>", arity: 1) { _, args, _, _ in
            .bool(args.at(0) != nil)
        },
        Builtin("append", "<xx:a>", arity: 2) { _, args, _, _ in
            append(args.at(0), args.at(1))
        },
        Builtin("reverse", "<a:a>", arity: 1) { _, args, _, _ in
            guard case .array(let a)? = args.at(0) else { return nil }
            if a.count <= 1 { return .array(a) }
            return .array(JArray(a.items.reversed()))
        },
        Builtin("shuffle", "<a:a>", arity: 1) { _, args, _, _ in
            guard case .array(let a)? = args.at(0) else { return nil }
            if a.count <= 1 { return .array(a) }
            return .array(JArray(a.items.shuffled()))
        },
        Builtin("distinct", "<x:x>", arity: 1) { _, args, _, _ in
            guard let v = args.at(0) else { return nil }
            guard case .array(let a) = v, a.count > 1 else { return v }
            var results: [Value] = []
            for item in a.items where !results.contains(where: { Evaluator.deepEqual($0, item) }) {
                results.append(item)
            }
            return .array(JArray(results, sequence: a.isSequence))
        },
        Builtin("zip", "<a+>", arity: 1) { _, args, _, _ in
            let arrays = args.map { v -> [Value] in
                if case .array(let a)? = v { return a.items }
                return []
            }
            let length = arrays.map(\.count).min() ?? 0
            var result: [Value] = []
            for i in 0..<length { result.append(.array(JArray(arrays.map { $0[i] }))) }
            return .array(JArray(result))
        },
        Builtin("keys", "<x-:a<s>>", arity: 1) { _, args, _, _ in
            .array(JArray(keys(args.at(0)).map { .string($0) }, sequence: true))
        },
        Builtin("lookup", "<x-s:x>", arity: 2) { _, args, _, _ in
            guard case .string(let k)? = args.at(1) else { return nil }
            return Evaluator.lookup(args.at(0), k)
        },
        Builtin("spread", "<x-:a<o>>", arity: 1) { _, args, _, _ in
            spread(args.at(0))
        },
        Builtin("merge", "<a<o>:o>", arity: 1) { _, args, _, _ in
            guard case .array(let a)? = args.at(0) else { return nil }
            let result = JObject()
            for item in a.items {
                if case .object(let o) = item {
                    for (k, v) in o.members { result[k] = v }
                }
            }
            return .object(result)
        },
        Builtin("type", "<x:s>", arity: 1) { _, args, _, _ in
            guard let v = args.at(0) else { return nil }
            switch v {
            case .null: return .string("null")
            case .number: return .string("number")
            case .string: return .string("string")
            case .bool: return .string("boolean")
            case .array: return .string("array")
            case .function: return .string("function")
            case .object: return .string("object")
            }
        },
        Builtin("clone", "<(oa)-:o>", arity: 1) { _, args, _, _ in
            args.at(0).map { $0.deepCopy() }
        },
    ]

    static func keys(_ v: Value?) -> [String] {
        switch v {
        case .array(let a)?:
            var seen = Set<String>()
            var out: [String] = []
            for item in a.items {
                for k in keys(item) where seen.insert(k).inserted { out.append(k) }
            }
            return out
        case .object(let o)?:
            return o.orderedKeys
        default:
            return []
        }
    }

    static func spread(_ v: Value?) -> Value? {
        switch v {
        case .array(let a)?:
            var result: Value? = .array(JArray([], sequence: true))
            for item in a.items { result = append(result, spread(item)) }
            return result
        case .object(let o)?:
            let result = JArray([], sequence: true)
            for (k, val) in o.members {
                let single = JObject()
                single[k] = val
                result.append(.object(single))
            }
            return .array(result)
        default:
            return v
        }
    }

    static let higherOrder: [Builtin] = [
        Builtin("map", "<af>", arity: 2) { ev, args, _, env throws(Failure) in
            guard case .array(let a)? = args.at(0), case .function(let f)? = args.at(1) else { return nil }
            let items = a.items
            var results: [Value] = []
            results.reserveCapacity(items.count)
            for (i, item) in items.enumerated() {
                let r = try ev.callback(f, hofArgs(f, item, .number(Double(i)), .array(a)), env)
                if let r { results.append(r) }
            }
            return .array(JArray(results, sequence: true))
        },
        Builtin("filter", "<af>", arity: 2) { ev, args, _, env throws(Failure) in
            guard case .array(let a)? = args.at(0), case .function(let f)? = args.at(1) else { return nil }
            let result = JArray([], sequence: true)
            for (i, item) in a.items.enumerated() {
                let r = try ev.callback(f, hofArgs(f, item, .number(Double(i)), .array(a)), env)
                if boolean(r) == true { result.append(item) }
            }
            return .array(result)
        },
        Builtin("single", "<af?>", arity: 2) { ev, args, _, env throws(Failure) in
            guard case .array(let a)? = args.at(0) else { return nil }
            var found: Value?
            for (i, item) in a.items.enumerated() {
                var positive = true
                if case .function(let f)? = args.at(1) {
                    let r = try ev.callback(f, hofArgs(f, item, .number(Double(i)), .array(a)), env)
                    positive = boolean(r) ?? false
                }
                if positive {
                    if found == nil {
                        found = item
                    } else {
                        var e = Failure("D3138")
                        e.index = i
                        throw e
                    }
                }
            }
            guard let found else { throw Failure("D3139") }
            return found
        },
        Builtin("reduce", "<afj?:j>", arity: 3) { ev, args, _, env throws(Failure) in
            guard case .array(let a)? = args.at(0), case .function(let f)? = args.at(1) else { return nil }
            let arity = f.arity
            if arity < 2 {
                var e = Failure("D3050")
                e.index = 1
                throw e
            }
            let items = a.items
            var result: Value?
            var index: Int
            if args.at(2) == nil && !items.isEmpty {
                result = items[0]
                index = 1
            } else {
                result = args.at(2)
                index = 0
            }
            while index < items.count {
                var callArgs: [Value?] = [result, items[index]]
                if arity >= 3 { callArgs.append(.number(Double(index))) }
                if arity >= 4 { callArgs.append(.array(a)) }
                result = try ev.apply(.function(f), callArgs, nil, env)
                index += 1
            }
            return result
        },
        Builtin("sift", "<o-f?:o>", arity: 2) { ev, args, _, env throws(Failure) in
            guard case .object(let o)? = args.at(0), case .function(let f)? = args.at(1) else { return nil }
            let result = JObject()
            for (k, v) in o.members {
                let r = try ev.callback(f, hofArgs(f, v, .string(k), .object(o)), env)
                if boolean(r) == true { result[k] = v }
            }
            return result.isEmpty ? nil : .object(result)
        },
        Builtin("each", "<o-f:a>", arity: 2) { ev, args, _, env throws(Failure) in
            guard case .object(let o)? = args.at(0), case .function(let f)? = args.at(1) else { return nil }
            let result = JArray([], sequence: true)
            for (k, v) in o.members {
                let r = try ev.callback(f, hofArgs(f, v, .string(k), .object(o)), env)
                if let r { result.append(r) }
            }
            return .array(result)
        },
        Builtin("sort", "<af?:a>", arity: 2) { ev, args, _, env throws(Failure) in
            guard case .array(let a)? = args.at(0) else { return nil }
            if a.count <= 1 { return .array(a) }
            if case .function(let f)? = args.at(1) {
                return try mergeSort(.array(a)) { x, y throws(Failure) in
                    truthy(try ev.apply(.function(f), [x, y], nil, env))
                }
            }
            if isArrayOfNumbers(a) {
                return try mergeSort(.array(a)) { x, y in x.numberValue! > y.numberValue! }
            }
            if isArrayOfStrings(a) {
                return try mergeSort(.array(a)) { x, y in Evaluator.compareUTF16(x.stringValue!, y.stringValue!) > 0 }
            }
            var e = Failure("D3070")
            e.index = 1
            throw e
        },
    ]

    static let misc: [Builtin] = [
        Builtin("error", "<s?:x>", arity: 1) { _, args, _, _ throws(Failure) in
            var e = Failure("D3137")
            e.message = args.at(0)?.stringValue ?? "$error() function evaluated"
            throw e
        },
        Builtin("assert", "<bs?:x>", arity: 2) { _, args, _, _ throws(Failure) in
            if !truthy(args.at(0)) {
                var e = Failure("D3141")
                e.message = args.at(1)?.stringValue ?? "$assert() statement failed"
                throw e
            }
            return nil
        },
        Builtin("now", "<s?s?:s>", arity: 2) { ev, args, _, _ throws(Failure) in
            let picture = args.at(0)?.stringValue
            let timezone = args.at(1)?.stringValue
            if picture == nil && timezone == nil { return .string(isoTimestamp(ev.timestamp)) }
            return try Failure.bridging { () throws(JSONataError) in
                .string(try DateTimeFormatting.formatMillis(ev.timestamp, picture: picture, timezone: timezone))
            }
        },
        Builtin("millis", "<:n>", arity: 0) { ev, _, _, _ in
            .number(ev.timestamp)
        },
    ]

    /// `Date.prototype.toISOString` for a millisecond timestamp.
    static func isoTimestamp(_ millis: Double) -> String {
        let totalMillis = Int64(millis.rounded(.down))
        var days = totalMillis >= 0 ? totalMillis / 86_400_000 : (totalMillis - 86_399_999) / 86_400_000
        let msOfDay = totalMillis - days * 86_400_000
        // Civil-from-days (Howard Hinnant's algorithm).
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        var y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        if m <= 2 { y += 1 }
        let h = msOfDay / 3_600_000
        let mi = (msOfDay / 60000) % 60
        let s = (msOfDay / 1000) % 60
        let ms = msOfDay % 1000
        func pad(_ v: Int64, _ n: Int) -> String {
            let t = String(v)
            return String(repeating: "0", count: Swift.max(0, n - t.count)) + t
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(h, 2)):\(pad(mi, 2)):\(pad(s, 2)).\(pad(ms, 3))Z"
    }
}
