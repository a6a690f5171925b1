import Foundation

extension Functions {
    static let strings: [Builtin] = [
        Builtin("string", "<x-b?:s>", arity: 1) { _, args, _, _ throws(Failure) in
            guard let v = args.at(0) else { return nil }
            return .string(try string(v, pretty: args.at(1).flatMap { if case .bool(let b) = $0 { b } else { nil } } ?? false))
        },
        Builtin("substring", "<s-nn?:s>", arity: 3) { _, args, _, _ in
            guard case .string(let s)? = args.at(0), case .number(let startD)? = args.at(1) else { return nil }
            let chars = Array(s.unicodeScalars)
            let length = chars.count
            var start = startD
            if Double(length) + start < 0 { start = 0 }
            func slice(_ from: Double, _ to: Double) -> String {
                func clamp(_ x: Double) -> Int {
                    let t = x.isFinite ? x.rounded(.towardZero) : x
                    if t < 0 { return max(0, length + Int(max(t, -Double(length) - 1))) }
                    return min(length, Int(min(t, Double(length))))
                }
                let a = clamp(from)
                let b = clamp(to)
                if a >= b { return "" }
                var out = String.UnicodeScalarView()
                out.append(contentsOf: chars[a..<b])
                return String(out)
            }
            if case .number(let len)? = args.at(2) {
                if len <= 0 { return .string("") }
                let end = start >= 0 ? start + len : Double(length) + start + len
                return .string(slice(start, end))
            }
            return .string(slice(start, Double(length)))
        },
        Builtin("substringBefore", "<s-s:s>", arity: 2) { _, args, _, _ in
            guard case .string(let s)? = args.at(0) else { return nil }
            guard case .string(let c)? = args.at(1) else { return .string(s) }
            if c.isEmpty { return .string("") }
            guard let r = s.range(of: c, options: .literal) else { return .string(s) }
            return .string(String(s[..<r.lowerBound]))
        },
        Builtin("substringAfter", "<s-s:s>", arity: 2) { _, args, _, _ in
            guard case .string(let s)? = args.at(0) else { return nil }
            guard case .string(let c)? = args.at(1) else { return .string(s) }
            if c.isEmpty { return .string(s) }
            guard let r = s.range(of: c, options: .literal) else { return .string(s) }
            return .string(String(s[r.upperBound...]))
        },
        Builtin("lowercase", "<s-:s>", arity: 1) { _, args, _, _ in
            guard case .string(let s)? = args.at(0) else { return nil }
            return .string(s.lowercased())
        },
        Builtin("uppercase", "<s-:s>", arity: 1) { _, args, _, _ in
            guard case .string(let s)? = args.at(0) else { return nil }
            return .string(s.uppercased())
        },
        Builtin("length", "<s-:n>", arity: 1) { _, args, _, _ in
            guard case .string(let s)? = args.at(0) else { return nil }
            return .number(Double(s.unicodeScalars.count))
        },
        Builtin("trim", "<s-:s>", arity: 1) { _, args, _, _ in
            guard case .string(let s)? = args.at(0) else { return nil }
            var out = String.UnicodeScalarView()
            var inSpace = false
            for u in s.unicodeScalars {
                if u == " " || u == "\t" || u == "\n" || u == "\r" {
                    if !inSpace { out.append(" ") }
                    inSpace = true
                } else {
                    out.append(u)
                    inSpace = false
                }
            }
            var r = String(out)
            if r.hasPrefix(" ") { r.removeFirst() }
            if r.hasSuffix(" ") { r.removeLast() }
            return .string(r)
        },
        Builtin("pad", "<s-ns?:s>", arity: 3) { _, args, _, _ in
            guard case .string(let s)? = args.at(0), case .number(let width)? = args.at(1) else { return nil }
            var padChar = " "
            if case .string(let c)? = args.at(2), !c.isEmpty { padChar = c }
            let padLength = Int(abs(width).rounded(.towardZero)) - s.unicodeScalars.count
            guard padLength > 0 else { return .string(s) }
            var padding = String.UnicodeScalarView()
            let pc = Array(padChar.unicodeScalars)
            var i = 0
            while padding.count < padLength {
                padding.append(pc[i % pc.count])
                i += 1
            }
            return .string(width > 0 ? s + String(padding) : String(padding) + s)
        },
        Builtin("contains", "<s-(sf):b>", arity: 2) { ev, args, _, env throws(Failure) in
            guard case .string(let s)? = args.at(0) else { return nil }
            if case .string(let token)? = args.at(1) {
                return .bool(token.isEmpty || s.range(of: token, options: .literal) != nil)
            }
            return .bool(try evaluateMatcher(ev, args.at(1), [.string(s)], env) != nil)
        },
        Builtin("match", "<s-f<s:o>n?:a<o>>", arity: 3) { ev, args, _, env throws(Failure) in
            guard case .string(let s)? = args.at(0) else { return nil }
            let limit = args.at(2)?.numberValue
            if let l = limit, l < 0 {
                var e = Failure("D3040", value: .number(l))
                e.index = 3
                throw e
            }
            let result = JArray([], sequence: true)
            if limit == nil || limit! > 0 {
                var count = 0.0
                var matches = try evaluateMatcher(ev, args.at(1), [.string(s)], env)
                while let m = matches, limit == nil || count < limit! {
                    let o = JObject()
                    o["match"] = m["match"]
                    o["index"] = m["start"]
                    o["groups"] = m["groups"]
                    result.append(.object(o))
                    matches = try evaluateMatcher(ev, m["next"], [], env)
                    count += 1
                }
            }
            return .array(result)
        },
        Builtin("replace", "<s-(sf)(sf)n?:s>", arity: 4) { ev, args, _, env throws(Failure) in
            guard case .string(let s)? = args.at(0) else { return nil }
            let pattern = args.at(1)
            let replacement = args.at(2)
            if case .string("")? = pattern {
                var e = Failure("D3010", value: .string(""))
                e.index = 2
                throw e
            }
            let limit = args.at(3)?.numberValue
            if let l = limit, l < 0 {
                var e = Failure("D3011", value: .number(l))
                e.index = 4
                throw e
            }
            if let l = limit, l == 0 { return .string(s) }
            let ns = s as NSString
            if case .string(let p)? = pattern {
                var result = ""
                var position = 0
                var count = 0.0
                let replacementText: String
                if case .string(let r)? = replacement { replacementText = r } else { replacementText = "" }
                while limit == nil || count < limit! {
                    let found = ns.range(of: p, options: .literal, range: NSRange(location: position, length: ns.length - position))
                    if found.location == NSNotFound { break }
                    result += ns.substring(with: NSRange(location: position, length: found.location - position))
                    result += replacementText
                    position = found.location + found.length
                    count += 1
                }
                result += ns.substring(from: position)
                return .string(result)
            }
            var matches = try evaluateMatcher(ev, pattern, [.string(s)], env)
            guard matches != nil else { return .string(s) }
            var result = ""
            var position = 0
            var count = 0.0
            while let m = matches, limit == nil || count < limit! {
                let start = Int(m["start"]?.numberValue ?? 0)
                let matched = m["match"]?.stringValue ?? ""
                result += ns.substring(with: NSRange(location: position, length: max(0, start - position)))
                let replacedWith: Value?
                if case .string(let r)? = replacement {
                    replacedWith = .string(substitute(r, match: m))
                } else {
                    replacedWith = try ev.apply(replacement, [.object(m)], nil, env)
                }
                guard case .string(let rs)? = replacedWith else {
                    throw Failure("D3012", value: replacedWith)
                }
                result += rs
                position = start + (matched as NSString).length
                count += 1
                matches = try evaluateMatcher(ev, m["next"], [], env)
            }
            result += ns.substring(from: min(position, ns.length))
            return .string(result)
        },
        Builtin("split", "<s-(sf)n?:a<s>>", arity: 3) { ev, args, _, env throws(Failure) in
            guard case .string(let s)? = args.at(0) else { return nil }
            let limit = args.at(2)?.numberValue
            if let l = limit, l < 0 {
                var e = Failure("D3020", value: .number(l))
                e.index = 3
                throw e
            }
            var result: [Value] = []
            if limit == nil || limit! > 0 {
                if case .string(let sep)? = args.at(1) {
                    var parts: [String]
                    if sep.isEmpty {
                        parts = s.unicodeScalars.map { String($0) }
                    } else {
                        parts = s.components(separatedBy: sep)
                    }
                    if let l = limit, Double(parts.count) > l { parts = Array(parts.prefix(Int(l))) }
                    result = parts.map { .string($0) }
                } else {
                    let ns = s as NSString
                    var count = 0.0
                    var matches = try evaluateMatcher(ev, args.at(1), [.string(s)], env)
                    if matches != nil {
                        var start = 0
                        while let m = matches, limit == nil || count < limit! {
                            let mstart = Int(m["start"]?.numberValue ?? 0)
                            result.append(.string(ns.substring(with: NSRange(location: start, length: max(0, mstart - start)))))
                            start = Int(m["end"]?.numberValue ?? 0)
                            matches = try evaluateMatcher(ev, m["next"], [], env)
                            count += 1
                        }
                        if limit == nil || count < limit! { result.append(.string(ns.substring(from: min(start, ns.length)))) }
                    } else {
                        result.append(.string(s))
                    }
                }
            }
            return .array(JArray(result))
        },
        Builtin("join", "<a<s>s?:s>", arity: 2) { _, args, _, _ in
            guard case .array(let a)? = args.at(0) else { return nil }
            let sep = args.at(1)?.stringValue ?? ""
            return .string(a.items.map { $0.stringValue ?? "" }.joined(separator: sep))
        },
        Builtin("base64encode", "<s-:s>", arity: 1) { _, args, _, _ in
            guard case .string(let s)? = args.at(0) else { return nil }
            return .string(Data(s.utf8).base64EncodedString())
        },
        Builtin("base64decode", "<s-:s>", arity: 1) { _, args, _, _ in
            guard case .string(let s)? = args.at(0) else { return nil }
            guard let d = Data(base64Encoded: s, options: .ignoreUnknownCharacters) else { return .string("") }
            return .string(String(decoding: d, as: UTF8.self))
        },
        Builtin("encodeUrlComponent", "<s-:s>", arity: 1) { _, args, _, _ throws(Failure) in
            guard case .string(let s)? = args.at(0) else { return nil }
            return .string(try encodeURI(s, keep: uriUnreserved, name: "encodeUrlComponent"))
        },
        Builtin("encodeUrl", "<s-:s>", arity: 1) { _, args, _, _ throws(Failure) in
            guard case .string(let s)? = args.at(0) else { return nil }
            return .string(try encodeURI(s, keep: uriUnreserved.union(uriReserved), name: "encodeUrl"))
        },
        Builtin("decodeUrlComponent", "<s-:s>", arity: 1) { _, args, _, _ throws(Failure) in
            guard case .string(let s)? = args.at(0) else { return nil }
            return .string(try decodeURI(s, preserve: [], name: "decodeUrlComponent"))
        },
        Builtin("decodeUrl", "<s-:s>", arity: 1) { _, args, _, _ throws(Failure) in
            guard case .string(let s)? = args.at(0) else { return nil }
            return .string(try decodeURI(s, preserve: uriReserved, name: "decodeUrl"))
        },
    ]

