extension JSONValue {
    /// Compact JSON text, as AWS prints state input and output: members in order, no spaces,
    /// `"` `\` and control characters escaped, everything else (including `/` and non-ASCII) as is.
    public func serialized() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Indented JSON text for people to read (two spaces, `"key": value`).
    public func prettyPrinted() -> String {
        var out: [UInt8] = []
        writePretty(to: &out, indent: 0)
        return String(decoding: out, as: UTF8.self)
    }

    /// The size in bytes of the compact UTF-8 text, computed without building it.
    public var serializedSize: Int {
        switch self {
        case .null: return 4
        case .bool(let b): return b ? 4 : 5
        case .number(let n): return n.textSize
        case .string(let s): return Self.quotedSize(s)
        case .array(let a):
            var size = 2 + max(0, a.count - 1)
            for v in a { size += v.serializedSize }
            return size
        case .object(let o):
            var size = 2 + max(0, o.count - 1)
            for (k, v) in o.storage { size += Self.quotedSize(k) + 1 + v.serializedSize }
            return size
        }
    }

    static func quotedSize(_ s: String) -> Int {
        if let size = s.utf8.withContiguousStorageIfAvailable(quotedSize(bytes:)) { return size }
        return quotedSize(bytes: Array(s.utf8))
    }

    static func quotedSize<C: Collection<UInt8>>(bytes: C) -> Int {
        var size = 2 + bytes.count
        for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C {
            switch b {
            case 0x22, 0x5C, 0x08, 0x0C, 0x0A, 0x0D, 0x09: size += 1
            default: size += 5
            }
        }
        return size
    }

    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: [0x6E, 0x75, 0x6C, 0x6C])
        case .bool(let b): out.append(contentsOf: b ? Array("true".utf8) : Array("false".utf8))
        case .number(let n): out.append(contentsOf: n.text.utf8)
        case .string(let s): Self.writeQuoted(s, to: &out)
        case .array(let a):
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                v.write(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let o):
            out.append(UInt8(ascii: "{"))
            var first = true
            for (k, v) in o.members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                Self.writeQuoted(k, to: &out)
                out.append(UInt8(ascii: ":"))
                v.write(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    func writePretty(to out: inout [UInt8], indent: Int) {
        func newline(_ level: Int) {
            out.append(0x0A)
            out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
        }
        switch self {
        case .array(let a) where !a.isEmpty:
            out.append(UInt8(ascii: "["))
            for (i, v) in a.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                newline(indent + 1)
                v.writePretty(to: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "]"))
        case .object(let o) where !o.isEmpty:
            out.append(UInt8(ascii: "{"))
            var first = true
            for (k, v) in o.members {
                if !first { out.append(UInt8(ascii: ",")) }
                first = false
                newline(indent + 1)
                Self.writeQuoted(k, to: &out)
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                v.writePretty(to: &out, indent: indent + 1)
            }
            newline(indent)
            out.append(UInt8(ascii: "}"))
        default:
            write(to: &out)
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    static func writeQuoted(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        for b in s.utf8 {
            switch b {
            case 0x22: out.append(contentsOf: [0x5C, 0x22])
            case 0x5C: out.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: out.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0..<0x20:
                out.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(b >> 4)], hexDigits[Int(b & 0xF)]])
            default: out.append(b)
            }
        }
        out.append(0x22)
    }
}

extension String {
    /// This string as a quoted JSON string literal.
    public var jsonQuoted: String {
        var out: [UInt8] = []
        JSONValue.writeQuoted(self, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    /// This string as one reference token of a JSON pointer (RFC 6901: `~` → `~0`, `/` → `~1`).
    public var jsonPointerEscaped: String {
        guard contains(where: { $0 == "~" || $0 == "/" }) else { return self }
        return replacing("~", with: "~0").replacing("/", with: "~1")
    }
}
