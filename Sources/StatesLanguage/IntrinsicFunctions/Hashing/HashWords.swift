/// Word helpers shared by the MD5, SHA-1 and SHA-2 implementations.
extension FixedWidthInteger where Self: UnsignedInteger {
    @inline(__always) func rotatedLeft(by n: Self) -> Self { (self << n) | (self >> (Self(Self.bitWidth) - n)) }
    @inline(__always) func rotatedRight(by n: Self) -> Self { (self >> n) | (self << (Self(Self.bitWidth) - n)) }
}

extension Array where Element: FixedWidthInteger & UnsignedInteger {
    /// The words' bytes, most significant first, as SHA digests are written.
    func bigEndianBytes() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(count * Element.bitWidth / 8)
        for word in self {
            for k in (0..<(Element.bitWidth / 8)).reversed() { out.append(UInt8(truncatingIfNeeded: word >> (8 * k))) }
        }
        return out
    }
}
