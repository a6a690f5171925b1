import Testing
@testable import StatesLanguage

@Suite("Intrinsic hash implementations")
struct IntrinsicHashVectorTests {
    static let oneBlockPlus = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    static let twoBlocks1024 = Array("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu".utf8)

    func hex(_ algorithm: HashAlgorithm, _ data: [UInt8]) -> String { algorithm.hexDigest(of: data) }

    @Test("MD5 matches RFC 1321 test vectors")
    func md5() {
        #expect(hex(.md5, []) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(hex(.md5, Array("abc".utf8)) == "900150983cd24fb0d6963f7d28e17f72")
        #expect(hex(.md5, Array("12345678901234567890123456789012345678901234567890123456789012345678901234567890".utf8)) == "57edf4a22be3c955ac49da2e2107b67a")
        #expect(hex(.md5, Array("The quick brown fox jumps over the lazy dog".utf8)) == "9e107d9d372bb6826bd81d3542a419d6")
    }

    @Test("SHA-1 matches FIPS 180 test vectors")
    func sha1() {
        #expect(hex(.sha1, []) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(.sha1, Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(.sha1, Self.oneBlockPlus) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test("SHA-256 matches FIPS 180 test vectors")
    func sha256() {
        #expect(hex(.sha256, []) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(.sha256, Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(.sha256, Self.oneBlockPlus) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("SHA-384 matches FIPS 180 test vectors")
    func sha384() {
        #expect(hex(.sha384, []) == "38b060a751ac96384cd9327eb1b1e36a21fdb71114be07434c0cc7bf63f6e1da274edebfe76f65fbd51ad2f14898b95b")
        #expect(hex(.sha384, Array("abc".utf8)) == "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7")
        #expect(hex(.sha384, Self.twoBlocks1024) == "09330c33f71147e83d192fc782cd1b4753111b173b3b05d22fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039")
    }

    @Test("SHA-512 matches FIPS 180 test vectors")
    func sha512() {
        #expect(hex(.sha512, []) == "cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e")
        #expect(hex(.sha512, Array("abc".utf8)) == "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        #expect(hex(.sha512, Self.twoBlocks1024) == "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909")
    }

    @Test("every algorithm handles inputs around the padding boundary like a reference")
    func paddingBoundaries() {
        // 55/56/64 bytes straddle the one-block padding limit of MD5/SHA-1/SHA-256; 111/112/128 that of SHA-512.
        #expect(hex(.sha256, [UInt8](repeating: 0x61, count: 55)) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(hex(.sha256, [UInt8](repeating: 0x61, count: 56)) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(hex(.sha256, [UInt8](repeating: 0x61, count: 64)) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
        #expect(hex(.md5, [UInt8](repeating: 0x61, count: 64)) == "014842d480b571495a4a0363793f7367")
        #expect(hex(.sha1, [UInt8](repeating: 0x61, count: 64)) == "0098ba824b5c16427bd7a1122a5a442a25ec644d")
        #expect(hex(.sha512, [UInt8](repeating: 0x61, count: 111)) == "fa9121c7b32b9e01733d034cfc78cbf67f926c7ed83e82200ef86818196921760b4beff48404df811b953828274461673c68d04e297b0eb7b2b4d60fc6b566a2")
        #expect(hex(.sha512, [UInt8](repeating: 0x61, count: 112)) == "c01d080efd492776a1c43bd23dd99d0a2e626d481e16782e75d54c2503b5dc32bd05f0f1ba33e568b88fd2d970929b719ecbb152f58f130a407c8830604b70ca")
        #expect(hex(.sha384, [UInt8](repeating: 0x61, count: 128)) == "edb12730a366098b3b2beac75a3bef1b0969b15c48e2163c23d96994f8d1bef760c7e27f3c464d3829f56c0d53808b0b")
    }
}
