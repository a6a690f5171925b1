import StatesLanguage
import StepwiseEngine

/// One family of service integrations (HTTP, Lambda, tables, AWS calls, child executions, ...):
/// which resources it serves and how it runs them.
///
/// For a `.waitForTaskToken` resource, `run` makes the call that hands the token out and returns
/// that call's outcome; `IntegrationRoutingRunner` registers the token before and waits for its
/// answer after, so integrations need not know about callbacks. An integration that runs the whole
/// callback itself (the container runner) says so with `handlesCallbacks`.
package protocol ServiceIntegration: TaskRunner {
    /// True for the resources (with their pattern) this integration serves.
    func serves(_ resource: TaskResource) -> Bool
    /// True when `run` waits for the task token's answer itself.
    var handlesCallbacks: Bool { get }
}

extension ServiceIntegration {
    package var handlesCallbacks: Bool { false }
}
