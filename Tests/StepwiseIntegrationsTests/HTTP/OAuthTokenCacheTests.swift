import StepwiseIntegrations
import Testing

@Suite("OAuth token cache")
struct OAuthTokenCacheTests {
    @Test("an expires_in that is huge, infinite, NaN or negative is capped or ignored, never trapping")
    func hostileLifetimesAreSafe() async {
        let cache = OAuthTokenCache()
        for (i, seconds) in [1e300, Double.infinity, Double.nan, -5, 0].enumerated() {
            await cache.store("token-\(i)", for: "c\(i)", expiresIn: seconds)
            #expect(await cache.token(for: "c\(i)") == "token-\(i)")
        }
    }
}
