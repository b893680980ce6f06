// Public entry of the format module (`kube-record/format`): Go fmt.Sprintf semantics for event messages.
/**
 * `kube-record/format`: Go's `fmt.Sprintf` in TypeScript — the formatter behind every recorder's
 * `eventf`, for messages that must read exactly as a Go controller's.
 *
 * @packageDocumentation
 * @module kube-record/format
 */
export { sprintf } from './sprintf.js';
