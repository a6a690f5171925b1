import Foundation

/// JavaScript's renderings of values: `Number.prototype.toString`, `toPrecision(15)` and `JSON.stringify`.
enum JSONText {
    /// `JSON.stringify` of a string.
    static func quote(_ s: String) -> String {
        var out = "\""
        out.reserveCapacity(s.utf8.count + 2)
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
        return out
    }

    /// `Number(d.toPrecision(15))`: how `$string` and `&` tame binary fractions (0.1+0.2 → 0.3).
    static func toPrecision15(_ d: Double) -> Double {
        if d == d.rounded(), abs(d) < 1e15 { return d }
        return Double(String(format: "%.14e", d)) ?? d
    }

    /// `JSON.stringify` with jsonata's replacer (15 significant digits, functions as "").
    static func stringify(_ v: Value, pretty: Bool = false, precision15: Bool = true) -> String {
        var out = ""
        write(v, to: &out, pretty: pretty, indent: 0, p15: precision15)
        return out
    }

    private static func write(_ v: Value, to out: inout String, pretty: Bool, indent: Int, p15: Bool) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let d):
            if !d.isFinite {
                out += "null"
            } else {
                out += JSNumberText.string(p15 ? toPrecision15(d) : d)
            }
        case .string(let s): out += quote(s)
        case .function: out += "\"\""
        case .array(let a):
            if let json = a.jsonSource, !pretty {
                out += JSONValue.array(json).serializedJS(p15: p15)
                return
            }
            let items = a.items
            if items.isEmpty {
                out += "[]"
                return
            }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                if pretty { newline(&out, indent + 1) }
                write(item, to: &out, pretty: pretty, indent: indent + 1, p15: p15)
            }
            if pretty { newline(&out, indent) }
            out += "]"
        case .object(let o):
            let members = o.members
            if members.isEmpty {
                out += "{}"
                return
            }
            out += "{"
            for (i, (k, val)) in members.enumerated() {
                if i > 0 { out += "," }
                if pretty { newline(&out, indent + 1) }
                out += quote(k)
                out += pretty ? ": " : ":"
                write(val, to: &out, pretty: pretty, indent: indent + 1, p15: p15)
            }
            if pretty { newline(&out, indent) }
            out += "}"
        }
    }

    private static func newline(_ out: inout String, _ level: Int) {
        out += "\n"
        out += String(repeating: "  ", count: level)
    }
}

import JSONValue

extension JSONValue {
    /// Compact `JSON.stringify` output of host JSON, numbers rendered as JavaScript does.
    func serializedJS(p15: Bool) -> String {
        var out = ""
        writeJS(to: &out, p15: p15)
        return out
    }

    private func writeJS(to out: inout String, p15: Bool) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n):
            let d = n.doubleValue
            out += JSNumberText.string(p15 ? JSONText.toPrecision15(d) : d)
        case .string(let s): out += JSONText.quote(s)
        case .array(let a):
            out += "["
            for (i, item) in a.enumerated() {
                if i > 0 { out += "," }
                item.writeJS(to: &out, p15: p15)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for i in 0..<o.count {
                if i > 0 { out += "," }
                let (k, v) = o.member(at: i)
                out += JSONText.quote(k)
                out += ":"
                v.writeJS(to: &out, p15: p15)
            }
            out += "}"
        }
    }
}
