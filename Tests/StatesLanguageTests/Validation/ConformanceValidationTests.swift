import Foundation
import JSONValue
import Testing

@testable import StatesLanguage

/// Plays the recorded AWS answers in `../shared/conformance/cases` against the validator.
struct ConformanceValidationTests {
    static let casesRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/conformance/cases").standardizedFileURL

    struct Case {
        var name: String
        var json: JSONValue
        var type: StateMachineType { json["state_machine_type"]?.stringValue == "EXPRESS" ? .express : .standard }

        /// The diagnostics for the definition exactly as the harness would send it.
        func diagnostics() -> [Diagnostic] {
            let validator = DefinitionValidator(type: type)
            if let text = json["definition_string"]?.stringValue { return validator.validate(text: text) }
            var text = (json["definition"] ?? .null).serialized()
            // Activity cases get a real activity's ARN before they are sent.
            text = text.replacingOccurrences(of: "${ActivityArn}", with: "arn:aws:states:us-east-1:123456789012:activity:conformance")
            return validator.validate(text: text)
        }
    }

    static func loadCases(in folder: String?) throws -> [Case] {
        let fm = FileManager.default
        let folders = try folder.map { [$0] } ?? fm.contentsOfDirectory(atPath: casesRoot.path).sorted()
        var cases: [Case] = []
        for name in folders {
            let dir = casesRoot.appendingPathComponent(name)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else { continue }
            for file in try fm.contentsOfDirectory(atPath: dir.path).sorted() where file.hasSuffix(".json") {
                let data = try Data(contentsOf: dir.appendingPathComponent(file))
                cases.append(Case(name: "\(name)/\(file)", json: try JSONValue(parsing: data)))
            }
        }
        return cases
    }

    @Test("every recorded AWS validation answer is reproduced exactly")
    func validationCases() throws {
        let cases = try Self.loadCases(in: "validation")
        #expect(!cases.isEmpty)
        var matched = 0
        for testCase in cases {
            let diagnostics = testCase.diagnostics()
            let expected = testCase.json["expected"] ?? .null
            var ok: Bool
            if testCase.json["action"]?.stringValue == "create_state_machine" {
                let cause = expected["cause"]?.stringValue ?? ""
                ok = !diagnostics.isValid && diagnostics.invalidDefinitionMessage == cause
                #expect(ok, "\(testCase.name): got \(diagnostics.invalidDefinitionMessage)\n expected \(cause)")
            } else {
                let want = (expected["diagnostics"]?.arrayValue ?? []).map {
                    Diagnostic(
                        severity: $0["severity"]?.stringValue == "WARNING" ? .warning : .error,
                        code: $0["code"]?.stringValue ?? "", message: $0["message"]?.stringValue ?? "",
                        location: $0["location"]?.stringValue)
                }
                let status = diagnostics.isValid ? "OK" : "FAIL"
                ok = status == expected["status"]?.stringValue && diagnostics == want
                #expect(ok, "\(testCase.name): got \(diagnostics)\n expected \(want)")
            }
            if ok { matched += 1 }
        }
        print("validation cases: \(matched)/\(cases.count) match")
    }

    @Test("every definition the interpreter runs validates without errors")
    func runnableDefinitionsAreValid() throws {
        let cases = try Self.loadCases(in: nil).filter { !$0.name.hasPrefix("validation/") && $0.json["action"] == nil }
        var clean = 0
        for testCase in cases {
            let errors = testCase.diagnostics().filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(testCase.name): \(errors)")
            if errors.isEmpty { clean += 1 }
        }
        print("runnable definitions without errors: \(clean)/\(cases.count)")
    }
}
