/// The kind of state machine a definition is created as; Express machines accept fewer integration patterns.
package enum StateMachineType: String, Sendable {
    case standard = "STANDARD"
    case express = "EXPRESS"
}
