// Public entry of the format module: Go fmt.Sprintf semantics for event messages.
export { sprintf } from './sprintf.js';
