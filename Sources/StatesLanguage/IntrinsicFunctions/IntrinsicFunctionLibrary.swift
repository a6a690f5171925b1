import JSONValue

// The behaviour of each function follows what AWS answered in the recorded conformance cases:
// numbers given where integers are expected are rounded as Java's Math.round does (half up),
// Format prints objects and arrays as Java's Map/List toString, StringSplit drops empty tokens
// (java.util.StringTokenizer). Every failure is States.Runtime: AWS reserves
// States.IntrinsicFailure and reports intrinsic errors under States.Runtime.

extension IntrinsicCall {
    /// AWS's limit on the items States.ArrayRange may produce.
    static let maxRangeItems = 1000
    /// AWS's limit on the text given to Base64Encode, Base64Decode and Hash (UTF-16 units, as Java counts).
    static let maxInputCharacters = 10_000

    func evaluateBody(
        resolvePath: (String) throws(StatesError) -> JSONValue,
        entropy: any EntropySource
    ) throws(StatesError) -> JSONValue {
        guard function.arity.contains(arguments.count) else {
            throw StatesError.runtime(
                "\(function.name) takes \(function.arityDescription), but \(arguments.count) \(arguments.count == 1 ? "was" : "were") given")
        }
        func arg(_ k: Int) throws(StatesError) -> JSONValue {
            switch arguments[k] {
            case .literal(let value): return value
            case .path(let path): return try resolvePath(path)
            case .call(let call): return try call.evaluate(resolvePath: resolvePath, entropy: entropy)
            }
        }

        switch function {
        case .format:
            return .string(try format(arg))

        case .stringToJson:
            let text = try string(arg(0), "The argument")
            if text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return .null }
            do {
                return try JSONValue(parsing: text)
            } catch {
                throw invalid("the argument is not valid JSON text: \(error.reason)")
            }

        case .jsonToString:
            return .string(try arg(0).serialized())

        case .array:
            var items: [JSONValue] = []
            items.reserveCapacity(arguments.count)
            for k in arguments.indices { items.append(try arg(k)) }
            return .array(items)

        case .arrayPartition:
            let items = try array(arg(0), "The first argument")
            let size = try integer(arg(1), "The chunk size")
            guard size > 0 else { throw invalid("the chunk size must be a positive integer, but was \(size)") }
            var chunks: [JSONValue] = []
            chunks.reserveCapacity(size >= Int64(items.count) ? 1 : (items.count + Int(size) - 1) / Int(size))
            var start = 0
            while start < items.count {
                let end = Int(min(Int64(items.count), Int64(start) + size))
                chunks.append(.array(Array(items[start..<end])))
                start = end
            }
            return .array(chunks)

        case .arrayContains:
            let items = try array(arg(0), "The first argument")
            let needle = try arg(1)
            return .bool(items.contains(needle))

        case .arrayRange:
            let first = try integer(arg(0), "The first argument")
            let last = try integer(arg(1), "The second argument")
            let step = try integer(arg(2), "The step")
            guard step != 0 else { throw invalid("the step must be a non-zero integer") }
            let (distance, overflow) = step > 0 ? last.subtractingReportingOverflow(first) : first.subtractingReportingOverflow(last)
            let steps: Int64 = overflow ? Int64.max : (distance < 0 ? -1 : distance / step.magnitudeAsInt64)
            guard steps < Int64(Self.maxRangeItems) else {
                throw invalid("the array would have more than \(Self.maxRangeItems) items")
            }
            let count = steps + 1
            var items: [JSONValue] = []
            items.reserveCapacity(Int(count))
            var value = first
            for _ in 0..<count {
                items.append(.number(JSONNumber(value)))
                value &+= step
            }
            return .array(items)

        case .arrayGetItem:
            let items = try array(arg(0), "The first argument")
            let index = try integer(arg(1), "The index")
            guard index >= 0, index < Int64(items.count) else {
                throw invalid("the index \(index) is out of bounds for an array of \(items.count) items")
            }
            return items[Int(index)]

        case .arrayLength:
            return .number(JSONNumber(try array(arg(0), "The argument").count))

        case .arrayUnique:
            let items = try array(arg(0), "The argument")
            var seen = Set<JSONValue>(minimumCapacity: items.count)
            var unique: [JSONValue] = []
            unique.reserveCapacity(items.count)
            for item in items where seen.insert(item).inserted { unique.append(item) }
            return .array(unique)

        case .base64Encode:
            let text = try limited(string(arg(0), "The argument"))
            return .string(IntrinsicBase64.encode(Array(text.utf8)))

        case .base64Decode:
            let text = try limited(string(arg(0), "The argument"))
            guard let bytes = IntrinsicBase64.decode(text) else { throw invalid("the argument is not valid Base64 text") }
            return .string(String(decoding: bytes, as: UTF8.self))

        case .hash:
            let data = try limited(string(arg(0), "The data to hash"))
            let algorithmName = try string(arg(1), "The algorithm")
            guard let algorithm = HashAlgorithm(rawValue: algorithmName) else {
                throw invalid(
                    "the hashing algorithm '\(algorithmName)' is not supported; use one of \(HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .string(algorithm.hexDigest(of: Array(data.utf8)))

        case .jsonMerge:
            let first = try arg(0)
            guard case .object(var merged) = first else { throw typeMismatch("The first argument", "object", first) }
            let second = try arg(1)
            guard case .object(let other) = second else { throw typeMismatch("The second argument", "object", second) }
            let deep = try arg(2)
            guard case .bool(let isDeep) = deep else { throw typeMismatch("The third argument", "boolean", deep) }
            // AWS implements only the shallow merge and rejects a request for a deep one.
            guard !isDeep else { throw invalid("deep merge is not supported; the third argument must be false") }
            for (key, value) in other.members { merged[key] = value }
            return .object(merged)

        case .mathRandom:
            let start = try integer(arg(0), "The start")
            let end = try integer(arg(1), "The end")
            guard end > start else { throw invalid("the end (\(end)) must be greater than the start (\(start))") }
            let (span, overflow) = end.subtractingReportingOverflow(start)
            guard !overflow else { throw invalid("the range from \(start) to \(end) is too large") }
            if arguments.count == 3 {
                var random = JavaRandom(seed: try integer(arg(2), "The seed"))
                return .number(JSONNumber(start + random.nextValue(below: span)))
            }
            return .number(JSONNumber(entropy.nextInt(in: start...(end - 1))))

        case .mathAdd:
            let a = try integer(arg(0), "The first argument")
            let b = try integer(arg(1), "The second argument")
            let (sum, overflow) = a.addingReportingOverflow(b)
            guard !overflow else { throw invalid("the sum of \(a) and \(b) is out of range") }
            return .number(JSONNumber(sum))

        case .stringSplit:
            let text = try string(arg(0), "The first argument")
            let delimiters = try string(arg(1), "The delimiter")
            return .array(Self.tokenize(text, delimiters: delimiters))

        case .uuid:
            return .string(entropy.uuidString())
        }
    }

    // MARK: - Format

    private func format(_ arg: (Int) throws(StatesError) -> JSONValue) throws(StatesError) -> String {
        let templateValue = try arg(0)
        guard case .string(let text) = templateValue else {
            throw typeMismatch("The first argument (the template)", "string", templateValue)
        }
        let template: FormatTemplate
        if let parsed = literalTemplate, case .literal(.string(let literal)) = arguments[0], literal == parsed.source {
            template = parsed
        } else {
            template = FormatTemplate(splitting: text)
        }
        let values = arguments.count - 1
        guard template.placeholderCount == values else {
            throw invalid(
                "the template has \(template.placeholderCount) placeholder\(template.placeholderCount == 1 ? "" : "s") '{}' but \(values) value\(values == 1 ? " was" : "s were") given")
        }
        var out = template.segments[0]
        for k in 1..<arguments.count {
            Self.appendFormatted(try arg(k), to: &out)
            out += template.segments[k]
        }
        return out
    }

    /// Renders a value as AWS's Format does: strings bare, objects and arrays as Java's
    /// `Map.toString` / `List.toString` (`{a=1, b=[x, y]}`), scalars as JSON text.
    static func appendFormatted(_ value: JSONValue, to out: inout String) {
        switch value {
        case .string(let s): out += s
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.text
        case .array(let items):
            out += "["
            for (k, item) in items.enumerated() {
                if k > 0 { out += ", " }
                appendFormatted(item, to: &out)
            }
            out += "]"
        case .object(let object):
            out += "{"
            var first = true
            for (key, member) in object.members {
                if !first { out += ", " }
                first = false
                out += key
                out += "="
                appendFormatted(member, to: &out)
            }
            out += "}"
        }
    }

    // MARK: - StringSplit

    /// Splits on any of the delimiter's characters and drops empty tokens, as
    /// java.util.StringTokenizer does. Works on Unicode scalars so `\r\n` is two delimiters.
    static func tokenize(_ text: String, delimiters: String) -> [JSONValue] {
        let delimiterScalars = Array(delimiters.unicodeScalars)
        var tokens: [JSONValue] = []
        var current = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if delimiterScalars.contains(scalar) {
                if !current.isEmpty {
                    tokens.append(.string(String(current)))
                    current = String.UnicodeScalarView()
                }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { tokens.append(.string(String(current))) }
        return tokens
    }

    // MARK: - Argument checks

    private func invalid(_ detail: String) -> StatesError {
        StatesError.runtime("Invalid arguments in \(function.name): \(detail)")
    }

    private func typeMismatch(_ what: String, _ expected: String, _ value: JSONValue) -> StatesError {
        invalid("\(what.prefix(1).lowercased() + what.dropFirst()) must be \(expected == "array" || expected == "object" || expected == "integer" ? "an" : "a") \(expected), but was \(value.typeName == "array" || value.typeName == "object" ? "an" : "a") \(value.typeName)")
    }

    private func string(_ value: JSONValue, _ what: String) throws(StatesError) -> String {
        guard case .string(let s) = value else { throw typeMismatch(what, "string", value) }
        return s
    }

    private func array(_ value: JSONValue, _ what: String) throws(StatesError) -> [JSONValue] {
        guard case .array(let a) = value else { throw typeMismatch(what, "array", value) }
        return a
    }

    private func limited(_ text: String) throws(StatesError) -> String {
        // Fast path: UTF-8 length bounds the UTF-16 length from above.
        if text.utf8.count > Self.maxInputCharacters, text.utf16.count > Self.maxInputCharacters {
            throw invalid("the input must not be longer than \(Self.maxInputCharacters) characters")
        }
        return text
    }

    /// An integer argument; a fractional number is rounded half up, as AWS (Java's Math.round) does.
    private func integer(_ value: JSONValue, _ what: String) throws(StatesError) -> Int64 {
        guard case .number(let n) = value else { throw typeMismatch(what, "integer", value) }
        if let exact = n.int64Value { return exact }
        let d = n.doubleValue
        guard d.isFinite, abs(d) < 9.2e18 else { throw invalid("\(what.prefix(1).lowercased() + what.dropFirst()) \(n.text) is out of range") }
        let floor = d.rounded(.down)
        return Int64(floor) + (d - floor >= 0.5 ? 1 : 0)
    }
}

extension Int64 {
    fileprivate var magnitudeAsInt64: Int64 { self == .min ? .max : Swift.abs(self) }
}

/// The algorithms States.Hash accepts, named as AWS spells them.
enum HashAlgorithm: String, CaseIterable {
    case md5 = "MD5"
    case sha1 = "SHA-1"
    case sha256 = "SHA-256"
    case sha384 = "SHA-384"
    case sha512 = "SHA-512"

    func hexDigest(of data: [UInt8]) -> String {
        let digest: [UInt8] =
            switch self {
            case .md5: MD5.hash(data)
            case .sha1: SHA1.hash(data)
            case .sha256: SHA256.hash(data)
            case .sha384: SHA512.hash384(data)
            case .sha512: SHA512.hash(data)
            }
        return IntrinsicHex.encode(digest)
    }
}

/// java.util.Random, so a seeded States.MathRandom gives the same number for the same seed
/// on every run, as AWS's (a JVM service) does.
struct JavaRandom {
    private static let multiplier: UInt64 = 0x5_DEEC_E66D
    private static let mask: UInt64 = (1 << 48) - 1
    private var seed: UInt64

    init(seed: Int64) {
        self.seed = (UInt64(bitPattern: seed) ^ Self.multiplier) & Self.mask
    }

    mutating func next(bits: Int) -> Int32 {
        seed = (seed &* Self.multiplier &+ 0xB) & Self.mask
        return Int32(truncatingIfNeeded: seed >> UInt64(48 - bits))
    }

    /// `nextDouble()`: a double in [0, 1) from 53 random bits.
    mutating func nextDouble() -> Double {
        let high = Int64(next(bits: 26)) << 27
        return Double(high + Int64(next(bits: 27))) * 0x1.0p-53
    }

    /// `nextInt(bound)` for bounds that fit an Int32; larger spans scale `nextDouble()`.
    mutating func nextValue(below bound: Int64) -> Int64 {
        guard bound <= Int64(Int32.max) else {
            return min(bound - 1, Int64(nextDouble() * Double(bound)))
        }
        let n = Int32(bound)
        var r = next(bits: 31)
        let m = n - 1
        if n & m == 0 {
            return (Int64(n) * Int64(r)) >> 31
        }
        var u = r
        while true {
            r = u % n
            if u &- r &+ m >= 0 { break }
            u = next(bits: 31)
        }
        return Int64(r)
    }
}

/// Lowercase hexadecimal text of bytes.
enum IntrinsicHex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
