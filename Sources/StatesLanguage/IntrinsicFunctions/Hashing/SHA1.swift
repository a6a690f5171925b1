/// SHA-1 (FIPS 180-4), for States.Hash.
enum SHA1 {
    static func hash(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        let data = intrinsicSHAPadded(message, blockSize: 64, lengthBytes: 8)
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for k in 0..<16 {
                let base = chunk + 4 * k
                w[k] = UInt32(data[base]) << 24 | UInt32(data[base + 1]) << 16 | UInt32(data[base + 2]) << 8 | UInt32(data[base + 3])
            }
            for k in 16..<80 { w[k] = (w[k - 3] ^ w[k - 8] ^ w[k - 14] ^ w[k - 16]).rotatedLeft(by: 1) }
            var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4]
            for k in 0..<80 {
                let f: UInt32
                let constant: UInt32
                switch k {
                case 0..<20:
                    f = (b & c) | (~b & d)
                    constant = 0x5A82_7999
                case 20..<40:
                    f = b ^ c ^ d
                    constant = 0x6ED9_EBA1
                case 40..<60:
                    f = (b & c) | (b & d) | (c & d)
                    constant = 0x8F1B_BCDC
                default:
                    f = b ^ c ^ d
                    constant = 0xCA62_C1D6
                }
                let temp = a.rotatedLeft(by: 5) &+ f &+ e &+ constant &+ w[k]
                e = d
                d = c
                c = b.rotatedLeft(by: 30)
                b = a
                a = temp
            }
            h[0] = h[0] &+ a
            h[1] = h[1] &+ b
            h[2] = h[2] &+ c
            h[3] = h[3] &+ d
            h[4] = h[4] &+ e
        }
        return h.bigEndianBytes()
    }
}




/// Pads a message for the SHA family: 0x80, zeros, then the bit length big-endian in `lengthBytes` bytes.
func intrinsicSHAPadded(_ message: [UInt8], blockSize: Int, lengthBytes: Int) -> [UInt8] {
    var data = message
    data.reserveCapacity(message.count + blockSize + lengthBytes)
    data.append(0x80)
    while data.count % blockSize != blockSize - lengthBytes { data.append(0) }
    let bitLength = UInt64(message.count) &* 8
    for _ in 0..<(lengthBytes - 8) { data.append(0) }
    for k in (0..<8).reversed() { data.append(UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64(k)))) }
    return data
}