    /// `$n` substitution in `$replace` replacement strings, as functions.js scans them.
    static func substitute(_ replacement: String, match m: JObject) -> String {
        let groups = m["groups"]?.arrayValue?.items ?? []
        let r = Array(replacement.unicodeScalars)
        var out = String.UnicodeScalarView()
        var position = 0
        func digits(_ from: Int, _ n: Int) -> Int? {
            var v = 0
            var any = false
            var i = from
            while i < r.count && i < from + n, let d = Int(String(r[i])), r[i].isASCII {
                v = v * 10 + d
                any = true
                i += 1
            }
            return any ? v : nil
        }
        while position < r.count {
            guard let idx = r[position...].firstIndex(of: "$") else { break }
            out.append(contentsOf: r[position..<idx])
            position = idx + 1
            if position < r.count && r[position] == "$" {
                out.append("$")
                position += 1
            } else if position < r.count && r[position] == "0" {
                out.append(contentsOf: (m["match"]?.stringValue ?? "").unicodeScalars)
                position += 1
            } else {
                let maxDigits = groups.isEmpty ? 1 : Int(log10(Double(groups.count)).rounded(.down)) + 1
                var index = digits(position, maxDigits)
                if maxDigits > 1, let i = index, i > groups.count { index = digits(position, maxDigits - 1) }
                if let i = index {
                    if !groups.isEmpty, i >= 1, i <= groups.count, case .string(let g) = groups[i - 1] {
                        out.append(contentsOf: g.unicodeScalars)
                    }
                    position += String(i).count
                } else {
                    out.append("$")
                }
            }
        }
        if position < r.count { out.append(contentsOf: r[position...]) }
        return String(out)
    }

