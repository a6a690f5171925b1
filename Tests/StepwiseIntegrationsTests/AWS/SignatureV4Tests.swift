import StatesLanguage
import Testing

@testable import StepwiseIntegrations

/// AWS's published Signature Version 4 test suite (credential `AKIDEXAMPLE`, 2015-08-30T12:36:00Z,
/// us-east-1, service `service`): our canonical request, string to sign and signature match byte for byte.
@Suite struct SignatureV4Tests {
    static let suiteTime = Timestamp(epochSeconds: 1_440_938_160)
    static let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")
    static let stsToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
    static let signer = SignatureV4(credentials: credentials, region: "us-east-1", service: "service")
    static let host = SignableRequest.Header("Host", "example.amazonaws.com")

    func authorization(_ request: SignableRequest, signer: SignatureV4 = Self.signer) -> String? {
        signer.sign(request, at: Self.suiteTime).header("Authorization")
    }

    @Test func hmacMatchesRFC4231TestCase2() {
        #expect(
            HMACSHA256.authenticationCode(key: Array("Jefe".utf8), message: "what do ya want for nothing?").lowercaseHex
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmacHashesKeysLongerThanABlock() {
        // RFC 4231 test case 6: a 131-byte key.
        let key = [UInt8](repeating: 0xaa, count: 131)
        #expect(
            HMACSHA256.authenticationCode(key: key, message: "Test Using Larger Than Block-Size Key - Hash Key First").lowercaseHex
                == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func amzDateIsUTCBasicFormat() {
        #expect(SignatureV4.amzDate(Self.suiteTime) == "20150830T123600Z")
        #expect(SignatureV4.amzDate(Timestamp(epochSeconds: 951_782_400)) == "20000229T000000Z")
    }

    @Test func getVanillaCanonicalRequestStringToSignAndSignature() {
        let request = SignableRequest(method: "GET", headers: [Self.host, .init("X-Amz-Date", "20150830T123600Z")])
        let canonical = SignatureV4.canonicalRequest(request)
        #expect(
            canonical.text
                == "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            Self.signer.stringToSign(canonicalRequest: canonical.text, amzDate: "20150830T123600Z")
                == "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
                + "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63")
        #expect(
            authorization(SignableRequest(method: "GET", headers: [Self.host]))
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31")
    }

    @Test func postXWWWFormURLEncodedSignsTheBodyAndContentType() {
        let request = SignableRequest(
            method: "POST", headers: [.init("Content-Type", "application/x-www-form-urlencoded"), Self.host],
            body: Array("Param1=value1".utf8))
        #expect(
            authorization(request)
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a")
    }

    @Test func getVanillaQueryOrderKeyCaseSortsParameters() {
        let request = SignableRequest(
            method: "GET", query: [.init("Param2", "value2"), .init("Param1", "value1")], headers: [Self.host])
        #expect(
            authorization(request)?.hasSuffix("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500") == true)
    }

    @Test func getHeaderValueTrimCollapsesSpaces() {
        let request = SignableRequest(
            method: "GET", headers: [Self.host, .init("My-Header1", " value1"), .init("My-Header2", "\"a   b   c\"")])
        #expect(
            authorization(request)
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736")
    }

    @Test func postStsHeaderBeforeSignsTheSessionToken() {
        var credentials = Self.credentials
        credentials.sessionToken = Self.stsToken
        let signer = SignatureV4(credentials: credentials, region: "us-east-1", service: "service")
        let signed = signer.sign(SignableRequest(method: "POST", headers: [Self.host]), at: Self.suiteTime)
        #expect(signed.header("X-Amz-Security-Token") == Self.stsToken)
        #expect(
            signed.header("Authorization")
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "
                + "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead")
    }

    @Test func contentHashHeaderIsAddedAndSignedOnlyWhenAsked() {
        let request = SignableRequest(method: "GET", headers: [Self.host])
        #expect(Self.signer.sign(request, at: Self.suiteTime).header("x-amz-content-sha256") == nil)
        var s3 = Self.signer
        s3.sendsContentHash = true
        let signed = s3.sign(request, at: Self.suiteTime)
        #expect(signed.header("x-amz-content-sha256") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(signed.header("Authorization")?.contains("SignedHeaders=host;x-amz-content-sha256;x-amz-date,") == true)
    }

    @Test func uriEncodingKeepsOnlyUnreservedCharacters() {
        #expect(SignatureV4.uriEncode("a-b_c.d~e f/g+h=é") == "a-b_c.d~e%20f%2Fg%2Bh%3D%C3%A9")
    }
}
