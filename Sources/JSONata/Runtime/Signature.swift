/// A parsed JSONata function signature such as `<s-nn?:s>`, validating and fixing up arguments
/// the way jsonata-js's signature.js does (it compiles the signature to a regex over type letters;
/// this matches the same language with a small backtracking matcher).
struct Signature: Sendable {
    /// A set of type letters (`a s n b l f o m`) as a bitmask: matching runs on every call.
    struct TypeSet: Sendable {
        var bits: UInt16 = 0
        init() {}
        init(_ letters: String) {
            for c in letters { bits |= TypeSet.bit(c) }
        }
        static func bit(_ c: Character) -> UInt16 {
            switch c {
            case "a": return 1
            case "s": return 2
            case "n": return 4
            case "b": return 8
            case "l": return 16
            case "f": return 32
            case "o": return 64
            case "m": return 128
            case "j": return 256
            case "x": return 512
            default: return 0
            }
        }
        func contains(_ c: Character) -> Bool { bits & TypeSet.bit(c) != 0 }
    }

    struct Param: Sendable {
        var allowed = TypeSet()
        var type: String = ""
        var optional = false
        var oneOrMore = false
        var context = false
        var contextAllowed = TypeSet()
        var subtype: String?
    }

    let definition: String
    private(set) var params: [Param] = []

    static let transform = try! Signature(parsing: "<(oa):o>")

    private static let plural: [String: String] = [
        "a": "arrays", "b": "booleans", "f": "functions", "n": "numbers", "o": "objects", "s": "strings",
    ]

    init(parsing signature: String) throws(Failure) {
        definition = signature
        let chars = Array(signature)
        var position = 1
        var param = Param()
        var havePrev = false
        func closing(_ start: Int, _ open: Character, _ close: Character) -> Int {
            var depth = 1
            var p = start
            while p < chars.count {
                p += 1
                if p >= chars.count { break }
                if chars[p] == close {
                    depth -= 1
                    if depth == 0 { break }
                } else if chars[p] == open {
                    depth += 1
                }
            }
            return p
        }
        while position < chars.count {
            let symbol = chars[position]
            if symbol == ":" { break }
            switch symbol {
            case "s", "n", "b", "l", "o", "a", "f", "j", "x":
                param.allowed = TypeSet(Self.allowedTypes(for: symbol))
                param.type = String(symbol)
                params.append(param); param = Param(); havePrev = true
            case "-":
                if havePrev {
                    params[params.count - 1].context = true
                    params[params.count - 1].contextAllowed = params[params.count - 1].allowed
                    params[params.count - 1].optional = true
                }
            case "?":
                if havePrev { params[params.count - 1].optional = true }
            case "+":
                if havePrev { params[params.count - 1].oneOrMore = true }
            case "(":
                let end = closing(position, "(", ")")
                let choice = String(chars[(position + 1)..<min(end, chars.count)])
                if choice.contains("<") {
                    var err = Failure("S0402", position: position)
                    err.value = .string(choice)
                    err.hasValue = true
                    throw err
                }
                param.allowed = TypeSet(choice + "m")
                param.type = "(" + choice + ")"
                position = end
                params.append(param); param = Param(); havePrev = true
            case "<":
                if havePrev, params[params.count - 1].type == "a" || params[params.count - 1].type == "f" {
                    let end = closing(position, "<", ">")
                    params[params.count - 1].subtype = String(chars[(position + 1)..<min(end, chars.count)])
                    position = end
                } else {
                    var err = Failure("S0401", position: position)
                    err.value = .string(havePrev ? params[params.count - 1].type : "")
                    err.hasValue = true
                    throw err
                }
            default:
                break
            }
            position += 1
        }
    }

    /// The value types a parameter symbol accepts (`m` marks an undefined argument).
    private static func allowedTypes(for symbol: Character) -> String {
        switch symbol {
        case "a", "x": "asnblfom"
        case "f": "f"
        case "j": "asnblom"
        default: String(symbol) + "m"
        }
    }

    static func symbol(_ v: Value?) -> Character {
        guard let v else { return "m" }
        switch v {
        case .function: return "f"
        case .string: return "s"
        case .number: return "n"
        case .bool: return "b"
        case .null: return "l"
        case .array: return "a"
        case .object: return "o"
        }
    }

