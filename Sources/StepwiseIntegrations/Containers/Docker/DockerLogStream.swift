/// Docker's log stream of a container without a TTY: frames of an 8-byte header (stream byte,
/// three zero bytes, big-endian length) and the payload.
enum DockerLogStream {
    static func demultiplex(_ bytes: [UInt8], limit: Int) -> ContainerLogs {
        var out: [UInt8] = []
        var err: [UInt8] = []
        var i = 0
        while i + 8 <= bytes.count {
            let stream = bytes[i]
            let length = Int(bytes[i + 4]) << 24 | Int(bytes[i + 5]) << 16 | Int(bytes[i + 6]) << 8 | Int(bytes[i + 7])
            let start = i + 8
            let end = min(bytes.count, start + length)
            if stream == 2 { err += bytes[start..<end] } else { out += bytes[start..<end] }
            i = end
        }
        let (stdout, cutOut) = BoundedText.tail(out, limit: limit)
        let (stderr, cutErr) = BoundedText.tail(err, limit: limit)
        return ContainerLogs(stdout: stdout, stderr: stderr, truncated: cutOut || cutErr)
    }
}

/// The last bytes of a stream as text, cut at a character boundary.
enum BoundedText {
    static func tail(_ bytes: [UInt8], limit: Int) -> (String, Bool) {
        guard bytes.count > limit else { return (String(decoding: bytes, as: UTF8.self), false) }
        var start = bytes.count - max(0, limit)
        // Skip UTF-8 continuation bytes so the text starts on a whole character.
        while start < bytes.count, bytes[start] & 0xC0 == 0x80 { start += 1 }
        return (String(decoding: bytes[start...], as: UTF8.self), true)
    }
}

/// Reads what Docker's archive API returns for one file: a tar stream whose first entry is the file.
enum TarArchive {
    static func firstFile(in bytes: [UInt8]) -> [UInt8]? {
        guard bytes.count >= 512 else { return nil }
        // The size is octal ASCII in bytes 124..<136; type flag at 156 ('0' or NUL for a regular file).
        let sizeField = bytes[124..<136].drop { $0 == 0x20 }.prefix { $0 != 0 && $0 != 0x20 }
        guard let size = Int(String(decoding: sizeField, as: UTF8.self), radix: 8) else { return nil }
        let type = bytes[156]
        guard type == UInt8(ascii: "0") || type == 0 else { return nil }
        guard 512 + size <= bytes.count else { return nil }
        return Array(bytes[512..<(512 + size)])
    }
}
