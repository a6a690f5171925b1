import Foundation

extension Functions {
    static let aggregate: [Builtin] = [
        Builtin("sum", "<a<n>:n>", arity: 1) { _, args, _, _ in
            guard case .array(let a)? = args.at(0) else { return nil }
            return .number(a.items.reduce(0) { $0 + ($1.numberValue ?? 0) })
        },
        Builtin("count", "<a:n>", arity: 1) { _, args, _, _ in
            guard case .array(let a)? = args.at(0) else { return .number(0) }
            return .number(Double(a.count))
        },
        Builtin("max", "<a<n>:n>", arity: 1) { _, args, _, _ in
            guard case .array(let a)? = args.at(0), !a.isEmpty else { return nil }
            return .number(a.items.compactMap(\.numberValue).reduce(-Double.infinity) { Swift.max($0, $1) })
        },
        Builtin("min", "<a<n>:n>", arity: 1) { _, args, _, _ in
            guard case .array(let a)? = args.at(0), !a.isEmpty else { return nil }
            return .number(a.items.compactMap(\.numberValue).reduce(Double.infinity) { Swift.min($0, $1) })
        },
        Builtin("average", "<a<n>:n>", arity: 1) { _, args, _, _ in
            guard case .array(let a)? = args.at(0), !a.isEmpty else { return nil }
            return .number(a.items.reduce(0) { $0 + ($1.numberValue ?? 0) } / Double(a.count))
        },
    ]

    static let numeric: [Builtin] = [
        Builtin("number", "<(nsb)-:n>", arity: 1) { _, args, _, _ throws(Failure) in
            guard let v = args.at(0) else { return nil }
            switch v {
            case .number: return v
            case .bool(let b): return .number(b ? 1 : 0)
            case .string(let s):
                if let d = parseJSNumber(s) { return .number(d) }
            default: break
            }
            var e = Failure("D3030", value: v)
            e.index = 1
            throw e
        },
        Builtin("abs", "<n-:n>", arity: 1) { _, args, _, _ in
            guard case .number(let d)? = args.at(0) else { return nil }
            return .number(Swift.abs(d))
        },
        Builtin("floor", "<n-:n>", arity: 1) { _, args, _, _ in
            guard case .number(let d)? = args.at(0) else { return nil }
            return .number(d.rounded(.down))
        },
        Builtin("ceil", "<n-:n>", arity: 1) { _, args, _, _ in
            guard case .number(let d)? = args.at(0) else { return nil }
            return .number(d.rounded(.up))
        },
        Builtin("round", "<n-n?:n>", arity: 2) { _, args, _, _ in
            guard case .number(let d)? = args.at(0) else { return nil }
            return .number(JSNumberText.roundHalfEven(d, precision: args.at(1)?.numberValue.map { Int($0) } ?? 0))
        },
        Builtin("sqrt", "<n-:n>", arity: 1) { _, args, _, _ throws(Failure) in
            guard case .number(let d)? = args.at(0) else { return nil }
            if d < 0 {
                var e = Failure("D3060", value: .number(d))
                e.index = 1
                throw e
            }
            return .number(d.squareRoot())
        },
        Builtin("power", "<n-n:n>", arity: 2) { _, args, _, _ throws(Failure) in
            guard case .number(let base)? = args.at(0) else { return nil }
            let exp = args.at(1)?.numberValue ?? .nan
            let r = Foundation.pow(base, exp)
            if !r.isFinite {
                var e = Failure("D3061", value: .number(base))
                e.exponent = .number(exp)
                e.index = 1
                throw e
            }
            return .number(r)
        },
        Builtin("random", "<:n>", arity: 0) { _, _, _, _ in
            .number(Double.random(in: 0..<1))
        },
    ]

    /// `$number`'s string rule: a JSON number, or a 0x/0o/0b integer literal.
    static func parseJSNumber(_ s: String) -> Double? {
        let u = Array(s.utf8)
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
        var i = 0
        if i < u.count && u[i] == UInt8(ascii: "-") { i += 1 }
        if i < u.count && isDigit(u[i]) {
            while i < u.count && isDigit(u[i]) { i += 1 }
            if i < u.count && u[i] == UInt8(ascii: ".") {
                i += 1
                guard i < u.count && isDigit(u[i]) else { return nil }
                while i < u.count && isDigit(u[i]) { i += 1 }
            }
            if i < u.count && (u[i] == UInt8(ascii: "e") || u[i] == UInt8(ascii: "E")) {
                i += 1
                if i < u.count && (u[i] == UInt8(ascii: "+") || u[i] == UInt8(ascii: "-")) { i += 1 }
                guard i < u.count && isDigit(u[i]) else { return nil }
                while i < u.count && isDigit(u[i]) { i += 1 }
            }
            if i == u.count, let d = Double(s), d.isFinite { return d }
        }
        if u.count > 2 && u[0] == UInt8(ascii: "0") {
            let digits = String(s.dropFirst(2))
            let radix: Int
            switch u[1] {
            case UInt8(ascii: "x"), UInt8(ascii: "X"): radix = 16
            case UInt8(ascii: "o"), UInt8(ascii: "O"): radix = 8
            case UInt8(ascii: "b"), UInt8(ascii: "B"): radix = 2
            default: return nil
            }
            var value = 0.0
            for c in digits {
                guard let d = c.hexDigitValue, d < radix else { return nil }
                value = value * Double(radix) + Double(d)
            }
            return value
        }
        return nil
    }
}