    /// Match lengths per parameter for the supplied type letters, or nil when they do not fit.
    private func match(_ sig: [Character]) -> [Int]? {
        var lengths = [Int](repeating: 0, count: params.count)
        func go(_ p: Int, _ i: Int) -> Bool {
            if p == params.count { return i == sig.count }
            let param = params[p]
            var maxLen = 0
            while i + maxLen < sig.count, param.allowed.contains(sig[i + maxLen]) {
                maxLen += 1
                if !param.oneOrMore { break }
            }
            let minLen = param.optional ? 0 : 1
            if maxLen < minLen { return false }
            var len = maxLen
            while len >= minLen {
                lengths[p] = len
                if go(p + 1, i + len) { return true }
                len -= 1
            }
            return false
        }
        return go(0, 0) ? lengths : nil
    }

    /// A prefix match used only to locate the first bad argument, as signature.js's error path does.
    private func prefixLength(_ sig: [Character], upTo count: Int) -> Int? {
        // The longest prefix of `sig` matched by the first `count` parameters (greedy, as a JS regex would).
        var best: Int?
        func go(_ p: Int, _ i: Int) -> Bool {
            if p == count {
                best = i
                return true
            }
            let param = params[p]
            var maxLen = 0
            while i + maxLen < sig.count, param.allowed.contains(sig[i + maxLen]) {
                maxLen += 1
                if !param.oneOrMore { break }
            }
            let minLen = param.optional ? 0 : 1
            if maxLen < minLen { return false }
            var len = maxLen
            while len >= minLen {
                if go(p + 1, i + len) { return true }
                len -= 1
            }
            return false
        }
        _ = go(0, 0)
        return best
    }

    func validate(_ args: [Value?], context: Value?) throws(Failure) -> [Value?] {
        let supplied = args.map(Signature.symbol)
        guard let lengths = match(supplied) else {
            var goodTo = 0
            for index in 0..<params.count {
                guard let m = prefixLength(supplied, upTo: index + 1) else {
                    var err = Failure("T0410", value: goodTo < args.count ? args[goodTo] : nil)
                    err.index = goodTo + 1
                    throw err
                }
                goodTo = m
            }
            var err = Failure("T0410", value: goodTo < args.count ? args[goodTo] : nil)
            err.index = goodTo + 1
            throw err
        }
        var validated: [Value?] = []
        validated.reserveCapacity(params.count)
        var argIndex = 0
        for (index, param) in params.enumerated() {
            let len = lengths[index]
            if len == 0 {
                if param.context {
                    var context = context
                    // The input document's array wrapper stands for the document itself.
                    if case .array(let a)? = context, a.outerWrapper, a.count == 1 { context = a[0] }
                    let contextType = Signature.symbol(context)
                    if param.contextAllowed.contains(contextType) {
                        validated.append(context)
                    } else {
                        var err = Failure("T0411", value: context)
                        err.index = argIndex + 1
                        throw err
                    }
                } else {
                    validated.append(argIndex < args.count ? args[argIndex] : nil)
                    argIndex += 1
                }
                continue
            }
            for k in 0..<len {
                let single: Character = argIndex < supplied.count ? supplied[argIndex] : "m"
                var arg = argIndex < args.count ? args[argIndex] : nil
                if param.type == "a" {
                    if single == "m" {
                        arg = nil
                    } else {
                        var ok = true
                        if let subtype = param.subtype {
                            if single != "a" && String(supplied[min(argIndex - k, supplied.count)..<min(argIndex - k + len, supplied.count)]) != subtype {
                                ok = false
                            } else if single == "a", case .array(let arr)? = arg, !arr.isEmpty {
                                let itemType = Signature.symbol(arr[0])
                                if itemType != subtype.first {
                                    ok = false
                                } else {
                                    ok = arr.items.allSatisfy { Signature.symbol($0) == itemType }
                                }
                            }
                        }
                        if !ok {
                            var err = Failure("T0412", value: arg)
                            err.index = argIndex + 1
                            err.type = Signature.plural[param.subtype ?? ""]
                            throw err
                        }
                        if single != "a", let a = arg {
                            arg = .array(JArray([a]))
                        }
                    }
                }
                validated.append(arg)
                argIndex += 1
            }
        }
        return validated
    }
}
