/// Base64 (RFC 4648, padded) for `B` and `BS` values, which DynamoDB's JSON carries as base64 text.
package enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let decodeTable: [Int8] = {
        var table = [Int8](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    package static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let triple = b0 << 16 | b1 << 8 | b2
            out.append(alphabet[Int(triple >> 18 & 63)])
            out.append(alphabet[Int(triple >> 12 & 63)])
            out.append(i + 1 < bytes.count ? alphabet[Int(triple >> 6 & 63)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(triple & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The bytes of padded or unpadded base64 text; nil when it is not base64.
    package static func decode(_ text: String) -> [UInt8]? {
        var symbols: [UInt8] = []
        var padding = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "=") {
                padding += 1
                continue
            }
            guard padding == 0 else { return nil }
            let v = decodeTable[Int(c)]
            guard v >= 0 else { return nil }
            symbols.append(UInt8(v))
        }
        guard symbols.count % 4 != 1, padding <= 2 else { return nil }
        if padding > 0, (symbols.count + padding) % 4 != 0 { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(symbols.count * 3 / 4)
        var i = 0
        while i < symbols.count {
            let n = min(4, symbols.count - i)
            var acc: UInt32 = 0
            for k in 0..<4 { acc = acc << 6 | (k < n ? UInt32(symbols[i + k]) : 0) }
            out.append(UInt8(acc >> 16 & 0xFF))
            if n > 2 { out.append(UInt8(acc >> 8 & 0xFF)) }
            if n > 3 { out.append(UInt8(acc & 0xFF)) }
            i += 4
        }
        return out
    }
}
