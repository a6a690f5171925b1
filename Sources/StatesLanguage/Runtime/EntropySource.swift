/// Where an execution's UUIDs and random numbers come from. Injected, so that a run with a
/// seeded source is exactly reproducible (tests, replay after a crash).
package protocol EntropySource: AnyObject {
    /// The next 64 uniformly distributed random bits.
    func next() -> UInt64
}

extension EntropySource {
    /// A uniformly distributed double in [0, 1).
    package func nextDouble() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniformly distributed integer in `range`.
    package func nextInt(in range: ClosedRange<Int64>) -> Int64 {
        let span = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        if span == 0 { return Int64(bitPattern: next()) }
        return range.lowerBound &+ Int64(bitPattern: next() % span)
    }

    /// A random (version 4) UUID in lowercase canonical form.
    package func uuidString() -> String {
        var bytes = [UInt8](repeating: 0, count: 16)
        let a = next()
        let b = next()
        for k in 0..<8 {
            bytes[k] = UInt8(truncatingIfNeeded: a >> (8 * UInt64(k)))
            bytes[8 + k] = UInt8(truncatingIfNeeded: b >> (8 * UInt64(k)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(36)
        for (k, byte) in bytes.enumerated() {
            if k == 4 || k == 6 || k == 8 || k == 10 { out.append(UInt8(ascii: "-")) }
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// A deterministic SplitMix64 generator: the same seed gives the same sequence.
package final class SeededEntropy: EntropySource {
    private var state: UInt64

    package init(seed: UInt64) { state = seed }

    package func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Entropy from the system's random number generator, for real executions.
package final class SystemEntropy: EntropySource {
    package init() {}

    package func next() -> UInt64 {
        var g = SystemRandomNumberGenerator()
        return g.next()
    }
}