    static let uriUnreserved: Set<Unicode.Scalar> = Set(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.!~*'()".unicodeScalars)
    static let uriReserved: Set<Unicode.Scalar> = Set(";,/?:@&=+$#".unicodeScalars)

    static func encodeURI(_ s: String, keep: Set<Unicode.Scalar>, name: String) throws(Failure) -> String {
        var out = ""
        for u in s.unicodeScalars {
            if keep.contains(u) {
                out.unicodeScalars.append(u)
            } else {
                if (0xD800...0xDFFF).contains(u.value) {
                    var e = Failure("D3140", value: .string(s))
                    e.functionName = name
                    throw e
                }
                for b in String(u).utf8 { out += String(format: "%%%02X", b) }
            }
        }
        return out
    }

    static func decodeURI(_ s: String, preserve: Set<Unicode.Scalar>, name: String) throws(Failure) -> String {
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        var i = 0
        func fail() -> Failure {
            var e = Failure("D3140", value: .string(s))
            e.functionName = name
            return e
        }
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 48...57: return b - 48
            case 65...70: return b - 55
            case 97...102: return b - 87
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%") {
                guard i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) else { throw fail() }
                let b = h * 16 + l
                if b < 0x80 {
                    if preserve.contains(Unicode.Scalar(b)) {
                        out.append(contentsOf: bytes[i..<(i + 3)])
                    } else {
                        out.append(b)
                    }
                    i += 3
                    continue
                }
                // A multi-byte sequence must be complete and valid UTF-8.
                let n = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
                if n == 0 { throw fail() }
                var seq: [UInt8] = [b]
                var j = i + 3
                for _ in 1..<n {
                    guard j + 2 < bytes.count, bytes[j] == UInt8(ascii: "%"), let h2 = hex(bytes[j + 1]), let l2 = hex(bytes[j + 2]) else {
                        throw fail()
                    }
                    seq.append(h2 * 16 + l2)
                    j += 3
                }
                guard String(validating: seq, as: UTF8.self) != nil else { throw fail() }
                out.append(contentsOf: seq)
                i = j
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
