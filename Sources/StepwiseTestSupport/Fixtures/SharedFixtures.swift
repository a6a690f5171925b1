import Foundation
import JSONValue

/// Finds and reads the peer suites in `../shared` beside the repository.
package enum SharedFixtures {
    /// `../shared` relative to the repository root (or `$STEPWISE_SHARED`).
    package static func sharedDirectory(from filePath: String = #filePath) -> URL {
        if let override = ProcessInfo.processInfo.environment["STEPWISE_SHARED"] {
            return URL(fileURLWithPath: override)
        }
        var url = URL(fileURLWithPath: filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) {
                return url.deletingLastPathComponent().appendingPathComponent("shared")
            }
        }
        return URL(fileURLWithPath: "../shared")
    }

    /// Every conformance case of the given categories, sorted by category and name.
    package static func conformanceCases(categories: [String]) throws -> [ConformanceCase] {
        let root = sharedDirectory().appendingPathComponent("conformance/cases")
        var cases: [ConformanceCase] = []
        for category in categories {
            let dir = root.appendingPathComponent(category)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".json") }.sorted()
            for file in files {
                let data = try Data(contentsOf: dir.appendingPathComponent(file))
                cases.append(try ConformanceCase(try JSONValue(parsing: data)))
            }
        }
        return cases
    }
}
